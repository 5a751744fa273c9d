"""The score floors kept in eval/thresholds.yaml: `planwissen eval` fails when planwissen drops below one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from eval.metrics import LOWER_IS_BETTER

DEFAULT_THRESHOLDS = Path(__file__).resolve().parent / "thresholds.yaml"


@dataclass(frozen=True)
class Violation:
    """A score on the wrong side of its threshold."""

    scope: str  # "overall" or a category
    metric: str
    value: float | None
    threshold: float
    kind: str = "min"  # min, max, or baseline

    def describe(self) -> str:
        value = "—" if self.value is None else f"{self.value:.3f}"
        if self.kind == "baseline":
            return f"{self.scope}: {self.metric} {value} liegt unter der Baseline ({self.threshold:.3f})"
        relation = "über dem Höchstwert" if self.kind == "max" else "unter dem Mindestwert"
        return f"{self.scope}: {self.metric} = {value} liegt {relation} {self.threshold:.3f}"


def load_thresholds(path: Path = DEFAULT_THRESHOLDS) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}


def _check_scope(scope: str, scores: dict, limits: dict) -> list[Violation]:
    found = []
    for metric, limit in (limits or {}).items():
        value = scores.get(metric)
        if metric in LOWER_IS_BETTER:
            if value is None or value > limit:
                found.append(Violation(scope, metric, value, float(limit), "max"))
        elif value is None or value < limit:
            found.append(Violation(scope, metric, value, float(limit), "min"))
    return found


def check(summary: dict, thresholds: dict, baseline_summary: dict | None = None) -> list[Violation]:
    """Violations of planwissen's summary against the thresholds (and, if asked, against the baseline per category).

    thresholds: {"overall": {metric: floor}, "categories": {cat: {metric: floor}}, "beat_baseline": [metric, …]}.
    Metrics in LOWER_IS_BETTER (false refusal rate) are ceilings instead of floors.
    """
    found = _check_scope("overall", summary.get("overall", {}), thresholds.get("overall", {}))
    for category, limits in (thresholds.get("categories") or {}).items():
        found += _check_scope(category, summary.get("categories", {}).get(category, {}), limits)
    if baseline_summary is not None:
        for metric in thresholds.get("beat_baseline") or []:
            for category, scores in summary.get("categories", {}).items():
                ours = scores.get(metric)
                theirs = baseline_summary.get("categories", {}).get(category, {}).get(metric)
                if ours is not None and theirs is not None and ours < theirs:
                    found.append(Violation(category, metric, ours, theirs, "baseline"))
    return found

"""The score floors kept in eval/thresholds.yaml: `planwissen eval` fails when planwissen drops below one.

Floors are derived from the DEV split and checked against the TEST split only (eval/splits.yaml): the test split
never feeds a threshold or a tuned constant; since dev is in-sample, the floors leave a stated margin."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import yaml

from eval.dataset import UNANSWERABLE_CATEGORIES
from eval.metrics import LOWER_IS_BETTER

DEFAULT_THRESHOLDS = Path(__file__).resolve().parent / "thresholds.yaml"
#: The split the floors gate on.
GATED_SPLIT = "test"


@dataclass(frozen=True)
class Violation:
    """A score on the wrong side of its threshold."""

    scope: str  # "overall" or a category
    metric: str
    value: float | None
    threshold: float
    kind: str = "min"  # min, max, baseline, or gold (a gold source the index does not hold)

    def describe(self) -> str:
        value = "—" if self.value is None else f"{self.value:.3f}"
        if self.kind == "gold":
            return f"{self.scope}: Goldquelle {self.metric} im Index nicht gefunden"
        if self.kind == "baseline":
            return f"{self.scope}: {self.metric} {value} liegt unter dem Vergleichssystem ({self.threshold:.3f})"
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


def check(summary: dict, thresholds: dict, baseline_summary: dict | None = None, others: dict[str, dict] | None = None) -> list[Violation]:
    """Violations of planwissen's summary against the thresholds (and, if asked, against the baseline per category).

    thresholds: {"overall": {metric: floor}, "categories": {cat: {metric: floor}}, "beat_baseline": [metric, …],
    "beat_baseline_categories": [cat, …] (default: every category), "beat_baseline_overall": [metric, …],
    "beat_overall": {system: [metric, …]}}.
    `others`: summaries of further systems by name (e.g. "dense") for `beat_overall`.
    Metrics in LOWER_IS_BETTER (false refusal rate) are ceilings instead of floors.
    """
    found = _check_scope("overall", summary.get("overall", {}), thresholds.get("overall", {}))
    for category, limits in (thresholds.get("categories") or {}).items():
        found += _check_scope(category, summary.get("categories", {}).get(category, {}), limits)
    if baseline_summary is not None:
        only = thresholds.get("beat_baseline_categories")
        for metric in thresholds.get("beat_baseline") or []:
            for category, scores in summary.get("categories", {}).items():
                if only is not None and category not in only:
                    continue
                ours = scores.get(metric)
                theirs = baseline_summary.get("categories", {}).get(category, {}).get(metric)
                if ours is not None and theirs is not None and ours < theirs:
                    found.append(Violation(category, metric, ours, theirs, "baseline"))
    if baseline_summary is not None:
        for metric in thresholds.get("beat_baseline_overall") or []:
            ours, theirs = summary.get("overall", {}).get(metric), baseline_summary.get("overall", {}).get(metric)
            if ours is not None and theirs is not None and ours < theirs:
                found.append(Violation("overall vs baseline", metric, ours, theirs, "baseline"))
    for system, metrics in (thresholds.get("beat_overall") or {}).items():
        other = (others or {}).get(system)
        if other is None:
            continue
        for metric in metrics:
            ours, theirs = summary.get("overall", {}).get(metric), other.get("overall", {}).get(metric)
            if ours is not None and theirs is not None and ours < theirs:
                found.append(Violation(f"overall vs {system}", metric, ours, theirs, "baseline"))
    return found


#: The issue's targets: a floor derived from a measurement is never set above them.
TARGETS = {"hit@5": 0.90, "list_recall": 0.95, "fact_recall": 0.80, "citation_precision": 0.90, "refusal_accuracy": 0.85}


def _floor(value: float, margin: float) -> float:
    return max(0.0, math.floor((value - margin + 1e-9) * 100) / 100)


def split_summary(summary: dict, split: str | None = GATED_SPLIT) -> dict:
    """One split's part of a system summary (`split=None`: over all questions, for reports without splits)."""
    if split is None:
        return summary
    try:
        return summary["splits"][split]
    except KeyError:
        raise ValueError(f"Der Bericht enthält keinen {split}-Split (mit der aktuellen Version neu messen).") from None


#: The split floors are derived from: dev only — the test split never feeds a threshold, it is only checked.
SOURCE_SPLIT = "dev"
#: Dev is in-sample (settings are calibrated on it), so the held-out test split is expected lower: overall rates may
#: sit this far below their dev value, a category's answer score (and refusal accuracy) this many of its test questions.
OVERALL_MARGIN = 0.15
CATEGORY_QUESTIONS_MARGIN = 3
#: Ceilings (false refusal rate) may sit this far above their dev value.
CEILING_MARGIN = 0.05


def suggest(report: dict, system: str = "planwissen", overall_margin: float = OVERALL_MARGIN,
            questions_margin: int = CATEGORY_QUESTIONS_MARGIN, split: str | None = SOURCE_SPLIT) -> dict:
    """Floors from a measured report's DEV split, to be checked on the TEST split: overall metrics minus a margin,
    category answer scores (and refusal accuracy of the unanswerable categories) minus a number of the category's
    test questions, never above the issue's targets; the false refusal rate gets a ceiling. Being above the baseline
    is gated overall (answer score) and against the dense-only variant (hit@5, MRR); per-category comparisons with the
    baseline are reported, not gated, because a floor taken from dev cannot know them for test."""
    ours = split_summary(report["systems"][system], split)
    meta = report["meta"]
    counts = meta["per_category"] if split is None else meta["per_split_category"].get(GATED_SPLIT, {})
    overall = {}
    for metric, value in ours["overall"].items():
        if value is None or metric in {"hit@1", "hit@10"}:
            continue
        if metric in LOWER_IS_BETTER:
            overall[metric] = round(min(0.5, math.ceil((value + CEILING_MARGIN) * 100 - 1e-9) / 100), 2)
        else:
            overall[metric] = min(_floor(value, overall_margin), TARGETS.get(metric, 1.0))
    categories = {}
    for cat, scores in ours["categories"].items():
        slack = questions_margin / max(counts.get(cat, 1), 1)
        floors = {m: _floor(scores[m], slack) for m in ("answer_score",) if scores.get(m) is not None}
        if cat in UNANSWERABLE_CATEGORIES and scores.get("refusal_accuracy") is not None:
            floors["refusal_accuracy"] = _floor(scores["refusal_accuracy"], slack)
        if floors:
            categories[cat] = floors
    return {
        "overall": overall,
        "categories": categories,
        "beat_baseline": [],
        "beat_baseline_categories": [],
        "beat_baseline_overall": ["answer_score"],
        "beat_overall": {"dense": ["hit@5", "mrr"]},
    }


def main(argv: list[str] | None = None) -> int:
    """python -m eval.thresholds results/<run>/report.json — print floors suggested from the report's DEV split
    (review, then copy into thresholds.yaml; they are checked on the test split)."""
    import json
    import sys

    args = argv if argv is not None else sys.argv[1:]
    if not args:
        print("Aufruf: python -m eval.thresholds results/<lauf>/report.json", file=sys.stderr)
        return 2
    report = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    try:
        floors = suggest(report)
    except ValueError as exc:
        print("FEHLER:", exc, file=sys.stderr)
        return 2
    print(f"# aus dem {SOURCE_SPLIT}-Split von {args[0]} (geprüft wird der {GATED_SPLIT}-Split)")
    print(yaml.safe_dump(floors, sort_keys=False, allow_unicode=True, default_flow_style=None))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

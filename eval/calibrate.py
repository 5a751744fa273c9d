"""Calibrates settings fields on the eval set's DEV split, so another corpus can tune planwissen on its own questions.

Each `--field section.name=v1,v2,…` names a described field of the settings tree (assistant/core/settings.py) and the
values to try. Only dev-split questions are ever asked (the test split stays out of sample: its answers are never
produced, let alone read). The run works on an already ingested index (`--index`, never re-ingested) and prints, per
tried setting, the dev scores, then the best value of every field.

    .venv/bin/python -m eval.calibrate --index /tmp/idx --field retrieval.min_dense_score=0.76,0.78,0.80 \\
        --field retrieval.rrf_k=20,30,60 [--metric answer_score] [--mode coordinate|grid] [--out calib.json]

Modes: `coordinate` (default) tunes one field after the other, each with the best values found so far for the fields
before it (runs = sum of the value counts); `grid` tries every combination (runs = product of the value counts).
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from eval.dataset import DEFAULT_DATASET, EvalCase, EvalSet, load_eval_set, validate
from eval.harness import run_system, score
from eval.metrics import LOWER_IS_BETTER
from eval.systems import PlanwissenSystem

#: The only split calibration may look at.
CALIBRATION_SPLIT = "dev"
#: Scores shown beside the objective for every tried setting (trade-offs: refusing more lifts refusal accuracy
#: and the false refusal rate together).
SHOWN = ("answer_score", "fact_recall", "refusal_accuracy", "false_refusal_rate", "citation_precision", "hit@5", "mrr")


class CalibrationError(ValueError):
    """A field, value or index that cannot be calibrated (message in German, for the command line)."""


@dataclass(frozen=True)
class Sweep:
    """One settings field and the values to try."""

    path: tuple[str, ...]
    values: tuple
    description: str = ""

    @property
    def name(self) -> str:
        return ".".join(self.path)


@dataclass
class Trial:
    """One tried setting (all swept fields) and its dev scores."""

    values: dict[str, object]
    scores: dict[str, float | None]
    errors: int = 0


@dataclass
class Calibration:
    """All trials, the objective, and the best values found."""

    metric: str
    sweeps: list[Sweep]
    trials: list[Trial] = field(default_factory=list)
    best: Trial | None = None
    dev_questions: int = 0

    def as_dict(self) -> dict:
        return {
            "split": CALIBRATION_SPLIT,
            "metric": self.metric,
            "dev_questions": self.dev_questions,
            "fields": {s.name: {"values": list(s.values), "description": s.description} for s in self.sweeps},
            "trials": [{"values": t.values, "scores": t.scores, "errors": t.errors} for t in self.trials],
            "best": {"values": self.best.values, "scores": self.best.scores} if self.best else None,
        }


def _field_info(model: BaseModel, path: Sequence[str]):
    """(owning model, field name, FieldInfo) for a dotted path, or CalibrationError naming what is wrong."""
    current = model
    for depth, part in enumerate(path):
        fields = type(current).model_fields
        if part not in fields:
            where = ".".join(path[:depth]) or "Einstellungen"
            raise CalibrationError(f"{'.'.join(path)}: {where} hat kein Feld {part!r} (vorhanden: {', '.join(fields)})")
        if depth == len(path) - 1:
            return current, part, fields[part]
        current = getattr(current, part)
        if not isinstance(current, BaseModel):
            raise CalibrationError(f"{'.'.join(path)}: {part} ist kein Abschnitt")
    raise CalibrationError("leerer Feldname")


def parse_sweep(text: str, settings: BaseModel) -> Sweep:
    """`retrieval.min_dense_score=0.76,0.78` → Sweep, each value checked against the field's type and bounds."""
    name, sep, raw_values = text.partition("=")
    path = tuple(p for p in name.strip().split(".") if p)
    if not sep or not path or not raw_values.strip():
        raise CalibrationError(f"{text!r}: erwartet Abschnitt.feld=wert1,wert2,…")
    _model, _name, info = _field_info(settings, path)
    if not info.description:
        raise CalibrationError(f"{name}: Feld ohne Beschreibung — nur beschriebene Einstellungen werden kalibriert")
    values = tuple(yaml.safe_load(v.strip()) for v in raw_values.split(",") if v.strip())
    sweep = Sweep(path, values, info.description)
    for value in values:
        apply(settings, {sweep.path: value})  # fails early on a value the field refuses
    return sweep


def apply(settings: BaseModel, changes: dict[tuple[str, ...], object]) -> BaseModel:
    """A copy of the settings with the changed fields, validated (bounds and types as in the settings tree)."""
    for path, value in changes.items():
        settings = _set(settings, path, value)
    return settings


def _set(model: BaseModel, path: tuple[str, ...], value) -> BaseModel:
    head, *rest = path
    if rest:
        return model.model_copy(update={head: _set(getattr(model, head), tuple(rest), value)})
    data = {**model.model_dump(), head: value}
    try:
        checked = type(model).model_validate(data)
    except ValidationError as exc:
        problem = exc.errors()[0].get("msg", str(exc))
        raise CalibrationError(f"{head}={value!r}: {problem}") from None
    return model.model_copy(update={head: getattr(checked, head)})


def dev_cases(eval_set: EvalSet) -> list[EvalCase]:
    """The dev split only; a question without a split stops the calibration (it might be a test question)."""
    problems = [p for p in validate(eval_set) if "Split" in p]
    if problems:
        raise CalibrationError("Fragen ohne gültigen Split: " + "; ".join(problems[:5]))
    return [c for c in eval_set.cases if c.split == CALIBRATION_SPLIT]


def _better(metric: str, new: float | None, old: float | None) -> bool:
    if new is None:
        return False
    if old is None:
        return True
    return new < old if metric in LOWER_IS_BETTER else new > old


def calibrate(
    eval_set: EvalSet,
    base_settings: BaseModel,
    sweeps: Sequence[Sweep],
    services_for: Callable[[BaseModel], object],
    metric: str = "answer_score",
    mode: str = "coordinate",
    progress: Callable[[Trial], None] | None = None,
) -> Calibration:
    """Try the swept values on the dev split; `services_for(settings)` builds planwissen's services for one setting."""
    cases = dev_cases(eval_set)
    if not cases:
        raise CalibrationError("Der Dev-Split enthält keine Fragen.")
    result = Calibration(metric, list(sweeps), dev_questions=len(cases))
    tried: dict[tuple, Trial] = {}

    def run(values: dict[tuple[str, ...], object]) -> Trial:
        key = tuple(sorted((k, repr(v)) for k, v in values.items()))
        if key in tried:
            return tried[key]
        system = PlanwissenSystem(services_for(apply(base_settings, values)))
        outputs = run_system(system, cases)
        scored = score("planwissen", eval_set, outputs, cases)
        if metric not in scored.overall:
            raise CalibrationError(f"unbekannte Kennzahl {metric!r} (bekannt: {', '.join(scored.overall)})")
        trial = Trial({".".join(k): v for k, v in values.items()}, {m: scored.overall[m].overall for m in SHOWN if m in scored.overall})
        trial.scores.setdefault(metric, scored.overall[metric].overall)
        trial.errors = sum(1 for o in outputs.values() if o.error)
        tried[key] = trial
        result.trials.append(trial)
        if progress is not None:
            progress(trial)
        return trial

    current = {s.path: _current_value(base_settings, s.path) for s in sweeps}
    if mode == "grid":
        for combo in itertools.product(*(s.values for s in sweeps)):
            trial = run(dict(zip([s.path for s in sweeps], combo, strict=True)))
            if result.best is None or _better(metric, trial.scores.get(metric), result.best.scores.get(metric)):
                result.best = trial
        return result
    if mode != "coordinate":
        raise CalibrationError(f"unbekannter Modus {mode!r} (coordinate oder grid)")
    best = run(dict(current))
    for sweep in sweeps:
        for value in sweep.values:
            trial = run({**current, sweep.path: value})
            if _better(metric, trial.scores.get(metric), best.scores.get(metric)):  # ties keep the value in place
                best, current = trial, {**current, sweep.path: value}
    result.best = best
    return result


def _current_value(settings: BaseModel, path: tuple[str, ...]):
    value = settings
    for part in path:
        value = getattr(value, part)
    return value


def env_lines(values: dict[str, object]) -> list[str]:
    """The best values as environment variables (PLANWISSEN_RETRIEVAL__MIN_DENSE_SCORE=0.78)."""
    return [f"PLANWISSEN_{name.replace('.', '__').upper()}={value}" for name, value in values.items()]


def _fmt(value) -> str:
    return "—" if value is None else f"{value:.3f}"


def render(result: Calibration) -> str:
    """The trials as a plain table, then the best values with their dev scores."""
    names = [s.name for s in result.sweeps]
    shown = [result.metric] + [m for m in SHOWN if m != result.metric]
    lines = [f"Kalibrierung auf dem {CALIBRATION_SPLIT}-Split ({result.dev_questions} Fragen), Ziel: {result.metric}", ""]
    for sweep in result.sweeps:
        lines.append(f"  {sweep.name}: {sweep.description}")
    lines += ["", " | ".join(names + shown)]
    for trial in result.trials:
        lines.append(" | ".join([str(trial.values.get(n)) for n in names] + [_fmt(trial.scores.get(m)) for m in shown]))
    if result.best:
        lines += ["", "Beste Werte (dev):"]
        lines += [f"  {name} = {value}" for name, value in result.best.values.items()]
        lines.append("  " + ", ".join(f"{m} {_fmt(result.best.scores.get(m))}" for m in shown))
        lines += ["", "Als Umgebungsvariablen:"] + [f"  {line}" for line in env_lines(result.best.values)]
    return "\n".join(lines)


def real_services_factory(settings, index: Path):
    """planwissen's own services on the given index, one embedder shared by every trial; nothing is ingested."""
    from assistant.bootstrap import build_embedder, build_services
    from assistant.cli.eval_cmd import eval_settings
    from assistant.core.data_dir import DataDir

    if not DataDir(index).marker.is_file():
        raise CalibrationError(f"{index}: kein eingelesener Index (planwissen eval --index {index} legt ihn an)")
    embedder = build_embedder(settings)
    return lambda tried: build_services(eval_settings(tried, Path(index)), embedder=embedder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="eingelesener Index (Datenordner), wird nicht verändert")
    parser.add_argument("--field", action="append", required=True, help="abschnitt.feld=wert1,wert2,… (mehrfach)")
    parser.add_argument("--metric", default="answer_score", help="Zielgröße auf dem Dev-Split (Standard: answer_score)")
    parser.add_argument("--mode", choices=("coordinate", "grid"), default="coordinate")
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--out", type=Path, default=None, help="JSON mit allen Versuchen und den besten Werten")
    args = parser.parse_args(argv)
    from assistant.bootstrap import configure_runtime
    from assistant.core.settings import Settings

    settings = Settings()
    configure_runtime(settings.model_copy(update={"log_level": "WARNING"}))
    try:
        sweeps = [parse_sweep(text, settings) for text in args.field]
        factory = real_services_factory(settings, args.index)
        result = calibrate(
            load_eval_set(args.dataset),
            settings,
            sweeps,
            factory,
            metric=args.metric,
            mode=args.mode,
            progress=lambda t: print(f"  {t.values} → {args.metric} {_fmt(t.scores.get(args.metric))}", flush=True),
        )
    except CalibrationError as exc:
        print("FEHLER:", exc, file=sys.stderr)
        return 2
    print(render(result))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result.as_dict(), indent=2, ensure_ascii=False, default=str), encoding="utf-8")
        print(f"\nGeschrieben: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

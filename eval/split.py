"""Adds the ids of new eval questions to eval/splits.yaml, balanced dev/test per category.

The split is fixed: an id once assigned keeps its split forever (so tuning on dev can never leak into test by
reshuffling). New ids of a category are taken in the order of sha1(id) and each goes to the split that has fewer
questions of that category so far (dev on a tie) — for a fresh category that is the same "alternate dev/test in
sha1 order" rule the first 169 questions were split by.

    .venv/bin/python -m eval.split            # add missing ids to eval/splits.yaml
    .venv/bin/python -m eval.split --probe    # add missing ids as probes: written while tuning, so dev only
    .venv/bin/python -m eval.split --check    # exit 1 when a question has no split entry

Probes (`probes:` in the file) are questions written while tuning a component: they were seen, so they are dev
forever and stay outside the stratified split (its balance is checked without them).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from eval.dataset import DEFAULT_SPLITS, EVAL_DIR, SPLITS, load_probes, load_splits

QUESTIONS = EVAL_DIR / "questions.yaml"
HEADER = """\
# Fixed dev/test split of the eval set, stratified by category (within a category: ids ordered by sha1, alternating
# dev/test). Calibration, thresholds and every tuned constant may use DEV only; CI gates on TEST.
# Existing assignments never change; new questions are added by `python -m eval.split` (balanced per category).
# `probes`: questions written while tuning (`python -m eval.split --probe`): dev only, outside the stratified split.
"""


class SplitError(ValueError):
    """The questions file cannot be split (duplicate ids, missing id or category, broken split file)."""


def _sha1(case_id: str) -> str:
    return hashlib.sha1(case_id.encode("utf-8")).hexdigest()


def question_categories(questions: Iterable[Mapping]) -> dict[str, str]:
    """id -> category of every question, in file order; raises SplitError on a missing field or a duplicate id."""
    found: dict[str, str] = {}
    for number, raw in enumerate(questions, start=1):
        if not isinstance(raw, Mapping) or not raw.get("id") or not raw.get("category"):
            raise SplitError(f"Frage Nr. {number}: id und category sind Pflicht ({raw!r:.80})")
        case_id = str(raw["id"])
        if case_id in found:
            raise SplitError(f"doppelte id {case_id!r}")
        found[case_id] = str(raw["category"])
    return found


def assign(categories: Mapping[str, str], existing: Mapping[str, str]) -> dict[str, str]:
    """Splits for the ids in `categories` that `existing` lacks (existing ones are neither changed nor returned)."""
    bad = {k: v for k, v in existing.items() if v not in SPLITS}
    if bad:
        raise SplitError(f"unbekannte Splits in der Split-Datei: {bad}")
    counts: dict[str, dict[str, int]] = {}
    new: dict[str, list[str]] = {}
    for case_id, category in categories.items():
        per = counts.setdefault(category, dict.fromkeys(SPLITS, 0))
        if case_id in existing:
            per[existing[case_id]] += 1
        else:
            new.setdefault(category, []).append(case_id)
    added: dict[str, str] = {}
    for category, ids in new.items():
        per = counts[category]
        for case_id in sorted(ids, key=_sha1):
            split = min(SPLITS, key=lambda s: (per[s], SPLITS.index(s)))
            per[split] += 1
            added[case_id] = split
    return added


def render(splits: Mapping[str, str], probes: Iterable[str] = ()) -> str:
    """The split file: the stratified assignments, then the probes (dev only)."""
    probes = sorted(set(probes))
    stratified = {k: v for k, v in sorted(splits.items()) if k not in probes}
    data: dict = {"splits": stratified} | ({"probes": probes} if probes else {})
    return HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=160)


def read_questions(path: Path) -> list:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:  # e.g. merge-conflict markers left in the file
        raise SplitError(f"{path}: nicht lesbar ({exc})") from exc
    questions = data.get("questions") if isinstance(data, Mapping) else data
    if not isinstance(questions, list):
        raise SplitError(f"{path}: keine Liste `questions`")
    return questions


def update(questions_path: Path = QUESTIONS, splits_path: Path = DEFAULT_SPLITS, *,
           probe: bool = False) -> tuple[dict[str, str], list[str]]:
    """Write the split file with every question's id; returns (newly added ids -> split, ids of the file no question has).

    With `probe`, the new ids are probes (dev, outside the stratified split) instead of balanced per category."""
    categories = question_categories(read_questions(questions_path))
    try:
        existing = load_splits(splits_path)
        probes = load_probes(splits_path)
    except yaml.YAMLError as exc:
        raise SplitError(f"{splits_path}: kein gültiges YAML ({exc})") from exc
    if probe:
        added = {case_id: "dev" for case_id in categories if case_id not in existing}
        probes = [*probes, *added]
    else:
        stratified = {k: v for k, v in existing.items() if k not in set(probes)}
        added = assign({k: v for k, v in categories.items() if k not in set(probes)}, stratified)
    orphans = sorted(set(existing) - set(categories))
    if added or not Path(splits_path).is_file():
        Path(splits_path).write_text(render({**existing, **added}, probes), encoding="utf-8")
    return added, orphans


def missing(questions_path: Path = QUESTIONS, splits_path: Path = DEFAULT_SPLITS) -> list[str]:
    """Ids of questions without a split entry."""
    existing = load_splits(splits_path)
    return [i for i in question_categories(read_questions(questions_path)) if i not in existing]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--splits", type=Path, default=DEFAULT_SPLITS)
    parser.add_argument("--check", action="store_true", help="nur prüfen, ob jede Frage einen Split hat")
    parser.add_argument("--probe", action="store_true", help="neue Fragen als Sonden eintragen (beim Abstimmen geschrieben: nur dev)")
    args = parser.parse_args(argv)
    try:
        if args.check:
            absent = missing(args.questions, args.splits)
            if absent:
                print(f"{len(absent)} Frage(n) ohne Split: {', '.join(absent)} — python -m eval.split ausführen", file=sys.stderr)
                return 1
            print("Jede Frage hat einen Split.")
            return 0
        added, orphans = update(args.questions, args.splits, probe=args.probe)
    except SplitError as exc:
        print("FEHLER:", exc, file=sys.stderr)
        return 2
    for case_id, split in added.items():
        print(f"{case_id}: {split}")
    if orphans:
        print(f"Hinweis: {len(orphans)} id(s) in {args.splits} ohne Frage (bleiben stehen): {', '.join(orphans)}", file=sys.stderr)
    assigned = list(load_splits(args.splits).values())
    print(f"{len(added)} neue id(s) eingetragen; " + ", ".join(f"{s} {assigned.count(s)}" for s in SPLITS))
    return 0


if __name__ == "__main__":
    sys.exit(main())

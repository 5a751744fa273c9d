"""The eval set as typed cases: question, category, facts, gold sources, expected lists, answerability.

The questions are written by hand in eval/questions.yaml; eval/build_dataset.py locates their gold pages,
sections and rows in the corpus and derives the complete expected sets of inventory questions from the
offers table (eval/derive_lists.py), writing eval/dataset.yaml, which this module reads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

EVAL_DIR = Path(__file__).resolve().parent
DEFAULT_DATASET = EVAL_DIR / "dataset.yaml"
#: The fixed dev/test assignment of every question id (written by `python -m eval.split`, never rewritten).
DEFAULT_SPLITS = EVAL_DIR / "splits.yaml"
#: dev: calibration, thresholds' derivation aids, tuning; test: the figures CI gates on.
SPLITS: tuple[str, ...] = ("dev", "test")

CATEGORIES: tuple[str, ...] = (
    "liste",
    "zahlen",
    "definition",
    "organisation",
    "befragung",
    "vergleich",
    "multidok",
    "unbeantwortbar",
    "paraphrase",
    "schreibvarianten",
    # -- issue 12: eval that measures (own block, so parallel additions merge)
    "umgangssprache",
    "folgefrage",
    "verlockend-unbeantwortbar",
    # -- issue 11: the Kennzahlen engine's figure questions
    "rangfolge",
    "anzahl",
    "schwelle",
    "entwicklung",
)

#: Categories whose questions must be declined (scored on refusal accuracy, never on facts).
UNANSWERABLE_CATEGORIES: frozenset[str] = frozenset({"unbeantwortbar", "verlockend-unbeantwortbar"})


@dataclass(frozen=True)
class GoldSource:
    """Where the answer is: a document, optionally narrowed to pages (PDF), data rows (tables) or a section."""

    doc: str
    pages: frozenset[int] = frozenset()
    rows: frozenset[int] = frozenset()
    section: str = ""

    @property
    def located(self) -> bool:
        return bool(self.pages or self.rows or self.section)

    @classmethod
    def from_dict(cls, raw: dict) -> GoldSource:
        return cls(
            doc=str(raw["doc"]),
            pages=frozenset(_ints(raw.get("page", raw.get("pages")))),
            rows=frozenset(_ints(raw.get("row", raw.get("rows")))),
            section=str(raw.get("section") or ""),
        )


def _ints(value) -> list[int]:
    if value is None:
        return []
    if isinstance(value, int):
        return [value]
    return [int(v) for v in value]


#: A fact is a string/number, or a list of alternatives of which one must appear.
Fact = str | int | float | list


@dataclass(frozen=True)
class EvalCase:
    """One question of the eval set."""

    id: str
    question: str
    category: str
    facts: tuple = ()
    sources: tuple[GoldSource, ...] = ()
    expected: tuple[str, ...] = ()
    answerable: bool = True
    note: str = ""
    list_query: dict | None = None
    list_field: str = ""
    #: "dev" or "test" (from eval/splits.yaml); "" when the id has no entry (validate() reports it).
    split: str = ""
    #: A conversation: every turn in order; the gold applies to the last one (== question).
    turns: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return bool(self.expected)

    @property
    def earlier_turns(self) -> tuple[str, ...]:
        """The turns before the question (empty for a single question)."""
        return self.turns[:-1]


@dataclass
class EvalSet:
    """All cases plus the alias map (canonical name -> variants) and, per list field, every possible item."""

    cases: list[EvalCase]
    aliases: dict[str, list[str]] = field(default_factory=dict)
    universes: dict[str, list[str]] = field(default_factory=dict)

    def by_category(self) -> dict[str, list[EvalCase]]:
        grouped: dict[str, list[EvalCase]] = {}
        for case in self.cases:
            grouped.setdefault(case.category, []).append(case)
        return grouped

    def variants(self, item: str) -> list[str]:
        """The item and its aliases (both directions of the alias map)."""
        found = [item]
        for canonical, others in self.aliases.items():
            group = [canonical, *others]
            if item in group:
                found.extend(v for v in group if v not in found)
        return found


def case_from_dict(raw: dict, splits: dict[str, str] | None = None) -> EvalCase:
    """Build a case from its dataset entry; its split comes from `splits` (eval/splits.yaml), else its own `split` key."""
    expected = raw.get("expected") or []
    sources = [GoldSource.from_dict(s) for s in raw.get("sources", [])]
    turns = tuple(str(t) for t in raw.get("turns") or ())
    case_id = str(raw["id"])
    return EvalCase(
        id=case_id,
        question=str(raw.get("question") or (turns[-1] if turns else "")),
        split=str((splits or {}).get(case_id) or raw.get("split") or ""),
        turns=turns,
        category=str(raw["category"]),
        facts=tuple(raw.get("facts") or ()),
        sources=tuple(sources),
        expected=tuple(str(e) for e in expected),
        answerable=bool(raw.get("answerable", True)),
        note=str(raw.get("note") or ""),
        list_query=raw.get("list_query"),
        list_field=str((raw.get("list_query") or {}).get("field", "")),
    )


def _split_file(path: Path) -> dict:
    path = Path(path)
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.is_file() else {}


def load_probes(path: Path = DEFAULT_SPLITS) -> list[str]:
    """Ids of the probes: questions written while tuning, so always dev and outside the stratified split."""
    return [str(i) for i in (_split_file(path).get("probes") or [])]


def load_splits(path: Path = DEFAULT_SPLITS) -> dict[str, str]:
    """id -> "dev"/"test" from a splits file, probes as "dev" ({} when it does not exist)."""
    data = _split_file(path)
    stratified = {str(k): str(v) for k, v in (data.get("splits") or {}).items()}
    return {**stratified, **dict.fromkeys(load_probes(path), "dev")}


def load_eval_set(path: Path = DEFAULT_DATASET, splits: Path | None = DEFAULT_SPLITS) -> EvalSet:
    """Read the eval set: YAML with `aliases`, `universes` and `questions` (eval/dataset.yaml), or JSONL of questions.

    Each case's split is looked up in `splits` (eval/splits.yaml; None: only the questions' own `split` keys)."""
    path = Path(path)
    assigned = load_splits(splits) if splits is not None else {}
    aliases: dict = {}
    universes: dict = {}
    if path.suffix == ".jsonl":
        raws = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        raws = data.get("questions", [])
        aliases = data.get("aliases") or {}
        universes = data.get("universes") or {}
    return EvalSet(
        cases=[case_from_dict(raw, assigned) for raw in raws],
        aliases={str(k): [str(v) for v in vs] for k, vs in aliases.items()},
        universes={str(k): [str(v) for v in vs] for k, vs in universes.items()},
    )


def validate(eval_set: EvalSet) -> list[str]:
    """Problems that make a case unusable (checked by the tests, so a broken case never reaches a report)."""
    problems: list[str] = []
    seen: set[str] = set()
    for case in eval_set.cases:
        where = f"{case.id}: "
        if case.id in seen:
            problems.append(where + "doppelte id")
        seen.add(case.id)
        if case.category not in CATEGORIES:
            problems.append(where + f"unbekannte Kategorie {case.category!r}")
        if not case.question.strip():
            problems.append(where + "leere Frage")
        if case.split not in SPLITS:
            problems.append(
                where + (f"unbekannter Split {case.split!r}" if case.split else "kein Split-Eintrag in eval/splits.yaml")
                + " (python -m eval.split ausführen)"
            )
        if case.turns and (len(case.turns) < 2 or case.turns[-1] != case.question):
            problems.append(where + "turns: mindestens zwei Fragen, die letzte ist die Frage")
        if case.category == "folgefrage" and not case.turns:
            problems.append(where + "Folgefrage ohne turns")
        if case.category in UNANSWERABLE_CATEGORIES and case.answerable:
            problems.append(where + "Kategorie verlangt answerable: false")
        if case.answerable:
            if not case.sources:
                problems.append(where + "keine Goldquelle")
            if not case.facts and not case.expected:
                problems.append(where + "weder Fakten noch erwartete Liste")
        elif case.facts or case.expected:
            problems.append(where + "unbeantwortbar, aber mit Fakten/Liste")
        if case.list_query is not None and not case.expected:
            problems.append(where + "list_query ohne abgeleitete Liste (python -m eval.build_dataset laufen lassen)")
    return problems

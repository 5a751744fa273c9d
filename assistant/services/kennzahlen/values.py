"""One value per place and period from facts of several tables and documents: the preferred source first,
disagreeing sources kept (newest document first) so the answer can say so."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from assistant.core.types import Fact
from assistant.text import simple_key

#: level → (singular, plural, dative plural)
LEVEL_NAMES = {"stadt": ("Stadt", "Städte", "Städten"), "bezirk": ("Stadtbezirk", "Stadtbezirke", "Stadtbezirken"),
               "sozialraum": ("Sozialraum", "Sozialräume", "Sozialräumen"), "stadtteil": ("Stadtteil", "Stadtteile", "Stadtteilen"),
               "other": ("Gebiet", "Gebiete", "Gebieten")}
#: Small-area levels that stand in for each other when a table names its areas the other way.
SMALL_AREAS = ("sozialraum", "stadtteil")


class Undated(int):
    """The "year" of a table that states no period anywhere (nor has its document a date): 0, shown as such."""

    def __new__(cls) -> Undated:
        return super().__new__(cls, 0)

    def __format__(self, spec: str) -> str:
        return "(ohne Stichtag)"

    __str__ = __repr__ = lambda self: "(ohne Stichtag)"  # noqa: E731


UNDATED = Undated()


@dataclass
class Value:
    """A place's value in one year: the fact used, and facts from other sources with another value."""

    place: str
    level: str
    year: int
    value: float
    fact: Fact
    sources: list[Fact] = field(default_factory=list)  # agreeing facts from other documents (for citing)
    conflicts: list[Fact] = field(default_factory=list)
    parts: list[Fact] = field(default_factory=list)  # for sums of age bands: the summed facts
    share_of: Fact | None = None  # for a share computed from two counts: the row's total it divides by


def pick_values(facts: Iterable[Fact], key_order: list[str], doc_date: Callable[[str], str]) -> dict[tuple[str, int], Value]:
    """(place, year) → Value. A place with values whose tables state their period takes no value whose period is
    only the document's year (a protocol of 2025 quoting the 2023 figure). Preference: the best-matching indicator key,
    the latest period of the year, then the newest document, then the table that lists most places (one ranked table
    rather than a patchwork)."""
    facts = [f for f in facts if f.value is not None]
    dated = [f for f in facts if f.year is not None]
    facts = dated or facts  # a table that states no period at all still answers, said to be undated
    table_size: dict[tuple[str, str, str], int] = defaultdict(int)
    for f in facts:
        table_size[(f.doc_id, f.table, f.indicator_key)] += 1
    rank = {k: i for i, k in enumerate(key_order)}

    def preference(f: Fact):
        size = table_size[(f.doc_id, f.table, f.indicator_key)]
        return (not explicit_period(f), rank.get(f.indicator_key, 99), _neg(f.period), _neg(doc_date(f.doc_id)), -size, f.doc_id,
                f.row or 0)  # within a year the latest period ('2024-03' over '2024-01') is the year's value

    stated = {f.place_key or simple_key(f.place) for f in facts if explicit_period(f)}
    grouped: dict[tuple[str, int], list[Fact]] = defaultdict(list)
    for f in facts:
        if guessed_period(f, doc_date) and (f.place_key or simple_key(f.place)) in stated:
            continue  # a period guessed from the document date (a protocol quoting last year's figure) is no year of its own
        grouped[(f.place_key or simple_key(f.place), f.year if f.year is not None else UNDATED)].append(f)  # "Eilpe / Dahl" = "Eilpe/Dahl"
    values: dict[tuple[str, int], Value] = {}
    for key, group in grouped.items():
        group.sort(key=preference)
        best = group[0]
        agreeing, conflicting, docs = [], [], {best.doc_id}
        for f in group[1:]:
            if f.doc_id in docs:
                continue
            docs.add(f.doc_id)
            if abs(f.value - best.value) < 1e-9:
                agreeing.append(f)
            elif explicit_period(f) or not explicit_period(best):
                conflicting.append(f)  # a period only guessed from the document date does not contradict a stated one
        conflicting.sort(key=lambda f: _neg(doc_date(f.doc_id)))
        values[key] = Value(best.place, best.place_level, key[1], best.value, best, agreeing, conflicting)
    return values


def explicit_period(fact: Fact) -> bool:
    """True when the table itself states the period (a year column or header, a year in the caption), not only the
    document's date: such a value wins over one whose period was inferred."""
    year = str(fact.year or "")
    return bool(year) and (year in fact.column or year in fact.table or fact.period[:4] in fact.raw)


def guessed_period(fact: Fact, doc_date: Callable[[str], str]) -> bool:
    """True when the fact's period is only the document's year (its table states none): what ingestion assumes for
    a table without a period, as a reader of the document would."""
    return len(fact.period) == 4 and fact.period == (doc_date(fact.doc_id) or "")[:4] and not explicit_period(fact)


def _neg(date: str) -> tuple:
    return tuple(-ord(c) for c in (date or ""))


def level_of_rows(values: Iterable[Value], asked: str | None) -> str | None:
    """The level a rank/filter/count runs over: the asked one (a small-area level stands in for the other),
    else the small-area level with most places, else Bezirk."""
    counts: dict[str, set[str]] = defaultdict(set)
    for v in values:
        counts[v.level].add(v.place)
    if asked:
        if counts.get(asked):
            return asked
        if asked in SMALL_AREAS:
            for other in SMALL_AREAS:
                if counts.get(other):
                    return other
        return asked
    for level in ("sozialraum", "stadtteil", "bezirk", "other"):
        if counts.get(level):
            return level
    return None

"""A share the tables do not state, computed from two counts of one row: "Wie hoch ist der Anteil der Frauen in
Altstadt?" over a sheet of "insgesamt | männlich | weiblich" is weiblich ÷ insgesamt of that row.

Only counts of the same table, row, place and period are divided, and only by the row's own total (a column of the
same heading labelled "insgesamt", or the row's population count): anything else would be a figure of a guess.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from assistant.core.types import Fact
from assistant.services.kennzahlen.values import Value
from assistant.text import simple_key

#: Last words of a label that make it the total of its heading ("Bevölkerung: insgesamt", "Einwohner zusammen").
TOTAL_WORDS = frozenset({"insgesamt", "gesamt", "zusammen", "summe", "total", "alle"})


def total_keys(part_keys: Iterable[str], labels: dict[str, str], population_keys: Iterable[str] = ()) -> list[str]:
    """Indicator keys that can be the total of the asked counts: the same heading's total column ("…: insgesamt"),
    then the population counts (a row's "Einwohner")."""
    heads = {_head(labels.get(k, k)) for k in part_keys}
    own = [k for k, label in labels.items() if k not in part_keys and _head(label) in heads and _is_total(label)]
    return own + [k for k in population_keys if k not in own and k not in part_keys]


def derived_shares(values: Iterable[Value], totals: Iterable[Fact]) -> dict[tuple[str, int], Value]:
    """(place, year) → the value as a share of its row's total, where that row has one; {} when no row has."""
    by_row: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in totals:
        if fact.value:
            by_row[_row_key(fact)].append(fact)
    shares: dict[tuple[str, int], Value] = {}
    for value in values:
        candidates = [t for t in by_row.get(_row_key(value.fact), []) if t.value and t.value >= value.value]
        if not candidates:
            continue
        total = candidates[0]
        shares[(simple_key(value.place), value.year)] = Value(
            value.place, value.level, value.year, value.value / total.value * 100, value.fact,
            parts=[value.fact, total], share_of=total)
    return shares


def band_shares(values: Iterable[Value], row_facts: Iterable[Fact], bands: dict[str, tuple[float, float]]) -> dict[tuple[str, int], Value]:
    """(place, year) → an age range's sum as a share of all age bands of its row, where those bands cover every age
    exactly once (from 0 to an open end): their sum is then the row's population ("Kinderanteil" over a sheet of age
    bands without a total column). Rows whose bands overlap or leave a gap give no share."""
    by_row: dict[tuple, dict[str, Fact]] = defaultdict(dict)
    for fact in row_facts:
        if fact.value is not None and fact.indicator_key in bands:
            by_row[_row_key(fact)].setdefault(fact.indicator_key, fact)
    shares: dict[tuple[str, int], Value] = {}
    for value in values:
        row = by_row.get(_row_key(value.fact), {})
        if not row or not _tiles(sorted(bands[k] for k in row)):
            continue
        total = sum(f.value for f in row.values())
        if total <= 0 or value.value > total:
            continue
        shares[(simple_key(value.place), value.year)] = Value(
            value.place, value.level, value.year, value.value / total * 100, value.fact,
            parts=list(value.parts or [value.fact]) + [f for f in row.values() if f not in value.parts], share_of=value.fact)
    return shares


def _tiles(bands: list[tuple[float, float]]) -> bool:
    """True when the sorted age bands run from 0 to an open end without gap or overlap."""
    if not bands or bands[0][0] != 0 or bands[-1][1] != float("inf"):
        return False
    return all(a[1] == b[0] for a, b in zip(bands, bands[1:], strict=False))


def share_note(part_label: str, total_label: str, summed: bool = False) -> str:
    """How a derived share was computed: of one table row, or of the sums of a place's parts."""
    where = "(beide als Summe der Teilräume)" if summed else "derselben Tabellenzeile"
    return f"Anteil = {part_label} ÷ {total_label} {where} × 100"


def _row_key(fact: Fact) -> tuple:
    return fact.doc_id, fact.table, fact.sheet, fact.row, fact.period, fact.place_key or simple_key(fact.place)


def _head(label: str) -> str:
    return simple_key(label.split(":")[0]) if ":" in label else ""


def _is_total(label: str) -> bool:
    tail = simple_key(label.split(":")[-1]).split()
    return bool(tail) and tail[-1] in TOTAL_WORDS


def keep_shares(shares: dict, values: dict) -> bool:
    """Shares answer when most places with a value have one (a share for one place of many would rank nothing)."""
    return bool(shares) and len(shares) * 2 >= len(values)

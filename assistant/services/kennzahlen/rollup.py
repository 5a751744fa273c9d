"""A place the tables name only as a parent column (a Stadtbezirk beside its Sozialräume): its counts are the sum
of its child places' counts in the same table and year — only when every child has a value (eigene Berechnung).
Shares and rates are never summed."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from assistant.core.types import Fact
from assistant.services.kennzahlen.numbers import format_number


@dataclasses.dataclass(frozen=True)
class SummedFact(Fact):
    """A fact computed as the sum of other facts (cited through its parts)."""

    parts: tuple[Fact, ...] = ()


def roll_up(facts: list[Fact], rollups: dict[str, set[str]]) -> tuple[list[Fact], list[str]]:
    """The facts plus one summed fact per parent, table, indicator and period; and the labels of what was summed."""
    out = [f for f in facts if f.place not in rollups]
    notes: list[str] = []
    for parent, children in rollups.items():
        groups: dict[tuple, list[Fact]] = defaultdict(list)
        for f in facts:
            if f.place in children and f.value is not None and f.unit != "%" and f.parent_place == parent:
                groups[(f.doc_id, f.table, f.indicator_key, f.period)].append(f)
        added = False
        for (_doc, _table, _key, _period), parts in groups.items():
            if {p.place for p in parts} != children or len(parts) != len(children):
                continue  # a child without a value: no sum
            total = sum(p.value for p in parts)
            first = parts[0]
            out.append(SummedFact(**{**{f.name: getattr(first, f.name) for f in dataclasses.fields(Fact)},
                                     "place": parent, "place_level": "bezirk", "parent_place": "", "value": total,
                                     "raw": format_number(total, 0 if float(total).is_integer() else None), "row": None},
                                  parts=tuple(sorted(parts, key=lambda p: p.place))))
            added = True
        if added:
            notes.append(f"{parent} als Summe seiner {len(children)} Teilräume ({', '.join(sorted(children))})")
    return out, notes

"""A place the tables name as a parent column (a Stadtbezirk beside its Sozialräume): its counts are the sum
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


def roll_up(facts: list[Fact], rollups: dict[str, set[str]]) -> tuple[list[Fact], dict[str, str]]:
    """The facts plus one summed fact per parent, table, indicator and period; and per parent the label of what was
    summed (to be shown only where an answer uses a sum: a year with the parent's own row needs none)."""
    out = list(facts)
    notes: dict[str, str] = {}
    for parent, children in rollups.items():
        stated = {(f.indicator_key, f.year) for f in facts if f.place == parent and f.value is not None}
        table_children: dict[tuple[str, str], set[str]] = defaultdict(set)
        for f in facts:
            if f.parent_place == parent and f.place in children:
                table_children[(f.doc_id, f.table)].add(f.place)
        groups: dict[tuple, list[Fact]] = defaultdict(list)
        for f in facts:
            if f.place in children and f.value is not None and f.unit != "%" and f.parent_place == parent:
                groups[(f.doc_id, f.table, f.indicator_key, f.period)].append(f)
        added = False
        for (_doc, _table, _key, _period), parts in groups.items():
            in_table = table_children[(parts[0].doc_id, parts[0].table)]
            if {p.place for p in parts} != in_table or len(parts) != len(in_table):
                continue  # a child of this table without a value: no sum
            if (parts[0].indicator_key, parts[0].year) in stated:
                continue  # the tables state the parent's own value
            total = sum(p.value for p in parts)
            first = parts[0]
            out.append(SummedFact(**{**{f.name: getattr(first, f.name) for f in dataclasses.fields(Fact)},
                                     "place": parent, "place_level": "bezirk", "parent_place": "", "value": total,
                                     "raw": format_number(total, 0 if float(total).is_integer() else None), "row": None},
                                  parts=tuple(sorted(parts, key=lambda p: p.place))))
            added = True
        if added:
            used = sorted({p.place for f in out if isinstance(f, SummedFact) and f.place == parent for p in f.parts})
            notes[parent] = f"{parent} als Summe seiner {len(used)} Teilräume ({', '.join(used)})"
    return out, notes

"""A place the tables name as a parent column (a Stadtbezirk beside its Sozialräume): its counts are the sum
of its child places' counts in the same table and year — only when every child has a value (eigene Berechnung).
Shares and rates are never summed."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from assistant.core.types import Fact
from assistant.services.kennzahlen.numbers import format_number
from assistant.text import simple_key


@dataclasses.dataclass(frozen=True)
class SummedFact(Fact):
    """A fact computed as the sum of other facts (cited through its parts)."""

    parts: tuple[Fact, ...] = ()


#: More summed places than this are counted in the note, not listed (the 30 Stadtteile of a city).
MAX_LISTED_PARTS = 8


def roll_up(facts: list[Fact], rollups: dict[str, set[str]], levels: dict[str, str] | None = None) -> tuple[list[Fact], dict[str, str]]:
    """The facts plus one summed fact per parent, table, indicator and period; and per parent the label of what was
    summed (to be shown only where an answer uses a sum: a year with the parent's own row needs none). `levels`: the
    parents' levels (a city over its Stadtteile is 'stadt'); a Bezirk otherwise."""
    levels = levels or {}
    out = list(facts)
    notes: dict[str, str] = {}
    cities = {parent: children for parent, children in rollups.items() if children and children <= rollups.keys()}
    for parent, children in rollups.items():
        if parent in cities:
            continue  # the city as the sum of its Bezirke's parts, below
        stated = {(f.indicator_key, f.year) for f in facts if f.place == parent and f.value is not None}
        table_children: dict[tuple[str, str], set[str]] = defaultdict(set)
        for f in facts:  # by key: one Stadtteil spelt two ways in two years ("Blücherplatz", "Bluecherplatz") is one
            if f.parent_place == parent and f.place in children:
                table_children[(f.doc_id, f.table)].add(_place_key(f))
        groups: dict[tuple, list[Fact]] = defaultdict(list)
        for f in facts:
            if f.place in children and f.value is not None and f.unit != "%" and f.parent_place == parent:
                groups[(f.doc_id, f.table, f.indicator_key, f.period)].append(f)
        added = False
        for (_doc, _table, _key, _period), parts in groups.items():
            in_table = table_children[(parts[0].doc_id, parts[0].table)]
            if {_place_key(p) for p in parts} != in_table or len(parts) != len(in_table):
                continue  # a child of this table without a value: no sum
            if (parts[0].indicator_key, parts[0].year) in stated:
                continue  # the tables state the parent's own value
            total = sum(p.value for p in parts)
            first = parts[0]
            out.append(SummedFact(**{**{f.name: getattr(first, f.name) for f in dataclasses.fields(Fact)},
                                     "place": parent, "place_key": simple_key(parent), "place_level": levels.get(parent, "bezirk"),
                                     "parent_place": "",
                                     "value": total,
                                     "raw": format_number(total, 0 if float(total).is_integer() else None), "row": None},
                                  parts=tuple(sorted(parts, key=lambda p: p.place))))
            added = True
        if added:
            named = {_place_key(p): p.place for f in out if isinstance(f, SummedFact) and f.place == parent for p in f.parts}
            used = sorted(named.values())  # one name per place, however its rows spell it
            listed = f" ({', '.join(used)})" if len(used) <= MAX_LISTED_PARTS else ""
            notes[parent] = f"{parent} als Summe seiner {len(used)} Teilräume{listed}"
    if cities:  # one city under several names ("Hagen", "Gesamtstadt"): the sums go to the name its tables use most
        city = max(cities, key=lambda name: (sum(1 for f in facts if f.place == name), name))
        if _city_sums(out, facts, city, cities[city], set(cities)):
            notes[city] = f"{city} als Summe der Teilräume aller {len(cities[city])} Stadtbezirke"
    return out, notes


def _city_sums(out: list[Fact], facts: list[Fact], city: str, bezirke: set[str], names: set[str]) -> bool:
    """Add the city's counts of a table that lists the parts of every Bezirk (the city's own row is missing there):
    the sum of all its part rows of one indicator and period, only when every part row has a value. `names`: the city's
    names ("Hagen", "Gesamtstadt"); a value stated under any of them is the city's own."""
    stated = {f.year for f in facts if f.place in names and f.value is not None}  # of the asked figure, in any table
    in_table: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in facts:
        if f.parent_place in bezirke:
            in_table[(f.doc_id, f.table)].add(f.place)
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.parent_place in bezirke and f.value is not None and f.unit != "%":
            groups[(f.doc_id, f.table, f.indicator_key, f.period)].append(f)
    added = False
    for (doc, table, _key, _period), parts in groups.items():
        places = {p.place for p in parts}
        if places != in_table[(doc, table)] or len(parts) != len(places) or {p.parent_place for p in parts} != bezirke:
            continue  # a part without a value, or a Bezirk the table leaves out: no sum
        if parts[0].year in stated:
            continue  # the tables state the city's own value
        total = sum(p.value for p in parts)
        first = parts[0]
        out.append(SummedFact(**{**{f.name: getattr(first, f.name) for f in dataclasses.fields(Fact)},
                                 "place": city, "place_key": simple_key(city), "place_level": "stadt", "parent_place": "", "value": total,
                                 "raw": format_number(total, 0 if float(total).is_integer() else None), "row": None},
                              parts=tuple(sorted(parts, key=lambda p: p.place))))
        added = True
    return added


def _place_key(fact: Fact) -> str:
    return fact.place_key or simple_key(fact.place)

"""How many Sozialräume (Stadtbezirke, Stadtteile) a Bezirk or the city has, counted from the tables' own rows.

"Wie viele Sozialräume hat Haspe?" is no indicator: it is answered by the places one table lists under that Bezirk
(the fullest such list, newest year), each one cited to its row, so the count can be checked against the source.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from assistant.core.types import Answer, DocumentMeta, Fact
from assistant.services.kennzahlen.catalog import Catalog
from assistant.services.kennzahlen.citing import Citer
from assistant.text import simple_key

_ASKS_COUNT = re.compile(r"\bwie\s*viele\s+(?P<what>sozialr(?:ä|ae)ume|stadtbezirke|bezirke|stadtteile)\b", re.IGNORECASE)
_LEVELS = {"sozialr": ("sozialraum", "Sozialräume"), "stadtb": ("bezirk", "Stadtbezirke"), "bezirk": ("bezirk", "Stadtbezirke"),
           "stadtt": ("stadtteil", "Stadtteile")}


def count_areas(question: str, catalog: Catalog, documents: Callable[[str], DocumentMeta | None]) -> Answer | None:
    """The count and the cited list, or None when the question does not ask for it or no table lists such places."""
    asked = _ASKS_COUNT.search(question)
    if asked is None or catalog.store is None:
        return None
    level, plural = next(v for k, v in _LEVELS.items() if asked.group("what").lower().startswith(k))
    named = [p for p in catalog.resolver.find(question) if p.level != "stadt"]
    if len(named) > 1 or (named and named[0].level == level):
        return None  # "… in Haspe und Eilpe", "Wie viele Sozialräume hat Haspe-Zentrum?": not this question
    if _unknown_words(question[asked.end():], catalog, named[0].name if named else ""):
        return None  # "… hat Gevelsberg?" (a place the tables lack), "… haben eine Kinderarmut über 30 %?" (a threshold)
    parent = named[0].name if named else ""
    facts = catalog.facts_at(level)
    if parent:
        facts = [f for f in facts if simple_key(f.parent_place) == simple_key(parent)]
    listing = _fullest_list(facts)
    if not listing:
        return None
    citer = Citer(catalog.rows_for, documents)
    items = [f"{fact.place} [{citer.cite(fact)}]" for fact in listing]
    city = _city_name(question, catalog)
    where = f"Im Stadtbezirk {parent}" if parent else f"In {city}"
    source = citer.title(listing[0].doc_id)
    text = (f"{where} gibt es {len(listing)} {plural}: {', '.join(items)}.\n"
            f"Eigene Berechnung: gezählt aus den Zeilen von „{source}“ ({listing[0].table}).")
    return Answer(question=question, text=text, citations=citer.citations, mode="extractive")


#: Words around the city-wide question that name no place ("Wie viele Sozialräume gibt es eigentlich in Hagen?").
_FILLERS = frozenset(
    "gibt es gibts hat haben in im der die das den stadt insgesamt ganz ganzen gesamten liegen sind zaehlt denn eigentlich "
    "ueberhaupt noch heute aktuell derzeit zurzeit bei uns hier also mal".split()
)


def _city_name(question: str, catalog: Catalog) -> str:
    """The city as the question names it, else its own name ("Hagen", not a table's "Gesamtstadt")."""
    names = catalog.resolver.city_names
    asked = f" {simple_key(question)} "
    named = [n for n in names if f" {simple_key(n)} " in asked]
    plain = [n for n in names if "gesamt" not in simple_key(n) and "stadt" not in simple_key(n).split()]
    return (named or plain or ["der Stadt"])[0]


def _unknown_words(rest: str, catalog: Catalog, place: str) -> bool:
    """True when the rest of the question has a word that is no filler, no name of the city and not the named place."""
    known = {w for name in [*catalog.resolver.city_names, place] for w in simple_key(name).split()} | {"stadtbezirk", "bezirk"}
    return any(w not in _FILLERS and w not in known for w in simple_key(rest).split())


#: A place counts when this many documents name it at the asked level: a survey's answer row read as a place
#: ("Wohnort außerhalb Hagens oder keine Angabe") is in one document only.
_MIN_DOCUMENTS = 2


def _fullest_list(facts: list[Fact]) -> list[Fact]:
    """One fact per place of the table that lists the most places (the newest year of it), in the table's order."""
    documents: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        documents[fact.place].add(fact.doc_id)
    by_table: dict[tuple[str, str], dict[str, Fact]] = defaultdict(dict)
    confirmed = [f for f in facts if len(documents[f.place]) >= _MIN_DOCUMENTS]
    for fact in sorted(confirmed, key=lambda f: (-(f.year or 0), f.row if f.row is not None else 0)):
        by_table[(fact.doc_id, fact.table)].setdefault(fact.place, fact)
    if not by_table:
        return []
    best = max(by_table.values(), key=lambda places: (len(places), max((f.year or 0) for f in places.values())))
    return sorted(best.values(), key=lambda f: (f.row if f.row is not None else 0, f.place))

"""Rankings and comparisons of inventory counts: "In welchem Stadtbezirk gibt es die meisten Angebote zum Thema
Armut?" or "Hat Elsey oder Boele/Kabel mehr Angebote?" are answered by counting the matching rows of the offers
table per Stadtbezirk or Sozialraum (services/tables.py matches the rows), never by listing all of them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from assistant.core.types import Answer, QueryFilters
from assistant.services.kennzahlen.entry_groups import asked_grouping, grouped_counts, grouping_of, ranking_text
from assistant.services.kennzahlen.intent import INVENTORY_WORDS, FigureIntent
from assistant.services.tables import compose_table_answer, criteria_text, row_in_places
from assistant.services.vocabulary import Place
from assistant.text import fold
from assistant.text.stemming import stem

#: The table role that holds a place of each level.
_ROLE = {"bezirk": "district", "sozialraum": "sozialraum"}
_LEVEL_NAMES = {"bezirk": "Stadtbezirk", "sozialraum": "Sozialraum"}
_PLURALS = {"bezirk": "Stadtbezirke", "sozialraum": "Sozialräume"}


def rank_inventory(question: str, intent: FigureIntent, result, filters: QueryFilters | None) -> Answer | None:
    """The places ranked by their number of matching entries (or the named places compared), the top one's entries
    cited; None when the question is no ranking or comparison of inventory entries or no table counts them."""
    analysis, snapshot = result.analysis, result.snapshot
    comparing = len(analysis.places) >= 2 and "comparative" in intent.markers
    if not intent.inventory or not (comparing or intent.op == "rank"):
        return None
    grouping = None if comparing or intent.level else asked_grouping(question)
    if grouping is not None and intent.op == "rank":
        return _rank_by_group(question, intent, result, filters, grouping)
    level = _level(intent, analysis, comparing)
    role = _ROLE.get(level)
    if role is None:
        return None
    # the entries counted are the inventory noun's ("Beratungsangebote"), not the level asked for ("Welcher Sozialraum")
    as_list = replace(analysis, intent="list", asked=_entry_noun(question))  # compared places: the rows of either
    matches = [m for m in snapshot.tables.match(as_list, snapshot.vocabulary, filters) if role in m.table.roles]
    named = [m for m in matches if _names_entries(m, as_list.asked)]
    matches = named or matches  # an offers table's rows, not the partner directory's (its "Organisation" is no offer)
    if not matches:
        return None
    vocabulary = snapshot.vocabulary
    places = _candidates(analysis, vocabulary, level, comparing)
    if not places:
        return None
    # a row counts for a place by the table's own place matching (spellings, a Sozialraum inside its Bezirk)
    of_place = {p.name: [m for m in matches if row_in_places(m.table, m.row, [p], vocabulary)] for p in places}
    counts = Counter({name: len(rows) for name, rows in of_place.items()})
    ranked = sorted(counts.items(), key=lambda item: (item[1] if intent.direction == "asc" else -item[1], item[0]))
    best = ranked[0][1]
    top = [p for p, n in ranked if n == best]
    criteria = criteria_text(as_list, snapshot.vocabulary)
    what = f"Einträge ({criteria})" if criteria else "Einträge"
    if comparing:
        head = (f"Mehr {what} hat {top[0]}: " if len(top) == 1 else f"Gleich viele {what}: ") + \
            " gegenüber ".join(f"{p} {n}" for p, n in ranked) + "."
    else:
        most = "wenigsten" if intent.direction == "asc" else "meisten"
        who = f"der {_LEVEL_NAMES[level]} {top[0]}" if len(top) == 1 else f"die {_PLURALS[level]} {' und '.join(top)} mit je"
        head = f"Die {most} {what} hat {who}: {best}. Reihenfolge: " + \
            " · ".join(f"{p} {n}" for p, n in ranked) + "."
    head += " – eigene Berechnung: gezählt aus allen passenden Tabellenzeilen."
    shown = [m for name in top for m in of_place[name]] or matches
    listing = compose_table_answer(question, as_list, shown, snapshot.vocabulary)
    listing.text = head + "\n\n" + listing.text
    listing.passages = result.passages
    return listing


def _rank_by_group(question: str, intent: FigureIntent, result, filters: QueryFilters | None, grouping: str) -> Answer | None:
    """ "Welcher Träger hat die meisten Angebote …?": the matching rows counted per provider (or per value of the
    named column), the top group's rows cited; None when the counted noun is the grouping itself or no table has it."""
    analysis, snapshot = result.analysis, result.snapshot
    noun = _entry_noun(question, skip=grouping)
    if noun == grouping:
        return None  # "Welche Angebote gibt es am meisten?" groups nothing
    as_list = replace(analysis, intent="list", asked=noun)
    matches = snapshot.tables.match(as_list, snapshot.vocabulary, filters)
    if not matches and not analysis.has_row_criteria:
        matches = snapshot.tables.all_entries(snapshot.vocabulary, filters)  # every entry counts
    matches = [m for m in matches if _names_entries(m, noun)] or matches
    grouped = grouped_counts(matches, grouping, snapshot.vocabulary) if matches else None
    if grouped is None:
        return None
    groups, header = grouped
    criteria = criteria_text(as_list, snapshot.vocabulary)
    what = f"Einträge ({criteria})" if criteria else "Einträge"
    head, top = ranking_text(groups, intent.direction != "asc", what, header)
    listing = compose_table_answer(question, as_list, [m for name in top for m in groups[name]], snapshot.vocabulary)
    listing.text = head + "\n\n" + listing.text
    listing.passages = result.passages
    return listing


def _entry_noun(question: str, skip: str = "") -> str:
    """The stem of the inventory noun a question counts ("Beratungsangebote" → its stem), "angebot" by default;
    `skip`: the grouping the question asks by ("Welcher Träger …"), which is not what is counted."""
    for word in re.findall(r"[^\W\d_]+", question):
        folded = fold(word)
        if re.fullmatch(INVENTORY_WORDS, folded) and not (skip and grouping_of(folded) == skip):
            return stem(folded)
    return stem(fold("Angebot"))


def _names_entries(match, asked: str) -> bool:
    """True when the table's name column is headed by the counted noun or its head ("Angebot" for "Beratungsangebote")."""
    column = match.table.roles.get("name", "")
    header = stem(fold(column)) if column else ""
    return bool(header) and (asked.endswith(header) or header.endswith(asked))


def _level(intent: FigureIntent, analysis, comparing: bool) -> str | None:
    """The level counted over: the asked one, the compared places' own, or for a bare "wo" the Sozialraum."""
    if comparing:
        levels = {p.level for p in analysis.places}
        return levels.pop() if len(levels) == 1 else None
    return intent.level or "sozialraum"


def _candidates(analysis, vocabulary, level: str, comparing: bool) -> list[Place]:
    """Every place that competes: the compared ones, or all places of the level (inside an asked Bezirk), so that a
    place without any entry counts as 0."""
    if comparing:
        return list(analysis.places)
    within = {p.name for p in analysis.places if p.level == "bezirk"}
    return sorted((place for name, place in vocabulary.places.items()
                   if place.level == level and (not within or place.bezirk in within)), key=lambda p: p.name)

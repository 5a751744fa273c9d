"""The answering service's hook: figure questions go to the Kennzahlen engine first (in both answer modes),
counts of inventory entries ("Wie viele Angebote …") are counted from all matching table rows; anything
else returns None and takes the text path unchanged."""

from __future__ import annotations

from dataclasses import replace

from assistant.core.types import Answer, QueryFilters
from assistant.services.kennzahlen.intent import parse_intent
from assistant.services.kennzahlen.inventory_ranks import rank_inventory
from assistant.services.kennzahlen.service import KennzahlenService
from assistant.services.recasing import recased
from assistant.services.tables import compose_table_answer, criteria_text
from assistant.text import fold
from assistant.text.stemming import stem


def figure_answer(engine: KennzahlenService | None, question: str, result, filters: QueryFilters | None) -> Answer | None:
    """The engine's answer to a figure question, an inventory count, or None (not a figure question)."""
    snapshot = getattr(result, "snapshot", None)
    vocabulary = snapshot.vocabulary if snapshot is not None else None
    if engine is None or engine.catalog(filters, vocabulary).empty:
        return None  # no fact store or no facts: behaviour unchanged
    intent = parse_intent(question)
    if intent.op == "inventory_count" and snapshot is not None:
        counted = count_inventory(question, result, filters)
        if counted is not None:
            return counted
    if intent.inventory and snapshot is not None:
        ranked = rank_inventory(question, intent, result, filters)  # "In welchem Stadtbezirk die meisten Angebote …"
        if ranked is not None:
            return ranked
    # a question typed in lower case, with the corpus's capitals: the engine reads nouns it cannot explain by them
    answer = engine.answer(recased(question, snapshot) if snapshot is not None else question, filters, vocabulary)
    if answer is not None:
        answer.passages = list(getattr(result, "passages", []) or [])
    return answer


def count_inventory(question: str, result, filters: QueryFilters | None) -> Answer | None:
    """"Wie viele Angebote zum Thema Sucht gibt es in Hagen-Mitte?" = the number of inventory rows meeting every
    criterion (the row matching of services/tables.py), with every counted row cited."""
    analysis, snapshot = result.analysis, result.snapshot
    if not analysis.has_row_criteria:
        return None
    as_list = replace(analysis, intent="list", asked=analysis.asked or stem(fold("Angebot")))
    matches = snapshot.tables.match(as_list, snapshot.vocabulary, filters)
    if not matches:
        return None
    listing = compose_table_answer(question, as_list, matches, snapshot.vocabulary)
    criteria = criteria_text(as_list, snapshot.vocabulary)
    head = f"Anzahl: {len(matches)} Einträge" + (f" ({criteria})" if criteria else "")
    head += " – eigene Berechnung: gezählt aus allen passenden Tabellenzeilen."
    listing.text = head + "\n\n" + listing.text
    listing.passages = result.passages
    return listing

"""Rankings of inventory entries by one of their own columns, not by place: "Welcher Träger hat die meisten Angebote
zum Thema Armut?" or "Welche Zielgruppe hat die wenigsten Angebote?" count the matching rows per provider (the
partner grouping of services/tables.py, which merges a provider's spellings across files) or per value of the column
the question names."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from assistant.services.tables import RowMatch
from assistant.services.vocabulary import Vocabulary
from assistant.text import fold
from assistant.text.stemming import stem

#: Nouns (folded) that ask for a provider: counted by the partner grouping.
_PROVIDER = r"traeger\w*|anbieter\w*|organisation\w*|verein\w*|verband|verbaende\w*|partner\w*|institution\w*"
#: How many groups the head line lists in order.
SHOWN = 8


def asked_grouping(question: str) -> str | None:
    """ "partner" for "Welcher Träger …" or "Wer bietet …", the stem of the noun after "welche…" otherwise
    ("Welche Zielgruppe …" → its stem); None when the question asks no "which" or "who"."""
    folded = fold(question)
    if re.search(r"(?<![a-z])wer(?![a-z])", folded):
        return "partner"
    which = re.search(r"(?<![a-z])welche[rsmn]?\s+([a-z]+)", folded)
    return grouping_of(which.group(1)) if which is not None else None


def grouping_of(word: str) -> str:
    """What a folded noun groups entries by: "partner" for a provider word ("Träger", "Verein"), else its stem."""
    return "partner" if re.fullmatch(_PROVIDER, word) else stem(word)


def grouped_counts(matches: list[RowMatch], grouping: str, vocabulary: Vocabulary) -> tuple[dict[str, list[RowMatch]], str] | None:
    """The matching rows per provider or per value of the named column, with that column's header ("Träger" for
    providers); None when no table has that column."""
    groups: dict[str, list[RowMatch]] = defaultdict(list)
    if grouping == "partner":
        for match in matches:
            if match.partner_key:
                groups[vocabulary.partner_display(match.partner_key)].append(match)
        return (dict(groups), "Träger") if groups else None
    header = ""
    for match in matches:
        column = next((h for h in match.table.headers if stem(fold(h)) == grouping), None)
        if column is None:
            continue
        header = header or column
        for value in re.split(r"\s*;\s*", (match.row.record.get(column) or "").strip()):
            if value:
                groups[value].append(match)
    return (dict(groups), header) if header and groups else None


def ranking_text(groups: dict[str, list[RowMatch]], descending: bool, what: str, header: str) -> tuple[str, list[str]]:
    """The head line ("Die meisten Einträge (…) entfallen auf „Caritas Hagen“ (Träger): 12. Reihenfolge: …") and the
    top groups' names."""
    counts = Counter({name: len(rows) for name, rows in groups.items()})
    ranked = sorted(counts.items(), key=lambda item: (-item[1] if descending else item[1], item[0].lower()))
    best = ranked[0][1]
    top = [name for name, n in ranked if n == best]
    most = "meisten" if descending else "wenigsten"
    names = " und ".join(f"„{name}“" for name in top[:SHOWN])
    amount = f"{best}" if len(top) == 1 else f"je {best}"
    order = " · ".join(f"{name} {n}" for name, n in ranked[:SHOWN]) + (" · …" if len(ranked) > SHOWN else "")
    head = (f"Die {most} {what} entfallen auf {names} ({header}): {amount}. Reihenfolge ({len(ranked)} mit mindestens "
            f"einem Eintrag): {order} – eigene Berechnung: gezählt aus allen passenden Tabellenzeilen.")
    return head, top

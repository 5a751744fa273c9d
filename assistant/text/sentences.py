"""Sentence splitting for German documents that knows "z. B.", "S. 4", "Nr. 12", "14.11.2023" and "1. Januar".

The answer composer quotes whole sentences; a split inside "z. B." would quote half a thought.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    """z b bzw ca d h u a o ä vgl ggf inkl evtl usw etc abs nr s str tel dr prof mio mrd rd max min v gem lt bspw
    sog zzgl insb jh jhd hrsg fa fb mo di mi do fr sa so jan feb mär apr jun jul aug sep sept okt nov dez e v st""".split()
)

_END = re.compile(r"[.!?…]+[\"'»«“”)\]]*\s+|\n\s*\n|\n(?=\s*(?:[-•*]|\d+[.)])\s)|\n")


@dataclass(frozen=True)
class Sentence:
    """A sentence and where it stands in the text it came from."""

    text: str
    start: int
    end: int


def _protected(text: str, end: int) -> bool:
    """True when the period before `end` belongs to an abbreviation or an ordinal number, not a sentence end."""
    head = text[:end].rstrip()
    if not head.endswith("."):
        return False
    word = re.search(r"([^\W_]+)\.$", head)
    if word is None:
        return False
    token = word.group(1)
    if token.lower() in ABBREVIATIONS:
        return True
    if token.isdigit() and len(token) <= 2:  # "am 1. Januar", "3. Quartal"
        return True
    return len(token) == 1 and token.isalpha()  # initials, "S. 4"


def split_sentences(text: str, min_chars: int = 3) -> list[Sentence]:
    """Sentences with offsets; line breaks end sentences too (list items, table rows, headings)."""
    sentences: list[Sentence] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if "\n" not in match.group(0) and _protected(text, match.start() + len(match.group(0).rstrip())):
            continue
        _append(sentences, text, start, end, min_chars)
        start = end
    _append(sentences, text, start, len(text), min_chars)
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int, min_chars: int) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if len(stripped) < min_chars:
        return
    offset = start + piece.index(stripped)
    sentences.append(Sentence(stripped, offset, offset + len(stripped)))

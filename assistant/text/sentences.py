"""German sentence splitting that knows "z. B.", "S. 4", "Nr. 12", "14.11.2023" and "1. Januar" — the one place for it.

Two cuts on one abbreviation list: `split_sentences` for the answer composer (it quotes whole sentences; a split inside
"z. B." would quote half a thought) and `sentence_spans` for the chunker (it cuts over-long paragraphs only where a new
sentence visibly starts, so a chunk boundary never falls inside a statement).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Words (lower case, without the final period) after which a period does not end a sentence.
ABBREVIATIONS = frozenset(
    """z b bzw ca d h u a o ä vgl ggf inkl evtl usw etc abs nr s str tel dr prof mio mrd rd max min v gem lt bspw
    sog zzgl insb jh jhd hrsg fa fb mo di mi do fr sa so jan feb mär apr jun jul aug sep sept okt nov dez e v st""".split()
)
#: The chunker's cut also passes over these. Some can end a prose sentence ("dieser Art.", "mehr als 25 Std."), so the
#: answer composer, which quotes sentences, does not; the chunker cuts only where a sentence surely ends.
CUT_ABBREVIATIONS = ABBREVIATIONS | frozenset(
    """abb abschn abt allg anh anl anm art aufl az bd bsp bzgl chr dgl dipl ebd einschl ff frl gegr gez ggü hg hr hrn jr
    kap kfm lfd mind mrs nrn pkt pos rdnr rn spez std tab tsd vs zb ziff zit zt""".split()
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


# --- the chunker's cut --------------------------------------------------------------------------------------------

_SPAN_END = re.compile(r"[.!?…]+[\"'»«“”‘’)\]]*\s+(?=[\"„»«(\[]?[A-ZÄÖÜ0-9§])")
_WORD_BEFORE = re.compile(r"([\wÄÖÜäöüß§]+)\.?$")
#: Words after which a small number is a reference ("Nr. 5", "TOP 3", "Seite 12"), so a period after it ends a sentence.
_REFERENCE_WORDS = frozenset("nr nummer s seite abs art § top anlage kapitel ziff ziffer tabelle tab abb abbildung band bd".split())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in `text`, cut only before a capital, digit or quote; line breaks do not cut.
    German abbreviations and ordinals ("1. Januar") do not split, a small number after "Nr." or "Seite" does."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SPAN_END.finditer(text):
        end = match.end()
        if _is_abbreviation(text, match.start(), match.group()):
            continue
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if stop > start:
            spans.append((start, stop))
        start = end
    while start < len(text) and text[start].isspace():
        start += 1
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return spans


def _is_abbreviation(text: str, position: int, punctuation: str) -> bool:
    if not punctuation.startswith("."):
        return False
    if punctuation.startswith(".."):  # an ellipsis ends a sentence
        return False
    word = _WORD_BEFORE.search(text[max(0, position - 40) : position])
    if word is None:
        return False
    token = word.group(1)
    if len(token) == 1 and not token.isdigit():
        return True  # "z. B.", "d. h.", initials "A. Müller", "S. 4"
    if token.lower() in CUT_ABBREVIATIONS:
        return True
    if token.isdigit() and len(token) <= 2:  # "am 1. Januar", "im 3. Quartal" — but not "Quartier Nr. 5."
        before = _WORD_BEFORE.search(text[max(0, position - 60) : position - len(token)].rstrip())
        return before is None or before.group(1).lower() not in _REFERENCE_WORDS
    return False

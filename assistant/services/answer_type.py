"""Does the evidence hold the kind of answer the question asks for? A refusal check beside key-term support.

"Wie viele Kita-Plätze …" needs a number in a sentence about Kita-Plätze, "Was kostet …" an amount, "Wie heißt …"
a name: unanswerable questions whose words all occur in the documents (Kita, Plätze, Emst) are caught here.
"""

from __future__ import annotations

import re

from assistant.core.settings import AnsweringSettings
from assistant.core.types import Passage
from assistant.services.extractive import DEFAULT_PARAMS, figures, multi_part, synonym_terms
from assistant.services.query_understanding import QueryAnalysis
from assistant.services.retrieval import CorpusSnapshot
from assistant.text import degender, fold, split_sentences, stem

#: Questions that need an answer of a certain type: a figure, an amount of money, a name.
_ASKS_NUMBER = re.compile(r"\b(?:wie\s+viele?|wieviele?|wie\s+hoch|wie\s+gro(?:ß|ss))\b", re.IGNORECASE)
_ASKS_MONEY = re.compile(r"\b(?:was\s+kostet|was\s+kosten|wie\s+teuer)\b", re.IGNORECASE)
_ASKS_NAME = re.compile(r"\b(?:wer\s+ist|wer\s+sind)\b", re.IGNORECASE)
_ASKS_PROPER_NAME = re.compile(r"\bwie\s+hei(?:ß|ss)(?:t|en)\b", re.IGNORECASE)
#: Words that name a measure, not the thing measured ("der Anteil der Alleinerziehenden").
_MEASURE_WORDS = frozenset(
    stem(fold(w)) for w in "Anteil Zahl Anzahl Wert Quote Unterschied Differenz Veränderung Entwicklung Prozent Summe Höhe".split()
)
_MONEY = re.compile(r"€|\beuro\b|\beur\b", re.IGNORECASE)
#: Numbers that are no quantity: a postcode after an address comma, a house number closing an address, a phone
#: number, a code ("I-11"), a date ("21.09.2024").
_NOT_QUANTITIES = re.compile(
    r",\s*\d{5}\s+[A-ZÄÖÜ]\w*"
    r"|(?i:stra(?:ß|ss)e|str\.|weg|allee|gasse)\s+\d+\s*[a-z]?(?=\s*[,;)]|\s*$)"
    r"|(?:\+49\s?|\b0)\d{2,5}[\s/-]\d{3,}(?:-\d+)?"
    r"|\b[A-ZÄÖÜ]{1,4}-\d+\b"
    r"|\b\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})?(?!\d)"
)
_NUMBER_WORDS = frozenset(
    "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig hundert tausend hälfte drittel viertel".split()
)


def answer_type_missing(
    analysis: QueryAnalysis, passages: list[Passage], snapshot: CorpusSnapshot, params: AnsweringSettings = DEFAULT_PARAMS
) -> bool:
    """True when the question asks for a figure, a price or a name of something and no top sentence gives one
    together with that thing: "Wie viele Kita-Plätze …" is not answered by "Kita-Angebote" plus "60 Plätze" elsewhere.

    The asked thing is the first key noun after the question cue (measure words like "Anteil" skipped; a hyphenated
    compound whole); it counts when it, all its compound parts or a synonym from the alias file occurs in the sentence
    read with its document title and section. Questions that ask two things, or about a word the corpus does not
    know, are left to the other checks.
    """
    question = degender(analysis.question)
    if multi_part(question):
        return False
    patterns = ((_ASKS_MONEY, "money"), (_ASKS_NUMBER, "number"), (_ASKS_PROPER_NAME, "proper"), (_ASKS_NAME, "name"))
    cues = ((p.search(question), kind) for p, kind in patterns)
    cue, kind = next(((c, k) for c, k in cues if c), (None, ""))
    if cue is None:
        return False
    thing = _asked_thing(analysis, snapshot, question, cue.end())
    if thing is None:
        return False
    term, parts = thing
    synonyms = synonym_terms([term], snapshot).get(term, [])
    for passage in passages:
        chunk = passage.chunk
        context = frozenset(snapshot.analyzer.terms(f"{passage.document.title}\n{chunk.section}"))
        pieces = [chunk.text] if chunk.kind == "table_row" else [s.text for s in split_sentences(chunk.text)]
        for piece in pieces:
            terms = context | frozenset(snapshot.analyzer.terms(piece))
            if not (term in terms or (parts and parts <= terms) or any(a <= terms for a in synonyms)):
                continue
            if kind == "name" or (kind == "money" and _MONEY.search(piece)):
                return False
            if kind == "proper" and _has_proper_name(piece, analysis, snapshot, params.name_max_doc_freq):
                return False
            if kind == "number" and (figures(_NOT_QUANTITIES.sub(" ", piece)) or set(piece.lower().split()) & _NUMBER_WORDS):
                return False
    return True


def _has_proper_name(text: str, analysis: QueryAnalysis, snapshot: CorpusSnapshot, max_doc_freq: int) -> bool:
    """True when a text has a capitalised word the question does not use and the corpus rarely does (a name)."""
    for token in snapshot.analyzer.tokens(text):
        if token.surface[:1].isupper() and token.term not in analysis.full_terms and not token.number:
            if snapshot.doc_freq.get(token.term, 0) <= max_doc_freq:
                return True
    return False


def _asked_thing(analysis: QueryAnalysis, snapshot: CorpusSnapshot, question: str, after: int) -> tuple[str, frozenset[str]] | None:
    """The first key noun after the question cue that names no place, year or measure: what the question asks about.
    A hyphenated compound ("Kita-Plätze") is taken whole: its parts must occur together."""
    tokens = [t for t in snapshot.analyzer.tokens(question) if t.start >= after]
    for i, token in enumerate(tokens):
        if token.number or token.term not in analysis.key_terms or token.term in _MEASURE_WORDS or snapshot.places_in_text(token.surface):
            continue
        term, parts = token.term, analysis.key_terms[token.term]
        if i + 1 < len(tokens) and question[token.end : tokens[i + 1].start] == "-":
            parts = frozenset({term, tokens[i + 1].term})
            term = term + tokens[i + 1].term
        known = snapshot.doc_freq.get(term, 0) > 0 or (parts and all(snapshot.doc_freq.get(p, 0) > 0 for p in parts))
        if not known:
            return None
        before = tokens[i - 1] if i else None
        narrows = before is not None and 0 < snapshot.doc_freq.get(before.term, 0) * _RARER <= snapshot.doc_freq.get(term, 0)
        if before is not None and narrows and _attributive(before.surface):
            # "wie viele wohnungslose Menschen": the adjective narrows the thing, so it must occur with it
            return f"{before.term}+{term}", frozenset({before.term, *(parts or {term})})
        return term, parts
    return None


#: An adjective narrows the asked noun to a group the documents name only when it is this many times rarer than the
#: noun ("wohnungslose Menschen"); a common one ("ältere Menschen") is often said otherwise ("ab 65 Jahren").
_RARER = 10
#: Words before a noun that count or point, not qualify ("wie viele ältere Menschen" is qualified, "wie viele Menschen" not).
_QUANTIFIERS = frozenset("viele wieviele wenige alle manche mehrere einige diese jene welche solche keine".split())


def _attributive(word: str) -> bool:
    """A lower-case declined adjective before the asked noun ("wohnungslose", "alleinerziehenden")."""
    folded = fold(word)
    return (
        word[:1].islower()
        and len(folded) >= 5
        and folded not in _QUANTIFIERS
        and folded.endswith(("e", "en", "er", "es", "em"))
    )
    return None

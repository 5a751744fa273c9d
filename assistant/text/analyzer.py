"""The German analyzer shared by the lexical index, query understanding and the answer composer.

Pipeline per text: gender forms reduced → tokens (numbers like "19,6" stay whole) → abbreviations kept as
they are ("SGB", "II", "AWO", "HzE": not stemmed, never stopwords) → folded → stopwords removed → Snowball
stem; long words additionally yield the stems of their compound parts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.text.compounds import CompoundSplitter
from assistant.text.normalize import degender, fold
from assistant.text.stemming import stem
from assistant.text.stopwords import GERMAN_STOPWORDS

_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")
_FEMININE_PLURAL = "innen"


@dataclass(frozen=True)
class Token:
    """One word of a text: its folded form, its search term and where it stands."""

    surface: str
    folded: str
    term: str
    start: int
    end: int
    abbreviation: bool
    number: bool


def is_abbreviation(word: str) -> bool:
    """'AWO', 'SGB', 'II', 'HzE', 'KiTa' — short words with two or more capitals are names, not inflected words."""
    if len(word) < 2 or len(word) > 6 or not word.isalpha():
        return False
    capitals = sum(1 for ch in word if ch.isupper())
    return capitals >= 2 and (word.isupper() or capitals >= len(word) / 3)


def term_variants(term: str) -> list[str]:
    """Shorter forms of a term for verb endings Snowball keeps ("sitzt" → "sitz", "arbeitet" → "arbeit").

    Used only for query terms the corpus does not know, so the document side never changes.
    """
    variants = []
    for ending in ("et", "st", "t"):
        if term.endswith(ending) and len(term) - len(ending) >= 3:
            variants.append(term[: -len(ending)])
    return variants


def known_terms(terms: list[str], known) -> list[str]:
    """Query terms mapped onto the corpus vocabulary: an unknown term is replaced by a known variant, if any."""
    result = []
    for term in terms:
        if term not in known:
            term = next((v for v in term_variants(term) if v in known), term)
        result.append(term)
    return result


def term_of(folded: str) -> str:
    """Search term of one folded word: feminine plural removed, then stemmed."""
    if folded.endswith(_FEMININE_PLURAL) and len(folded) - len(_FEMININE_PLURAL) >= 4:
        folded = folded[: -len(_FEMININE_PLURAL)]
    return stem(folded)


class GermanAnalyzer:
    """Turns German text into search terms; give it a CompoundSplitter built from the corpus to split compounds."""

    def __init__(self, splitter: CompoundSplitter | None = None):
        self.splitter = splitter

    def tokens(self, text: str, keep_stopwords: bool = False) -> list[Token]:
        """Words of a text with their terms (stopwords dropped unless asked for)."""
        text = degender(text)
        found: list[Token] = []
        for match in _TOKEN.finditer(text):
            surface = match.group(0)
            number = surface[0].isdigit()
            abbreviation = not number and is_abbreviation(surface)
            folded = fold(surface)
            if not number and not abbreviation:
                if len(folded) < 2 or (not keep_stopwords and folded in GERMAN_STOPWORDS):
                    continue
            term = folded if (number or abbreviation) else term_of(folded)
            found.append(Token(surface, folded, term, match.start(), match.end(), abbreviation, number))
        return found

    def terms(self, text: str) -> list[str]:
        """Search terms of a text, in order, with compound parts right after their word (duplicates kept: BM25 counts)."""
        result: list[str] = []
        for token in self.tokens(text):
            result.append(token.term)
            if self.splitter is not None and not token.number and not token.abbreviation:
                result.extend(stem(part) for part in self.splitter.split(token.folded) if stem(part) != token.term)
        return result

    def term_set(self, text: str) -> set[str]:
        """Distinct search terms of a text."""
        return set(self.terms(text))


def word_counts(texts: Iterable[str]) -> Counter[str]:
    """Folded word counts of a corpus: the vocabulary a CompoundSplitter learns its parts from."""
    counts: Counter[str] = Counter()
    for text in texts:
        for match in _TOKEN.finditer(degender(text)):
            word = fold(match.group(0))
            if word.isalpha() and len(word) >= 4 and word not in GERMAN_STOPWORDS:
                counts[word] += 1
    return counts

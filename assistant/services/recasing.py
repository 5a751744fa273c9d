"""A question typed all in lower case, written with the corpus's capitals ("begegnungsstätte elsey" → "Begegnungsstätte
Elsey").

German marks nouns and names by their capital, and several checks read it: which nouns a figure question asks about
beyond its indicator, which institution it names. A colloquial question typed in lower case has no capitals, so those
checks would see nothing. Which words are nouns is learned from the documents: a word the corpus writes capitalised
in most of its occurrences inside sentences (not at their start) is written so. Questions with capitals of their own
are left as typed.
"""

from __future__ import annotations

import re

from assistant.services.retrieval import CorpusSnapshot
from assistant.text import fold
from assistant.text.nouns import WORD as _WORD
from assistant.text.nouns import written_words


def lower_case_typed(question: str) -> bool:
    """True when no word after the first has a capital (the first one's capital says nothing)."""
    words = _WORD.findall(question)
    return len(words) > 1 and not any(ch.isupper() for word in words[1:] for ch in word)


def recased(question: str, snapshot: CorpusSnapshot) -> str:
    """The question with the corpus's nouns and names capitalised when it was typed in lower case; else as typed."""
    if not lower_case_typed(question):
        return question
    nouns = corpus_nouns(snapshot)

    def cap(match: re.Match) -> str:
        word = match.group(0)
        if match.start() == 0 or fold(word) not in nouns:
            return word
        return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))

    return _WORD.sub(cap, question)


def corpus_nouns(snapshot: CorpusSnapshot) -> frozenset[str]:
    """Folded words the corpus writes capitalised inside its sentences (computed once per snapshot)."""
    return snapshot.derived("corpus_nouns", lambda: _corpus_nouns(snapshot))


def _corpus_nouns(snapshot: CorpusSnapshot) -> frozenset[str]:
    learned = getattr(getattr(snapshot, "understanding", None), "nouns", None)  # learned with the snapshot, one pass
    return learned if learned is not None else written_words(chunk.text for chunk in snapshot.chunks.values())[0]

"""Data-driven splitting of German compounds: a word is split where its parts are words the corpus knows.

"Armutsbekämpfung" → armut + bekaempfung (with the linking "s"), "Seniorenbegegnungsstätte" →
senioren + begegnung + staette. No dictionary is shipped: the vocabulary is the indexed corpus itself, so a
city's own vocabulary ("Sozialraumteam", "Quartiersbüro") splits the way its documents use the parts.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from assistant.text.stemming import stem
from assistant.text.stopwords import GERMAN_STOPWORDS

#: Linking elements (Fugenelemente) that may sit between two parts; none first, so parts keep their own spelling.
FUGEN: tuple[str, ...] = ("", "s", "es", "n", "en")

MIN_PART = 4
MIN_WORD = 8


class CompoundSplitter:
    """Splits folded lowercase words into known parts; `known` words come from the corpus.

    A part counts as known when the word itself or its stem occurs in the corpus vocabulary. A split needs
    every part known, except that the last part (the head) may be unknown when the parts before it are
    at least 5 letters long and known at least `min_count` times, so "armutsbekaempfung" still yields "armut"
    in a corpus that never uses "Bekämpfung" alone.
    """

    def __init__(self, vocabulary: Iterable[str] | dict[str, int], min_count: int = 2):
        counts = dict(vocabulary) if isinstance(vocabulary, dict) else {w: min_count for w in vocabulary}
        self._words = {w: c for w, c in counts.items() if len(w) >= MIN_PART and w.isalpha() and w not in GERMAN_STOPWORDS}
        self._stems = {stem(w) for w in self._words}
        self._min_count = min_count
        self._split = lru_cache(maxsize=100_000)(self._split_uncached)

    def __getstate__(self) -> dict:
        """Pickled without its cache (the corpus snapshot is kept on disk between starts)."""
        return {key: value for key, value in self.__dict__.items() if key != "_split"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._split = lru_cache(maxsize=100_000)(self._split_uncached)

    @property
    def vocabulary(self) -> dict[str, int]:
        """Word counts the splitter knows (persisted with the lexical index so queries split the same way)."""
        return dict(self._words)

    def _known(self, part: str) -> bool:
        return part in self._words or stem(part) in self._stems

    def _frequent(self, part: str) -> bool:
        return len(part) >= 5 and self._words.get(part, 0) >= self._min_count

    def split(self, word: str) -> list[str]:
        """Parts of a compound (each ≥ 4 letters, linking elements removed), or [] when it is not one.

        Inner compounds the corpus knows are kept too: "seniorenbegegnungsstaette" gives senioren,
        begegnungsstaette, begegnung, staette, so both "Begegnungsstätte" and "Senioren" find it.
        """
        if len(word) < MIN_WORD or not word.isalpha():
            return []
        leaves, inner = self._split(word)
        return list(dict.fromkeys([*leaves, *inner])) if leaves else []

    def _split_uncached(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        best: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
        best_rank: tuple[int, int] | None = None
        # Longest known modifier first: "sozialraumteam" → sozialraum + team rather than sozial + raumteam.
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            left_raw, right = word[:cut], word[cut:]
            for fuge in FUGEN:
                if fuge and not left_raw.endswith(fuge):
                    continue
                left = left_raw[: len(left_raw) - len(fuge)] if fuge else left_raw
                if len(left) < MIN_PART or not self._known(left):
                    continue
                right_leaves, right_inner = self._split(right) if len(right) >= MIN_WORD else ((), ())
                if self._known(right):
                    candidate = ((left, right), right_inner + right_leaves) if right_leaves else ((left, right), ())
                elif right_leaves:
                    candidate = ((left, *right_leaves), right_inner)
                elif self._frequent(left) and len(right) >= 5:
                    candidate = ((left, right), ())
                else:
                    continue
                # Fewest parts; then a modifier that is a corpus word as written ("armut", not "armuts").
                rank = (len(candidate[0]), 0 if left in self._words else 1)
                if best_rank is None or rank < best_rank:
                    best, best_rank = candidate, rank
            if best_rank is not None and best_rank == (2, 0):
                break
        return best

"""An honest in-memory LexicalIndex: same contract as the BM25 adapter (tests/contracts), no disk, simple tf-idf."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from assistant.core.interfaces import LexicalIndex
from assistant.core.types import Chunk, DocumentMeta, QueryFilters
from assistant.core.validation import checked_filters
from assistant.text import GermanAnalyzer


class FakeLexicalIndex(LexicalIndex):
    """Scores chunks by the idf-weighted count of query terms they contain (German analyzer, no compounds)."""

    def __init__(self) -> None:
        self._analyzer = GermanAnalyzer()
        self._items: list[tuple[Chunk, DocumentMeta, Counter[str]]] = []
        self._df: Counter[str] = Counter()
        self._fingerprint: str | None = None
        self.rebuilds = 0  # so tests can check that the retrieval service rebuilds only when needed

    def rebuild(self, chunks: Iterable[tuple[Chunk, DocumentMeta]], fingerprint: str) -> None:
        self._items = []
        self._df = Counter()
        for chunk, doc in chunks:
            terms = Counter(self._analyzer.terms("\n".join(p for p in (doc.title, chunk.section, chunk.text) if p)))
            self._items.append((chunk, doc, terms))
            self._df.update(terms.keys())
        self._fingerprint = fingerprint
        self.rebuilds += 1

    def fingerprint(self) -> str | None:
        return self._fingerprint

    def search(self, query: str, k: int, filters: QueryFilters | None = None) -> list[tuple[str, float]]:
        filters = checked_filters(filters)
        if k <= 0:
            return []
        wanted = set(self._analyzer.terms(query))
        n = len(self._items)
        scored = []
        for chunk, doc, terms in self._items:
            if not filters.allows(doc):
                continue
            score = sum(min(terms[t], 3) * math.log(1 + n / self._df[t]) for t in wanted if t in terms)
            if score > 0:
                scored.append((chunk.chunk_id, float(score)))
        scored.sort(key=lambda item: (-item[1], item[0]))
        return scored[:k]

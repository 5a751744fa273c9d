"""Figures from the Kennzahlen engine (FactStore) for drafts, each tied to the passage that shows it.

A fact knows its document, table, row or page; a draft's footnote must name a passage whose text holds the
number, so that the verifier can check it. Each fact is matched to the passage of its document (same page
when it has one) that contains its value as written, its place, its year and the numbers of its label, preferring the passage of its row and
table. A fact with no such passage is left out: a figure that cannot be shown in its source is not drafted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from assistant.core.interfaces import FactStore
from assistant.core.types import Chunk, DocumentMeta, Fact, FactQuery
from assistant.services.drafting.figures import CITY_PLACE
from assistant.services.drafting.types import Figure, SourceRef
from assistant.services.drafting.verify import contains_number, numbers_in
from assistant.services.vocabulary import Vocabulary


def _value_text(raw: str) -> str:
    return raw.replace("%", "").replace("\u202f", "").strip()


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


class FactFigures:
    """Turns the store's facts into Figures with passage-level sources (built once per corpus version)."""

    def __init__(self, store: FactStore):
        self.store = store
        self._cache: tuple[str, str, list[Figure]] | None = None

    def figures(self, fingerprint: str, level: str, documents: dict[str, DocumentMeta], chunks: Iterable[Chunk],
                vocab: Vocabulary) -> list[Figure]:
        if self._cache and self._cache[:2] == (fingerprint, level):
            return self._cache[2]
        facts = self.store.query(FactQuery(max_confidentiality=level, limit=1_000_000))
        by_doc: dict[str, list[Chunk]] = defaultdict(list)
        for chunk in chunks:
            by_doc[chunk.doc_id].append(chunk)
        out = []
        for fact in facts:
            figure = self._figure(fact, documents.get(fact.doc_id), by_doc.get(fact.doc_id, []), vocab)
            if figure is not None:
                out.append(figure)
        self._cache = (fingerprint, level, out)
        return out

    def _figure(self, fact: Fact, doc: DocumentMeta | None, chunks: list[Chunk], vocab: Vocabulary) -> Figure | None:
        if doc is None or fact.value is None or fact.year is None:
            return None
        place = CITY_PLACE if vocab.is_citywide(fact.place) else getattr(vocab.resolve_place(fact.place), "name", None)
        if not place:
            return None
        value = _value_text(fact.raw)
        chunk = self._passage(fact, value, chunks)
        if chunk is None:
            return None
        ref = SourceRef(doc.doc_id, doc.title, (chunk.chunk_id,), page=chunk.page,
                        rows=(chunk.row,) if chunk.page is None and chunk.row is not None else (),
                        section=fact.table or chunk.section, date=doc.date)
        return Figure(fact.indicator, place, fact.year, value, fact.unit if fact.unit == "%" else "", ref, fact.indicator_key)

    @staticmethod
    def _passage(fact: Fact, value: str, chunks: list[Chunk]) -> Chunk | None:
        place = _squash(fact.place)
        needed = [value, str(fact.year), *numbers_in(fact.indicator)]
        best, best_score = None, -1
        for chunk in chunks:
            if fact.page is not None and chunk.page != fact.page:
                continue
            text = f"{chunk.section}\n{chunk.text}"
            if place not in _squash(text) or not all(contains_number(text, n) for n in needed):
                continue
            score = (2 if fact.row is not None and chunk.row == fact.row else 0) + (1 if fact.table and fact.table in chunk.section else 0)
            score += 1 if _squash(fact.indicator.split(":")[0]) in _squash(text) else 0
            if score > best_score:
                best, best_score = chunk, score
        return best

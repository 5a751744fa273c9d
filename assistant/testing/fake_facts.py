"""An in-memory FactStore: the same filtering and access rules as the SQLite store, in plain Python."""

from __future__ import annotations

import dataclasses
import threading
from collections import Counter
from collections.abc import Sequence

from assistant.core.interfaces import FactStore
from assistant.core.types import DocumentMeta, Fact, FactQuery, TableRow, confidentiality_rank
from assistant.text.normalize import simple_key


class InMemoryFactStore(FactStore):
    """Facts and rows per document in dicts; a document's confidentiality is stamped on all of them."""

    def __init__(self) -> None:
        self._facts: dict[str, list[Fact]] = {}
        self._rows: dict[str, list[TableRow]] = {}
        self._versions: dict[str, str] = {}
        self._lock = threading.Lock()

    def replace_document(self, doc: DocumentMeta, facts: Sequence[Fact], rows: Sequence[TableRow]) -> None:
        level = doc.confidentiality
        stamped = [dataclasses.replace(f, confidentiality=level, place_key=f.place_key or simple_key(f.place),
                                       indicator_key=f.indicator_key or simple_key(f.indicator)) for f in facts]
        with self._lock:
            self._facts[doc.doc_id] = stamped
            self._rows[doc.doc_id] = [dataclasses.replace(r, confidentiality=level, cells=dict(r.cells)) for r in rows]
            self._versions[doc.doc_id] = doc.content_hash

    def delete_document(self, doc_id: str) -> bool:
        with self._lock:
            known = doc_id in self._versions or doc_id in self._facts
            self._facts.pop(doc_id, None)
            self._rows.pop(doc_id, None)
            self._versions.pop(doc_id, None)
        return known

    def doc_versions(self) -> dict[str, str]:
        return dict(self._versions)

    def _visible(self, max_confidentiality: str) -> list[Fact]:
        allowed = confidentiality_rank(max_confidentiality)
        return [f for facts in list(self._facts.values()) for f in facts if confidentiality_rank(f.confidentiality) <= allowed]

    def query(self, query: FactQuery) -> list[Fact]:
        places = {simple_key(p) for p in query.places}
        found = []
        for fact in self._visible(query.max_confidentiality):
            if query.indicator_keys and fact.indicator_key not in query.indicator_keys:
                continue
            if places and fact.place_key not in places:
                continue
            if query.place_levels and fact.place_level not in query.place_levels:
                continue
            if query.periods and fact.period not in query.periods:
                continue
            if query.doc_ids and fact.doc_id not in query.doc_ids:
                continue
            if query.year_from is not None and (fact.year is None or fact.year < query.year_from):
                continue
            if query.year_to is not None and (fact.year is None or fact.year > query.year_to):
                continue
            found.append(fact)
        return found[: max(0, query.limit)]

    def rows(self, doc_id: str, table: str | None = None, max_confidentiality: str = "public") -> list[TableRow]:
        allowed = confidentiality_rank(max_confidentiality)
        return [r for r in self._rows.get(doc_id, []) if confidentiality_rank(r.confidentiality) <= allowed
                and (table is None or r.table == table)]

    def indicators(self, max_confidentiality: str = "public") -> dict[str, str]:
        labels: dict[str, str] = {}
        for fact in self._visible(max_confidentiality):
            current = labels.get(fact.indicator_key)
            if current is None or fact.indicator < current:
                labels[fact.indicator_key] = fact.indicator
        return labels

    def places(self, max_confidentiality: str = "public") -> dict[str, str]:
        counts = Counter((f.place, f.place_level) for f in self._visible(max_confidentiality))
        result: dict[str, str] = {}
        for (place, level), _ in sorted(counts.items(), key=lambda item: item[1]):
            result[place] = level
        return result

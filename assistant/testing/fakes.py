"""Honest fakes of the core interfaces: same contract as the real adapters (tests/contracts), no models, no disk.

One section per interface; add new fakes (lexical index, chat model) as further sections below.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict

import numpy as np

from assistant.core.errors import InvalidInputError
from assistant.core.interfaces import Embedder, StoredChunk, VectorStore
from assistant.core.types import Chunk, DocumentMeta, QueryFilters
from assistant.core.validation import checked_filters

# --- Embedder ---------------------------------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def _bucket(feature: str, dim: int) -> tuple[int, float]:
    """Stable across processes (unlike hash()): a bucket and a sign for one feature."""
    digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
    value = int.from_bytes(digest, "little")
    return value % dim, (1.0 if (value >> 63) & 1 else -1.0)


class FakeEmbedder(Embedder):
    """Hashed bag of words plus character trigrams: texts sharing words (or word stems) get similar vectors.

    Queries carry one extra marker feature, like e5's "query:" prefix, so query and passage vectors differ a little.
    """

    name = "fake-hashed-bow"

    def __init__(self, dim: int = 64):
        self.dim = dim
        self.calls: list[int] = []  # batch sizes seen, so tests can check that nothing is embedded twice

    def _vector(self, text: str, query: bool) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in _WORD.findall(text.lower()):
            index, sign = _bucket("w:" + word, self.dim)
            vector[index] += sign
            padded = f"<{word}>"
            for start in range(len(padded) - 2):
                index, sign = _bucket("c:" + padded[start : start + 3], self.dim)
                vector[index] += 0.3 * sign
        if query:
            index, sign = _bucket("marker:query", self.dim)
            vector[index] += 0.5 * sign
        norm = float(np.linalg.norm(vector))
        if norm == 0.0:
            vector[0] = 1.0  # empty text: a fixed unit vector, never NaN
            return vector
        return vector / norm

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        self.calls.append(len(texts))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vector(text, query=False) for text in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text, query=True)

    def count_tokens(self, text: str) -> int:
        return len(re.findall(r"\w+|[^\w\s]", text)) + 2


# --- VectorStore ------------------------------------------------------------------------------------------------



def registry_fingerprint(documents: Sequence[DocumentMeta]) -> str:
    """Hash over every committed document's id, version and metadata (metadata: filters of the lexical index)."""
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.doc_id):
        digest.update(json.dumps(asdict(doc), sort_keys=True, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()[:32]


class InMemoryVectorStore(VectorStore):
    """Brute-force numpy store with the committed-version registry of the real one."""

    def __init__(self, dim: int | None = None):
        self.dim = dim
        self._chunks: dict[str, StoredChunk] = {}
        self._vectors: dict[str, np.ndarray] = {}
        self._documents: dict[str, DocumentMeta] = {}

    def _visible(self, stored: StoredChunk) -> bool:
        doc = self._documents.get(stored.chunk.doc_id)
        return doc is not None and doc.content_hash == stored.doc_hash

    def add_chunks(self, doc: DocumentMeta, chunks: Sequence[Chunk], vectors: np.ndarray, text_hashes: Sequence[str]) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or len(chunks) != len(vectors) or len(chunks) != len(text_hashes):
            raise InvalidInputError(f"{len(chunks)} chunks, {vectors.shape} vectors, {len(text_hashes)} hashes")
        if self.dim is not None and len(chunks) and vectors.shape[1] != self.dim:
            raise InvalidInputError(f"dim {vectors.shape[1]} != {self.dim}")
        for chunk, vector, text_hash in zip(chunks, vectors, text_hashes, strict=True):
            if chunk.doc_id != doc.doc_id:
                raise InvalidInputError(f"chunk {chunk.chunk_id} belongs to {chunk.doc_id}, not {doc.doc_id}")
            self._chunks[chunk.chunk_id] = StoredChunk(chunk=chunk, doc_hash=doc.content_hash, text_hash=text_hash)
            self._vectors[chunk.chunk_id] = vector / max(float(np.linalg.norm(vector)), 1e-12)

    def commit_document(self, doc: DocumentMeta) -> None:
        self._documents[doc.doc_id] = doc
        stale = [cid for cid, s in self._chunks.items() if s.chunk.doc_id == doc.doc_id and s.doc_hash != doc.content_hash]
        self._drop(stale)

    def _drop(self, chunk_ids: Sequence[str]) -> None:
        for chunk_id in chunk_ids:
            self._chunks.pop(chunk_id, None)
            self._vectors.pop(chunk_id, None)

    def delete_document(self, doc_id: str) -> bool:
        existed = self._documents.pop(doc_id, None) is not None
        self._drop([cid for cid, s in self._chunks.items() if s.chunk.doc_id == doc_id])
        return existed

    def documents(self) -> list[DocumentMeta]:
        return sorted(self._documents.values(), key=lambda d: d.doc_id)

    def get_document(self, doc_id: str) -> DocumentMeta | None:
        return self._documents.get(doc_id)

    def query(self, vector: np.ndarray, k: int, filters: QueryFilters | None = None) -> list[tuple[StoredChunk, float]]:
        filters = checked_filters(filters)
        if k <= 0:
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        query = query / max(float(np.linalg.norm(query)), 1e-12)
        scored = [
            (stored, float(self._vectors[cid] @ query))
            for cid, stored in self._chunks.items()
            if self._visible(stored) and filters.allows(self._documents[stored.chunk.doc_id])
        ]
        scored.sort(key=lambda item: (-item[1], item[0].chunk.chunk_id))
        return scored[:k]

    def get_chunks(self, chunk_ids: Sequence[str]) -> list[StoredChunk]:
        found = (self._chunks.get(cid) for cid in chunk_ids)
        return [stored for stored in found if stored is not None and self._visible(stored)]

    def chunks_of(self, doc_id: str) -> list[StoredChunk]:
        return sorted((s for s in self._chunks.values() if s.chunk.doc_id == doc_id and self._visible(s)), key=lambda s: s.chunk.ordinal)

    def iter_chunks(self, batch_size: int = 1000) -> Iterator[StoredChunk]:
        yield from [s for s in self._chunks.values() if self._visible(s)]

    def vectors_for_text_hashes(self, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        wanted = set(text_hashes)
        return {s.text_hash: self._vectors[cid].copy() for cid, s in self._chunks.items() if s.text_hash in wanted}

    def remove_orphans(self) -> int:
        orphans = [cid for cid, s in self._chunks.items() if not self._visible(s)]
        self._drop(orphans)
        return len(orphans)

    def count(self) -> int:
        return len(self._chunks)

    def fingerprint(self) -> str:
        return registry_fingerprint(list(self._documents.values()))

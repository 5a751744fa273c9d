"""Chroma as planwissen's vector store (embedded on disk, or a Chroma server) — the only module that imports chromadb.

Two collections: `<prefix>-chunks` (one record per chunk, metadata flattened so filters run inside Chroma) and
`<prefix>-documents` (the registry of committed document versions). A chunk is visible only when its document
version (`doc_hash`) is the committed one, which makes ingestion crash-consistent: chunks first, commit last.
Chroma never embeds anything itself: planwissen always passes vectors, and the collections carry an embedding
function that refuses to run (otherwise Chroma would download its ONNX model).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, Literal

import chromadb
import httpx
import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.config import Settings as ChromaClientSettings
from chromadb.utils.embedding_functions import register_embedding_function

from assistant.core.errors import ConfigurationError, DataDirVersionError, InvalidInputError, StoreUnavailableError
from assistant.core.interfaces import StoredChunk, VectorStore
from assistant.core.settings import ChromaSettings
from assistant.core.types import Chunk, DocumentMeta, QueryFilters, confidentiality_rank
from assistant.core.validation import checked_filters

#: Bumped when the layout of records changes; an index of another layout must be rebuilt.
SCHEMA_VERSION = 1
#: Chroma's HNSW default (ef_search 10) misses neighbours; 100 costs little at planwissen's scale.
HNSW_CONFIGURATION = {"space": "cosine", "ef_construction": 100, "ef_search": 100}
_WRITE_BATCH = 1000
_READ_BATCH = 1000
_NONE = -1  # Chroma metadata cannot hold None
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@register_embedding_function
class RefuseToEmbed(EmbeddingFunction[Documents]):
    """Stands in for Chroma's default embedder, which would download a model; planwissen always passes vectors."""

    def __init__(self) -> None:
        pass

    def __call__(self, input: Documents) -> Embeddings:
        raise InvalidInputError(
            "chroma",
            message_de="Der Vektorspeicher berechnet keine Embeddings selbst; Vektoren müssen mitgegeben werden",
            message_en="The vector store never embeds; vectors must be passed in",
        )

    @staticmethod
    def name() -> str:
        return "planwissen-precomputed"

    def get_config(self) -> dict[str, Any]:
        return {}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> RefuseToEmbed:
        return RefuseToEmbed()

    def default_space(self) -> Literal["cosine"]:
        return "cosine"

    def supported_spaces(self) -> list[Literal["cosine"]]:
        return ["cosine"]


def slug(value: str) -> str:
    """Lower-case ASCII form of a district/topic name for metadata keys ("Eilpe/Dahl" -> "eilpe-dahl")."""
    return re.sub(r"[^a-z0-9]+", "-", value.lower().translate(_UMLAUTS)).strip("-")


def district_key(name: str) -> str:
    return f"d:{slug(name)}"


def topic_key(name: str) -> str:
    return f"t:{slug(name)}"


def document_to_json(doc: DocumentMeta) -> str:
    return json.dumps(asdict(doc), sort_keys=True, ensure_ascii=False)


def document_from_json(text: str) -> DocumentMeta:
    """Tolerant of fields added or dropped in later versions of DocumentMeta."""
    data = json.loads(text)
    known = {f.name for f in fields(DocumentMeta)}
    values = {key: value for key, value in data.items() if key in known}
    for key in ("districts", "sozialraeume", "topics"):
        values[key] = tuple(values.get(key) or ())
    return DocumentMeta(**values)


def registry_fingerprint(documents: Sequence[DocumentMeta]) -> str:
    """Hash over every committed document's id, version and metadata (metadata: the lexical index filters on it)."""
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.doc_id):
        digest.update(document_to_json(doc).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()[:32]


def document_level_metadata(doc: DocumentMeta) -> dict[str, Any]:
    """The part of a chunk's metadata that comes from its document (what filters look at)."""
    meta: dict[str, Any] = {
        "doc_id": doc.doc_id,
        "year": doc.year if doc.year is not None else _NONE,
        "kind_doc": doc.kind,
        "conf_rank": confidentiality_rank(doc.confidentiality),
    }
    for district in doc.districts:
        if slug(district):
            meta[district_key(district)] = True
    for topic in doc.topics:
        if slug(topic):
            meta[topic_key(topic)] = True
    return meta


def chunk_metadata(chunk: Chunk, doc: DocumentMeta, text_hash: str) -> dict[str, Any]:
    """Flat metadata of one chunk record (Chroma holds only str/int/float/bool)."""
    return {
        **document_level_metadata(doc),
        "doc_hash": doc.content_hash,
        "text_hash": text_hash,
        "ordinal": chunk.ordinal,
        "section": chunk.section,
        "page": chunk.page if chunk.page is not None else _NONE,
        "row": chunk.row if chunk.row is not None else _NONE,
        "char_start": chunk.char_start,
        "char_end": chunk.char_end,
        "kind": chunk.kind,
        "table": chunk.table,
        "record": json.dumps(chunk.record, ensure_ascii=False) if chunk.record is not None else "",
    }


def stored_chunk_from_record(chunk_id: str, text: str | None, meta: dict[str, Any]) -> StoredChunk:
    page = int(meta.get("page", _NONE))
    row = int(meta.get("row", _NONE))
    record_json = meta.get("record") or ""
    chunk = Chunk(
        chunk_id=chunk_id,
        doc_id=str(meta["doc_id"]),
        ordinal=int(meta.get("ordinal", 0)),
        text=text or "",
        section=str(meta.get("section", "")),
        page=None if page == _NONE else page,
        row=None if row == _NONE else row,
        char_start=int(meta.get("char_start", 0)),
        char_end=int(meta.get("char_end", 0)),
        kind=meta.get("kind", "text"),
        record=json.loads(record_json) if record_json else None,
        table=str(meta.get("table", "")),
    )
    return StoredChunk(chunk=chunk, doc_hash=str(meta["doc_hash"]), text_hash=str(meta.get("text_hash", "")))



def _any_of(conditions: list[dict[str, Any]]) -> dict[str, Any]:
    return conditions[0] if len(conditions) == 1 else {"$or": conditions}


def _all_of(conditions: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else {"$and": conditions}


def where_for(filters: QueryFilters) -> dict[str, Any] | None:
    """QueryFilters as a Chroma `where`, so filtering happens inside the store's search, not after it."""
    conditions: list[dict[str, Any]] = [{"conf_rank": {"$lte": confidentiality_rank(filters.max_confidentiality)}}]
    if filters.year_from is not None:
        conditions.append({"year": {"$gte": int(filters.year_from)}})
    if filters.year_to is not None:
        conditions.append({"year": {"$lte": int(filters.year_to)}})
        conditions.append({"year": {"$gte": 0}})  # unknown year (-1) must not pass an upper bound
    for names, key in ((filters.districts, district_key), (filters.topics, topic_key)):
        if names:  # a name that slugs to nothing gives a key no chunk carries: it matches nothing
            conditions.append(_any_of([{k: True} for k in sorted({key(name) for name in names})]))
    if filters.doc_ids:
        conditions.append({"doc_id": {"$in": list(dict.fromkeys(filters.doc_ids))}})
    if filters.kinds:
        conditions.append({"kind_doc": {"$in": list(dict.fromkeys(filters.kinds))}})
    return _all_of(conditions)


class ChromaVectorStore(VectorStore):
    """VectorStore on Chroma 1.x, embedded (PersistentClient) or remote (HttpClient)."""

    def __init__(
        self,
        *,
        mode: Literal["embedded", "server"] = "embedded",
        path: Path | None = None,
        host: str = "127.0.0.1",
        port: int = 8000,
        ssl: bool = False,
        collection_prefix: str = "planwissen",
        dim: int,
        embedder_name: str = "",
        registry_ttl_s: float | None = None,
        search_breadth: int = 400,
    ):
        """`registry_ttl_s`: how long the registry of committed documents is trusted before it is re-read; by default
        forever in embedded mode (this process is the only writer) and 5 s against a server (others may write).
        `search_breadth`: neighbours asked of Chroma per search (ChromaSettings.search_breadth says why)."""
        if not re.fullmatch(r"[a-zA-Z0-9._-]{3,60}", collection_prefix):
            raise ConfigurationError(collection_prefix, message_de="Ungültiger Name für die Chroma-Sammlung")
        if dim < 1:
            raise ConfigurationError(f"dim={dim}", message_de="Die Vektorlänge muss positiv sein")
        self.mode = mode
        self.dim = dim
        self.embedder_name = embedder_name
        self.collection_prefix = collection_prefix
        self.search_breadth = max(1, int(search_breadth))
        self._where_label = str(path) if mode == "embedded" else f"{'https' if ssl else 'http'}://{host}:{port}"
        self._registry_ttl_s = registry_ttl_s if registry_ttl_s is not None else (None if mode == "embedded" else 5.0)
        self._registry_cache: dict[str, DocumentMeta] | None = None
        self._registry_loaded_at = 0.0
        client_settings = ChromaClientSettings(anonymized_telemetry=False, allow_reset=False)
        with self._guard():
            if mode == "embedded":
                if path is None:
                    raise ConfigurationError("path", message_de="Für den eingebetteten Chroma-Speicher fehlt der Ordner")
                Path(path).mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(path), settings=client_settings)
            elif mode == "server":
                self._client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=client_settings)
            else:
                raise ConfigurationError(str(mode), message_de="Unbekannter Chroma-Modus (embedded oder server)")
            self._max_batch = max(1, min(_WRITE_BATCH, int(self._client.get_max_batch_size())))
            self._open_collections()

    @classmethod
    def from_settings(cls, settings: ChromaSettings, data_dir: Path, *, dim: int, embedder_name: str = "") -> ChromaVectorStore:
        """The store the configuration describes; the embedded store lives in <data_dir>/chroma unless a path is set."""
        return cls(
            mode=settings.mode,
            path=settings.path or Path(data_dir) / "chroma",
            host=settings.host,
            port=settings.port,
            ssl=settings.ssl,
            collection_prefix=settings.collection,
            dim=dim,
            embedder_name=embedder_name,
            search_breadth=settings.search_breadth,
        )

    # --- plumbing -------------------------------------------------------------------------------------------------

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Connection problems become one typed, German error; everything else passes unchanged."""
        try:
            yield
        except (httpx.TransportError, ConnectionError) as exc:
            raise StoreUnavailableError(self._where_label) from exc
        except ValueError as exc:
            if "Could not connect" in str(exc):
                raise StoreUnavailableError(self._where_label) from exc
            raise

    def _open_collections(self) -> None:
        identity = {"planwissen_schema": SCHEMA_VERSION, "planwissen_dim": self.dim, "planwissen_embedder": self.embedder_name}
        self._chunks = self._open_collection(f"{self.collection_prefix}-chunks", identity)
        self._documents = self._open_collection(f"{self.collection_prefix}-documents", identity)

    def _open_collection(self, name: str, identity: dict[str, Any]) -> Any:
        collection = self._client.get_or_create_collection(
            name, embedding_function=RefuseToEmbed(), configuration={"hnsw": HNSW_CONFIGURATION}, metadata=identity
        )
        found = collection.metadata or {}
        if found.get("planwissen_schema") != SCHEMA_VERSION:
            raise DataDirVersionError(name)
        if found.get("planwissen_dim") != self.dim or (self.embedder_name and found.get("planwissen_embedder") != self.embedder_name):
            raise ConfigurationError(
                f"{name}: {found.get('planwissen_embedder')} ({found.get('planwissen_dim')}) ≠ {self.embedder_name} ({self.dim})",
                message_de="Der Index wurde mit einem anderen Embedding-Modell erstellt; bitte neu einlesen oder das Modell zurückstellen",
                message_en="The index was built with another embedding model; re-ingest or switch the model back",
            )
        return collection

    def _registry(self, *, fresh: bool = False) -> dict[str, DocumentMeta]:
        expired = self._registry_ttl_s is not None and time.monotonic() - self._registry_loaded_at > self._registry_ttl_s
        if fresh or expired or self._registry_cache is None:
            registry: dict[str, DocumentMeta] = {}
            for ids, metadatas, _ in self._pages(self._documents, include=["metadatas"]):
                for doc_id, meta in zip(ids, metadatas, strict=True):
                    registry[doc_id] = document_from_json(meta["meta"])
            self._registry_cache = registry
            self._registry_loaded_at = time.monotonic()
        return self._registry_cache

    def _invalidate(self) -> None:
        self._registry_cache = None

    def _pages(self, collection: Any, *, include: list[str], where: dict[str, Any] | None = None) -> Iterator[tuple[list, list, list]]:
        offset = 0
        while True:
            page = collection.get(where=where, limit=_READ_BATCH, offset=offset, include=include)
            ids = page["ids"]
            if not ids:
                return
            yield ids, page.get("metadatas") or [None] * len(ids), page.get("documents") or [None] * len(ids)
            if len(ids) < _READ_BATCH:
                return
            offset += len(ids)

    def _visible(self, stored: StoredChunk, registry: dict[str, DocumentMeta]) -> bool:
        doc = registry.get(stored.chunk.doc_id)
        return doc is not None and doc.content_hash == stored.doc_hash

    def _delete_ids(self, ids: Sequence[str]) -> None:
        for start in range(0, len(ids), self._max_batch):
            self._chunks.delete(ids=list(ids[start : start + self._max_batch]))

    # --- VectorStore ----------------------------------------------------------------------------------------------

    def add_chunks(self, doc: DocumentMeta, chunks: Sequence[Chunk], vectors: np.ndarray, text_hashes: Sequence[str]) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        if len(chunks) != len(text_hashes) or (len(chunks) and (vectors.ndim != 2 or vectors.shape != (len(chunks), self.dim))):
            raise InvalidInputError(f"{len(chunks)} Abschnitte, Vektoren {vectors.shape}, {len(text_hashes)} Hashes, dim {self.dim}")
        if not chunks:
            return
        for chunk in chunks:
            if chunk.doc_id != doc.doc_id:
                raise InvalidInputError(f"{chunk.chunk_id} gehört zu {chunk.doc_id}, nicht zu {doc.doc_id}")
        ids = [chunk.chunk_id for chunk in chunks]
        with self._guard():
            # Delete first: upsert would merge old metadata keys (a district flag dropped from the document would stay).
            self._delete_ids(ids)
            for start in range(0, len(chunks), self._max_batch):
                part = slice(start, start + self._max_batch)
                self._chunks.add(
                    ids=ids[part],
                    embeddings=vectors[part],
                    documents=[chunk.text for chunk in chunks[part]],
                    metadatas=[chunk_metadata(c, doc, h) for c, h in zip(chunks[part], text_hashes[part], strict=True)],
                )

    def commit_document(self, doc: DocumentMeta) -> None:
        with self._guard():
            dummy = np.zeros((1, self.dim), dtype=np.float32)
            dummy[0, 0] = 1.0  # Chroma needs a vector for every record; the registry is never searched by vector
            self._documents.upsert(
                ids=[doc.doc_id], embeddings=dummy, metadatas=[{"meta": document_to_json(doc), "content_hash": doc.content_hash}]
            )
            self._invalidate()
            self._chunks.delete(where={"$and": [{"doc_id": doc.doc_id}, {"doc_hash": {"$ne": doc.content_hash}}]})
            self._refresh_document_metadata(doc)

    def _refresh_document_metadata(self, doc: DocumentMeta) -> None:
        """Same content, new metadata (e.g. confidentiality changed in the manifest): rewrite what filters look at."""
        wanted = document_level_metadata(doc)
        ids_to_fix: list[str] = []
        updates: list[dict[str, Any]] = []
        for ids, metadatas, _ in self._pages(self._chunks, include=["metadatas"], where={"doc_id": doc.doc_id}):
            for chunk_id, meta in zip(ids, metadatas, strict=True):
                current = {key: value for key, value in meta.items() if key in wanted or key.startswith(("d:", "t:"))}
                if current != wanted:
                    stale = {key: None for key in current if key not in wanted}  # None deletes a key in Chroma 1.x
                    ids_to_fix.append(chunk_id)
                    updates.append({**wanted, **stale})
        for start in range(0, len(ids_to_fix), self._max_batch):
            part = slice(start, start + self._max_batch)
            self._chunks.update(ids=ids_to_fix[part], metadatas=updates[part])

    def delete_document(self, doc_id: str) -> bool:
        with self._guard():
            existed = bool(self._documents.get(ids=[doc_id], include=[])["ids"])
            self._documents.delete(ids=[doc_id])
            self._invalidate()
            self._chunks.delete(where={"doc_id": doc_id})
            return existed

    def documents(self) -> list[DocumentMeta]:
        with self._guard():
            return sorted(self._registry().values(), key=lambda d: d.doc_id)

    def get_document(self, doc_id: str) -> DocumentMeta | None:
        with self._guard():
            return self._registry().get(doc_id)

    def query(self, vector: np.ndarray, k: int, filters: QueryFilters | None = None) -> list[tuple[StoredChunk, float]]:
        filters = checked_filters(filters)
        if k <= 0:
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        if query.shape != (self.dim,):
            raise InvalidInputError(f"Anfragevektor {query.shape}, erwartet ({self.dim},)")
        with self._guard():
            registry = self._registry()
            allowed = {doc_id: doc for doc_id, doc in registry.items() if filters.allows(doc)}
            if not allowed:
                return []
            # Nothing committed is filtered out (the common case: no filters, all public): skip the `where`, which costs
            # Chroma ~4x the search itself; the visibility re-check below still applies.
            where = None if len(allowed) == len(registry) else where_for(filters)
            n_results = max(2 * k, k + 10)
            while True:
                ids, distances = self._nearest(query, n_results, where)
                records = self._records(ids)
                hits: list[tuple[StoredChunk, float]] = []
                for chunk_id, distance in zip(ids, distances, strict=True):
                    if chunk_id not in records:
                        continue  # deleted between the two calls
                    text, meta = records[chunk_id]
                    stored = stored_chunk_from_record(chunk_id, text, meta)
                    # Python re-check against the committed registry: hides uncommitted versions, and stale chunk
                    # metadata can never widen what a caller sees.
                    if self._visible(stored, allowed):
                        hits.append((stored, 1.0 - float(distance)))
                if len(hits) >= k or len(ids) < n_results:
                    break
                n_results *= 4  # old versions/orphans took places: fetch more
            hits.sort(key=lambda item: (-item[1], item[0].chunk.chunk_id))
            return hits[:k]

    def _nearest(self, query: np.ndarray, n: int, where) -> tuple[list[str], list[float]]:
        """The `n` nearest chunk ids and distances, from a search at least `search_breadth` wide: the HNSW graph that
        Chroma rebuilds at each start after deletions differs from run to run, a narrow search then misses different
        neighbours each time (the same question got other evidence after a restart); a wide one finds the same."""
        found = self._chunks.query(query_embeddings=query[None, :], n_results=max(n, self.search_breadth), where=where,
                                   include=["distances"])
        ranked = sorted(zip(found["ids"][0], found["distances"][0], strict=True), key=lambda item: (item[1], item[0]))[:n]
        return [i for i, _ in ranked], [float(d) for _, d in ranked]

    def _records(self, ids: list[str]) -> dict[str, tuple[str, dict]]:
        """Text and metadata of these chunks (only the few the search keeps, not all it looked at)."""
        if not ids:
            return {}
        got = self._chunks.get(ids=ids, include=["documents", "metadatas"])
        return {i: (text, meta) for i, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)}

    def get_chunks(self, chunk_ids: Sequence[str]) -> list[StoredChunk]:
        wanted = list(dict.fromkeys(chunk_ids))
        if not wanted:
            return []
        with self._guard():
            registry = self._registry()
            by_id: dict[str, StoredChunk] = {}
            for start in range(0, len(wanted), _READ_BATCH):
                page = self._chunks.get(ids=wanted[start : start + _READ_BATCH], include=["documents", "metadatas"])
                for chunk_id, text, meta in zip(page["ids"], page["documents"], page["metadatas"], strict=True):
                    stored = stored_chunk_from_record(chunk_id, text, meta)
                    if self._visible(stored, registry):
                        by_id[chunk_id] = stored
            return [by_id[chunk_id] for chunk_id in chunk_ids if chunk_id in by_id]

    def chunks_of(self, doc_id: str) -> list[StoredChunk]:
        with self._guard():
            doc = self._registry().get(doc_id)
            if doc is None:
                return []
            where = {"$and": [{"doc_id": doc_id}, {"doc_hash": doc.content_hash}]}
            result = [
                stored_chunk_from_record(chunk_id, text, meta)
                for ids, metadatas, texts in self._pages(self._chunks, include=["documents", "metadatas"], where=where)
                for chunk_id, meta, text in zip(ids, metadatas, texts, strict=True)
            ]
            return sorted(result, key=lambda s: s.chunk.ordinal)

    def iter_chunks(self, batch_size: int = 1000) -> Iterator[StoredChunk]:
        with self._guard():
            registry = self._registry(fresh=True)
        offset = 0
        while True:
            with self._guard():
                page = self._chunks.get(limit=batch_size, offset=offset, include=["documents", "metadatas"])
            ids = page["ids"]
            for chunk_id, text, meta in zip(ids, page["documents"], page["metadatas"], strict=True):
                stored = stored_chunk_from_record(chunk_id, text, meta)
                if self._visible(stored, registry):
                    yield stored
            if len(ids) < batch_size:
                return
            offset += len(ids)

    def vectors_for_text_hashes(self, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        wanted = list(dict.fromkeys(text_hashes))
        result: dict[str, np.ndarray] = {}
        with self._guard():
            for start in range(0, len(wanted), _READ_BATCH):
                part = wanted[start : start + _READ_BATCH]
                page = self._chunks.get(where={"text_hash": {"$in": part}}, include=["embeddings", "metadatas"])
                for meta, embedding in zip(page["metadatas"], page["embeddings"], strict=True):
                    result[str(meta["text_hash"])] = np.asarray(embedding, dtype=np.float32)
        return result

    def remove_orphans(self) -> int:
        with self._guard():
            registry = self._registry(fresh=True)
            orphans = [
                chunk_id
                for ids, metadatas, _ in self._pages(self._chunks, include=["metadatas"])
                for chunk_id, meta in zip(ids, metadatas, strict=True)
                if not self._visible(stored_chunk_from_record(chunk_id, "", meta), registry)
            ]
            self._delete_ids(orphans)
            return len(orphans)

    def count(self) -> int:
        with self._guard():
            return int(self._chunks.count())

    def fingerprint(self) -> str:
        """Re-reads the registry (cheap: one record per document), so writes by another process are noticed."""
        with self._guard():
            return registry_fingerprint(list(self._registry(fresh=True).values()))

    # --- maintenance ----------------------------------------------------------------------------------------------

    def drop(self) -> None:
        """Delete both collections; the store is unusable afterwards (tests on a shared server clean up with it)."""
        with self._guard():
            existing = {getattr(c, "name", c) for c in self._client.list_collections()}
            for name in (f"{self.collection_prefix}-chunks", f"{self.collection_prefix}-documents"):
                if name in existing:
                    self._client.delete_collection(name)
            self._invalidate()

    def reset(self) -> None:
        """Delete everything and start empty (`planwissen reset`)."""
        self.drop()
        with self._guard():
            self._open_collections()


def plain_collection(persist_dir: str | None, port: int | None, name: str, *, fresh: bool = False):
    """A raw chromadb collection with Chroma's defaults, for the LlamaIndex baseline of eval and bench (they compare
    against "Chroma as a newcomer would use it"); kept here so that this stays the only module importing chromadb."""
    client_settings = ChromaClientSettings(anonymized_telemetry=False)
    if port:
        client = chromadb.HttpClient(host="127.0.0.1", port=port, settings=client_settings)
    else:
        client = chromadb.PersistentClient(path=persist_dir, settings=client_settings)
    if fresh:
        try:
            client.delete_collection(name)
        except Exception:  # noqa: BLE001 - the collection did not exist
            pass
    return client.get_or_create_collection(name)

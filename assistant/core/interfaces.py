"""Interfaces between services and adapters. Every one has a real adapter and a small honest fake."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from assistant.core.types import Chunk, Conversation, DocumentMeta, Fact, FactQuery, Job, QueryFilters, TableRow, Turn


class Embedder(ABC):
    """Turns texts into unit-length vectors; queries and passages may be embedded differently (e5)."""

    name: str
    dim: int

    @abstractmethod
    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors (n × dim, float32, L2-normalised) for document passages."""

    @abstractmethod
    def embed_query(self, text: str) -> np.ndarray:
        """Vector (dim,) for a question."""

    @abstractmethod
    def count_tokens(self, text: str) -> int:
        """Tokens the model would see for a passage, so chunk sizes are in the embedder's units."""


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as it lies in the store, with the version (content hash) of its document."""

    chunk: Chunk
    doc_hash: str
    text_hash: str


class VectorStore(ABC):
    """Chunks with vectors plus a registry of committed documents.

    A document version is visible only after `commit_document`; chunks of uncommitted versions are
    orphans that `remove_orphans` deletes (crash consistency).
    """

    @abstractmethod
    def add_chunks(self, doc: DocumentMeta, chunks: Sequence[Chunk], vectors: np.ndarray, text_hashes: Sequence[str]) -> None:
        """Store chunks of one document version (not yet visible as committed)."""

    @abstractmethod
    def commit_document(self, doc: DocumentMeta) -> None:
        """Record the document version as complete, then drop chunks of its older versions."""

    @abstractmethod
    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and all its chunks; False when it was not there."""

    @abstractmethod
    def documents(self) -> list[DocumentMeta]:
        """Every committed document."""

    @abstractmethod
    def get_document(self, doc_id: str) -> DocumentMeta | None:
        """One committed document, or None."""

    @abstractmethod
    def query(self, vector: np.ndarray, k: int, filters: QueryFilters | None = None) -> list[tuple[StoredChunk, float]]:
        """Nearest chunks of committed documents that pass the filters, best first, with cosine similarity."""

    @abstractmethod
    def get_chunks(self, chunk_ids: Sequence[str]) -> list[StoredChunk]:
        """Chunks by id (missing ids are skipped)."""

    @abstractmethod
    def chunks_of(self, doc_id: str) -> list[StoredChunk]:
        """All chunks of a document's committed version, in order."""

    @abstractmethod
    def iter_chunks(self, batch_size: int = 1000) -> Iterator[StoredChunk]:
        """All chunks of committed documents (to rebuild the lexical index)."""

    @abstractmethod
    def vectors_for_text_hashes(self, text_hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors by text hash, so an unchanged passage is never embedded twice."""

    @abstractmethod
    def remove_orphans(self) -> int:
        """Delete chunks whose document version was never committed; returns how many."""

    @abstractmethod
    def count(self) -> int:
        """Number of stored chunks."""

    @abstractmethod
    def fingerprint(self) -> str:
        """A cheap hash over the committed documents (ids, versions, metadata); changes on every commit or delete.

        The lexical index remembers it to know whether it is still in step with the store.
        """


class LexicalIndex(ABC):
    """Keyword index (BM25) beside the vector store, rebuilt from it when out of step."""

    @abstractmethod
    def rebuild(self, chunks: Iterable[tuple[Chunk, DocumentMeta]], fingerprint: str) -> None:
        """Replace the index with these chunks and remember the store fingerprint it matches."""

    @abstractmethod
    def fingerprint(self) -> str | None:
        """The store fingerprint this index was built from (None if there is no index)."""

    @abstractmethod
    def search(self, query: str, k: int, filters: QueryFilters | None = None) -> list[tuple[str, float]]:
        """(chunk_id, score) best first, only chunks whose document passes the filters."""


class ChatModel(ABC):
    """An OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp server, a city gateway)."""

    @abstractmethod
    def complete(self, messages: list[dict[str, str]]) -> str:
        """The full reply to a chat."""

    @abstractmethod
    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        """The reply in pieces as they arrive."""


class FactStore(ABC):
    """The Kennzahlen engine's storage: normalised facts and raw rows of every table, in an embedded SQL engine.

    Written by the ingestion pipeline in step with the vector store (same document versions); read by the
    Kennzahlen service. Every read enforces `FactQuery.max_confidentiality`.
    """

    @abstractmethod
    def replace_document(self, doc: DocumentMeta, facts: Sequence[Fact], rows: Sequence[TableRow]) -> None:
        """Store the facts and rows of one document version, replacing whatever that document had before."""

    @abstractmethod
    def delete_document(self, doc_id: str) -> bool:
        """Remove a document's facts and rows; False when it had none."""

    @abstractmethod
    def doc_versions(self) -> dict[str, str]:
        """doc_id → content hash of the version whose facts are stored (to repair after a killed ingest)."""

    @abstractmethod
    def query(self, query: FactQuery) -> list[Fact]:
        """Facts matching every given criterion (empty lists mean: any), within the confidentiality level."""

    @abstractmethod
    def rows(self, doc_id: str, table: str | None = None, max_confidentiality: str = "public") -> list[TableRow]:
        """Raw rows of a document (optionally one table), in order."""

    @abstractmethod
    def indicators(self, max_confidentiality: str = "public") -> dict[str, str]:
        """indicator_key → display label, for the vocabulary learned from the data."""

    @abstractmethod
    def places(self, max_confidentiality: str = "public") -> dict[str, str]:
        """place → place level of every place named in a fact."""


class ConversationStore(ABC):
    """Users' conversations on the server (SQLite in the data directory), for history, follow-ups and retention.

    A conversation belongs to one user and carries the access level it was held at: it is listed, read and changed
    only by that user at that level or a higher one (what an answer quoted never reaches a lower level).
    """

    @abstractmethod
    def create(self, user: str, level: str, title: str = "") -> Conversation:
        """A new, empty conversation with a fresh id."""

    @abstractmethod
    def append(self, conversation_id: str, turn: Turn) -> Turn:
        """Add a turn (question, understood_as, answer text, citations) at the end; returns it with its time.

        Raises ConversationNotFoundError when the conversation is not there."""

    @abstractmethod
    def list(self, user: str, level: str) -> list[Conversation]:
        """The user's conversations readable at `level`, most recently active first, without their turns."""

    @abstractmethod
    def get(self, conversation_id: str, user: str, level: str) -> Conversation | None:
        """One conversation with all its turns in order, or None (also for another user's or a higher level's)."""

    @abstractmethod
    def rename(self, conversation_id: str, user: str, level: str, title: str) -> bool:
        """Set the title; False when the conversation is not the user's (at that level) or not there."""

    @abstractmethod
    def delete(self, conversation_id: str, user: str, level: str) -> bool:
        """Remove a conversation with its turns; False when not the user's or not there."""

    @abstractmethod
    def delete_older_than(self, cutoff: datetime) -> int:
        """Remove every conversation whose last activity is before `cutoff` (retention); returns how many."""


class JobStore(ABC):
    """Ingestion jobs and their latest status (SQLite in the data directory), so a restart neither forgets a job nor
    leaves its upload behind unreported: GET /jobs/{id} answers after a restart, interrupted jobs are resumed."""

    @abstractmethod
    def save(self, job: Job) -> None:
        """Insert the job or replace its stored status (same job_id)."""

    @abstractmethod
    def get(self, job_id: str) -> Job | None:
        """One job as last saved, or None."""

    @abstractmethod
    def unfinished(self) -> list[Job]:
        """Jobs still queued or running (after a restart: interrupted ones), oldest first."""

    @abstractmethod
    def prune(self, keep: int) -> int:
        """Remove finished jobs beyond the `keep` newest; unfinished jobs always stay. Returns how many went."""


class DerivedStateCache(ABC):
    """State derived from the stores (the corpus snapshot: vocabulary, document frequencies, table index), kept
    between starts so a process does not rebuild it. Only a cache: a miss, a damaged entry or a failed save just
    means it is built again; `key` names exactly what it was derived from (store fingerprint, code, settings)."""

    @abstractmethod
    def load(self, key: str) -> object | None:
        """The value saved under exactly this key, or None."""

    @abstractmethod
    def save(self, key: str, value: object) -> None:
        """Keep `value` under `key`, replacing what was kept before (one entry: the current state)."""

"""The document list: what is indexed, for whom, and where the original file lies."""

from __future__ import annotations

from pathlib import Path

from assistant.core.errors import DocumentNotFoundError
from assistant.core.interfaces import FactStore, VectorStore
from assistant.core.types import DocumentMeta, confidentiality_rank


class DocumentService:
    """Lists, shows and removes documents, never revealing one above the caller's level."""

    def __init__(self, store: VectorStore, on_change=None, facts: FactStore | None = None):
        self._store = store
        self._on_change = on_change
        self._facts = facts

    def list(self, max_confidentiality: str = "public") -> list[DocumentMeta]:
        """Committed documents the caller may see, sorted by id."""
        allowed = confidentiality_rank(max_confidentiality)
        docs = [d for d in self._store.documents() if confidentiality_rank(d.confidentiality) <= allowed]
        return sorted(docs, key=lambda d: d.doc_id)

    def get(self, doc_id: str, max_confidentiality: str = "public") -> DocumentMeta:
        """One document; a document above the caller's level is reported as not found (no existence leak)."""
        doc = self._store.get_document(doc_id)
        if doc is None or confidentiality_rank(doc.confidentiality) > confidentiality_rank(max_confidentiality):
            raise DocumentNotFoundError(doc_id)
        return doc

    def remove(self, doc_id: str) -> None:
        """Delete a document, all its chunks and its facts (facts first: a figure must never outlive its source)."""
        had_facts = self._facts.delete_document(doc_id) if self._facts is not None else False
        if not self._store.delete_document(doc_id) and not had_facts:
            raise DocumentNotFoundError(doc_id)
        if self._on_change is not None:
            self._on_change()

    def file_path(self, doc_id: str, max_confidentiality: str = "public") -> Path:
        """The original file, so a citation can open it at its page."""
        doc = self.get(doc_id, max_confidentiality)
        path = Path(doc.source_path)
        if not path.is_file():
            raise DocumentNotFoundError(
                doc.source_path, message_de="Die Originaldatei ist nicht mehr vorhanden", message_en="The original file is gone"
            )
        return path

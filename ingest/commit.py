"""One ingestion run as a transaction over the three stores: vector store (Chroma), fact store and lexical index.

Why: the stores are separate systems, so "commit together" means remember what each document looked like before the
run wrote it, and put exactly that back when a later write fails (disk full at the fact write or the lexical save).
Readers then never meet a document that Chroma knows but the lexical index or the fact store does not: a failed
document is invisible again, an updated one is back at its previous version, and the store's fingerprint is the one
the lexical index was last saved with. A process killed mid-run cannot roll back; the run journal (pipeline) makes
the next run repair forward instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np

from assistant.core.interfaces import FactStore, StoredChunk, VectorStore
from assistant.core.types import CONFIDENTIALITY_LEVELS, DocumentMeta, Fact, FactQuery, TableRow

log = logging.getLogger(__name__)

_ALL_FACTS = 10**9


@dataclass
class _Before:
    """A document as it was before this run wrote it (doc None: it did not exist)."""

    doc_id: str
    doc: DocumentMeta | None
    chunks: list[StoredChunk] = field(default_factory=list)
    vectors: np.ndarray | None = None
    #: None: the fact store held no facts of this version (they are deleted on rollback, never left of the new one).
    facts: list[Fact] | None = None
    rows: list[TableRow] = field(default_factory=list)
    #: What this run has written of the document so far: "committed" (Chroma), "facts" (fact store).
    written: set[str] = field(default_factory=set)


class RunTransaction:
    """Remembers documents before they are written; `rollback` restores them in reverse order."""

    def __init__(self, store: VectorStore, facts: FactStore | None):
        self._store = store
        self._facts = facts
        self._before: dict[str, _Before] = {}

    @property
    def written(self) -> list[str]:
        """Documents this run has (started to) write, in order."""
        return list(self._before)

    def remember(self, doc_id: str) -> None:
        """Keep the committed version of `doc_id` (chunks, vectors, facts) before the first write of this run."""
        if doc_id in self._before:
            return
        doc = self._store.get_document(doc_id)
        before = _Before(doc_id, doc)
        if doc is not None:
            before.chunks = self._store.chunks_of(doc_id)
            known = self._store.vectors_for_text_hashes([s.text_hash for s in before.chunks])
            if all(s.text_hash in known for s in before.chunks):
                before.vectors = np.stack([known[s.text_hash] for s in before.chunks]) if before.chunks else None
            if self._facts is not None and self._facts.doc_versions().get(doc_id) == doc.content_hash:
                top = CONFIDENTIALITY_LEVELS[-1]
                before.facts = self._facts.query(FactQuery(doc_ids=[doc_id], max_confidentiality=top, limit=_ALL_FACTS))
                before.rows = self._facts.rows(doc_id, None, top)
        self._before[doc_id] = before

    def wrote(self, doc_id: str, what: str) -> None:
        """Record a write that succeeded ("committed", "facts"); a write that failed changed nothing of its store."""
        self._before[doc_id].written.add(what)

    def forget(self, doc_id: str) -> None:
        """The document is final (committed everywhere, or rolled back): nothing to restore any more."""
        self._before.pop(doc_id, None)

    def rollback(self, doc_ids: list[str] | None = None) -> bool:
        """Restore the given documents (default: all written), newest first; False when a store refused a restore."""
        ok = True
        for doc_id in reversed(doc_ids if doc_ids is not None else self.written):
            before = self._before.get(doc_id)
            if before is None:
                continue
            try:
                self._restore(before)
            except Exception:
                log.exception("rollback of %s failed; the next ingestion repairs it", doc_id)
                ok = False
                continue
            self.forget(doc_id)
        return ok

    def _restore(self, before: _Before) -> None:
        # Facts first: a figure must never outlive the version it came from.
        if self._facts is not None and "facts" in before.written:
            if before.doc is not None and before.facts is not None:
                self._facts.replace_document(before.doc, before.facts, before.rows)
            else:
                self._facts.delete_document(before.doc_id)
        if "committed" not in before.written:
            if before.doc is None:
                self._store.delete_document(before.doc_id)  # its uncommitted chunks; an update's are orphans the repair removes
            return
        if before.doc is None or before.vectors is None and before.chunks:
            self._store.delete_document(before.doc_id)
            if before.doc is not None:
                log.warning("%s: the previous version could not be restored (vectors missing); it was removed", before.doc_id)
            return
        if before.chunks:
            self._store.add_chunks(before.doc, [s.chunk for s in before.chunks], before.vectors, [s.text_hash for s in before.chunks])
        self._store.commit_document(before.doc)
        log.info("rolled back %s to its previous version", before.doc_id)

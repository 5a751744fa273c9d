"""The German lexical index: bm25s over planwissen's German analyzer, persisted under <data_dir>/lexical/.

Chroma has no sparse index in local mode, so BM25 lives beside it and is rebuilt from the store whenever
the store's fingerprint differs from the one saved here. Every chunk keeps its document's metadata, so
filters (confidentiality first of all) are applied as a score mask before ranking: a chunk above the
caller's level can never be returned, however well it matches.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import bm25s
import numpy as np

from assistant.core.errors import DataDirFullError
from assistant.core.interfaces import LexicalIndex
from assistant.core.types import Chunk, DocumentMeta, QueryFilters
from assistant.core.validation import checked_filters
from assistant.text import CompoundSplitter, GermanAnalyzer, known_terms, word_counts

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
_META = "meta.json"
_MODEL = "bm25"


def index_text(chunk: Chunk, doc: DocumentMeta) -> str:
    """What BM25 sees of a chunk: document title and section (names of places and reports) plus the text."""
    return "\n".join(part for part in (doc.title, chunk.section, chunk.text) if part)



@dataclass
class _State:
    """One immutable build of the index; searches read whichever state was current when they began."""

    fingerprint: str | None = None
    model: bm25s.BM25 | None = None
    vocab: frozenset[str] = frozenset()
    chunk_ids: list[str] = field(default_factory=list)
    chunk_doc: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    documents: list[DocumentMeta] = field(default_factory=list)
    analyzer: GermanAnalyzer = field(default_factory=GermanAnalyzer)


class BM25Index(LexicalIndex):
    """BM25 (bm25s, Lucene variant) with German stemming, compound splitting and metadata filters.

    Args:
        directory: folder of the persisted index (normally `<data_dir>/lexical`); created on first rebuild.
        k1, b: BM25 parameters.
    """

    def __init__(self, directory: Path, k1: float = 1.2, b: float = 0.75):
        self._dir = Path(directory)
        self._k1 = k1
        self._b = b
        self._lock = threading.Lock()
        self._state = self._load()

    # --- building ------------------------------------------------------------------------------------------

    def rebuild(self, chunks: Iterable[tuple[Chunk, DocumentMeta]], fingerprint: str) -> None:
        items = list(chunks)
        docs: dict[str, int] = {}
        documents: list[DocumentMeta] = []
        for _, doc in items:
            if doc.doc_id not in docs:
                docs[doc.doc_id] = len(documents)
                documents.append(doc)
        texts = [index_text(chunk, doc) for chunk, doc in items]
        vocabulary = dict(word_counts(texts))
        state = self._build(fingerprint, [c.chunk_id for c, _ in items], [docs[d.doc_id] for _, d in items], documents, texts, vocabulary)
        with self._lock:
            try:
                self._save(state, vocabulary)
            except OSError as exc:  # the old index stays, on disk and in memory
                raise self._write_error(exc) from exc
            self._state = state

    def _write_error(self, exc: OSError) -> Exception:
        """A full disk as the typed error with the free space; other OS errors unchanged."""
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
            return exc
        return DataDirFullError.measured(self._dir.parent)

    def _build(self, fingerprint, chunk_ids, chunk_doc, documents, texts, vocabulary) -> _State:
        analyzer = GermanAnalyzer(CompoundSplitter(vocabulary))
        model = None
        vocab: frozenset[str] = frozenset()
        if chunk_ids:
            model = bm25s.BM25(k1=self._k1, b=self._b)
            model.index([analyzer.terms(text) for text in texts], show_progress=False)
            vocab = frozenset(term for term in model.vocab_dict if term)
        return _State(fingerprint, model, vocab, list(chunk_ids), np.asarray(chunk_doc, dtype=np.int32), documents, analyzer)

    # --- persistence ----------------------------------------------------------------------------------------

    def _save(self, state: _State, vocabulary: dict[str, int]) -> None:
        """Write into a temporary folder and swap it in, so a crash never leaves half an index behind."""
        self._dir.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".lexical-", dir=self._dir.parent))
        try:
            if state.model is not None:
                state.model.save(str(tmp / _MODEL), show_progress=False)
            meta = {
                "format": FORMAT_VERSION,
                "fingerprint": state.fingerprint,
                "chunk_ids": state.chunk_ids,
                "chunk_doc": state.chunk_doc.tolist(),
                "documents": [asdict(doc) for doc in state.documents],
                "vocabulary": vocabulary,
            }
            (tmp / _META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
            old = self._dir.with_name(self._dir.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            if self._dir.exists():
                os.replace(self._dir, old)
            os.replace(tmp, self._dir)
            shutil.rmtree(old, ignore_errors=True)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    def _load(self) -> _State:
        """The saved index, or an empty state (fingerprint None → the retrieval service rebuilds it)."""
        meta_path = self._dir / _META
        if not meta_path.is_file():
            return _State()
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT_VERSION:
                return _State()
            documents = [_doc_from_json(d) for d in meta["documents"]]
            analyzer = GermanAnalyzer(CompoundSplitter(meta.get("vocabulary", {})))
            model = None
            vocab: frozenset[str] = frozenset()
            if meta["chunk_ids"]:
                model = bm25s.BM25.load(str(self._dir / _MODEL), show_progress=False)
                vocab = frozenset(term for term in model.vocab_dict if term)
            return _State(
                meta["fingerprint"],
                model,
                vocab,
                list(meta["chunk_ids"]),
                np.asarray(meta["chunk_doc"], dtype=np.int32),
                documents,
                analyzer,
            )
        except Exception as error:  # a damaged index is rebuilt, never fatal
            log.warning("Lexical index in %s unreadable (%s); it will be rebuilt", self._dir, error)
            return _State()

    # --- reading --------------------------------------------------------------------------------------------

    def fingerprint(self) -> str | None:
        return self._state.fingerprint

    def search(self, query: str, k: int, filters: QueryFilters | None = None) -> list[tuple[str, float]]:
        filters = checked_filters(filters)
        state = self._state
        if state.model is None or k <= 0:
            return []
        terms = [term for term in known_terms(state.analyzer.terms(query), state.vocab) if term in state.vocab]
        if not terms:
            return []
        allowed = np.fromiter((filters.allows(doc) for doc in state.documents), dtype=bool, count=len(state.documents))
        mask = allowed[state.chunk_doc]
        if not mask.any():
            return []
        scores = state.model.get_scores(terms) * mask
        hits = np.flatnonzero(scores > 0)
        if hits.size > k:
            hits = hits[np.argpartition(-scores[hits], k - 1)[:k]]
        ranked = sorted(hits.tolist(), key=lambda i: (-float(scores[i]), state.chunk_ids[i]))
        return [(state.chunk_ids[i], float(scores[i])) for i in ranked]

    def __len__(self) -> int:
        return len(self._state.chunk_ids)


def _doc_from_json(data: dict) -> DocumentMeta:
    for key in ("districts", "sozialraeume", "topics"):
        data[key] = tuple(data.get(key) or ())
    return DocumentMeta(**data)


#: Older name, kept for callers that use it.
BM25LexicalIndex = BM25Index

"""The baseline planwissen is measured against: a plain LlamaIndex `VectorStoreIndex`.

Same documents (read with planwissen's own loaders, so both see the same text), same embedder (wrapped
as a llama-index `BaseEmbedding`), but llama-index's defaults otherwise: `SentenceSplitter()`, an
in-memory vector store, top-k 2, and as "answer" the top passages concatenated. It never refuses unless
nothing is retrieved. llama-index types stay inside this module.
"""

from __future__ import annotations

import logging
import time
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from llama_index.core import Document, VectorStoreIndex
from llama_index.core.constants import DEFAULT_SIMILARITY_TOP_K
from llama_index.core.embeddings import BaseEmbedding
from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.schema import MetadataMode
from pydantic import PrivateAttr

from assistant.core.errors import PlanwissenError
from assistant.core.interfaces import Embedder
from assistant.core.settings import IngestSettings
from eval.records import BASELINE_NAME, Located, SystemAnswer

log = logging.getLogger(__name__)

#: Metadata the baseline needs for bookkeeping; kept out of embeddings (file name and page label stay in, as in llama-index's readers).
_INTERNAL_KEYS = ["source_key", "doc_id"]


class PlanwissenEmbedding(BaseEmbedding):
    """planwissen's Embedder as a llama-index embedding model (passages and queries keep their e5 prefixes)."""

    _embedder: Embedder = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs):
        super().__init__(model_name=getattr(embedder, "name", "planwissen"), **kwargs)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed_query(query).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.embed_passages([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed_passages(texts).tolist()


@dataclass
class _Span:
    """Where a loader block lies inside a baseline Document's text."""

    start: int
    end: int
    page: int | None
    row: int | None
    section: str


@dataclass
class SourceText:
    """One llama-index Document's text with the places its characters come from."""

    doc_id: str
    text: str
    spans: list[_Span]
    page: int | None = None


@dataclass
class BaselineStats:
    documents: int = 0
    pages: int = 0
    chunks: int = 0
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)


def discover_files(paths: Sequence[Path]) -> list[tuple[Path, str]]:
    """(file, document id) pairs, with the same ids planwissen's ingestion gives them."""
    from ingest.manifest import discover

    return [(found.path, found.doc_id) for found in discover([Path(p) for p in paths])]


def source_texts(path: Path, doc_id: str, limits: IngestSettings | None = None) -> list[SourceText]:
    """A file as baseline documents: one per PDF page (like llama-index's PDF reader), else one per file."""
    from ingest.loaders import load_file

    parsed = load_file(path, limits or IngestSettings())
    groups: dict[int | None, list] = {}
    for block in parsed.blocks:
        if block.text.strip():
            key = block.page if parsed.format == "pdf" else None
            groups.setdefault(key, []).append(block)
    texts = []
    for page, blocks in groups.items():
        parts: list[str] = []
        spans: list[_Span] = []
        cursor = 0
        for block in blocks:
            if parts:
                cursor += 2
            spans.append(_Span(cursor, cursor + len(block.text), block.page, block.row, " > ".join(block.section)))
            parts.append(block.text)
            cursor += len(block.text)
        texts.append(SourceText(doc_id, "\n\n".join(parts), spans, page))
    return texts


def locate(source: SourceText, start: int | None, end: int | None, text: str) -> Located:
    """The pages, rows and sections a chunk of the source text covers."""
    if start is None or end is None:
        found = source.text.find(text)
        start, end = (found, found + len(text)) if found >= 0 else (0, len(source.text))
    starts = [s.start for s in source.spans]
    first = max(bisect_right(starts, start) - 1, 0)
    pages: set[int] = set()
    rows: set[int] = set()
    sections: list[str] = []
    for span in source.spans[first:]:
        if span.start >= end:
            break
        if span.end <= start:
            continue
        if span.page is not None:
            pages.add(span.page)
        if span.row is not None:
            rows.add(span.row)
        if span.section and span.section not in sections:
            sections.append(span.section)
    return Located(source.doc_id, text, frozenset(pages), frozenset(rows), tuple(sections))


class LlamaIndexBaseline:
    """A default LlamaIndex RAG over the same files, with planwissen's embedder."""

    name = BASELINE_NAME

    def __init__(self, embedder: Embedder, top_k: int = DEFAULT_SIMILARITY_TOP_K, chroma_collection=None):
        """`chroma_collection`: a chromadb collection to keep the vectors in (benchmarks); default in-memory."""
        self._embed_model = PlanwissenEmbedding(embedder)
        self.top_k = top_k
        self._index: VectorStoreIndex | None = None
        self._sources: dict[str, SourceText] = {}
        self._chroma_collection = chroma_collection
        #: Texts as the embedder saw them (after the last build), for the embedder-alone benchmark.
        self.nodes_text: list[str] = []

    @classmethod
    def open_chroma(cls, embedder: Embedder, chroma_collection, top_k: int = DEFAULT_SIMILARITY_TOP_K) -> LlamaIndexBaseline:
        """Reopen a baseline persisted in a Chroma collection (no re-embedding)."""
        baseline = cls(embedder, top_k, chroma_collection)
        baseline._index = VectorStoreIndex.from_vector_store(baseline._vector_store(), embed_model=baseline._embed_model)
        return baseline

    def _vector_store(self):
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self._chroma_collection)

    def _make_index(self, nodes) -> VectorStoreIndex:
        if self._chroma_collection is None:
            return VectorStoreIndex(nodes, embed_model=self._embed_model)
        from llama_index.core import StorageContext

        storage = StorageContext.from_defaults(vector_store=self._vector_store())
        return VectorStoreIndex(nodes, storage_context=storage, embed_model=self._embed_model)

    def add_embedded(self, items: Sequence[tuple[str, str, dict, list[float]]]) -> None:
        """Add ready-made (node id, text, metadata with doc_id, vector) entries without embedding (synthetic scale corpora)."""
        from llama_index.core.schema import TextNode

        nodes = [
            TextNode(
                id_=node_id,
                text=text,
                metadata=meta,
                embedding=list(vector),
                excluded_embed_metadata_keys=list(meta),
                excluded_llm_metadata_keys=list(meta),
            )
            for node_id, text, meta, vector in items
        ]
        if self._index is None:
            self._index = self._make_index(nodes)
        else:
            self._index.insert_nodes(nodes)

    def build(self, paths: Sequence[Path], limits: IngestSettings | None = None) -> BaselineStats:
        """Read, split and embed every supported file under `paths` (unreadable files are skipped, as planwissen does)."""
        started = time.perf_counter()
        stats = BaselineStats()
        documents: list[Document] = []
        for path, doc_id in discover_files(paths):
            try:
                texts = source_texts(path, doc_id, limits)
            except PlanwissenError as exc:
                stats.failed.append(f"{path.name}: {exc.describe('de')}")
                continue
            stats.documents += 1
            stats.pages += sum(1 for t in texts if t.page is not None) or 1
            for number, source in enumerate(texts):
                key = f"{doc_id}#{number}"
                self._sources[key] = source
                metadata = {"file_name": path.name, "source_key": key, "doc_id": doc_id}
                if source.page is not None:
                    metadata["page_label"] = str(source.page)
                documents.append(
                    Document(
                        text=source.text,
                        id_=key,
                        metadata=metadata,
                        excluded_embed_metadata_keys=_INTERNAL_KEYS,
                        excluded_llm_metadata_keys=_INTERNAL_KEYS,
                    )
                )
        nodes = SentenceSplitter().get_nodes_from_documents(documents)
        self.nodes_text = [node.get_content(metadata_mode=MetadataMode.EMBED) for node in nodes]
        self._index = self._make_index(nodes)
        stats.chunks = len(nodes)
        stats.seconds = time.perf_counter() - started
        return stats

    def build_from_texts(self, texts: Sequence[tuple[str, str]]) -> BaselineStats:
        """Index plain (doc_id, text) pairs, e.g. XQuAD paragraphs."""
        started = time.perf_counter()
        documents = []
        for doc_id, text in texts:
            source = SourceText(doc_id, text, [_Span(0, len(text), None, None, "")])
            self._sources[doc_id] = source
            documents.append(
                Document(
                    text=text,
                    id_=doc_id,
                    metadata={"source_key": doc_id, "doc_id": doc_id},
                    excluded_embed_metadata_keys=_INTERNAL_KEYS,
                    excluded_llm_metadata_keys=_INTERNAL_KEYS,
                )
            )
        nodes = SentenceSplitter().get_nodes_from_documents(documents)
        self._index = self._make_index(nodes)
        return BaselineStats(documents=len(documents), chunks=len(nodes), seconds=time.perf_counter() - started)

    def retrieve(self, question: str, k: int | None = None) -> list[Located]:
        """The k most similar chunks (default: llama-index's default top-k), located in their documents."""
        if self._index is None:
            raise RuntimeError("baseline not built")
        retriever = self._index.as_retriever(similarity_top_k=k or self.top_k)
        located = []
        for hit in retriever.retrieve(question):
            node = hit.node
            source = self._sources.get(node.metadata.get("source_key", ""))
            if source is None:  # reopened from Chroma or added ready-made: the metadata is all we know
                page = node.metadata.get("page_label")
                located.append(
                    Located(
                        str(node.metadata.get("doc_id", "")),
                        node.get_content(),
                        frozenset({int(page)}) if str(page or "").isdigit() else frozenset(),
                    )
                )
            else:
                located.append(locate(source, node.start_char_idx, node.end_char_idx, node.get_content()))
        return located

    def dense_ids(self, vector, k: int) -> list[str]:
        """Node ids of the k nearest vectors as the vector store finds them (to compare with exact search)."""
        from llama_index.core.vector_stores.types import VectorStoreQuery

        if self._index is None:
            raise RuntimeError("baseline not built")
        result = self._index.vector_store.query(VectorStoreQuery(query_embedding=[float(x) for x in vector], similarity_top_k=k))
        return list(result.ids or [])

    def answer(self, question: str) -> SystemAnswer:
        """The top passages concatenated, each counted as a citation; refuses only when nothing is found."""
        passages = self.retrieve(question)
        if not passages:
            return SystemAnswer(text="", refused=True)
        return SystemAnswer(text="\n\n".join(p.text for p in passages), citations=passages)

"""planwissen as a system under evaluation: its Services seen through the same two calls as the baseline."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from assistant.core.types import Answer, Chunk, Citation, Passage, QueryFilters, Turn
from eval.records import Located, SystemAnswer


class EvaluatedSystem(Protocol):
    """What the harness asks of a system: ranked passages for hit@k/MRR, and an answer.

    A system with `conversational = True` also takes `answer(question, history=[Turn, …])` (follow-up questions);
    the others are asked the last turn alone."""

    name: str

    def retrieve(self, question: str, k: int) -> list[Located]: ...

    def answer(self, question: str) -> SystemAnswer: ...


def chunk_located(chunk: Chunk) -> Located:
    return Located(
        doc_id=chunk.doc_id,
        text=chunk.text,
        pages=frozenset({chunk.page}) if chunk.page is not None else frozenset(),
        rows=frozenset({chunk.row}) if chunk.row is not None else frozenset(),
        sections=(chunk.section,) if chunk.section else (),
    )


def passage_located(passage: Passage) -> Located:
    return chunk_located(passage.chunk)


def citation_located(citation: Citation, answer: Answer) -> Located:
    """A citation with the full text of the chunk it points to (its quote when the chunk is not at hand)."""
    text = citation.quote
    section = citation.section
    for passage in answer.passages:
        if citation.chunk_id and passage.chunk.chunk_id == citation.chunk_id:
            text = (
                passage.chunk.text
                if citation.quote in passage.chunk.text or not citation.quote
                else f"{passage.chunk.text}\n{citation.quote}"
            )
            section = section or passage.chunk.section
            break
    return Located(
        doc_id=citation.doc_id,
        text=text,
        pages=frozenset({citation.page}) if citation.page is not None else frozenset(),
        rows=frozenset({citation.row}) if citation.row is not None else frozenset(),
        sections=(section,) if section else (),
    )


class PlanwissenSystem:
    """planwissen's retrieval and answering services, cleared for every document (internal level)."""

    name = "planwissen"
    conversational = True

    def __init__(self, services, max_confidentiality: str = "internal"):
        self._services = services
        self._level = max_confidentiality

    def _filters(self) -> QueryFilters:
        return QueryFilters(max_confidentiality=self._level)

    def retrieve(self, question: str, k: int) -> list[Located]:
        return [passage_located(p) for p in self._services.retrieval.search(question, filters=self._filters(), k=k)]

    def answer(self, question: str, history: Sequence[Turn] | None = None) -> SystemAnswer:
        extra = {"history": list(history)} if history is not None else {}
        answer: Answer = self._services.answering.ask(question, filters=self._filters(), **extra)
        return SystemAnswer(
            text=answer.text,
            citations=[citation_located(c, answer) for c in answer.citations],
            refused=answer.refused,
            understood_as=str(getattr(answer, "understood_as", "") or ""),
        )


class DenseOnlySystem:
    """planwissen's chunks searched by vector similarity alone (no BM25, no query understanding, no boosts):
    shows what the hybrid retrieval adds. Retrieval only — it writes no answers."""

    name = "dense"
    answers = False

    def __init__(self, services, max_confidentiality: str = "internal"):
        self._embedder = services.embedder
        self._store = services.store
        self._filters = QueryFilters(max_confidentiality=max_confidentiality)

    def retrieve(self, question: str, k: int) -> list[Located]:
        hits = self._store.query(self._embedder.embed_query(question), k, self._filters)
        return [chunk_located(stored.chunk) for stored, _score in hits]

    def answer(self, question: str) -> SystemAnswer:
        raise NotImplementedError("dense-only variant is evaluated on retrieval only")

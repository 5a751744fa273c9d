"""Hybrid retrieval over the sample corpus: fusion, boosts, filters, snapshot refresh, lexical rebuilds."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.adapters.bm25_index import BM25Index
from assistant.core.settings import RetrievalSettings
from assistant.core.types import Chunk, DocumentMeta, QueryFilters
from assistant.services.retrieval import RetrievalService
from assistant.testing.fake_lexical import FakeLexicalIndex
from assistant.testing.fakes import FakeEmbedder, InMemoryVectorStore
from assistant.testing.sample_corpus import sample_setup


@pytest.fixture(params=["fake", "bm25"])
def setup(request, tmp_path):
    lexical = BM25Index(tmp_path / "lexical") if request.param == "bm25" else FakeLexicalIndex()
    return sample_setup(lexical=lexical)


def test_search_returns_passages_with_both_scores(setup):
    passages = setup.retrieval.search("Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?")
    assert passages[0].document.doc_id == "sozialbericht-2024" and passages[0].chunk.page == 3
    assert passages[0].dense_score is not None and passages[0].lexical_score is not None
    assert [p.score for p in passages] == sorted((p.score for p in passages), reverse=True)


def test_k_limits(setup):
    assert len(setup.retrieval.search("Armut", k=2)) == 2


def test_confidential_chunks_never_leave_without_clearance(setup):
    public = setup.retrieval.search("Haushaltssperre Lenkungsgruppe Haspe", k=20)
    assert all(p.document.confidentiality == "public" for p in public)
    internal = setup.retrieval.search("Haushaltssperre Lenkungsgruppe Haspe", QueryFilters(max_confidentiality="internal"), k=20)
    assert internal[0].document.doc_id == "protokoll-intern"


def test_caller_filters_are_strict(setup):
    passages = setup.retrieval.search("Armut", QueryFilters(kinds=["glossar"]), k=20)
    assert passages and {p.document.kind for p in passages} == {"glossar"}


def test_newer_report_ranks_first_for_the_same_figure(setup):
    passages = setup.retrieval.search("SGB-II-Quote Hohenlimburg", k=5)
    ids = [p.document.doc_id for p in passages]
    assert ids.index("sozialbericht-2024") < ids.index("sozialbericht-2019")


def test_lexical_index_is_built_once_and_rebuilt_after_a_change(tmp_path):
    lexical = FakeLexicalIndex()
    setup = sample_setup(lexical=lexical)
    setup.retrieval.search("Armut")
    setup.retrieval.search("Quote")
    assert lexical.rebuilds == 1
    assert lexical.fingerprint() == setup.store.fingerprint()
    doc = DocumentMeta(doc_id="neu", title="Neuer Bericht", source_path="/neu", content_hash="n1", format="md", date="2025-01-01")
    chunk = Chunk(chunk_id="neu-0", doc_id="neu", ordinal=0, text="Die Wohnungslosigkeit in Vorhalle nimmt zu.")
    setup.store.add_chunks(doc, [chunk], setup.embedder.embed_passages([chunk.text]), ["t"])
    assert "neu-0" not in [p.chunk.chunk_id for p in setup.retrieval.search("Wohnungslosigkeit Vorhalle")]  # not committed: invisible
    setup.store.commit_document(doc)
    setup.retrieval.refresh_lexical()
    assert lexical.rebuilds == 2
    assert setup.retrieval.search("Wohnungslosigkeit Vorhalle")[0].chunk.chunk_id == "neu-0"


def test_deleted_documents_disappear_even_before_the_lexical_rebuild(tmp_path):
    setup = sample_setup(lexical=BM25Index(tmp_path / "lexical"))
    setup.retrieval.search("Beteiligungsformate")
    setup.store.delete_document("beteiligung-konzept")
    passages = setup.retrieval.search("Beteiligungsformate Planungswerkstätten")
    assert "beteiligung-konzept" not in {p.document.doc_id for p in passages}


def test_persisted_lexical_index_is_reused_when_in_step(tmp_path):
    first = sample_setup(lexical=BM25Index(tmp_path / "lexical"))
    first.retrieval.search("Armut")
    reopened = BM25Index(tmp_path / "lexical")
    assert reopened.fingerprint() == first.store.fingerprint()


def test_place_in_the_question_boosts_prose_about_it(setup):
    passages = setup.retrieval.search("Wie hoch ist die SGB-II-Quote in Haspe?", k=3)
    assert "Haspe" in passages[0].chunk.text


def test_empty_store():
    retrieval = RetrievalService(FakeEmbedder(), InMemoryVectorStore(), FakeLexicalIndex(), RetrievalSettings(), check_interval_s=0)
    assert retrieval.search("Armut") == []


def test_weights_change_the_fusion(tmp_path):
    lexical_only = sample_setup(settings=RetrievalSettings(dense_weight=0.0, lexical_weight=1.0, min_dense_score=0.5))
    passages = lexical_only.retrieval.search("Planungswerkstätten")
    assert passages[0].document.doc_id == "beteiligung-konzept"
    assert all(p.lexical_score is not None for p in passages if p.score > 0)


def test_query_vector_is_computed_once(setup, monkeypatch):
    calls = []
    original = setup.embedder.embed_query
    monkeypatch.setattr(setup.embedder, "embed_query", lambda text: calls.append(text) or original(text))
    setup.retrieval.search("Armut in Haspe")
    assert calls == ["Armut in Haspe"]
    assert isinstance(original("x"), np.ndarray)


def test_readers_answer_from_the_last_snapshot_while_an_upload_rebuilds_it(monkeypatch):
    """An upload's rebuild must not make every asker wait (issue 15: p95 during an upload)."""
    import threading

    setup = sample_setup(lexical=FakeLexicalIndex())
    retrieval = setup.retrieval
    retrieval._check_interval = 0
    old = retrieval.snapshot()
    started, release = threading.Event(), threading.Event()
    build = retrieval._build

    def slow_build(fingerprint, *, strict=True):
        started.set()
        release.wait(10)
        return build(fingerprint, strict=strict)

    monkeypatch.setattr(retrieval, "_build", slow_build)
    doc = DocumentMeta(doc_id="neu", title="Neuer Bericht", source_path="/neu", content_hash="n1", format="md", date="2025-01-01")
    chunk = Chunk(chunk_id="neu-0", doc_id="neu", ordinal=0, text="Die Wohnungslosigkeit in Vorhalle nimmt zu.")
    setup.store.add_chunks(doc, [chunk], setup.embedder.embed_passages([chunk.text]), ["t"])
    setup.store.commit_document(doc)
    upload = threading.Thread(target=retrieval.refresh_lexical)
    upload.start()
    assert started.wait(10)
    try:
        assert retrieval.snapshot() is old  # did not wait for the rebuild
        assert "neu-0" not in [p.chunk.chunk_id for p in retrieval.search("Wohnungslosigkeit Vorhalle")]
    finally:
        release.set()
        upload.join(10)
    assert retrieval.snapshot() is not old
    assert retrieval.search("Wohnungslosigkeit Vorhalle")[0].chunk.chunk_id == "neu-0"

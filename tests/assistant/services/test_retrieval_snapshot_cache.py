"""The corpus snapshot kept between starts: a new process with the same store state loads it instead of building it;
a changed store, code or settings (the salt) builds it anew."""

from __future__ import annotations

import pytest

from assistant.adapters.pickle_cache import PickleFileCache
from assistant.core.settings import RetrievalSettings
from assistant.core.types import Chunk, DocumentMeta
from assistant.services import retrieval as retrieval_module
from assistant.services.retrieval import RetrievalService
from assistant.testing.fake_cache import InMemoryCache
from assistant.testing.sample_corpus import sample_setup


def _another_process(setup, cache, salt="v1") -> RetrievalService:
    """A fresh service over the same store and lexical index, as a new process would build it."""
    return RetrievalService(setup.embedder, setup.store, setup.lexical, RetrievalSettings(min_dense_score=0.5), check_interval_s=0.0,
                            snapshot_cache=cache, cache_salt=salt)


@pytest.fixture
def builds(monkeypatch):
    """Counts real snapshot builds (the word counting every build starts with)."""
    counter = {"n": 0}
    real = retrieval_module.word_counts

    def counting(texts):
        counter["n"] += 1
        return real(texts)

    monkeypatch.setattr(retrieval_module, "word_counts", counting)
    return counter


@pytest.fixture(params=["fake", "file"])
def cache(request, tmp_path):
    return InMemoryCache() if request.param == "fake" else PickleFileCache(tmp_path / "snapshot" / "corpus.pickle")


def test_a_new_process_loads_the_kept_snapshot_and_answers_the_same(cache, builds):
    setup = sample_setup()
    first = _another_process(setup, cache)
    expected = [(p.chunk.chunk_id, round(p.score, 6)) for p in first.search("Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?")]
    assert builds["n"] == 1
    second = _another_process(setup, cache)
    got = [(p.chunk.chunk_id, round(p.score, 6)) for p in second.search("Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?")]
    assert builds["n"] == 1 and got == expected
    question = "Armut in Haspe"
    assert second.snapshot().understanding.analyze(question).places == first.snapshot().understanding.analyze(question).places


def test_another_salt_builds_anew(cache, builds):
    setup = sample_setup()
    _another_process(setup, cache, salt="v1").search("Armut")
    _another_process(setup, cache, salt="v2").search("Armut")
    assert builds["n"] == 2


def test_a_changed_store_builds_anew_and_keeps_the_new_state(cache, builds):
    setup = sample_setup()
    first = _another_process(setup, cache)
    first.search("Armut")
    doc = DocumentMeta(doc_id="neu", title="Neuer Bericht", source_path="/neu", content_hash="n1", format="md", date="2025-01-01")
    chunk = Chunk(chunk_id="neu-0", doc_id="neu", ordinal=0, text="Die Wohnungslosigkeit in Vorhalle nimmt zu.")
    setup.store.add_chunks(doc, [chunk], setup.embedder.embed_passages([chunk.text]), ["t"])
    setup.store.commit_document(doc)
    first.refresh_lexical()
    assert builds["n"] == 2
    later = _another_process(setup, cache)
    assert later.search("Wohnungslosigkeit Vorhalle")[0].chunk.chunk_id == "neu-0"
    assert builds["n"] == 2  # the rebuilt state was kept


def test_a_lexical_index_out_of_step_is_not_skipped(builds):
    """The kept snapshot is used only when the lexical index matches the store too (else BM25 must be rebuilt)."""
    cache = InMemoryCache()
    setup = sample_setup()
    _another_process(setup, cache).search("Armut")
    setup.lexical.rebuild([], "stale")
    _another_process(setup, cache).search("Armut")
    assert builds["n"] == 2 and setup.lexical.fingerprint() == setup.store.fingerprint()


def test_what_the_answer_path_derives_is_warmed_and_kept_with_the_snapshot(builds):
    from assistant.services import named_entities

    cache = InMemoryCache()
    setup = sample_setup()
    warmed = []

    def warm(snapshot):
        warmed.append(snapshot.fingerprint)
        named_entities.warm(snapshot, 3)

    RetrievalService(setup.embedder, setup.store, setup.lexical, RetrievalSettings(min_dense_score=0.5), check_interval_s=0.0,
                     snapshot_cache=cache, cache_salt="v1", warm=warm).search("Armut")
    loaded = _another_process(setup, cache).snapshot()
    assert warmed == [setup.store.fingerprint()] and builds["n"] == 1
    assert ("heads", 3) in loaded._derived and "word_chunk_freq" in loaded._derived
    assert loaded.derived(("heads", 3), lambda: pytest.fail("computed again")).fingerprint == loaded.fingerprint

"""Facts are kept in step with the vector store: written with each version, gone with the document, repaired after a kill."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import ingest.pipeline as pipeline
from assistant.core.settings import ChunkingSettings, IngestSettings
from assistant.core.types import FactQuery
from assistant.services.documents import DocumentService
from assistant.testing.fake_facts import InMemoryFactStore
from assistant.testing.fakes import FakeEmbedder, InMemoryVectorStore
from ingest.pipeline import IngestionService

_CSV = ("Stadtteil;Jahr;Einwohner;Anteil unter 18 (%)\nAltstadt;2023;1.220;12,5\nDüsternbrook;2023;3.108;14,0\n"
        "Kiel insgesamt;2023;250.000;15,1\n")


class CountingEmbedder(FakeEmbedder):
    def __init__(self):
        super().__init__()
        self.embedded = 0

    def embed_passages(self, texts):
        self.embedded += len(texts)
        return super().embed_passages(texts)


def _service(tmp_path: Path, store, facts, embedder=None):
    return IngestionService(embedder or CountingEmbedder(), store, ChunkingSettings(max_tokens=60, min_tokens=5), IngestSettings(),
                            state_dir=tmp_path / "state", facts=facts)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "bevoelkerung.csv").write_text(_CSV, encoding="utf-8")
    (folder / "notiz.md").write_text("# Notiz\n\nDie Sozialplanung trifft sich im Mai.\n", encoding="utf-8")
    return folder


def test_ingest_writes_facts_of_every_document_version(tmp_path, docs):
    store, facts = InMemoryVectorStore(), InMemoryFactStore()
    _service(tmp_path, store, facts).ingest([docs])
    assert facts.doc_versions() == {doc.doc_id: doc.content_hash for doc in store.documents()}
    (altstadt,) = facts.query(FactQuery(places=["Altstadt"], indicator_keys=["einwohner"]))
    assert (altstadt.value, altstadt.period, altstadt.row, altstadt.doc_id) == (1220.0, "2023", 2, "bevoelkerung-csv")
    assert facts.query(FactQuery(place_levels=["stadt"], indicator_keys=["anteil unter 18"]))[0].value == 15.1
    assert len(facts.rows("bevoelkerung-csv")) == 3


def test_unchanged_reingest_is_a_no_op(tmp_path, docs):
    store, facts = InMemoryVectorStore(), InMemoryFactStore()
    embedder = CountingEmbedder()
    service = _service(tmp_path, store, facts, embedder)
    service.ingest([docs])
    embedded, before = embedder.embedded, facts.query(FactQuery())
    report = service.ingest([docs])
    assert len(report.unchanged) == 2 and not report.updated and embedder.embedded == embedded
    assert facts.query(FactQuery()) == before


def test_changed_file_replaces_its_facts(tmp_path, docs):
    store, facts = InMemoryVectorStore(), InMemoryFactStore()
    service = _service(tmp_path, store, facts)
    service.ingest([docs])
    (docs / "bevoelkerung.csv").write_text(_CSV.replace("1.220", "1.300"), encoding="utf-8")
    service.ingest([docs])
    assert [f.value for f in facts.query(FactQuery(places=["Altstadt"], indicator_keys=["einwohner"]))] == [1300.0]
    assert facts.doc_versions()["bevoelkerung-csv"] == store.get_document("bevoelkerung-csv").content_hash


def test_removed_document_takes_its_facts(tmp_path, docs):
    store, facts = InMemoryVectorStore(), InMemoryFactStore()
    _service(tmp_path, store, facts).ingest([docs])
    DocumentService(store, facts=facts).remove("bevoelkerung-csv")
    assert facts.query(FactQuery()) == [] and "bevoelkerung-csv" not in facts.doc_versions()


def test_missing_facts_are_rebuilt_without_embedding(tmp_path, docs):
    """A run killed after Chroma's commit but before the facts were written leaves no facts; the next run rebuilds them."""
    store = InMemoryVectorStore()
    _service(tmp_path, store, None).ingest([docs])
    facts, embedder = InMemoryFactStore(), CountingEmbedder()
    report = _service(tmp_path, store, facts, embedder).ingest([docs])
    assert len(report.unchanged) == 2 and embedder.embedded == 0
    assert facts.doc_versions() == {doc.doc_id: doc.content_hash for doc in store.documents()}
    assert facts.query(FactQuery(places=["Düsternbrook"]))


def test_facts_of_documents_no_longer_committed_are_deleted(tmp_path, docs):
    store, facts = InMemoryVectorStore(), InMemoryFactStore()
    service = _service(tmp_path, store, facts)
    service.ingest([docs])
    store.delete_document("bevoelkerung-csv")  # e.g. removed while the fact store was unreachable
    service.ingest([docs / "notiz.md"])
    assert "bevoelkerung-csv" not in facts.doc_versions() and facts.query(FactQuery()) == []


def test_new_parser_version_rereads_unchanged_files_reusing_vectors(tmp_path, docs, monkeypatch):
    store, facts = InMemoryVectorStore(), InMemoryFactStore()
    embedder = CountingEmbedder()
    service = _service(tmp_path, store, facts, embedder)
    service.ingest([docs])
    embedded = embedder.embedded
    monkeypatch.setattr(pipeline, "PARSER_VERSION", "tables-test-next")
    report = service.ingest([docs])
    assert sorted(report.updated) == ["bevoelkerung-csv", "notiz-md"]
    assert embedder.embedded == embedded  # same chunk texts: vectors reused
    assert facts.doc_versions() == {doc.doc_id: doc.content_hash for doc in store.documents()}
    assert store.count() == sum(doc.chunk_count for doc in store.documents())


def test_a_text_repeated_within_a_document_is_embedded_once(tmp_path):
    folder = tmp_path / "wiederholt"
    folder.mkdir()
    (folder / "liste.csv").write_text("Angebot;Träger\nElterncafé;AWO\nElterncafé;AWO\nSprachkurs;VHS\n", encoding="utf-8")
    embedder = CountingEmbedder()
    report = _service(tmp_path, InMemoryVectorStore(), InMemoryFactStore(), embedder).ingest([folder])
    assert report.chunks_written == 3 and report.chunks_embedded == embedder.embedded == 2


def test_stale_facts_of_a_changed_file_are_dropped_until_it_is_ingested_again(tmp_path, docs):
    store = InMemoryVectorStore()
    facts = InMemoryFactStore()
    _service(tmp_path, store, facts).ingest([docs])
    old = store.get_document("bevoelkerung-csv")
    facts.replace_document(dataclasses.replace(old, content_hash="older-version"), facts.query(FactQuery()), [])  # a killed run
    (docs / "bevoelkerung.csv").write_text(_CSV.replace("1.220", "1.300"), encoding="utf-8")  # and the file changed since
    _service(tmp_path, store, facts).ingest([docs / "notiz.md"])
    assert "bevoelkerung-csv" not in facts.doc_versions()
    _service(tmp_path, store, facts).ingest([docs])
    assert [f.value for f in facts.query(FactQuery(places=["Altstadt"], indicator_keys=["einwohner"]))] == [1300.0]

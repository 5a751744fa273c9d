"""A full disk between the Chroma commit and the other stores: the run is rolled back, readers never see half a document.

Real pipeline, real embedded Chroma, real BM25 index and real SQLite fact store in a tmp dir; the full disk is a writer
that raises OSError(ENOSPC) once armed (at the lexical save or at the fact write).
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from assistant.adapters.bm25_index import BM25Index
from assistant.adapters.chroma_store import ChromaVectorStore
from assistant.adapters.sqlite_facts import SqliteFactStore
from assistant.core.errors import DataDirFullError, StoreUnavailableError
from assistant.core.settings import ChunkingSettings, IngestSettings, RetrievalSettings
from assistant.core.types import FactQuery
from assistant.services.container import Services
from assistant.services.jobs import JobService
from assistant.services.readiness import check_ready
from assistant.services.retrieval import RetrievalService
from assistant.testing.fake_jobs import InMemoryJobStore
from assistant.testing.fakes import FakeEmbedder
from ingest.pipeline import IngestionService

_CSV_V1 = "Stadtteil;Jahr;Einwohner\nAltstadt;2023;1.220\nDüsternbrook;2023;3.108\n"
_CSV_V2 = "Stadtteil;Jahr;Einwohner\nAltstadt;2023;9.999\nDüsternbrook;2023;8.888\n"


def _no_space() -> OSError:
    return OSError(errno.ENOSPC, "No space left on device")


class FullDiskLexical(BM25Index):
    """The real BM25 index whose save hits a full disk while `full` is set."""

    full = False

    def _save(self, state, vocabulary) -> None:
        if self.full:
            raise _no_space()
        super()._save(state, vocabulary)


class FullDiskFacts(SqliteFactStore):
    """The real SQLite fact store whose document write hits a full disk while `full` is set."""

    full = False

    def replace_document(self, doc, facts, rows) -> None:
        if self.full:
            raise _no_space()
        super().replace_document(doc, facts, rows)


class Stack:
    def __init__(self, tmp_path: Path, min_free_mb: int = 0):
        data = tmp_path / "data"
        self.embedder = FakeEmbedder()
        self.store = ChromaVectorStore(mode="embedded", path=data / "chroma", dim=self.embedder.dim, embedder_name="fake")
        self.lexical = FullDiskLexical(data / "lexical")
        self.facts = FullDiskFacts(data / "facts.sqlite")
        self.retrieval = RetrievalService(self.embedder, self.store, self.lexical, RetrievalSettings(), check_interval_s=0.0)
        self.ingestion = IngestionService(self.embedder, self.store, ChunkingSettings(max_tokens=60, min_tokens=5), IngestSettings(),
                                          state_dir=data, on_change=self.retrieval.refresh_lexical, facts=self.facts,
                                          min_free_mb=min_free_mb)

    def in_step(self) -> bool:
        return self.lexical.fingerprint() == self.store.fingerprint()

    def visible_ids(self) -> list[str]:
        return sorted(s.chunk.chunk_id for s in self.store.iter_chunks())


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "haspe.md").write_text("# Haspe\n\nIn Haspe berät die Stadtteilkonferenz über Wohnen und Armut.\n", encoding="utf-8")
    (folder / "bevoelkerung.csv").write_text(_CSV_V1, encoding="utf-8")
    return folder


def _says_disk_full(error: DataDirFullError) -> None:
    text = error.describe("de")
    assert text.startswith("Zu wenig Speicherplatz im Datenordner (") and " MB frei" in text, text


def test_full_disk_at_the_lexical_save_leaves_a_new_document_invisible(tmp_path, docs):
    stack = Stack(tmp_path)
    stack.ingestion.ingest([docs])
    before_docs, before_ids, before_facts = stack.store.documents(), stack.visible_ids(), stack.facts.doc_versions()
    (docs / "pflege.md").write_text("# Pflege\n\nDie Pflegekonferenz tagt in Hohenlimburg zum Thema Pflegeplätze.\n",
                                    encoding="utf-8")
    stack.lexical.full = True
    with pytest.raises(DataDirFullError) as caught:
        stack.ingestion.ingest([docs])
    _says_disk_full(caught.value)
    assert stack.store.documents() == before_docs and stack.store.get_document("pflege-md") is None
    assert stack.visible_ids() == before_ids and stack.store.count() == len(before_ids)  # no chunk of it left behind
    assert stack.facts.doc_versions() == before_facts
    assert stack.in_step()  # readers meet a lexical index that matches the store: no rebuild, no 500
    assert [p.chunk.doc_id for p in stack.retrieval.search("Stadtteilkonferenz Haspe")][:1] == ["haspe-md"]
    assert stack.retrieval.lexical_problem() is None
    stack.lexical.full = False  # space freed: the next run brings it in
    report = stack.ingestion.ingest([docs])
    assert report.added == ["pflege-md"] and stack.in_step() and stack.store.get_document("pflege-md") is not None


def test_full_disk_at_the_fact_write_rolls_an_update_back_to_its_previous_version(tmp_path, docs):
    stack = Stack(tmp_path)
    stack.ingestion.ingest([docs])
    old = stack.store.get_document("bevoelkerung-csv")
    old_chunks = [s.chunk.chunk_id for s in stack.store.chunks_of("bevoelkerung-csv")]
    fingerprint = stack.store.fingerprint()
    (docs / "bevoelkerung.csv").write_text(_CSV_V2, encoding="utf-8")
    stack.facts.full = True
    with pytest.raises(DataDirFullError) as caught:
        stack.ingestion.ingest([docs])
    _says_disk_full(caught.value)
    assert stack.store.get_document("bevoelkerung-csv") == old
    assert [s.chunk.chunk_id for s in stack.store.chunks_of("bevoelkerung-csv")] == old_chunks
    assert stack.store.fingerprint() == fingerprint and stack.in_step()
    (altstadt,) = stack.facts.query(FactQuery(places=["Altstadt"], indicator_keys=["einwohner"]))
    assert altstadt.value == 1220.0 and stack.facts.doc_versions()["bevoelkerung-csv"] == old.content_hash
    stack.facts.full = False
    assert stack.ingestion.ingest([docs]).updated == ["bevoelkerung-csv"]
    (altstadt,) = stack.facts.query(FactQuery(places=["Altstadt"], indicator_keys=["einwohner"]))
    assert altstadt.value == 9999.0 and stack.in_step()


def test_full_disk_at_the_lexical_save_of_an_update_keeps_the_old_version_with_its_facts(tmp_path, docs):
    stack = Stack(tmp_path)
    stack.ingestion.ingest([docs])
    old = stack.store.get_document("bevoelkerung-csv")
    (docs / "bevoelkerung.csv").write_text(_CSV_V2, encoding="utf-8")
    stack.lexical.full = True
    with pytest.raises(DataDirFullError):
        stack.ingestion.ingest([docs])
    assert stack.store.get_document("bevoelkerung-csv") == old and stack.in_step()
    (altstadt,) = stack.facts.query(FactQuery(places=["Altstadt"], indicator_keys=["einwohner"]))
    assert altstadt.value == 1220.0  # the figure of the version readers see, never the rolled-back one


def test_too_little_free_space_is_refused_before_anything_is_written(tmp_path, docs):
    stack = Stack(tmp_path, min_free_mb=10**9)
    with pytest.raises(DataDirFullError) as caught:
        stack.ingestion.ingest([docs])
    _says_disk_full(caught.value)
    assert "mindestens" in caught.value.describe("de")
    assert stack.store.documents() == [] and stack.store.count() == 0 and stack.facts.doc_versions() == {}


def test_the_upload_job_says_why_it_failed(tmp_path, docs):
    stack = Stack(tmp_path)
    stack.lexical.full = True
    jobs = JobService(stack.ingestion, store=InMemoryJobStore())
    try:
        job = jobs.wait(jobs.submit([docs / "haspe.md"]).job_id, timeout=60)
    finally:
        jobs.shutdown()
    assert job.state == "failed" and job.error_code == "data_dir_full"
    assert job.message.startswith("Zu wenig Speicherplatz im Datenordner (") and "MB frei" in job.message
    assert stack.store.documents() == []


def test_readers_keep_answering_and_ready_names_the_lexical_index_when_it_cannot_follow(tmp_path, docs):
    """The rollback itself may fail (the disk stays full): then questions use the last saved lexical index, and
    readiness says which store is behind and why."""
    stack = Stack(tmp_path)
    stack.ingestion.ingest([docs])
    stack.retrieval.search("Haspe")
    (docs / "pflege.md").write_text("# Pflege\n\nDie Pflegekonferenz tagt in Hohenlimburg.\n", encoding="utf-8")
    stack.ingestion._on_change = None  # a writer that committed to Chroma without bringing the lexical index along
    stack.ingestion.ingest([docs])
    stack.lexical.full = True
    hits = stack.retrieval.search("Pflegekonferenz Hohenlimburg")  # must not raise (was: OSError → HTTP 500)
    assert hits and hits[0].chunk.doc_id == "pflege-md"  # the dense side sees it; lexical answers from its last state
    services = Services(settings=None, embedder=stack.embedder, store=stack.store, lexical=stack.lexical, chat=None,  # type: ignore[arg-type]
                        ingestion=stack.ingestion, retrieval=stack.retrieval, answering=None, documents=None, facts=stack.facts)  # type: ignore[arg-type]
    with pytest.raises(StoreUnavailableError) as caught:
        check_ready(services)
    assert "Stichwortindex" in caught.value.describe("de") and "Zu wenig Speicherplatz" in caught.value.describe("de")
    stack.lexical.full = False
    stack.retrieval.refresh_lexical()
    check_ready(services)
    assert stack.in_step()

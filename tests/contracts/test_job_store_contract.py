"""The JobStore contract, run against the SQLite adapter and the in-memory fake: both must behave the same."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from assistant.adapters.sqlite_jobs import SqliteJobStore
from assistant.core.types import Duplicate, FileFailure, IngestReport, Job, StoredUpload
from assistant.testing.fake_jobs import InMemoryJobStore


@pytest.fixture(params=["sqlite", "fake"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return SqliteJobStore(tmp_path / "jobs.sqlite")
    return InMemoryJobStore()


def _job(job_id: str, created_at: float, **changes) -> Job:
    return Job(job_id=job_id, files=("bericht.md",), level="internal", created_at=created_at, **changes)


def test_a_saved_job_comes_back_whole(store, tmp_path):
    upload = StoredUpload(upload_id="0a1b2c3d", doc_id="bericht-md-0a1b2c3d", path=tmp_path / "uploads" / "0a1b2c3d" / "bericht.md",
                          content_hash="f" * 32, replaces="bericht-alt")
    report = IngestReport(added=["bericht-md-0a1b2c3d"], failed=[FileFailure("/x/b.pdf", "no_text_layer", "keine Textebene")],
                          chunks_written=7, seconds=1.5)
    job = _job("j1", 100.0, state="done", stage="done", current=1, total=1, message="Fertig: 1 neu.", finished_at=101.0,
               report=report, duplicates=(Duplicate("c.md", "c-md", "C"),), uploads=(upload,),
               overrides={"confidentiality": "internal", "topics": ["Wohnen"]})
    store.save(job)
    assert store.get("j1") == job
    assert store.get("unknown") is None


def test_save_replaces_the_status_of_the_same_job(store):
    store.save(_job("j1", 1.0, paths=("/docs/a.md",)))
    store.save(replace(store.get("j1"), state="running", current=1, total=2, message="a.md neu"))
    got = store.get("j1")
    assert (got.state, got.current, got.message, got.paths) == ("running", 1, "a.md neu", ("/docs/a.md",))


def test_unfinished_lists_queued_and_running_oldest_first(store):
    store.save(_job("late", 3.0, state="queued"))
    store.save(_job("done", 1.0, state="done"))
    store.save(_job("early", 2.0, state="running"))
    store.save(_job("failed", 0.5, state="failed", error_code="data_dir_full"))
    assert [job.job_id for job in store.unfinished()] == ["early", "late"]


def test_prune_keeps_the_newest_finished_and_every_unfinished_job(store):
    for n in range(5):
        store.save(_job(f"done{n}", float(n), state="done"))
    store.save(_job("old-running", -1.0, state="running"))
    assert store.prune(2) == 3
    assert [n for n in range(5) if store.get(f"done{n}") is not None] == [3, 4]
    assert store.get("old-running") is not None
    assert store.prune(2) == 0


def test_sqlite_jobs_survive_a_new_store_on_the_same_file(tmp_path):
    SqliteJobStore(tmp_path / "jobs.sqlite").save(_job("j1", 1.0, state="running", paths=(str(Path("/docs/a.md")),)))
    reopened = SqliteJobStore(tmp_path / "jobs.sqlite")
    assert [job.job_id for job in reopened.unfinished()] == ["j1"] and reopened.get("j1").paths == ("/docs/a.md",)

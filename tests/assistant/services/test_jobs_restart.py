"""Jobs outlive the process: services are built twice on the same data directory (real Chroma, BM25, SQLite).

The first "process" dies with its job unfinished (held in its worker, as SIGKILL would leave it: the job store says
running); the second one resumes the job if its upload is still there, marks it failed with the reason if not, and
answers for every job of the first one.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from assistant.adapters.sqlite_jobs import SqliteJobStore
from assistant.bootstrap import build_jobs, build_services
from assistant.core.settings import Settings
from assistant.core.types import QueryFilters
from assistant.services.jobs import JobService
from assistant.services.upload_batch import upload_batch
from assistant.services.uploads import UploadInbox
from assistant.testing.fakes import FakeEmbedder

TEXT = "# Protokoll Haspe\n\nDie Stadtteilkonferenz Haspe berät über Wohnen, Armut und Beteiligung im Jahr 2024.\n"


class DiesMidJob:
    """The first process's ingestion: runs the real one (or not, `before_commit`) and then hangs like a killed process."""

    def __init__(self, real, *, before_commit: bool = False):
        self.real = real
        self.before_commit = before_commit
        self.reached = threading.Event()
        self.release = threading.Event()

    def ingest(self, paths, *, progress=None, overrides=None):
        if not self.before_commit:
            self.real.ingest(paths, progress=progress, overrides=overrides)
        self.reached.set()
        self.release.wait(60)
        raise RuntimeError("the process is gone")


@pytest.fixture
def world(tmp_path):
    """settings, an embedder shared by both "processes", an uploaded file, and cleanup of hanging workers."""
    settings = Settings(data_dir=tmp_path / "data", data_dir_min_free_mb=0)
    source = tmp_path / "protokoll.md"
    source.write_text(TEXT, encoding="utf-8")
    hanging: list[tuple[DiesMidJob, JobService]] = []
    yield settings, FakeEmbedder(dim=64), source, hanging
    for dying, jobs in hanging:
        dying.release.set()
        jobs.shutdown(wait=True)


def _inbox(settings: Settings) -> UploadInbox:
    return UploadInbox(settings.data_dir / "uploads", 10 * 1024 * 1024, {".md"})


def _first_process_dies(world, *, before_commit: bool):
    settings, embedder, source, hanging = world
    services = build_services(settings, embedder=embedder)
    inbox = _inbox(settings)
    upload = inbox.store_file("protokoll.md", source)
    dying = DiesMidJob(services.ingestion, before_commit=before_commit)
    jobs = JobService(dying, store=SqliteJobStore.in_data_dir(settings.data_dir))
    hanging.append((dying, jobs))
    job = jobs.submit_uploads(upload_batch([upload], inbox, services.documents, "internal"), level="internal",
                              overrides={"confidentiality": "internal"})
    assert dying.reached.wait(30)
    assert SqliteJobStore.in_data_dir(settings.data_dir).get(job.job_id).state == "running"
    return job, upload


def _restart(world):
    settings, embedder, _, _ = world
    services = build_services(settings, embedder=embedder)
    return services, build_jobs(services, _inbox(settings), on_done=services.retrieval.refresh_lexical)


def test_a_job_killed_after_its_commit_still_answers_and_finishes_after_a_restart(world):
    job, upload = _first_process_dies(world, before_commit=False)
    services, jobs = _restart(world)
    try:
        done = jobs.wait(job.job_id, timeout=60)
        assert done.state == "done" and "1 unverändert" in done.message, done
        assert jobs.get(job.job_id, "internal").state == "done"  # what GET /api/v1/jobs/{id} answers
        committed = services.documents.lookup(upload.doc_id)
        assert committed is not None and committed.confidentiality == "internal"
        assert upload.path.is_file()  # the committed document keeps its upload folder
        hits = services.retrieval.search("Stadtteilkonferenz Haspe", QueryFilters(max_confidentiality="internal"), k=3)
        assert [p.chunk.doc_id for p in hits] == [upload.doc_id]
    finally:
        jobs.shutdown()


def test_a_job_killed_before_its_commit_is_resumed_after_a_restart(world):
    job, upload = _first_process_dies(world, before_commit=True)
    services, jobs = _restart(world)
    try:
        done = jobs.wait(job.job_id, timeout=60)
        assert done.state == "done" and "1 neu" in done.message, done
        assert services.documents.lookup(upload.doc_id).confidentiality == "internal"  # the upload's overrides kept
        assert services.lexical.fingerprint() == services.store.fingerprint()
    finally:
        jobs.shutdown()


def test_a_job_whose_upload_is_gone_is_marked_failed_with_the_reason(world):
    job, upload = _first_process_dies(world, before_commit=True)
    shutil.rmtree(upload.path.parent)
    _, jobs = _restart(world)
    try:
        failed = jobs.get(job.job_id, "internal")
        assert failed.state == "failed" and failed.error_code == "job_interrupted"
        assert "Neustart" in failed.message and "nicht mehr vorhanden" in failed.message
        with pytest.raises(Exception, match="does not exist"):
            jobs.get(job.job_id, "public")  # still level-checked after a restart
    finally:
        jobs.shutdown()


def test_finished_jobs_of_the_last_process_still_answer(world):
    settings, embedder, source, _ = world
    services = build_services(settings, embedder=embedder)
    inbox = _inbox(settings)
    first = build_jobs(services, inbox)
    job = first.submit_uploads(upload_batch([inbox.store_file("protokoll.md", source)], inbox, services.documents, "internal"))
    assert first.wait(job.job_id, timeout=60).state == "done"
    first.shutdown()
    _, jobs = _restart(world)
    try:
        again = jobs.get(job.job_id, "internal")
        assert again.state == "done" and again.report is not None and len(again.report.added) == 1
    finally:
        jobs.shutdown()


def test_jobs_live_in_the_data_dir(world):
    settings, embedder, _, _ = world
    services = build_services(settings, embedder=embedder)
    jobs = build_jobs(services, _inbox(settings))
    jobs.shutdown()
    assert (Path(settings.data_dir) / "jobs.sqlite").is_file()


def test_a_job_another_live_process_runs_is_left_to_it(tmp_path):
    """Two servers on one data directory: a restart takes over only jobs whose process is gone."""
    import subprocess
    import sys

    from assistant.core.types import Job
    from assistant.testing.fake_jobs import InMemoryJobStore

    store = InMemoryJobStore()
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait(timeout=30)
    try:
        store.save(Job(job_id="busy", files=("a.md",), level="public", state="running", paths=(str(tmp_path),), pid=other.pid))
        store.save(Job(job_id="orphan", files=("b.md",), level="public", state="running", paths=("/gibt/es/nicht",), pid=gone.pid))
        jobs = JobService(DiesMidJob(None, before_commit=True), store=store)
        try:
            assert [job.job_id for job in jobs.recover()] == ["orphan"]
            assert store.get("busy").state == "running" and store.get("orphan").state == "failed"
        finally:
            jobs.shutdown(wait=False)
    finally:
        os.kill(other.pid, signal.SIGKILL)
        other.wait(timeout=30)


def test_a_restart_repairs_what_a_killed_run_left_behind(world, tmp_path):
    """Killed (or failed to roll back) after the Chroma commit: the journal is still there, the facts are missing.
    The restarted server repairs before anything else: facts rebuilt, journal gone, lexical index in step."""
    settings, embedder, _, _ = world
    folder = tmp_path / "tabellen"
    folder.mkdir()
    (folder / "bevoelkerung.csv").write_text("Stadtteil;Jahr;Einwohner\nAltstadt;2023;1.220\n", encoding="utf-8")
    services = build_services(settings, embedder=embedder)
    services.ingestion.ingest([folder])
    services.facts.delete_document("bevoelkerung-csv")
    (settings.data_dir / "ingest.journal").write_text("running\n")
    services, jobs = _restart(world)
    try:
        deadline = time.monotonic() + 60
        while (settings.data_dir / "ingest.journal").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        jobs.shutdown(wait=True)
        assert not (settings.data_dir / "ingest.journal").exists()
        assert "bevoelkerung-csv" in services.facts.doc_versions()
        assert services.lexical.fingerprint() == services.store.fingerprint()
    finally:
        jobs.shutdown()

"""JobService: background ingestion with status and progress, one run at a time, level-checked status."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from assistant.core.errors import EncryptedDocumentError
from assistant.core.types import FileFailure, IngestReport, ProgressEvent
from assistant.services.jobs import JobNotFoundError, JobService
from assistant.testing.fake_jobs import InMemoryJobStore


class ScriptedIngestion:
    """Reports progress per file, can be held at a gate, and records overlapping runs."""

    def __init__(self, fail_with: Exception | None = None, failures: list[FileFailure] | None = None):
        self.gate = threading.Event()
        self.gate.set()
        self.running = 0
        self.max_parallel = 0
        self.fail_with = fail_with
        self.failures = failures or []
        self.seen_overrides: list[dict | None] = []

    def ingest(self, paths, *, progress=None, overrides=None) -> IngestReport:
        self.running += 1
        self.max_parallel = max(self.max_parallel, self.running)
        self.seen_overrides.append(overrides)
        try:
            for index, path in enumerate(paths, start=1):
                progress(ProgressEvent(stage="embed", current=index - 1, total=len(paths), path=str(path), status="einbetten"))
                self.gate.wait(5)
                progress(ProgressEvent(stage="file", current=index, total=len(paths), path=str(path)))
            if self.fail_with:
                raise self.fail_with
            return IngestReport(added=[Path(p).stem for p in paths], failed=list(self.failures))
        finally:
            self.running -= 1


@pytest.fixture
def make_jobs():
    services = []

    def factory(ingestion, **kwargs) -> JobService:
        kwargs.setdefault("store", InMemoryJobStore())
        service = JobService(ingestion, **kwargs)
        services.append(service)
        return service

    yield factory
    for service in services:
        service.shutdown()


def test_job_reports_progress_then_done(make_jobs):
    ingestion = ScriptedIngestion()
    ingestion.gate.clear()
    jobs = make_jobs(ingestion)
    job = jobs.submit([Path("/x/a.md"), Path("/x/b.md")], overrides={"confidentiality": "internal"}, level="internal")
    assert job.state == "queued" and job.files == ("a.md", "b.md") and job.progress == 0.0
    deadline = time.monotonic() + 5
    while jobs.get(job.job_id, "internal").state != "running" and time.monotonic() < deadline:
        time.sleep(0.01)
    running = jobs.get(job.job_id, "internal")
    assert running.state == "running" and running.total == 2 and 0.0 <= running.progress < 1.0
    ingestion.gate.set()
    done = jobs.wait(job.job_id, timeout=5)
    assert done.state == "done" and done.progress == 1.0 and done.report.added == ["a", "b"] and "2 neu" in done.message
    assert ingestion.seen_overrides == [{"confidentiality": "internal"}]


def test_runs_never_overlap(make_jobs):
    ingestion = ScriptedIngestion()
    jobs = make_jobs(ingestion)
    submitted = [jobs.submit([Path(f"/x/{i}.md")]) for i in range(5)]
    assert all(jobs.wait(j.job_id, timeout=10).state == "done" for j in submitted)
    assert ingestion.max_parallel == 1


def test_typed_failure_becomes_a_failed_job_with_code(make_jobs):
    jobs = make_jobs(ScriptedIngestion(fail_with=EncryptedDocumentError("a.pdf")))
    done = jobs.wait(jobs.submit([Path("/x/a.pdf")]).job_id, timeout=5)
    assert done.state == "failed" and done.error_code == "encrypted_document" and "passwortgeschützt" in done.message


def test_crash_becomes_a_generic_failure(make_jobs):
    jobs = make_jobs(ScriptedIngestion(fail_with=RuntimeError("/srv/secret")))
    done = jobs.wait(jobs.submit([Path("/x/a.md")]).job_id, timeout=5)
    assert done.state == "failed" and done.error_code == "internal_error" and "secret" not in done.message


def test_every_file_failing_fails_the_job(make_jobs):
    failure = FileFailure(path="/x/a.pdf", code="no_text_layer", message="Das PDF hat keine Textebene")
    ingestion = ScriptedIngestion()
    ingestion.ingest = lambda paths, progress=None, overrides=None: IngestReport(failed=[failure])
    jobs = make_jobs(ingestion)
    done = jobs.wait(jobs.submit([Path("/x/a.pdf")]).job_id, timeout=5)
    assert done.state == "failed" and done.error_code == "no_text_layer"


def test_partial_failure_is_done_and_says_so(make_jobs):
    failure = FileFailure(path="/x/b.pdf", code="no_text_layer", message="keine Textebene")
    jobs = make_jobs(ScriptedIngestion(failures=[failure]))
    done = jobs.wait(jobs.submit([Path("/x/a.md"), Path("/x/b.pdf")]).job_id, timeout=5)
    assert done.state == "done" and "1 fehlgeschlagen" in done.message


def test_status_of_an_internal_job_is_hidden_from_public_callers(make_jobs):
    jobs = make_jobs(ScriptedIngestion())
    job = jobs.submit([Path("/x/a.md")], level="internal")
    with pytest.raises(JobNotFoundError):
        jobs.get(job.job_id, "public")
    with pytest.raises(JobNotFoundError):
        jobs.get("unknown", "internal")


def test_on_done_hook_runs_after_a_changing_run(make_jobs):
    calls = []
    jobs = make_jobs(ScriptedIngestion(), on_done=lambda: calls.append(1))
    jobs.wait(jobs.submit([Path("/x/a.md")]).job_id, timeout=5)
    assert calls == [1]


def test_only_finished_jobs_are_forgotten(make_jobs):
    jobs = make_jobs(ScriptedIngestion(), keep=3)
    ids = [jobs.submit([Path(f"/x/{i}.md")]).job_id for i in range(6)]
    jobs.wait(ids[-1], timeout=10)
    with pytest.raises(JobNotFoundError):
        jobs.get(ids[0], "internal")
    assert jobs.get(ids[-1], "internal").state == "done"

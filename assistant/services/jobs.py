"""Background ingestion jobs: an upload returns at once, the caller polls status and progress.

One worker thread: ingestion writes to the store and the lexical index, so runs never overlap, while
questions keep being answered. Jobs live in memory (a restart forgets them; the index does not).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, Protocol

from assistant.core.errors import NotFoundError, PlanwissenError
from assistant.core.types import CONFIDENTIALITY_LEVELS, IngestReport, ProgressEvent, confidentiality_rank
from assistant.services.upload_batch import Duplicate, UploadBatch

log = logging.getLogger(__name__)

JobState = Literal["queued", "running", "done", "failed"]


class Ingestor(Protocol):
    def ingest(self, paths: Sequence[Path], *, progress=None, overrides: dict | None = None) -> IngestReport: ...


class JobNotFoundError(NotFoundError):
    code = "job_not_found"
    message_de = "Diesen Einlese-Auftrag gibt es nicht (mehr)."
    message_en = "This ingestion job does not exist (any more)."


@dataclass(frozen=True)
class Job:
    """A snapshot of one ingestion job; `level` is the confidentiality of what it ingests (who may see it)."""

    job_id: str
    files: tuple[str, ...]
    level: str
    state: JobState = "queued"
    stage: str = ""
    current: int = 0
    total: int = 0
    message: str = ""
    created_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    report: IngestReport | None = None
    error_code: str = ""
    #: Uploaded files not ingested because their content is already indexed as another document.
    duplicates: tuple[Duplicate, ...] = ()

    @property
    def progress(self) -> float:
        """0..1; 1 once finished."""
        if self.state in ("done", "failed"):
            return 1.0
        return min(self.current / self.total, 1.0) if self.total else 0.0

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")


class JobService:
    """Runs ingestion jobs one after another in a background thread and keeps their latest status."""

    def __init__(self, ingestion: Ingestor, *, on_done: Callable[[], None] | None = None, keep: int = 200):
        self._ingestion = ingestion
        self._on_done = on_done
        self._keep = keep
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planwissen-ingest")

    def submit(self, paths: Sequence[Path], *, overrides: dict | None = None, level: str = "public") -> Job:
        """Queue the files for ingestion and return the job at once."""
        job = Job(job_id=uuid.uuid4().hex, files=tuple(Path(p).name for p in paths), level=level, total=len(paths),
                  message="Wartet auf Verarbeitung …")
        self._put(job)
        self._executor.submit(self._run, job.job_id, [Path(p) for p in paths], dict(overrides or {}))
        return job

    def submit_uploads(self, batch: UploadBatch, *, overrides: dict | None = None, level: str = "public") -> Job:
        """Queue stored uploads: duplicates are screened out in the worker, folders tidied after the ingestion."""
        job = Job(job_id=uuid.uuid4().hex, files=tuple(batch.names), level=level, total=len(batch.uploads),
                  message="Wartet auf Verarbeitung …")
        self._put(job)
        self._executor.submit(self._run_uploads, job.job_id, batch, dict(overrides or {}))
        return job

    def get(self, job_id: str, max_confidentiality: str = "public") -> Job:
        """A job's status; jobs above the caller's level are reported as not found (like documents)."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None or confidentiality_rank(job.level) > confidentiality_rank(max_confidentiality):
            raise JobNotFoundError(job_id)
        return job

    def wait(self, job_id: str, timeout: float = 60.0, poll: float = 0.05) -> Job:
        """Block until the job has finished (for tests and the UI's progress loop)."""
        deadline = time.monotonic() + timeout
        while True:
            job = self.get(job_id, CONFIDENTIALITY_LEVELS[-1])
            if job.finished or time.monotonic() > deadline:
                return job
            time.sleep(poll)

    def shutdown(self, wait: bool = True) -> None:
        """Finish the running job (never cut an ingest in half), drop queued ones."""
        self._executor.shutdown(wait=wait, cancel_futures=True)

    def _put(self, job: Job) -> None:
        with self._lock:
            self._jobs[job.job_id] = job
            self._jobs.move_to_end(job.job_id)
            while len(self._jobs) > self._keep:
                oldest = next(iter(self._jobs))
                if not self._jobs[oldest].finished:
                    break
                self._jobs.pop(oldest)

    def _update(self, job_id: str, **changes) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None:
                self._jobs[job_id] = replace(job, **changes)

    def _progress(self, job_id: str) -> Callable[[ProgressEvent], None]:
        def report(event: ProgressEvent) -> None:
            changes: dict = {"stage": event.stage}
            if event.total:
                changes.update(current=event.current, total=event.total)
            if event.path or event.status:
                changes["message"] = " ".join(part for part in (Path(event.path).name if event.path else "", event.status) if part)
            self._update(job_id, **changes)

        return report

    def _run_uploads(self, job_id: str, batch: UploadBatch, overrides: dict) -> None:
        try:
            paths = batch.screen()
        except Exception:
            log.exception("screening the uploads of job %s failed", job_id)
            paths = [upload.path for upload in batch.uploads]
        self._update(job_id, duplicates=tuple(batch.duplicates))
        if paths:
            self._run(job_id, paths, overrides, finish=batch.finish)
            return
        self._tidy(job_id, batch.finish, None)
        self._update(job_id, state="done", stage="done", report=IngestReport(), finished_at=time.time(),
                     message=_duplicates_message(batch.duplicates))

    def _run(self, job_id: str, paths: list[Path], overrides: dict,
             finish: Callable[[IngestReport | None], None] | None = None) -> None:
        """Ingest, then `finish(report or None)` (tidying), then publish the outcome: a finished job is really finished."""
        self._update(job_id, state="running", message="Wird eingelesen …")
        try:
            report = self._ingestion.ingest(paths, progress=self._progress(job_id), overrides=overrides or None)
        except PlanwissenError as exc:
            log.warning("ingestion job %s failed: %s", job_id, exc.code)
            self._tidy(job_id, finish, None)
            self._update(job_id, state="failed", error_code=exc.code, message=exc.describe("de"), finished_at=time.time())
            return
        except Exception:
            log.exception("ingestion job %s crashed", job_id)
            self._tidy(job_id, finish, None)
            self._update(job_id, state="failed", error_code="internal_error", message="Ein interner Fehler ist aufgetreten.",
                         finished_at=time.time())
            return
        if self._on_done is not None and report.changed:
            try:
                self._on_done()
            except Exception:
                log.exception("after-ingest hook failed for job %s", job_id)
        self._tidy(job_id, finish, report)
        with self._lock:
            duplicates = self._jobs[job_id].duplicates if job_id in self._jobs else ()
        self._update(job_id, **_outcome(report, duplicates), report=report, finished_at=time.time())

    @staticmethod
    def _tidy(job_id: str, finish: Callable[[IngestReport | None], None] | None, report: IngestReport | None) -> None:
        if finish is None:
            return
        try:
            finish(report)
        except Exception:
            log.exception("tidying the inbox after job %s failed", job_id)


def _duplicates_message(duplicates: Sequence[Duplicate]) -> str:
    return "Nichts neu eingelesen: " + "; ".join(d.describe() for d in duplicates) + "."


def _outcome(report: IngestReport, duplicates: Sequence[Duplicate] = ()) -> dict:
    """Done unless every file failed; the message says what happened in words."""
    ok = len(report.added) + len(report.updated) + len(report.unchanged)
    if report.failed and not ok and not duplicates:
        first = report.failed[0]
        return {"state": "failed", "error_code": first.code, "message": first.message}
    parts = []
    if report.added:
        parts.append(f"{len(report.added)} neu")
    if report.updated:
        parts.append(f"{len(report.updated)} aktualisiert")
    if report.unchanged:
        parts.append(f"{len(report.unchanged)} unverändert")
    if report.failed:
        parts.append(f"{len(report.failed)} fehlgeschlagen")
    parts.extend(d.describe() for d in duplicates)
    return {"state": "done", "stage": "done", "message": "Fertig: " + ", ".join(parts) + "."}

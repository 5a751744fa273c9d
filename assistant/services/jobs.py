"""Background ingestion jobs: an upload returns at once, the caller polls status and progress.

One worker thread: ingestion writes to the store and the lexical index, so runs never overlap, while
questions keep being answered. Every job and its inputs are written through to a JobStore (SQLite in the data
directory), so after a restart GET /jobs/{id} still answers and `recover` resumes an interrupted job whose upload is
still there (ingestion is idempotent: what was committed before the restart is found unchanged) or marks it failed
with the reason.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from assistant.core.errors import NotFoundError, PlanwissenError
from assistant.core.interfaces import JobStore
from assistant.core.types import (
    CONFIDENTIALITY_LEVELS,
    Duplicate,
    IngestReport,
    Job,
    JobState,
    ProgressEvent,
    StoredUpload,
    confidentiality_rank,
)
from assistant.services.processes import other_process_alive
from assistant.services.upload_batch import UploadBatch

log = logging.getLogger(__name__)

__all__ = ["Job", "JobInterruptedError", "JobNotFoundError", "JobService", "JobState"]

#: Builds the batch of a resumed upload job (inbox and document lookups are the edge's): (uploads, level) -> batch.
BatchFor = Callable[[Sequence[StoredUpload], str], UploadBatch]


class Ingestor(Protocol):
    def ingest(self, paths: Sequence[Path], *, progress=None, overrides: dict | None = None) -> IngestReport: ...


class JobNotFoundError(NotFoundError):
    code = "job_not_found"
    message_de = "Diesen Einlese-Auftrag gibt es nicht (mehr)."
    message_en = "This ingestion job does not exist (any more)."


class JobInterruptedError(PlanwissenError):
    code = "job_interrupted"
    message_de = "Das Einlesen wurde durch einen Neustart unterbrochen und konnte nicht fortgesetzt werden"
    message_en = "The ingestion was interrupted by a restart and could not be resumed"


class JobService:
    """Runs ingestion jobs one after another in a background thread and keeps their latest status in `store`."""

    def __init__(self, ingestion: Ingestor, *, store: JobStore, on_done: Callable[[], None] | None = None, keep: int = 200,
                 batch_for: BatchFor | None = None):
        """`keep` finished jobs stay (in memory and in the store); `batch_for` lets `recover` resume upload jobs."""
        self._ingestion = ingestion
        self._store = store
        self._on_done = on_done
        self._keep = keep
        self._batch_for = batch_for
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="planwissen-ingest")

    def submit(self, paths: Sequence[Path], *, overrides: dict | None = None, level: str = "public") -> Job:
        """Queue the files for ingestion and return the job at once."""
        job = Job(job_id=uuid.uuid4().hex, files=tuple(Path(p).name for p in paths), level=level, total=len(paths),
                  message="Wartet auf Verarbeitung …", paths=tuple(str(p) for p in paths), overrides=dict(overrides or {}))
        self._put(job)
        self._executor.submit(self._run, job.job_id, [Path(p) for p in paths], dict(overrides or {}))
        return job

    def submit_uploads(self, batch: UploadBatch, *, overrides: dict | None = None, level: str = "public") -> Job:
        """Queue stored uploads: duplicates are screened out in the worker, folders tidied after the ingestion."""
        job = Job(job_id=uuid.uuid4().hex, files=tuple(batch.names), level=level, total=len(batch.uploads),
                  message="Wartet auf Verarbeitung …", uploads=tuple(batch.uploads), overrides=dict(overrides or {}))
        self._put(job)
        self._executor.submit(self._run_uploads, job.job_id, batch, dict(overrides or {}))
        return job

    def recover(self) -> list[Job]:
        """After a restart: resume every job the last process left queued or running, or mark it failed with why.

        Returns the jobs as recovered (resumed ones queued again)."""
        repair = getattr(self._ingestion, "repair_if_interrupted", None)
        if callable(repair):  # first in the worker: a killed run is repaired before anything else is ingested
            self._executor.submit(self._repair, repair)
        recovered = []
        for job in self._store.unfinished():
            if job.job_id in self._jobs or other_process_alive(job.pid):
                continue  # queued by this service, or still run by another live process on the same data directory
            uploads = [u for u in job.uploads if u.path.is_file()]
            paths = [Path(p) for p in job.paths if Path(p).exists()]
            again = replace(job, state="queued", stage="", message="Wird nach einem Neustart fortgesetzt …")
            if job.uploads and uploads and self._batch_for is not None:
                self._put(again)
                self._executor.submit(self._run_uploads, job.job_id, self._batch_for(uploads, job.level), dict(job.overrides))
            elif job.paths and paths:
                self._put(again)
                self._executor.submit(self._run, job.job_id, paths, dict(job.overrides))
            else:
                reason = "die hochgeladene Datei ist nicht mehr vorhanden" if job.uploads else "die Dateien sind nicht mehr vorhanden"
                error = JobInterruptedError(reason)
                again = replace(job, state="failed", error_code=error.code, message=error.describe("de"), finished_at=time.time())
                self._put(again)
                log.warning("job %s was interrupted by a restart and cannot be resumed: %s", job.job_id, reason)
            recovered.append(again)
        if recovered:
            log.info("recovered %d interrupted ingestion job(s)", len(recovered))
        return recovered

    def get(self, job_id: str, max_confidentiality: str = "public") -> Job:
        """A job's status; jobs above the caller's level are reported as not found (like documents)."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            job = self._stored(job_id)  # a job of an earlier process
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

    @staticmethod
    def _repair(repair: Callable[[], bool]) -> None:
        try:
            if repair():
                log.warning("repaired the index after an interrupted ingestion")
        except Exception:
            log.exception("repairing the index after an interrupted ingestion failed")

    def _put(self, job: Job) -> None:
        job = replace(job, pid=os.getpid())
        with self._lock:
            self._jobs[job.job_id] = job
            self._jobs.move_to_end(job.job_id)
            while len(self._jobs) > self._keep:
                oldest = next(iter(self._jobs))
                if not self._jobs[oldest].finished:
                    break
                self._jobs.pop(oldest)
        self._save(job)
        self._prune()

    def _update(self, job_id: str, **changes) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return
            job = self._jobs[job_id] = replace(job, **changes)
        self._save(job)
        if job.finished:
            self._prune()

    def _save(self, job: Job) -> None:
        """Write through; a store that cannot write (disk full) must not stop the job: this process still knows it."""
        try:
            self._store.save(job)
        except Exception:
            log.warning("status of job %s could not be stored", job.job_id, exc_info=True)

    def _stored(self, job_id: str) -> Job | None:
        try:
            return self._store.get(job_id)
        except Exception:
            log.warning("job store unreadable", exc_info=True)
            return None

    def _prune(self) -> None:
        try:
            self._store.prune(self._keep)
        except Exception:
            log.warning("old jobs could not be pruned", exc_info=True)

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

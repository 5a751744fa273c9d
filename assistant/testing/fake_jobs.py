"""An in-memory JobStore with the same rules as the SQLite one (replace by id, unfinished oldest first, pruning)."""

from __future__ import annotations

import threading

from assistant.core.interfaces import JobStore
from assistant.core.types import Job


class InMemoryJobStore(JobStore):
    """Jobs in a dict (they are frozen dataclasses, so what goes out cannot change what is stored)."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def save(self, job: Job) -> None:
        with self._lock:
            self._jobs[job.job_id] = job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def unfinished(self) -> list[Job]:
        with self._lock:
            jobs = [job for job in self._jobs.values() if not job.finished]
        return sorted(jobs, key=lambda job: (job.created_at, job.job_id))

    def prune(self, keep: int) -> int:
        with self._lock:
            finished = sorted((job for job in self._jobs.values() if job.finished), key=lambda job: (job.created_at, job.job_id))
            drop = finished[: max(0, len(finished) - keep)]
            for job in drop:
                del self._jobs[job.job_id]
        return len(drop)

"""Ingestion jobs in one SQLite file (<data_dir>/jobs.sqlite): a restart keeps every job's status and its inputs.

One row per job: the fields that are queried (state, creation time) as columns, the whole job as JSON beside them
(report, duplicates, uploads), so a new field of Job needs no schema change. Short connections, WAL, one writer lock.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path

from assistant.adapters.sqlite_open import SqliteFile
from assistant.core.data_dir import DataDir
from assistant.core.interfaces import JobStore
from assistant.core.types import Duplicate, FileFailure, IngestReport, Job, StoredUpload

SCHEMA_VERSION = 1
_UNFINISHED = ("queued", "running")

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS jobs (
        id TEXT PRIMARY KEY, state TEXT NOT NULL, created_at REAL NOT NULL, data TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS jobs_state ON jobs (state, created_at)",
)


def job_to_json(job: Job) -> str:
    data = asdict(job)
    data["uploads"] = [{**upload, "path": str(upload["path"])} for upload in data["uploads"]]
    return json.dumps(data, ensure_ascii=False)


def job_from_json(text: str) -> Job:
    """Tolerant of fields added or dropped in later versions of Job."""
    data = json.loads(text)
    known = {f.name for f in fields(Job)}
    values = {key: value for key, value in data.items() if key in known}
    report = values.get("report")
    if report is not None:
        report = dict(report, failed=[FileFailure(**failure) for failure in report.get("failed", [])])
        values["report"] = IngestReport(**{k: v for k, v in report.items() if k in {f.name for f in fields(IngestReport)}})
    values["files"] = tuple(values.get("files") or ())
    values["paths"] = tuple(values.get("paths") or ())
    values["duplicates"] = tuple(Duplicate(**d) for d in values.get("duplicates") or ())
    values["uploads"] = tuple(StoredUpload(**{**u, "path": Path(u["path"])}) for u in values.get("uploads") or ())
    values["overrides"] = dict(values.get("overrides") or {})
    return Job(**values)


class SqliteJobStore(JobStore):
    """One short connection per call (safe from any thread); a lock serialises writers inside the process."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._file = SqliteFile(self.path, schema=_SCHEMA, version=SCHEMA_VERSION, pragmas=("synchronous=NORMAL",))

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> SqliteJobStore:
        return cls(DataDir(data_dir).jobs)

    def save(self, job: Job) -> None:
        with self._file.write() as conn:
            conn.execute("INSERT INTO jobs (id, state, created_at, data) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                         "state = excluded.state, created_at = excluded.created_at, data = excluded.data",
                         (job.job_id, job.state, job.created_at, job_to_json(job)))

    def get(self, job_id: str) -> Job | None:
        rows = self._file.read("SELECT data FROM jobs WHERE id = ?", (job_id,))
        return job_from_json(rows[0][0]) if rows else None

    def unfinished(self) -> list[Job]:
        rows = self._file.read("SELECT data FROM jobs WHERE state IN (?, ?) ORDER BY created_at, id", _UNFINISHED)
        return [job_from_json(row[0]) for row in rows]

    def prune(self, keep: int) -> int:
        with self._file.write() as conn:
            return conn.execute(
                "DELETE FROM jobs WHERE state NOT IN (?, ?) AND id NOT IN (SELECT id FROM jobs WHERE state NOT IN (?, ?) "
                "ORDER BY created_at DESC, id DESC LIMIT ?)", (*_UNFINISHED, *_UNFINISHED, max(0, keep))).rowcount

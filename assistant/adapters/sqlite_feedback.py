"""Feedback in one SQLite file (<data_dir>/feedback.sqlite): no server, survives restarts, easy to copy or inspect."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.adapters.sqlite_open import SqliteFile
from assistant.core.data_dir import DataDir
from assistant.services.feedback import FeedbackEntry, FeedbackService, FeedbackStore

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    rating     TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    question   TEXT NOT NULL,
    answer     TEXT NOT NULL,
    citations  TEXT NOT NULL,
    comment    TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL DEFAULT 'api',
    level      TEXT NOT NULL DEFAULT 'public'
)
"""
_COLUMNS = "id, created_at, rating, question, answer, citations, comment, source, level"


class SqliteFeedbackStore(FeedbackStore):
    """One short connection per call (safe from any thread); a lock serialises writers inside the process."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._file = SqliteFile(self.path, schema=(_SCHEMA,), version=SCHEMA_VERSION)

    def add(self, entry: FeedbackEntry) -> FeedbackEntry:
        row = (entry.created_at, entry.rating, entry.question, entry.answer, json.dumps(list(entry.citations), ensure_ascii=False),
               entry.comment, entry.source, entry.level)
        with self._file.write() as conn:
            entry_id = conn.execute("INSERT INTO feedback (created_at, rating, question, answer, citations, comment, source, level)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row).lastrowid
        return FeedbackEntry(**{**entry.to_dict(), "citations": entry.citations, "entry_id": entry_id})

    def entries(self, rating: str | None = None, limit: int | None = None) -> list[FeedbackEntry]:
        sql = f"SELECT {_COLUMNS} FROM feedback"
        args: list = []
        if rating is not None:
            sql += " WHERE rating = ?"
            args.append(rating)
        sql += " ORDER BY id"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(int(limit))
        return [_entry(row) for row in self._file.read(sql, args)]

    def get(self, entry_id: int) -> FeedbackEntry | None:
        rows = self._file.read(f"SELECT {_COLUMNS} FROM feedback WHERE id = ?", (int(entry_id),))
        return _entry(rows[0]) if rows else None

    def _delete(self, sql: str, args: tuple) -> int:
        with self._file.write() as conn:
            return conn.execute(sql, args).rowcount

    def delete(self, entry_id: int) -> bool:
        return self._delete("DELETE FROM feedback WHERE id = ?", (int(entry_id),)) > 0

    def delete_older_than(self, cutoff: str) -> int:
        return self._delete("DELETE FROM feedback WHERE created_at < ?", (cutoff,))


def _entry(row: tuple) -> FeedbackEntry:
    entry_id, created_at, rating, question, answer, citations, comment, source, level = row
    return FeedbackEntry(rating=rating, question=question, answer=answer, citations=tuple(json.loads(citations)), comment=comment,
                         source=source, level=level, created_at=created_at, entry_id=entry_id)


def sqlite_feedback_service(data_dir: Path) -> FeedbackService:
    """The feedback service on <data_dir>/feedback.sqlite (what API, UI and `eval --from-feedback` use)."""
    return FeedbackService(SqliteFeedbackStore(DataDir(data_dir).feedback))

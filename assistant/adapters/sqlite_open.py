"""Opening one of planwissen's SQLite files the same way everywhere: WAL (readers never wait for a writer), a busy
timeout, and an unreadable file as the typed StoreUnavailableError (so /ready and the API can say which store).

`SqliteFile` is the one place for how the stores talk to their file: a short connection per call (safe from any
thread), writers serialised by a lock inside the process (SQLite's own lock covers other processes), and SQLite's
errors translated into the typed store errors once, here."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from assistant.core.errors import DataDirFullError, StoreUnavailableError


def open_sqlite(path: Path, *, timeout: float = 10, pragmas: tuple[str, ...] = (), rows: bool = False) -> sqlite3.Connection:
    """A connection in WAL mode plus the given pragmas (e.g. "synchronous=NORMAL"); `rows`: sqlite3.Row results."""
    try:
        conn = sqlite3.connect(path, timeout=timeout)
        if rows:
            conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        for pragma in pragmas:
            conn.execute(f"PRAGMA {pragma}")
    except sqlite3.Error as exc:
        raise StoreUnavailableError(str(path)) from exc
    return conn


def store_error(path: Path, exc: sqlite3.Error) -> DataDirFullError | StoreUnavailableError:
    """SQLite's "database or disk is full" as the typed disk-full error (the job says why), anything else: unavailable."""
    if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "full" in str(exc).lower():
        return DataDirFullError.measured(path.parent)
    return StoreUnavailableError(str(path))


class SqliteFile:
    """One store's SQLite file; creates the directory and the schema (statements plus `PRAGMA user_version`)."""

    def __init__(self, path: Path, *, schema: Sequence[str] = (), version: int = 0, timeout: float = 10,
                 pragmas: tuple[str, ...] = (), rows: bool = False):
        self.path = Path(path)
        self._open = dict(timeout=timeout, pragmas=pragmas, rows=rows)
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.write() as conn:
            for statement in schema:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(version)}")

    def connect(self) -> sqlite3.Connection:
        return open_sqlite(self.path, **self._open)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it lands or none (a full disk raises DataDirFullError)."""
        with self._lock:
            conn = self.connect()
            try:
                with conn:
                    yield conn
            except sqlite3.Error as exc:
                raise store_error(self.path, exc) from exc
            finally:
                conn.close()

    def read(self, sql: str, params: Sequence = ()) -> list:
        conn = self.connect()
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreUnavailableError(str(self.path)) from exc
        finally:
            conn.close()

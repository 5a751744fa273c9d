"""Opening one of planwissen's SQLite files the same way everywhere: WAL (readers never wait for a writer), a busy
timeout, and an unreadable file as the typed StoreUnavailableError (so /ready and the API can say which store)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assistant.core.errors import StoreUnavailableError


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

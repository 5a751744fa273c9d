"""The audit log as a JSON-lines file in the data directory, one hash-chained entry per line.

Why JSON lines and not SQLite: the log is only ever appended to and read front to back; a text file keeps the line
numbers `verify` reports, can be read with grep/less, copied to a log collector (SIEM, syslog) as it is, and an
append of one short line is a single write. A separate head file remembers the last entry written, so a cut-off
end is found too. Server and CLI may write at the same time: every append holds an exclusive file lock while it
reads the last entry and writes the next one.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from assistant.core.audit import (
    GENESIS,
    AuditChainError,
    AuditEntry,
    AuditLog,
    ChainProblem,
    anchor_record,
    linked,
    matches,
    verify_records,
)
from assistant.core.data_dir import DataDir

try:  # POSIX; elsewhere appends within one process are still serialised by the lock file's absence of contention
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

#: Beside the log: the hash of its last line (so a cut-off end is noticed).
HEAD_NAME = "audit.head"


def _now() -> datetime:
    return datetime.now(UTC)


def load_or_create_key(path: Path) -> bytes:
    """The installation's secret for question hashes (created once, readable by the owner only)."""
    path = Path(path)
    if path.is_file():
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex())
    return key


class JsonlAuditLog(AuditLog):
    """Append-only JSON lines with a hash chain; see the module docstring for why this format."""

    def __init__(self, path: Path, *, clock: Callable[[], datetime] = _now):
        self.path = Path(path)
        self.head_path = self.path.with_name(HEAD_NAME)
        self._clock = clock

    @classmethod
    def in_data_dir(cls, data_dir: Path, **kwargs) -> JsonlAuditLog:
        return cls(DataDir(data_dir).audit, **kwargs)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(self.path.name + ".lock"), "a") as lock:
            if fcntl is not None:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                if fcntl is not None:
                    fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    def _read_head(self) -> tuple[int, str] | None:
        try:
            data = json.loads(self.head_path.read_text(encoding="utf-8"))
            return int(data["seq"]), str(data["hash"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write_head(self, seq: int, hash_: str) -> None:
        partial = self.head_path.with_suffix(".tmp")
        partial.write_text(json.dumps({"seq": seq, "hash": hash_}), encoding="utf-8")
        os.replace(partial, self.head_path)

    def _last(self) -> tuple[int, str]:
        """(seq, hash) of the last line: read from the end, not the whole file."""
        try:
            with self.path.open("rb") as handle:
                handle.seek(0, os.SEEK_END)
                size = handle.tell()
                block = min(size, 64 * 1024)
                while True:
                    handle.seek(size - block)
                    lines = handle.read(block).splitlines()
                    if len(lines) > 1 or block == size:
                        break
                    block = min(size, block * 4)
        except FileNotFoundError:
            return 0, GENESIS
        for raw in reversed(lines):
            if raw.strip():
                try:
                    data = json.loads(raw)
                    return int(data["seq"]), str(data["hash"])
                except (ValueError, KeyError, TypeError):
                    break  # a damaged last line: go on from the head file; `verify` reports the damage
        return self._read_head() or (0, GENESIS)

    def append(self, entry: AuditEntry) -> AuditEntry:
        from dataclasses import replace

        if not entry.time:
            entry = replace(entry, time=self._clock().isoformat(timespec="seconds"))
        with self._locked():
            entry = linked(entry, *self._last())
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(entry.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            self._write_head(entry.seq, entry.hash)
        return entry

    def _records(self) -> list[dict | None]:
        records: list[dict | None] = []
        try:
            with self.path.open(encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    try:
                        data = json.loads(line)
                    except ValueError:
                        data = None
                    records.append(data if isinstance(data, dict) else None)
        except FileNotFoundError:
            pass
        return records

    def entries(self, *, since: datetime | None = None, user: str | None = None, action: str | None = None) -> list[AuditEntry]:
        found = []
        for record in self._records():
            if record is None or record.get("anchor"):
                continue
            try:
                entry = AuditEntry.from_dict(record)
            except (KeyError, TypeError, ValueError):
                continue
            if matches(entry, since, user, action):
                found.append(entry)
        return found

    def verify(self) -> list[ChainProblem]:
        return verify_records(self._records(), self._read_head())

    def prune(self, before: datetime) -> int:
        with self._locked():
            records = self._records()
            if verify_records(records, self._read_head()):
                raise AuditChainError()  # never tidy away the evidence of a change
            entries = [(i, AuditEntry.from_dict(r)) for i, r in enumerate(records) if not r.get("anchor")]
            old = []
            for index, entry in entries:  # a prefix only: the chain must stay one piece
                if entry.moment >= before:
                    break
                old.append(index)
            if not old:
                return 0
            kept = records[old[-1] + 1:]
            now = self._clock().isoformat(timespec="seconds")
            if kept:
                lines = [anchor_record(AuditEntry.from_dict(kept[0]), len(old), now), *kept]
            else:
                last = entries[-1][1]
                lines = [{"anchor": True, "seq": last.seq, "hash": last.hash, "pruned": len(old), "time": now}]
            partial = self.path.with_suffix(".tmp")
            with partial.open("w", encoding="utf-8") as handle:
                for record in lines:
                    handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(partial, self.path)
        return len(old)

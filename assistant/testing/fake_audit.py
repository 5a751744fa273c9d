"""An in-memory AuditLog with the same chain rules as the JSON-lines adapter (records are dicts, like parsed lines)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

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


class InMemoryAuditLog(AuditLog):
    """`records` is public so tests can tamper with it as they would with the file's lines."""

    def __init__(self, *, clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.records: list[dict | None] = []
        self.head: tuple[int, str] | None = None
        self._clock = clock
        self._lock = threading.Lock()

    def append(self, entry: AuditEntry) -> AuditEntry:
        if not entry.time:
            entry = replace(entry, time=self._clock().isoformat(timespec="seconds"))
        with self._lock:
            last = self.records[-1] if self.records else None
            entry = linked(entry, int(last["seq"]), str(last["hash"])) if last else linked(entry, 0, GENESIS)
            self.records.append(entry.to_dict())
            self.head = (entry.seq, entry.hash)
        return entry

    def entries(self, *, since: datetime | None = None, user: str | None = None, action: str | None = None) -> list[AuditEntry]:
        found = [AuditEntry.from_dict(r) for r in self.records if r is not None and not r.get("anchor")]
        return [entry for entry in found if matches(entry, since, user, action)]

    def verify(self) -> list[ChainProblem]:
        return verify_records(list(self.records), self.head)

    def prune(self, before: datetime) -> int:
        with self._lock:
            if verify_records(list(self.records), self.head):
                raise AuditChainError()
            entries = [(i, AuditEntry.from_dict(r)) for i, r in enumerate(self.records) if not r.get("anchor")]
            old = []
            for index, entry in entries:
                if entry.moment >= before:
                    break
                old.append(index)
            if not old:
                return 0
            kept = self.records[old[-1] + 1:]
            now = self._clock().isoformat(timespec="seconds")
            if kept:
                self.records = [anchor_record(AuditEntry.from_dict(kept[0]), len(old), now), *kept]
            else:
                last = entries[-1][1]
                self.records = [{"anchor": True, "seq": last.seq, "hash": last.hash, "pruned": len(old), "time": now}]
        return len(old)

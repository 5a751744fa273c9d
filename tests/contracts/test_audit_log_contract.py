"""The AuditLog contract, run against the JSON-lines adapter and the in-memory fake: the chain catches every edit.

Each tampering test edits the stored lines the way someone with file access would (change a field, delete a line,
swap two lines, cut the end) and expects `verify` to name the line.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest

from assistant.adapters.jsonl_audit import JsonlAuditLog
from assistant.core.audit import AuditChainError, AuditEntry
from assistant.testing.fake_audit import InMemoryAuditLog


class Clock:
    def __init__(self):
        self.now = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class Lines:
    """Read and overwrite the stored records of either implementation."""

    def __init__(self, log):
        self.log = log

    def get(self) -> list:
        if isinstance(self.log, JsonlAuditLog):
            return self.log.path.read_text(encoding="utf-8").splitlines()
        return [json.dumps(r) for r in self.log.records]

    def set(self, lines: list[str]) -> None:
        if isinstance(self.log, JsonlAuditLog):
            self.log.path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        else:
            self.log.records = [json.loads(line) for line in lines]


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture(params=["jsonl", "fake"])
def log(request, tmp_path, clock):
    if request.param == "jsonl":
        return JsonlAuditLog(tmp_path / "audit" / "audit.jsonl", clock=clock)
    return InMemoryAuditLog(clock=clock)


def _fill(log, clock, n: int = 5) -> list[AuditEntry]:
    written = []
    for i in range(n):
        written.append(log.append(AuditEntry(action="open", user=f"user{i % 2}", doc_ids=(f"doc-{i}",))))
        clock.now += timedelta(hours=1)
    return written


def test_entries_are_chained_in_order(log, clock):
    first, second, *_ = _fill(log, clock)
    assert first.seq == 1 and first.prev == "0" * 64 and len(first.hash) == 64
    assert second.seq == 2 and second.prev == first.hash
    assert [e.seq for e in log.entries()] == [1, 2, 3, 4, 5] and log.verify() == []


def test_filters_by_since_user_and_action(log, clock):
    _fill(log, clock)
    log.append(AuditEntry(action="delete", user="staff", doc_ids=("doc-9",)))
    assert [e.seq for e in log.entries(user="user1")] == [2, 4]
    assert [e.doc_ids for e in log.entries(action="delete")] == [("doc-9",)]
    assert [e.seq for e in log.entries(since=datetime(2026, 1, 1, 12, 0, tzinfo=UTC))] == [4, 5, 6]


def test_a_changed_line_is_found_by_its_number(log, clock):
    _fill(log, clock)
    lines = Lines(log)
    records = lines.get()
    changed = json.loads(records[2])
    changed["user"] = "jemand-anderes"
    records[2] = json.dumps(changed)
    lines.set(records)
    problems = log.verify()
    assert [p.line for p in problems] == [3] and "verändert" in problems[0].message


def test_a_deleted_line_is_found(log, clock):
    _fill(log, clock)
    lines = Lines(log)
    records = lines.get()
    del records[1]
    lines.set(records)
    problems = log.verify()
    assert problems and problems[0].line == 2 and "Nr. 2" in problems[0].message


def test_reordered_lines_are_found(log, clock):
    _fill(log, clock)
    lines = Lines(log)
    records = lines.get()
    records[1], records[2] = records[2], records[1]
    lines.set(records)
    assert [p.line for p in log.verify()][:1] == [2]


def test_a_cut_off_end_is_found(log, clock):
    _fill(log, clock)
    lines = Lines(log)
    lines.set(lines.get()[:-1])
    problems = log.verify()
    assert [p.line for p in problems] == [5] and "am Ende fehlen" in problems[0].message


def test_a_garbled_line_is_found(log, clock):
    _fill(log, clock)
    lines = Lines(log)
    records = lines.get()
    records[3] = records[3][:-5] if isinstance(log, JsonlAuditLog) else json.dumps({"seq": "kaputt"})
    lines.set(records)
    assert [p.line for p in log.verify()][:1] == [4]


def test_pruning_drops_old_entries_and_the_chain_stays_verifiable(log, clock):
    _fill(log, clock)  # 09:00 … 13:00
    dropped = log.prune(datetime(2026, 1, 1, 11, 0, tzinfo=UTC))
    assert dropped == 2 and [e.seq for e in log.entries()] == [3, 4, 5] and log.verify() == []
    log.append(AuditEntry(action="cleanup", user="lokal"))
    assert log.verify() == [] and log.entries()[-1].seq == 6
    lines = Lines(log)
    records = lines.get()
    del records[1]  # the first kept entry after the anchor
    lines.set(records)
    assert [p.line for p in log.verify()][:1] == [2]


def test_pruning_everything_keeps_the_chain_going(log, clock):
    _fill(log, clock, 3)
    assert log.prune(clock.now + timedelta(days=1)) == 3 and log.entries() == [] and log.verify() == []
    entry = log.append(AuditEntry(action="ask", user="lokal"))
    assert entry.seq == 4 and log.verify() == []


def test_a_broken_chain_is_never_pruned(log, clock):
    _fill(log, clock)
    lines = Lines(log)
    records = lines.get()
    del records[0]
    lines.set(records)
    with pytest.raises(AuditChainError):
        log.prune(clock.now + timedelta(days=1))
    assert len(lines.get()) == 4


def test_concurrent_appends_keep_one_chain(log, clock):
    def write(n):
        for i in range(20):
            log.append(AuditEntry(action="search", user=f"t{n}", detail={"i": i}))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(log.entries()) == 80 and log.verify() == []


def test_the_jsonl_file_survives_a_new_instance(tmp_path, clock):
    path = tmp_path / "audit.jsonl"
    JsonlAuditLog(path, clock=clock).append(AuditEntry(action="ask", user="lokal"))
    again = JsonlAuditLog(path, clock=clock)
    entry = again.append(AuditEntry(action="search", user="lokal"))
    assert entry.seq == 2 and again.verify() == []

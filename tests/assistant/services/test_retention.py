"""Retention: one cleanup run deletes each kind of data past its own period, reports counts, and is audited;
the scheduler runs it in a background thread that starts and stops with the server."""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from assistant.adapters.sqlite_feedback import sqlite_feedback_service
from assistant.core.audit import AuditEntry
from assistant.core.settings import ConversationSettings, RetentionSettings
from assistant.services.audit import AuditService
from assistant.services.conversations import ConversationService
from assistant.services.failed_uploads import FailedUploads
from assistant.services.retention import CleanupScheduler, RetentionService, delete_old_files
from assistant.testing.fake_audit import InMemoryAuditLog
from assistant.testing.fake_conversations import InMemoryConversationStore

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def parts(tmp_path):
    audit = AuditService(InMemoryAuditLog(), b"k" * 32)
    audit._store.append(AuditEntry(action="ask", user="alt", time=(NOW - timedelta(days=400)).isoformat()))
    audit._store.append(AuditEntry(action="ask", user="neu", time=(NOW - timedelta(days=3)).isoformat()))
    feedback = sqlite_feedback_service(tmp_path)
    old = feedback.record(rating="up", question="alt", answer="A")
    feedback.record(rating="down", question="neu", answer="B")
    with __import__("sqlite3").connect(tmp_path / "feedback.sqlite") as conn:
        conn.execute("UPDATE feedback SET created_at = ? WHERE id = ?", ((NOW - timedelta(days=400)).isoformat(), old.entry_id))
    failed = FailedUploads(tmp_path / "uploads-failed")
    for upload_id, age in (("aaaaaaaa", 30), ("bbbbbbbb", 1)):
        folder = tmp_path / "inbox" / upload_id
        folder.mkdir(parents=True)
        (folder / "x.pdf").write_bytes(b"\x7fELF")
        failed.keep(folder, "document_unreadable", "kaputt", now=NOW - timedelta(days=age))
    temp = tmp_path / "tmp" / "gradio" / "abc"
    temp.mkdir(parents=True)
    (temp / "alt.pdf").write_bytes(b"x")
    os.utime(temp / "alt.pdf", ((NOW - timedelta(days=3)).timestamp(),) * 2)
    (temp / "neu.pdf").write_bytes(b"y")
    os.utime(temp / "neu.pdf", ((NOW - timedelta(hours=1)).timestamp(),) * 2)
    store = InMemoryConversationStore(clock=lambda: NOW - timedelta(days=200))
    store.create("anna", "internal", "alt")
    conversations = ConversationService(store, ConversationSettings(retention_days=90), clock=lambda: NOW)
    return dict(audit=audit, feedback=feedback, failed=failed, temp=tmp_path / "tmp", conversations=conversations)


def _service(parts, **settings):
    return RetentionService(RetentionSettings(**settings), conversations=parts["conversations"], feedback=parts["feedback"],
                            failed_uploads=parts["failed"], audit=parts["audit"], temp_dir=parts["temp"], clock=lambda: NOW)


def test_each_kind_is_deleted_past_its_period_and_the_run_is_audited(parts):
    report = _service(parts).run("lokal")
    assert report.counts() == {"conversations": 1, "feedback": 1, "failed_uploads": 1, "audit_entries": 1, "temp_files": 1}
    assert [f.question for f in parts["feedback"].list()] == ["neu"]
    assert [f.upload_id for f in parts["failed"].list()] == ["bbbbbbbb"]
    assert sorted(p.name for p in parts["temp"].rglob("*.pdf")) == ["neu.pdf"]
    entries = parts["audit"].entries()
    assert [e.user for e in entries] == ["neu", "lokal"] and entries[-1].action == "cleanup"
    assert entries[-1].detail["feedback"] == 1 and parts["audit"].verify() == []
    assert "Rückmeldungen gelöscht: 1" in report.lines_de()


def test_zero_keeps_everything(parts):
    report = _service(parts, feedback_days=0, failed_uploads_days=0, audit_days=0, temp_files_hours=0).run("lokal")
    assert (report.feedback, report.failed_uploads, report.audit_entries, report.temp_files) == (0, 0, 0, 0)


def test_a_broken_audit_chain_is_reported_not_pruned(parts):
    parts["audit"]._store.records.pop(0)
    report = _service(parts).run("lokal")
    assert report.audit_broken and report.audit_entries == 0 and any("NICHT bereinigt" in line for line in report.lines_de())


def test_delete_old_files_leaves_new_ones_and_removes_empty_folders(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "old").write_text("x")
    os.utime(tmp_path / "a" / "b" / "old", (time.time() - 7200,) * 2)
    (tmp_path / "new").write_text("y")
    assert delete_old_files(tmp_path, datetime.now(UTC) - timedelta(hours=1)) == 1
    assert not (tmp_path / "a").exists() and (tmp_path / "new").exists()


def test_the_scheduler_runs_repeatedly_in_the_background_and_stops():
    calls = []
    ran = threading.Event()

    def job():
        calls.append(threading.current_thread().name)
        if len(calls) >= 3:
            ran.set()

    scheduler = CleanupScheduler(job, interval_s=0.01, first_delay_s=0.0)
    assert calls == []  # nothing before start
    scheduler.start()
    assert ran.wait(5) and scheduler.running
    scheduler.stop()
    count = len(calls)
    time.sleep(0.05)
    assert not scheduler.running and len(calls) == count and calls[0] == "planwissen-cleanup"


def test_interval_zero_never_starts():
    scheduler = CleanupScheduler(lambda: None, interval_s=0)
    scheduler.start()
    assert not scheduler.running

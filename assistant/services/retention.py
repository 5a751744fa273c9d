"""Retention: delete what is older than its period (conversations, feedback, failed uploads, audit entries, UI temp
files), on demand (`planwissen cleanup`) or on the server's schedule. Every run is itself an audit entry.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from assistant.core.audit import AuditChainError
from assistant.core.data_dir import DataDir
from assistant.core.settings import RetentionSettings
from assistant.services.audit import AuditService
from assistant.services.conversations import ConversationService
from assistant.services.failed_uploads import FailedUploads
from assistant.services.feedback import FeedbackService

log = logging.getLogger(__name__)

#: Temporary files of the UI (Gradio's uploads and downloads) below the data directory, never in the system /tmp.


def gradio_temp_dir(data_dir: Path) -> Path:
    """Where Gradio keeps uploaded and generated files (set as GRADIO_TEMP_DIR when the UI starts)."""
    return DataDir(data_dir).temp / "gradio"


@dataclass
class CleanupReport:
    """What one cleanup run deleted; `audit_broken` when the audit log was not pruned because its chain is broken."""

    conversations: int = 0
    feedback: int = 0
    failed_uploads: int = 0
    audit_entries: int = 0
    temp_files: int = 0
    audit_broken: bool = False

    def counts(self) -> dict[str, int]:
        return {"conversations": self.conversations, "feedback": self.feedback, "failed_uploads": self.failed_uploads,
                "audit_entries": self.audit_entries, "temp_files": self.temp_files}

    def lines_de(self) -> list[str]:
        lines = [f"Unterhaltungen gelöscht: {self.conversations}", f"Rückmeldungen gelöscht: {self.feedback}",
                 f"Fehlgeschlagene Uploads gelöscht: {self.failed_uploads}", f"Audit-Einträge gelöscht: {self.audit_entries}",
                 f"Temporäre Dateien gelöscht: {self.temp_files}"]
        if self.audit_broken:
            lines.append("Audit-Protokoll NICHT bereinigt: die Kette ist verändert oder beschädigt (planwissen audit --verify).")
        return lines


def delete_old_files(folder: Path, cutoff: datetime) -> int:
    """Delete files below `folder` last changed before `cutoff`, then empty folders; returns how many files."""
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    limit = cutoff.timestamp()
    gone = 0
    for root, dirs, files in os.walk(folder, topdown=False):
        for name in files:
            path = Path(root) / name
            try:
                if path.lstat().st_mtime < limit:
                    path.unlink()
                    gone += 1
            except OSError:
                continue
        for name in dirs:
            try:
                (Path(root) / name).rmdir()  # only when empty
            except OSError:
                pass
    return gone


class RetentionService:
    """One cleanup run over every kind of kept data, each by its own period (0 keeps that kind)."""

    def __init__(self, settings: RetentionSettings, *, conversations: ConversationService | None = None,
                 feedback: FeedbackService | None = None, failed_uploads: FailedUploads | None = None,
                 audit: AuditService | None = None, temp_dir: Path | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.settings = settings
        self._conversations = conversations
        self._feedback = feedback
        self._failed = failed_uploads
        self._audit = audit
        self._temp_dir = temp_dir
        self._clock = clock
        self._lock = threading.Lock()

    def run(self, user: str) -> CleanupReport:
        """Delete everything past its period; `user` is who started it (recorded in the audit log)."""
        cfg = self.settings
        now = self._clock()
        report = CleanupReport()
        with self._lock:
            if self._conversations is not None:
                report.conversations = self._conversations.purge()
            if self._feedback is not None:
                report.feedback = self._feedback.purge(cfg.feedback_days, now=now)
            if self._failed is not None and cfg.failed_uploads_days > 0:
                report.failed_uploads = self._failed.delete_older_than(now - timedelta(days=cfg.failed_uploads_days))
            if self._temp_dir is not None and cfg.temp_files_hours > 0:
                report.temp_files = delete_old_files(self._temp_dir, now - timedelta(hours=cfg.temp_files_hours))
            if self._audit is not None and cfg.audit_days > 0:
                try:
                    report.audit_entries = self._audit.prune(now - timedelta(days=cfg.audit_days))
                except AuditChainError:
                    log.error("audit log not pruned: its chain is broken (run `planwissen audit --verify`)")
                    report.audit_broken = True
            if self._audit is not None:
                self._audit.record("cleanup", user, outcome="audit_broken" if report.audit_broken else "ok", detail=report.counts())
        return report


class CleanupScheduler:
    """Runs `job` in a background thread: first after `first_delay_s`, then every `interval_s`; started and stopped
    with the server (nothing runs on import, nothing outlives the app)."""

    def __init__(self, job: Callable[[], object], interval_s: float, first_delay_s: float = 60.0):
        self._job = job
        self.interval_s = interval_s
        self.first_delay_s = first_delay_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.interval_s <= 0 or self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="planwissen-cleanup", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        wait = self.first_delay_s
        while not self._stop.wait(wait):
            try:
                self._job()
            except Exception:
                log.exception("scheduled cleanup failed")
            wait = self.interval_s

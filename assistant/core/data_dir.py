"""Every file and folder planwissen keeps in its data directory, named in one place.

A newcomer (or an admin reading a backup) finds here what each entry is; code asks `DataDir(root).jobs` instead of
spelling "jobs.sqlite" again. Derived entries (lexical index, snapshot, eval index, temporary files) can be rebuilt;
the others are the installation's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DataDir:
    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))

    # --- the index ---------------------------------------------------------------------------------------------
    @property
    def marker(self) -> Path:
        """Version marker of the layout (planwissen-data.json); without it a filled folder is refused."""
        return self.root / "planwissen-data.json"

    @property
    def chroma(self) -> Path:
        """The embedded Chroma store (unless settings.chroma.path or a Chroma server is used)."""
        return self.root / "chroma"

    @property
    def lexical(self) -> Path:
        """The BM25 index (derived from the store; swapped in whole on every rebuild)."""
        return self.root / "lexical"

    @property
    def snapshot(self) -> Path:
        """The corpus snapshot kept between starts (derived; safe to delete)."""
        return self.root / "snapshot" / "corpus.pickle"

    @property
    def facts(self) -> Path:
        """The Kennzahlen engine's SQLite file (facts and raw table rows)."""
        return self.root / "facts.sqlite"

    @property
    def ingest_lock(self) -> Path:
        """The lock every writing run (ingest, upload, backup, restore) takes."""
        return self.root / "ingest.lock"

    @property
    def ingest_journal(self) -> Path:
        """What an interrupted ingestion was doing, so the next run repairs it."""
        return self.root / "ingest.journal"

    # --- uploads and jobs --------------------------------------------------------------------------------------
    @property
    def uploads(self) -> Path:
        """Uploaded files, one folder each (kept: they are the documents' originals)."""
        return self.root / "uploads"

    @property
    def failed_uploads(self) -> Path:
        """Uploads that could not be ingested, with their reason (removed after retention.failed_uploads_days)."""
        return self.root / "uploads-failed"

    @property
    def jobs(self) -> Path:
        """Background ingestion jobs and their status (SQLite)."""
        return self.root / "jobs.sqlite"

    # --- people's data -----------------------------------------------------------------------------------------
    @property
    def conversations(self) -> Path:
        return self.root / "conversations.sqlite"

    @property
    def feedback(self) -> Path:
        return self.root / "feedback.sqlite"

    @property
    def audit(self) -> Path:
        """The hash-chained audit log (audit/audit.jsonl)."""
        return self.root / "audit" / "audit.jsonl"

    @property
    def audit_key(self) -> Path:
        """The installation's key for question hashes in the audit log."""
        return self.root / "audit" / "question.key"

    # --- derived and temporary ---------------------------------------------------------------------------------
    @property
    def temp(self) -> Path:
        """Temporary files of the UI (tmp/; removed after retention.temp_files_hours)."""
        return self.root / "tmp"

    @property
    def eval_index(self) -> Path:
        """The separate index `planwissen eval` builds (never the real one)."""
        return self.root / "eval-index"

    @property
    def eval_results(self) -> Path:
        return self.root / "eval"

    def derived_entries(self) -> tuple[str, ...]:
        """Top-level names a backup leaves out: rebuilt on demand, or temporary."""
        return ("ingest.lock", "lexical.old", self.eval_index.name, self.temp.name, self.snapshot.parent.name)

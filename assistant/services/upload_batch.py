"""What an upload job does around the ingestion: skip content that is already there, tidy folders afterwards.

Runs in the job worker, one job after another, so two concurrent uploads of the same content are screened in turn:
the second sees the first one's committed document and is reported as a duplicate ("bereits vorhanden als …")
instead of becoming a copy in search results. After the ingestion, the state of the store decides what stays: an
upload folder is kept only while a committed document points at its file; a replaced version's old folder goes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from assistant.core.types import DocumentMeta, Duplicate, IngestReport, StoredUpload
from assistant.services.uploads import UploadInbox, discard_if_uploaded, keep_failed

__all__ = ["Duplicate", "UploadBatch", "upload_batch"]

log = logging.getLogger(__name__)


class UploadBatch:
    """The uploads of one job. `visible` lists the documents the uploader may see; `lookup` finds one by id (any level)."""

    def __init__(self, uploads: Sequence[StoredUpload], inbox: UploadInbox, *, visible: Callable[[], Iterable[DocumentMeta]],
                 lookup: Callable[[str], DocumentMeta | None]):
        self.uploads = list(uploads)
        self._inbox = inbox
        self._visible = visible
        self._lookup = lookup
        self.duplicates: list[Duplicate] = []
        self._previous: dict[str, Path] = {}
        self._screened_out: set[str] = set()

    @property
    def names(self) -> list[str]:
        return [upload.path.name for upload in self.uploads]

    def screen(self) -> list[Path]:
        """The files to ingest: uploads whose content is neither indexed already nor repeated earlier in this batch."""
        by_hash = {doc.content_hash: doc for doc in self._visible() if doc.content_hash}
        todo: list[Path] = []
        for upload in self.uploads:
            known = by_hash.get(upload.content_hash)
            if known is not None and known.doc_id not in (upload.replaces, upload.doc_id):  # itself: a resumed job
                self.duplicates.append(Duplicate(upload.path.name, known.doc_id, known.title))
                self._screened_out.add(upload.upload_id)
                continue
            if upload.replaces:
                current = self._lookup(upload.replaces)
                if current is not None:
                    self._previous[upload.replaces] = Path(current.source_path)
            by_hash[upload.content_hash] = DocumentMeta(doc_id=upload.doc_id, title=upload.path.stem, source_path=str(upload.path),
                                                        content_hash=upload.content_hash, format="")
            todo.append(upload.path)
        return todo

    def finish(self, report: IngestReport | None) -> None:
        """Keep what the store points at; set failed files aside (listed, deletable); delete duplicates and replaced versions.

        `report` None means the whole job failed: every upload not committed counts as failed."""
        failures = {_resolved(f.path): f for f in report.failed} if report is not None else {}
        for upload in self.uploads:
            committed = self._lookup(upload.doc_id)
            if committed is not None and _same(committed.source_path, upload.path):
                previous = self._previous.get(upload.doc_id)
                if previous is not None and not _same(str(previous), upload.path) and self._inbox.holds(previous):
                    discard_if_uploaded(self._inbox, previous)
                continue
            failure = failures.get(_resolved(str(upload.path)))
            if upload.upload_id not in self._screened_out and (report is None or failure is not None):
                code, message = (failure.code, failure.message) if failure else ("ingest_failed", "Einlesen fehlgeschlagen.")
                if keep_failed(self._inbox, upload.path, code, message):
                    continue
            discard_if_uploaded(self._inbox, upload.path)
        if report is not None and report.failed:
            log.info("upload job: %d file(s) failed and were set aside (failed uploads)", len(report.failed))


def _resolved(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return str(path)


def _same(source_path: str, path: Path) -> bool:
    try:
        return Path(source_path).resolve() == Path(path).resolve()
    except OSError:
        return False


def upload_batch(uploads: Sequence[StoredUpload], inbox: UploadInbox, documents, level: str) -> UploadBatch:
    """The batch for uploads by someone reading at `level`, screened against the documents they can see."""
    return UploadBatch(uploads, inbox, visible=lambda: documents.list(level), lookup=documents.lookup)

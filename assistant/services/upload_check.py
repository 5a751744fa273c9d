"""Before an upload is stored: is a file already indexed (same content), or a new version of an uploaded document?

Why: the API replaces a document only on request (`replace=<doc_id>`), and without it an upload always becomes a new
document. Someone uploading "Bericht.md" again in the UI usually means a new version, though: the UI asks first, with
this check, instead of silently keeping two versions side by side (or silently overwriting one). Only documents the
uploader can see are compared, so the check never reveals a document above their level.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.core.types import DocumentMeta
from assistant.services.uploads import UploadInbox


@dataclass(frozen=True)
class UploadCheck:
    """One file of an upload: the name it will carry and what is already there."""

    file: str
    #: A visible document with exactly this content (the upload would change nothing).
    duplicate: DocumentMeta | None = None
    #: An uploaded document with this file name but other content: the upload may be its new version.
    earlier: DocumentMeta | None = None

    @property
    def asks(self) -> bool:
        """Whether the uploader has to decide: replace the earlier version or keep both."""
        return self.earlier is not None and self.duplicate is None


def check_uploads(files: Sequence[tuple[str, Path]], inbox: UploadInbox, visible: Iterable[DocumentMeta]) -> list[UploadCheck]:
    """For each (file name, local path): its sanitised name, a document with the same content, an uploaded one with its name.

    A name matches the stored file's name case-insensitively; folder documents are never candidates (they change in the
    document folder, not by upload). Of several uploaded documents with one name, the most recently stored is meant."""
    from ingest.pipeline import version_hash  # the document version the ingestion will record

    docs = list(visible)
    by_hash = {doc.content_hash: doc for doc in docs if doc.content_hash}
    by_name: dict[str, DocumentMeta] = {}
    for doc in sorted((d for d in docs if inbox.holds(Path(d.source_path))), key=lambda d: _stored_at(d.source_path)):
        by_name[Path(doc.source_path).name.casefold()] = doc
    checks = []
    for name, path in files:
        safe = inbox.check_name(name)
        checks.append(UploadCheck(file=safe, duplicate=by_hash.get(version_hash(Path(path))), earlier=by_name.get(safe.casefold())))
    return checks


def _stored_at(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0

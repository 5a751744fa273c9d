"""Uploads that could not be ingested (an ELF binary named .pdf, a damaged file): kept aside, listed, deletable.

Why keep them at all: the uploader and the administrator must be able to see what failed and why after the job
is gone (restart), and delete it; retention (`retention.failed_uploads_days`) removes the rest. They live outside
the upload inbox, so a re-ingest of the inbox never tries them again.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from assistant.core.data_dir import DataDir
from assistant.core.errors import NotFoundError

FAILURE_FILE = "failure.json"
#: The folder in the data directory (next to the inbox `uploads/`).
_ID = re.compile(r"^[0-9a-f]{8}$")


class FailedUploadNotFoundError(NotFoundError):
    code = "failed_upload_not_found"
    message_de = "Diesen fehlgeschlagenen Upload gibt es nicht (mehr)."
    message_en = "This failed upload does not exist (any more)."


@dataclass(frozen=True)
class FailedUpload:
    """One kept-aside upload: its id, the (sanitised) file name, size, why it failed and when."""

    upload_id: str
    file_name: str
    size_bytes: int
    code: str
    message: str
    failed_at: str


class FailedUploads:
    """The folder of failed uploads, one sub-folder per upload id (the inbox's id)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> FailedUploads:
        return cls(DataDir(data_dir).failed_uploads)

    def keep(self, upload_folder: Path, code: str, message: str, now: datetime | None = None) -> FailedUpload | None:
        """Move an inbox folder here with the reason; None when the folder is gone already."""
        upload_folder = Path(upload_folder)
        if not upload_folder.is_dir() or not _ID.match(upload_folder.name):
            return None
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / upload_folder.name
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(upload_folder), str(target))
        failed_at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
        (target / FAILURE_FILE).write_text(json.dumps({"code": code, "message": message, "failed_at": failed_at}, ensure_ascii=False),
                                           encoding="utf-8")
        return self._read(target)

    def list(self) -> list[FailedUpload]:
        """Newest first."""
        if not self.folder.is_dir():
            return []
        found = [self._read(folder) for folder in self.folder.iterdir() if folder.is_dir() and _ID.match(folder.name)]
        return sorted((f for f in found if f is not None), key=lambda f: f.failed_at, reverse=True)

    def delete(self, upload_id: str) -> None:
        folder = self.folder / upload_id
        if not _ID.match(upload_id or "") or not folder.is_dir():
            raise FailedUploadNotFoundError(upload_id)
        shutil.rmtree(folder)

    def delete_older_than(self, cutoff: datetime) -> int:
        gone = 0
        for failed in self.list():
            if datetime.fromisoformat(failed.failed_at) < cutoff:
                shutil.rmtree(self.folder / failed.upload_id, ignore_errors=True)
                gone += 1
        return gone

    @staticmethod
    def _read(folder: Path) -> FailedUpload | None:
        try:
            info = json.loads((folder / FAILURE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            mtime = datetime.fromtimestamp(folder.stat().st_mtime, UTC).isoformat(timespec="seconds")
            info = {"code": "unknown", "message": "", "failed_at": mtime}
        files = [f for f in folder.iterdir() if f.is_file() and f.name not in (FAILURE_FILE, "manifest.yaml")]
        file = files[0] if files else None
        return FailedUpload(upload_id=folder.name, file_name=file.name if file else "", size_bytes=file.stat().st_size if file else 0,
                            code=str(info.get("code", "")), message=str(info.get("message", "")), failed_at=str(info.get("failed_at", "")))

"""The upload inbox: files people send through API or UI land here, checked and with a safe name, before ingestion.

Why a separate step: whatever a browser or client calls its file must never choose where it is written
(path traversal), and size and type limits must hold before anything is parsed.

Identity: every upload gets its own folder `<inbox>/<upload id>/` holding the file under its (sanitised) name and a
one-entry `manifest.yaml` with the document id `<name slug>-<upload id>`. So the document id never comes from the
file name alone: two different `protokoll.md` uploaded at the same moment become two documents, `Bericht (1).md`
and `Bericht_1.md` stay apart, and a re-ingest of the inbox keeps the ids (discovery reads the manifest). A new
version of an uploaded document is an upload with that document's id (`replace`), never a name clash.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
import uuid
from collections.abc import Iterable
from pathlib import Path

import yaml

from assistant.core.errors import FileTooLargeError, InvalidInputError, UnsupportedFormatError
from assistant.core.types import StoredUpload
from ingest.discovery import doc_id_from_name

_MB = 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9äöüÄÖÜß._-]+")
_MAX_NAME = 120
_COPY_BLOCK = 1 << 20
_UPLOAD_ID = re.compile(r"^[0-9a-f]{8}$")
UPLOAD_MANIFEST = "manifest.yaml"
#: Length of the file content hash, as the ingestion's file_hash (the document version derives from it: DocumentMeta.content_hash).
_HASH_CHARS = 32


def sanitize_filename(name: str) -> str:
    """A plain file name: no folders, no control or odd characters, no leading dots, bounded length.

    'C:\\x\\..\\Bericht (final).pdf' -> 'Bericht_final.pdf'; '../../etc/passwd' -> 'passwd'; '..md' -> 'upload.md'.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    suffix = _UNSAFE.sub("", suffix).lower()[:10]
    stem = _UNSAFE.sub("_", stem).strip("._ -") or "upload"
    stem = stem[: _MAX_NAME - len(suffix) - 1]
    return f"{stem}.{suffix}" if suffix else stem


class UploadInbox:
    """Stores uploaded files under one folder, enforcing the suffix whitelist and the size limit."""

    def __init__(self, folder: Path, max_bytes: int, suffixes: Iterable[str], *, failed_folder: Path | None = None):
        from assistant.services.failed_uploads import FailedUploads

        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self.suffixes = frozenset(s.lower() for s in suffixes)
        #: Uploads whose ingestion failed, kept aside to be listed and deleted (default: <inbox>-failed next to the inbox).
        self.failed = FailedUploads(failed_folder or self.folder.with_name(self.folder.name + "-failed"))

    @property
    def max_mb(self) -> float:
        return self.max_bytes / _MB

    def check_name(self, filename: str) -> str:
        """The sanitised name, or an error when the type is not accepted."""
        safe = sanitize_filename(filename)
        suffix = Path(safe).suffix.lower()
        if suffix not in self.suffixes:
            allowed = ", ".join(sorted(self.suffixes))
            raise UnsupportedFormatError(
                safe,
                message_de=f"Dieses Dateiformat wird nicht unterstützt; erlaubt: {allowed}",
                message_en=f"This file format is not supported; allowed: {allowed}",
            )
        return safe

    def store(self, filename: str, blocks: Iterable[bytes], *, replaces: str | None = None) -> StoredUpload:
        """Write the blocks to <folder>/<new upload id>/<safe name>; nothing is left behind when a limit is hit.

        `replaces` names the document this upload is a new version of (it then keeps that id)."""
        safe = self.check_name(filename)
        self.folder.mkdir(parents=True, exist_ok=True)
        upload_id, directory = self._new_directory()
        try:
            target = (directory / safe).resolve()
            if target.parent != directory.resolve():
                raise InvalidInputError(safe, message_de="Ungültiger Dateiname", message_en="Invalid file name")
            digest = self._write(safe, blocks, directory, target)
            doc_id = replaces or f"{doc_id_from_name(safe)}-{upload_id}"
            manifest = {"documents": [{"id": doc_id, "file": safe}]}
            (directory / UPLOAD_MANIFEST).write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
        except BaseException:
            shutil.rmtree(directory, ignore_errors=True)
            raise
        from ingest.pipeline import version_of  # the same document version the ingestion will record

        return StoredUpload(upload_id=upload_id, doc_id=doc_id, path=target, content_hash=version_of(digest), replaces=replaces)

    def _new_directory(self) -> tuple[str, Path]:
        while True:
            upload_id = uuid.uuid4().hex[:8]
            directory = self.folder / upload_id
            try:
                directory.mkdir()  # exclusive: two uploads never share a folder
            except FileExistsError:
                continue
            return upload_id, directory

    def _write(self, safe: str, blocks: Iterable[bytes], directory: Path, target: Path) -> str:
        partial = directory / f".incoming-{uuid.uuid4().hex}"
        digest = hashlib.sha256()
        written = 0
        try:
            with partial.open("wb") as handle:
                for block in blocks:
                    written += len(block)
                    if written > self.max_bytes:
                        raise self.too_large(safe)
                    digest.update(block)
                    handle.write(block)
            if written == 0:
                raise InvalidInputError(safe, message_de="Die Datei ist leer", message_en="The file is empty")
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        return digest.hexdigest()[:_HASH_CHARS]

    def store_file(self, filename: str, source: Path, *, replaces: str | None = None) -> StoredUpload:
        """Copy a local file (the UI's temporary upload) into the inbox under the same checks."""
        return self.store(filename, file_blocks(source), replaces=replaces)

    def holds(self, path: Path) -> bool:
        """Whether `path` is an uploaded file (in an upload folder, or directly in the inbox as older versions kept it)."""
        return _upload_folder(self, Path(path)) is not None or _in_inbox_root(self, Path(path))

    def too_large(self, name: str = "") -> FileTooLargeError:
        limit = f"{self.max_mb:g}"
        return FileTooLargeError(
            name,
            message_de=f"Die Datei ist größer als die erlaubten {limit} MB",
            message_en=f"The file is larger than the allowed {limit} MB",
        )


def file_blocks(source: Path) -> Iterable[bytes]:
    """Blocks of a local file, read only when stored (the UI's temporary upload)."""
    with Path(source).open("rb") as handle:
        yield from iter(lambda: handle.read(_COPY_BLOCK), b"")


def read_blocks(handle, block_size: int = _COPY_BLOCK) -> Iterable[bytes]:
    """Blocks of a binary file object, so an upload is never held in memory as a whole."""
    yield from iter(lambda: handle.read(block_size), b"")



def discard_if_uploaded(inbox: UploadInbox, path: Path) -> bool:
    """Delete a removed document's upload (its folder, or an older flat file); files elsewhere are the user's own."""
    path = Path(path)
    folder = _upload_folder(inbox, path)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        return True
    if _in_inbox_root(inbox, path) and path.is_file():
        path.unlink()
        return True
    return False


def keep_failed(inbox: UploadInbox, path: Path, code: str, message: str) -> bool:
    """Move a failed upload's folder aside (listed and deletable, removed by retention); other files are left alone."""
    folder = _upload_folder(inbox, Path(path))
    return folder is not None and inbox.failed.keep(folder, code, message) is not None


def _upload_folder(inbox: UploadInbox, path: Path) -> Path | None:
    try:
        folder = path.resolve().parent
        inside = folder.parent == inbox.folder.resolve() and bool(_UPLOAD_ID.match(folder.name)) and not path.is_symlink()
    except OSError:
        return None
    return folder if inside and folder.is_dir() else None


def _in_inbox_root(inbox: UploadInbox, path: Path) -> bool:
    try:
        return path.resolve().parent == inbox.folder.resolve()
    except OSError:
        return False

"""The upload inbox: files people send through API or UI land here, checked and with a safe name, before ingestion.

Why a separate step: whatever a browser or client calls its file must never choose where it is written
(path traversal), and size and type limits must hold before anything is parsed.
"""

from __future__ import annotations

import os
import re
import unicodedata
import uuid
from collections.abc import Iterable
from pathlib import Path

from assistant.core.errors import FileTooLargeError, InvalidInputError, UnsupportedFormatError

_MB = 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9äöüÄÖÜß._-]+")
_MAX_NAME = 120
_COPY_BLOCK = 1 << 20


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

    def __init__(self, folder: Path, max_bytes: int, suffixes: Iterable[str]):
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self.suffixes = frozenset(s.lower() for s in suffixes)

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

    def store(self, filename: str, blocks: Iterable[bytes]) -> Path:
        """Write the blocks to <folder>/<safe name>; nothing is left behind when a limit is hit."""
        safe = self.check_name(filename)
        self.folder.mkdir(parents=True, exist_ok=True)
        target = (self.folder / safe).resolve()
        if target.parent != self.folder.resolve():
            raise InvalidInputError(safe, message_de="Ungültiger Dateiname", message_en="Invalid file name")
        partial = self.folder / f".incoming-{uuid.uuid4().hex}"
        written = 0
        try:
            with partial.open("wb") as handle:
                for block in blocks:
                    written += len(block)
                    if written > self.max_bytes:
                        raise self.too_large(safe)
                    handle.write(block)
            if written == 0:
                raise InvalidInputError(safe, message_de="Die Datei ist leer", message_en="The file is empty")
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        return target

    def store_file(self, filename: str, source: Path) -> Path:
        """Copy a local file (the UI's temporary upload) into the inbox under the same checks."""

        def blocks():
            with Path(source).open("rb") as handle:
                yield from iter(lambda: handle.read(_COPY_BLOCK), b"")

        return self.store(filename, blocks())

    def too_large(self, name: str = "") -> FileTooLargeError:
        limit = f"{self.max_mb:g}"
        return FileTooLargeError(
            name,
            message_de=f"Die Datei ist größer als die erlaubten {limit} MB",
            message_en=f"The file is larger than the allowed {limit} MB",
        )


def read_blocks(handle, block_size: int = _COPY_BLOCK) -> Iterable[bytes]:
    """Blocks of a binary file object, so an upload is never held in memory as a whole."""
    yield from iter(lambda: handle.read(block_size), b"")



def discard_if_uploaded(inbox: UploadInbox, path: Path) -> bool:
    """Delete a removed document's file when it lives in the inbox (uploaded); files elsewhere are the user's own."""
    path = Path(path)
    try:
        inside = path.resolve().parent == inbox.folder.resolve()
    except OSError:
        return False
    if inside and path.is_file():
        path.unlink()
        return True
    return False

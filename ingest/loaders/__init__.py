"""One loader per file format behind one entry point, `load_file`.

Every failure leaves here as a typed DocumentError (with the file name as detail), never as a raw
exception, so the pipeline can skip the file, report why, and go on with the next one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from assistant.core.errors import DocumentError, EmptyDocumentError, FileTooLargeError, PlanwissenError, UnsupportedFormatError
from assistant.core.settings import IngestSettings
from ingest.blocks import ParsedDocument
from ingest.loaders import docx, markdown, pdf, tabular, text
from ingest.loaders._common import check_magic, unreadable

logger = logging.getLogger(__name__)

Loader = Callable[[Path, IngestSettings], ParsedDocument]

_LOADERS: dict[str, Loader] = {
    ".pdf": pdf.load_pdf,
    ".docx": docx.load_docx,
    ".md": markdown.load_markdown,
    ".markdown": markdown.load_markdown,
    ".txt": text.load_text,
    ".csv": tabular.load_csv,
    ".xlsx": tabular.load_xlsx,
}

#: File endings planwissen can read (lower case, with the dot).
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(_LOADERS)

_MB = 1024 * 1024


def is_supported(path: Path) -> bool:
    """True when a loader exists for the file's ending."""
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def load_file(path: Path, limits: IngestSettings) -> ParsedDocument:
    """Parse one file into located blocks, or raise a DocumentError subclass saying why not."""
    path = Path(path)
    loader = _LOADERS.get(path.suffix.lower())
    if loader is None:
        raise UnsupportedFormatError(path.name)
    size = _file_size(path)
    if size == 0:
        raise EmptyDocumentError(path.name)
    if size > limits.max_file_mb * _MB:
        raise FileTooLargeError(
            path.name,
            message_de=f"Die Datei ist größer als {limits.max_file_mb} MB und wird übersprungen.",
            message_en=f"The file is larger than {limits.max_file_mb} MB and is skipped.",
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
        check_magic(path, head)
        parsed = loader(path, limits)
    except PlanwissenError:
        raise
    except MemoryError as exc:
        raise FileTooLargeError(
            path.name, message_de="Die Datei ist zu groß zum Einlesen.", message_en="The file is too large to read."
        ) from exc
    except OSError as exc:
        raise unreadable(path, "Die Datei konnte nicht geöffnet werden.", "The file could not be opened.") from exc
    except Exception as exc:  # a parser bug or a broken file: skip it, never crash the run
        logger.warning("Loader for %s failed", path.name, exc_info=True)
        raise DocumentError(path.name) from exc
    if not any(block.text.strip() for block in parsed.blocks):
        raise EmptyDocumentError(path.name)
    return parsed


def _file_size(path: Path) -> int:
    try:
        if not path.is_file():
            raise unreadable(path, "Die Datei wurde nicht gefunden.", "The file was not found.")
        return path.stat().st_size
    except OSError as exc:
        raise unreadable(path, "Die Datei konnte nicht geöffnet werden.", "The file could not be opened.") from exc


__all__ = ["SUPPORTED_SUFFIXES", "is_supported", "load_file"]

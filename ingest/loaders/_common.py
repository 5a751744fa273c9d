"""Helpers every loader needs: typed errors with the file name, safe decoding, zip-bomb guard, bounded blocks."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path

from assistant.core.errors import DocumentError, EncryptedDocumentError, FileTooLargeError

#: Blocks longer than this are cut (a 50 MB single-line file must not become one block).
MAX_BLOCK_CHARS = 2000

_MB = 1024 * 1024
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
#: A zip with more members than this is no ordinary office file.
_MAX_ZIP_MEMBERS = 20_000


def unreadable(path: Path, reason_de: str, reason_en: str) -> DocumentError:
    """A DocumentError whose message says why, with the file name as detail."""
    return DocumentError(path.name, message_de=reason_de, message_en=reason_en)


def mismatch(path: Path, expected_de: str, expected_en: str) -> DocumentError:
    """The file's content is not what its extension promises."""
    suffix = path.suffix.lower()
    return unreadable(
        path,
        f"Der Inhalt passt nicht zur Dateiendung {suffix}: keine gültige {expected_de}.",
        f"The content does not match the extension {suffix}: not a valid {expected_en}.",
    )


def check_magic(path: Path, head: bytes) -> None:
    """Refuse files whose first bytes contradict their extension (e.g. a text file named .pdf)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if b"%PDF-" not in head[:1024]:
            raise mismatch(path, "PDF-Datei", "PDF file")
    elif suffix in (".docx", ".xlsx"):
        if head.startswith(_OLE2_MAGIC):
            if "EncryptedPackage".encode("utf-16-le") in head or _ole2_is_encrypted(path):
                raise EncryptedDocumentError(path.name)
            raise unreadable(
                path,
                "Die Datei ist im alten Office-Format (.doc/.xls) gespeichert; bitte als .docx/.xlsx speichern.",
                "The file uses the old Office format (.doc/.xls); please save it as .docx/.xlsx.",
            )
        if not head.startswith(_ZIP_MAGIC):
            raise mismatch(path, "Office-Datei (Word/Excel)", "Office file (Word/Excel)")
    else:
        if head.startswith(b"%PDF-"):
            raise mismatch(path, "Textdatei (es ist ein PDF)", "text file (it is a PDF)")
        if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE2_MAGIC):
            raise mismatch(path, "Textdatei (es ist ein Archiv oder eine Office-Datei)", "text file (it is an archive or office file)")


def _ole2_is_encrypted(path: Path) -> bool:
    """Password-protected DOCX/XLSX are OLE2 containers holding an 'EncryptedPackage' stream."""
    with path.open("rb") as handle:
        data = handle.read(2 * _MB)
    return "EncryptedPackage".encode("utf-16-le") in data


def check_zip(path: Path, max_unzipped_mb: int, required_member: str, expected_de: str, expected_en: str) -> None:
    """Zip-bomb guard: sum the declared sizes BEFORE any parser unpacks a member.

    Python's zipfile never inflates a member beyond its declared size (and checks the CRC), so the
    declared sizes are a safe bound for python-docx and openpyxl, which read through zipfile.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise unreadable(
            path, f"Die Datei ist beschädigt (keine lesbare {expected_de}).", f"The file is damaged (not a readable {expected_en})."
        ) from exc
    if len(infos) > _MAX_ZIP_MEMBERS:
        raise FileTooLargeError(
            path.name, message_de="Die Datei enthält ungewöhnlich viele Bestandteile.", message_en="The file contains unusually many parts."
        )
    unpacked = sum(info.file_size for info in infos)
    if unpacked > max_unzipped_mb * _MB:
        raise FileTooLargeError(
            path.name,
            message_de=f"Die Datei würde entpackt mehr als {max_unzipped_mb} MB belegen (möglicherweise eine Zip-Bombe).",
            message_en=f"The file would unpack to more than {max_unzipped_mb} MB (possibly a zip bomb).",
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise EncryptedDocumentError(path.name)
    if required_member not in {info.filename for info in infos}:
        raise mismatch(path, expected_de, expected_en)


# --- text decoding -------------------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: Single-byte code pages charset-normalizer may guess for German text; cp1252 is what Windows writes.
_WESTERN_SINGLE_BYTE = re.compile(r"^(cp125\d|windows_125\d|latin_1|iso8859_\d+|mac_\w+|cp437|cp850|cp858|ascii)$")


def detect_encoding(sample: bytes, *, complete: bool) -> str:
    """Encoding of a text file: BOM, then UTF-8, then charset-normalizer, then cp1252.

    `complete` says whether `sample` is the whole file (a cut-off multibyte character at the end of a
    partial sample must not rule UTF-8 out).
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        cut_at_end = exc.reason == "unexpected end of data" and exc.start >= len(sample) - 3
        if cut_at_end and not complete:
            return "utf-8"
    guess = _charset_normalizer_guess(sample)
    if guess and guess.startswith("utf"):
        return guess
    if guess and not _WESTERN_SINGLE_BYTE.match(guess) and not _decodes(sample, "cp1252"):
        return guess
    # German text in a single-byte code page: Windows writes cp1252 (€, „“, – live at 0x80–0x9F).
    return "cp1252"


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        sample.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def _charset_normalizer_guess(sample: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(sample[: 512 * 1024]).best()
    except Exception:  # detection is a hint; never let it crash ingestion
        return None
    return best.encoding if best is not None else None


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a whole text file; never raises on bad bytes (they become U+FFFD)."""
    encoding = detect_encoding(data, complete=True)
    text = data.decode(encoding, errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def check_not_binary(path: Path, text: str) -> None:
    """A .txt/.md/.csv that decodes to control-character soup is a binary file with a wrong name."""
    sample = text[:20_000]
    if not sample:
        return
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\t\f\v")
    if controls / len(sample) > 0.05:
        raise mismatch(path, "Textdatei (der Inhalt ist binär)", "text file (the content is binary)")


# --- bounded blocks ------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…][\"»«“”)\]]*\s+")


def bounded_spans(text: str, start: int = 0, end: int | None = None, max_chars: int = MAX_BLOCK_CHARS) -> list[tuple[int, int]]:
    """Cut text[start:end] into spans of at most max_chars, preferring sentence ends, then spaces.

    Spans are offsets into `text`, stripped of surrounding whitespace, never empty.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        while pos < end and text[pos].isspace():
            pos += 1
        if pos >= end:
            break
        if end - pos <= max_chars:
            cut = end
        else:
            limit = pos + max_chars
            window_start = pos + max_chars // 2
            cut = -1
            for match in _SENTENCE_END.finditer(text, window_start, limit):
                cut = match.end()
            if cut < 0:
                space = text.rfind(" ", window_start, limit)
                cut = space + 1 if space > 0 else limit
        stop = cut
        while stop > pos and text[stop - 1].isspace():
            stop -= 1
        if stop > pos:
            spans.append((pos, stop))
        pos = cut
    return spans


def collapse_spaces(text: str) -> str:
    """One space between words, no surrounding whitespace (keeps line breaks out of cell values)."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # the common case, fast: a table cell that is already clean
    return " ".join(text.split())


class SectionStack:
    """The heading path above the current block: a new heading closes every open one of its level or deeper."""

    def __init__(self) -> None:
        self._open: list[tuple[int, str]] = []

    def enter(self, level: int, title: str) -> tuple[str, ...]:
        """Open a heading; returns the path including it."""
        while self._open and self._open[-1][0] >= level:
            self._open.pop()
        self._open.append((level, title))
        return self.path

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(title for _, title in self._open)


# --- table rows ----------------------------------------------------------------------------------------


def column_names(cells: list[str]) -> list[str]:
    """Header cells as unique, non-empty column names ('Spalte 3' for a blank one, 'Name (2)' for a repeat)."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for index, cell in enumerate(cells, start=1):
        name = collapse_spaces(cell) or f"Spalte {index}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        names.append(name)
    return names


def make_record(columns: list[str], cells: list[str]) -> dict[str, str]:
    """Column -> value for one row, empty cells dropped; cells beyond the header get 'Spalte N'."""
    record: dict[str, str] = {}
    for index, cell in enumerate(cells):
        value = collapse_spaces(cell)
        if not value:
            continue
        name = columns[index] if index < len(columns) else f"Spalte {index + 1}"
        record[name] = value
    return record


def render_record(record: dict[str, str]) -> str:
    """'Spalte: Wert; Spalte: Wert' — a row that still says who does what where when read alone."""
    return "; ".join(f"{column}: {value}" for column, value in record.items())


def header_row_index(rows: list[list[str]]) -> int | None:
    """Index of the first row with at least two non-empty cells (the header), or None."""
    for index, row in enumerate(rows):
        if sum(1 for cell in row if cell and cell.strip()) >= 2:
            return index
    return None


_CAPTION = re.compile(r"^(Tabelle|Tab\.)\s*\d*", re.IGNORECASE)


def table_caption(candidate: str) -> str:
    """The name a short line right above a table gives it ("Tabelle 2: …", "Aufgaben bis Dezember:"), or ''."""
    if len(candidate) > 120 or "\n" in candidate:
        return ""
    if _CAPTION.match(candidate) or (candidate.endswith(":") and len(candidate) <= 80 and ". " not in candidate):
        return candidate.rstrip(":").strip()
    return ""


#: "(Stand 31.12.2023)", "Datenstand: 2023", "Stichtag 31.12.2023" in the paragraph right above a table.
_STAND = re.compile(
    r"\b(?:Daten)?(?:stand|Stichtag)\b\s*:?\s*(?:vom\s+|zum\s+|am\s+)?(\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d\d|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def stand_note(paragraph: str) -> str:
    """"Stand 31.12.2023" when the paragraph above a table dates its data: a table without a year of its own then holds
    figures of that date, not of the document's (a protocol of January 2025 presenting the figures of 2023)."""
    found = _STAND.search(paragraph or "")
    return f"Stand {found.group(1)}" if found else ""

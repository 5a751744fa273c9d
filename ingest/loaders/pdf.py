"""PDF (pypdf): page-located paragraphs, headings as the section path, running headers/footers removed.

pypdf returns a page's text in content-stream order (reading order for Word/LaTeX/fpdf output, also
for two-column layouts written column by column). A visitor callback gives each line's position,
font size and weight, which tell headings, paragraph gaps and page furniture apart.
"""

from __future__ import annotations

import logging
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.core.errors import EncryptedDocumentError, NoTextLayerError
from assistant.core.settings import IngestSettings
from ingest.blocks import Block, ParsedDocument
from ingest.loaders._common import MAX_BLOCK_CHARS, SectionStack, bounded_spans, unreadable
from ingest.loaders.pdf_tables import Piece, as_grid, document_tables
from ingest.tables import NormalisedTable, normalise_table

logger = logging.getLogger(__name__)

#: How many lines at the top and bottom of a page may be running headers/footers.
_MARGIN_LINES = 2
_BULLETS = "•●▪■◦‣·○►▸✓✔-–*\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
_BULLET = re.compile(rf"^([{re.escape(_BULLETS)}])\s+")
#: "1.", "2)", "a)", "(3)" — but not "12. März" (a date wrapped to the line start) nor "z. B." (an abbreviation).
_ENUMERATED = re.compile(
    r"^(\d{1,2}[.)]|[a-z]\)|\(\d{1,2}\)|\([a-z]\))\s+(?!(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b)"
)
_NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(?=[A-ZÄÖÜ\"„])")
_NUMBER_TOKEN = re.compile(r"^[-+±–]?\(?\d[\d.,]*\)?%?$|^%$")
_PAGE_NUMBER = re.compile(r"^(seite|page|s\.)?\s*[-–]?\s*\d{1,4}\s*[-–]?(\s*(von|/|of)\s*\d{1,4})?$", re.IGNORECASE)
_JUNK_TITLE = re.compile(r"(microsoft|word|\.docx?$|\.pdf$|untitled|unbenannt|^dokument\d*$|^document\d*$)", re.IGNORECASE)
#: Words after "Kinder-" that show the hyphen is a German ellipsis ("Kinder- und Jugendhilfe"), not a line-break hyphen.
_ELLIPSIS_FOLLOWERS = {"und", "oder", "bzw.", "bzw", "sowie", "als", "wie", "noch", "bis", "&", "u.", "resp."}


@dataclass
class _Line:
    """One extracted line with where it sits on the page and how it is set."""

    text: str
    start: int
    end: int
    page: int
    x: float | None = None
    y: float | None = None
    size: float | None = None
    bold: bool = False
    #: Pieces of text on the line separated by wide gaps: more than one means table cells.
    cells: int = 1

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class _Stats:
    """Document-wide typography: what body text looks like, so headings and gaps stand out."""

    body_size: float | None
    body_bold: bool
    typical_length: float
    typical_gap: float | None
    heading_styles: list[tuple[float, bool]]

    def rank(self, size: float | None, bold: bool) -> int:
        key = (round(size or 0, 1), bold)
        try:
            return self.heading_styles.index(key)
        except ValueError:
            return len(self.heading_styles)


def load_pdf(path: Path, limits: IngestSettings) -> ParsedDocument:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            _decrypt(reader, path)
        page_count = len(reader.pages)
    except EncryptedDocumentError:
        raise
    except (FileNotDecryptedError, DependencyError) as exc:
        raise EncryptedDocumentError(path.name) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError) as exc:
        raise _damaged(path) from exc
    if page_count == 0:
        raise _damaged(path)

    pages: list[list[_Line]] = []
    pieces: list[list[Piece]] = []
    failed_pages: list[int] = []
    for number in range(1, page_count + 1):
        pieces.append([])
        try:
            pages.append(_page_lines(reader.pages[number - 1], number, pieces[-1]))
        except FileNotDecryptedError as exc:
            raise EncryptedDocumentError(path.name) from exc
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError, ZeroDivisionError):
            logger.warning("%s: page %d could not be read", path.name, number, exc_info=True)
            failed_pages.append(number)
            pages.append([])
    if len(failed_pages) == page_count:
        raise _damaged(path)
    if not _truncation_free(path) and failed_pages:
        raise _damaged(path)
    if not any(_has_text(lines) for lines in pages):
        raise NoTextLayerError(path.name)

    warnings = []
    if failed_pages:
        warnings.append(f"Seiten konnten nicht gelesen werden: {_page_list(failed_pages)}")
    empty = [number for number, lines in enumerate(pages, start=1) if not _has_text(lines) and number not in failed_pages]
    if empty:
        warnings.append(f"Seiten ohne Textebene (Scan?): {_page_list(empty)}")

    pages = _strip_running_lines(pages)
    stats = _typography(pages)
    blocks, first_heading = _blocks(pages, stats)
    tables = _tables(pieces, blocks)
    warnings.extend(w for table in tables for w in table.warnings)
    return ParsedDocument(format="pdf", blocks=blocks, title=_title(reader, first_heading), pages=page_count, warnings=warnings,
                          tables=tables)


def _tables(pieces: list[list[Piece]], blocks: list[Block]) -> list[NormalisedTable]:
    """The numeric tables as data; caption and headings above each one tell its place when it has no place column."""
    found = []
    names: dict[str, int] = {}
    for table in document_tables(pieces):
        first_page = table.rows[0][0] if table.rows else table.page
        caption = " ".join(table.caption.split())
        section: tuple[str, ...] = ()
        at = -1
        for index, block in enumerate(blocks):
            if block.page is not None and block.page > first_page:
                break
            if caption and " ".join(block.text.split()) == caption:
                section, at = block.section, index
                break
            section = block.section
        title = next((block.text for block in blocks if block.kind == "heading"), "")
        if at < 0:  # no caption: the block the table's first line opens
            at = _opening_block(blocks, table, first_page)
        note = _source_note(blocks[at : at + _NOTE_REACH], table.rows[-1][0] if table.rows else first_page) if at >= 0 else ""
        fallback = f"Tabelle S. {first_page}"
        names[fallback] = names.get(fallback, 0) + 1
        if names[fallback] > 1:
            fallback += f" ({names[fallback]})"  # two caption-less tables on one page stay two tables
        grid = as_grid(table, (caption, note, *reversed(section), title), fallback)
        if grid is not None:
            found.append(normalise_table(grid))
    return found


_STAND = re.compile(r"\b(?:Stand|Stichtag|Datenstand)[:\s]+(\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d\d|(?:19|20)\d\d)")
#: How many blocks after its caption a table's source note may come ("Quelle: …; Stand 31.12.2022").
_NOTE_REACH = 12


def _opening_block(blocks: list[Block], table, first_page: int) -> int:
    """Index of the block on the table's first page whose text begins with the table's first line, else -1."""
    first = table.header or (table.rows[0][1] if table.rows else [])
    line = " ".join(" ".join(p.text for p in cell).strip() for cell in first).strip()
    if not line:
        return -1
    head = " ".join(line.split())[:30]
    return next((i for i, b in enumerate(blocks) if b.page == first_page and " ".join(b.text.split()).startswith(head)), -1)


def _source_note(blocks: list[Block], last_page: int) -> str:
    """The "Quelle: …" line under a table: its "Stand 31.12.2022" dates the figures, which the report's own year
    (in its title) does not; "" when the table has none on its last page."""
    for block in blocks[1:]:
        if block.kind == "heading" or (block.page is not None and block.page > last_page):
            break
        if block.text.lstrip().startswith(("Quelle:", "Quellen:", "Datenquelle:")):
            found = _STAND.search(block.text)
            return f"Stand {found.group(1)}" if found else ""  # only the date: the note's other words name no place or unit
    return ""


def _decrypt(reader, path: Path) -> None:
    """Owner-password-only PDFs open with the empty password; anything else is refused."""
    from pypdf import PasswordType

    try:
        result = reader.decrypt("")
    except Exception as exc:  # unsupported crypto handler, missing dependency, broken /Encrypt
        raise EncryptedDocumentError(path.name) from exc
    if result == PasswordType.NOT_DECRYPTED:
        raise EncryptedDocumentError(path.name)


def _damaged(path: Path):
    return unreadable(path, "Das PDF ist beschädigt oder unvollständig.", "The PDF is damaged or incomplete.")


def _truncation_free(path: Path) -> bool:
    """A complete PDF ends with %%EOF (possibly followed by a little garbage)."""
    with path.open("rb") as handle:
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 4096))
        return b"%%EOF" in handle.read()


def _has_text(lines: list[_Line]) -> bool:
    return sum(ch.isalnum() for line in lines for ch in line.text) >= 3


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:20])
    return shown + (" …" if len(numbers) > 20 else "")


# --- extraction ------------------------------------------------------------------------------------------


def _page_lines(page, number: int, sink: list[Piece] | None = None) -> list[_Line]:
    """The page's text split into lines, each with position and font taken from pypdf's text visitor.

    `sink` receives every non-blank piece of text with its position (the table reader's input)."""
    fragments: list[tuple[int, int, float, float, float, bool]] = []
    pieces: list[str] = []
    offset = 0
    bold_fonts: dict[int, bool] = {}

    def visit(text, cm, tm, font, size) -> None:
        nonlocal offset
        if not text:
            return
        pieces.append(text)
        if text.strip():
            x, y, scale = _place(cm, tm)
            bold = bold_fonts.get(id(font))
            if bold is None:
                bold = bold_fonts[id(font)] = _is_bold(font)
            fragments.append((offset, offset + len(text), x, y, float(size or 0) * scale, bold))
            if sink is not None:
                sink.append(Piece(text, x, y, float(size or 0) * scale))
        offset += len(text)

    text = page.extract_text(visitor_text=visit)
    located = "".join(pieces) == text
    lines: list[_Line] = []
    cursor = 0
    index = 0
    for raw in text.split("\n"):
        start, end = cursor, cursor + len(raw)
        cursor = end + 1
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        line = _Line(" ".join(stripped.split()), start + lead, start + lead + len(stripped), number)
        if located:
            while index < len(fragments) and fragments[index][1] <= start:
                index += 1
            inside = []
            scan = index
            while scan < len(fragments) and fragments[scan][0] < end:
                if fragments[scan][1] > start:
                    inside.append(fragments[scan])
                scan += 1
            if inside:
                line.x, line.y = inside[0][2], inside[0][3]
                line.size = max(fragment[4] for fragment in inside)
                line.bold = all(fragment[5] for fragment in inside)
                line.cells = _cells(text, inside)
        lines.append(line)
    return lines


def _cells(text: str, fragments: list[tuple[int, int, float, float, float, bool]]) -> int:
    """Count runs of text separated by more than 1.5 em (estimated from character counts): table cells."""
    cells = 1
    for before, after in zip(fragments, fragments[1:], strict=False):
        size = max(before[4], 1.0)
        estimated_end = before[2] + len(text[before[0] : before[1]].strip()) * size * 0.6
        if after[2] > estimated_end + 1.5 * size or after[2] < before[2] - size:
            cells += 1
    return cells


def _place(cm, tm) -> tuple[float, float, float]:
    """Page position of the text origin and the vertical scale of text space."""
    try:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
        return float(x), float(y), float(scale) or 1.0
    except (TypeError, IndexError, ValueError):
        return 0.0, 0.0, 1.0


def _is_bold(font) -> bool:
    try:
        name = str(font.get("/BaseFont", "")) if font is not None else ""
        if re.search(r"bold|black|heavy|semibold|demi|,bd|-bd", name, re.IGNORECASE):
            return True
        descriptor = font.get("/FontDescriptor") if font is not None else None
        if descriptor is not None:
            descriptor = descriptor.get_object()
            if float(descriptor.get("/FontWeight", 0)) >= 600:
                return True
            return bool(int(descriptor.get("/Flags", 0)) & (1 << 18))
    except Exception:  # fonts in the wild are creative; weight is only a hint
        return False
    return False


# --- running headers and footers --------------------------------------------------------------------------


def _normalise(text: str) -> str:
    """'Seite 3 von 12' and 'Seite 4 von 12' compare equal."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _strip_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Drop lines in the top/bottom margin zone that repeat on many pages, and bare page numbers.

    Lines compare with digits masked ("Seite 3 von 12"); lines without letters (table rows of numbers)
    never count as repeated, only as page numbers.
    """
    with_text = [lines for lines in pages if lines]
    counts: Counter[tuple[str, str]] = Counter()
    for lines in with_text:
        for zone, zone_lines in (("top", lines[:_MARGIN_LINES]), ("bottom", lines[-_MARGIN_LINES:])):
            for key in {_normalise(line.text) for line in zone_lines if any(ch.isalpha() for ch in line.text)}:
                counts[(zone, key)] += 1
    threshold = max(2, min(math.ceil(len(with_text) / 2), 3))
    repeated = {key for key, count in counts.items() if count >= threshold} if len(with_text) >= 2 else set()

    cleaned: list[list[_Line]] = []
    for lines in pages:
        drop: set[int] = set()
        for zone, indices in (
            ("top", range(min(_MARGIN_LINES, len(lines)))),
            ("bottom", range(max(0, len(lines) - _MARGIN_LINES), len(lines))),
        ):
            for index in indices:
                text = lines[index].text
                if (zone, _normalise(text)) in repeated or _PAGE_NUMBER.match(text):
                    drop.add(index)
        cleaned.append([line for index, line in enumerate(lines) if index not in drop])
    return cleaned


# --- typography ---------------------------------------------------------------------------------------------


def _typography(pages: list[list[_Line]]) -> _Stats:
    lines = [line for page in pages for line in page]
    sized = [line for line in lines if line.size]
    prose = [line for line in sized if line.cells == 1 and line.words >= 5] or sized
    body_size = None
    body_bold = False
    if prose:
        weight: Counter[float] = Counter()
        for line in prose:
            weight[round(line.size or 0, 1)] += len(line.text)
        body_size = weight.most_common(1)[0][0]
        body_lines = [line for line in prose if round(line.size or 0, 1) == body_size]
        bold_chars = sum(len(line.text) for line in body_lines if line.bold)
        body_bold = bold_chars > 0.5 * sum(len(line.text) for line in body_lines)
    long_lines = sorted(len(line.text) for line in lines if line.words >= 4)
    typical_length = long_lines[int(len(long_lines) * 0.8)] if long_lines else 60.0
    gaps = []
    for page in pages:
        for above, below in zip(page, page[1:], strict=False):
            prose = above.cells == below.cells == 1 and above.words >= 5 and below.words >= 3 and above.size == below.size
            if prose and above.y is not None and below.y is not None and 0 < above.y - below.y < 60:
                gaps.append(above.y - below.y)  # line spacing inside paragraphs (tables and headings space differently)
    typical_gap = statistics.median(gaps) if gaps else None
    styles = set()
    if body_size:
        for line in sized:
            size = round(line.size or 0, 1)
            if line.cells > 1:
                continue
            if size >= body_size * 1.12 or (line.bold and not body_bold and size >= body_size * 0.95):
                styles.add((size, line.bold))
    heading_styles = sorted(styles, key=lambda style: (-style[0], not style[1]))
    return _Stats(body_size, body_bold, float(typical_length), typical_gap, heading_styles)


def _is_tabular(line: _Line) -> bool:
    """Rows of a table: cells set apart by wide gaps, or several numbers making up a good part of the line."""
    return line.cells > 1 or _numeric_text(line.text)


def _numeric_text(text: str) -> bool:
    tokens = text.split()
    numbers = sum(1 for token in tokens if _NUMBER_TOKEN.match(token))
    return numbers >= 2 and numbers >= 0.4 * len(tokens)


def _heading_level(line: _Line, following: _Line | None, stats: _Stats) -> int | None:
    """A level (lower = higher up) when the line looks like a heading, else None.

    A line ending in a period may still start a heading that wraps ("… am 13." / "März 2024");
    `_heading_run` checks the end of the whole run.
    """
    text = line.text
    if not 2 <= len(text) <= 120 or line.words > 15:
        return None
    if not (text[0].isupper() or text[0].isdigit() or text[0] in '"„§'):
        return None
    numbered = _NUMBERED_HEADING.match(text)
    depth = numbered.group(1).count(".") + 1 if numbered else 0
    title = text[numbered.end() :] if numbered else text  # "9 Finanzierung 2023" is no table row
    if sum(ch.isalpha() for ch in text) < 3 or line.cells > 1 or _numeric_text(title) or _BULLET.match(text):
        return None
    if stats.body_size and line.size:
        bigger = line.size >= stats.body_size * 1.12
        emphasised = line.bold and not stats.body_bold and line.size >= stats.body_size * 0.95
        if not (bigger or emphasised):
            return None
        if not bigger and not numbered and following is not None and _is_tabular(following):
            return None  # a bold table header, not a heading
        if not bigger and not numbered and following is not None and following.bold and following.size == line.size:
            return None  # a bold run of body-size lines is emphasis, not a heading
        return stats.rank(line.size, line.bold) * 10 + max(depth, 1)
    closed = text.endswith((".", ",", ";", ":"))
    if numbered and not closed and len(text) <= 80 and (following is None or not _NUMBERED_HEADING.match(following.text)):
        return 1 + depth
    return None


# --- blocks ---------------------------------------------------------------------------------------------------


def _blocks(pages: list[list[_Line]], stats: _Stats) -> tuple[list[Block], str | None]:
    """Headings and paragraphs in reading order, never across a page boundary."""
    sections = SectionStack()
    blocks: list[Block] = []
    first_heading: str | None = None
    top_style_count = _top_style_count(pages, stats)
    for lines in pages:
        index = 0
        body: list[_Line] = []
        while index < len(lines):
            line = lines[index]
            following = lines[index + 1] if index + 1 < len(lines) else None
            level = _heading_level(line, following, stats)
            if level is None:
                body.append(line)
                index += 1
                continue
            heading_lines = _heading_run(lines, index, stats)
            if heading_lines is None:  # a run of lines in a larger style is a lead paragraph, not a heading
                body.append(line)
                index += 1
                continue
            blocks.extend(_paragraphs(body, sections.path, stats))
            body = []
            index += len(heading_lines) - 1
            title = " ".join(part.text for part in heading_lines)
            is_title = (
                line.page == 1
                and first_heading is None
                and top_style_count == 1
                and stats.rank(line.size, line.bold) == 0
                and bool(line.size)
            )
            if first_heading is None:
                first_heading = title
            path = sections.path if is_title else sections.enter(level, title)
            blocks.append(
                Block(
                    title, kind="heading", section=path, page=line.page, char_start=line.start, char_end=heading_lines[-1].end, level=level
                )
            )
            index += 1
        blocks.extend(_paragraphs(body, sections.path, stats))
    return _across_pages(blocks), first_heading


#: Endings of a line that close a sentence; a page that ends otherwise may continue on the next one.
_SENTENCE_END = (".", "!", "?", ":", ";")


def _across_pages(blocks: list[Block]) -> list[Block]:
    """A sentence broken by a page end ("… jeweils" | "14:00 Uhr im Rathaus.") is joined into the block it began in
    (cited with that block's page): the first paragraph of a page that starts in lower case or with a number, after a
    paragraph or list item that ends without a full stop."""
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if (previous is not None and block.page != previous.page and block.kind == "paragraph"
                and previous.kind in ("paragraph", "list_item") and not previous.text.rstrip().endswith(_SENTENCE_END)
                and (block.text[:1].isdigit() or block.text[:1].islower())
                and len(previous.text) + len(block.text) < MAX_BLOCK_CHARS):
            out[-1] = replace(previous, text=_join(previous.text, block.text, short=False))
            continue
        out.append(block)
    return out


def _top_style_count(pages: list[list[_Line]], stats: _Stats) -> int:
    """How often the biggest heading style occurs; once on page 1 means it is the document title."""
    if not stats.heading_styles:
        return 0
    top = stats.heading_styles[0]
    count = 0
    for page in pages:
        for previous, line in zip([None, *page], page, strict=False):
            if (
                line.size
                and (round(line.size, 1), line.bold) == top
                and not (previous and previous.size == line.size and previous.bold == line.bold)
            ):
                count += 1
    return count


def _heading_run(lines: list[_Line], index: int, stats: _Stats) -> list[_Line] | None:
    """The heading starting at lines[index], with the lines it wraps onto; None when the run is too long.

    Consecutive lines in the same style at normal spacing belong together: short lines
    not ending in a period make a heading (up to four); more are a paragraph set in a larger font.
    """
    first = lines[index]
    run = [first]
    for following in lines[index + 1 :]:
        last = run[-1]
        if first.size is None or following.size != first.size or following.bold != first.bold:
            break
        if _NUMBERED_HEADING.match(following.text) and len(run) == 1 and _NUMBERED_HEADING.match(first.text):
            break  # "1 Titel" directly followed by "1.1 Titel" in the same style
        if last.y is not None and following.y is not None and not 0 < last.y - following.y <= 1.8 * (first.size or 10):
            break
        run.append(following)
        if len(run) > 5:
            break
    words = sum(line.words for line in run)
    if len(run) > 4 or words > 35 or run[-1].text.endswith((".", ",", ";", ":")):
        return None
    return run


def _paragraphs(lines: list[_Line], section: tuple[str, ...], stats: _Stats) -> list[Block]:
    """Join wrapped lines into paragraphs and list items; tables stay one line per row."""
    blocks: list[Block] = []
    group: list[_Line] = []
    for line in lines:
        if group and _breaks(group[-1], line, stats):
            blocks.extend(_emit(group, section, stats))
            group = []
        group.append(line)
    if group:
        blocks.extend(_emit(group, section, stats))
    return blocks


def _breaks(above: _Line, below: _Line, stats: _Stats) -> bool:
    if _BULLET.match(below.text) or _ENUMERATED.match(below.text):
        return True
    if _is_tabular(above) != _is_tabular(below):
        return True
    if above.size and below.size and abs(above.size - below.size) > 0.1 * max(above.size, below.size):
        return True
    if above.y is not None and below.y is not None:
        drop = above.y - below.y
        if drop <= 0:
            return True  # moved up: next column or a new text frame
        if stats.typical_gap and drop > 1.45 * stats.typical_gap:
            return True
    return above.text.endswith((".", "!", "?", ":")) and len(above.text) < 0.8 * stats.typical_length


def _emit(group: list[_Line], section: tuple[str, ...], stats: _Stats) -> list[Block]:
    first = group[0]
    kind = "list_item" if _BULLET.match(first.text) or _ENUMERATED.match(first.text) else "paragraph"
    text = _BULLET.sub("", first.text, count=1)
    for above, below in zip(group, group[1:], strict=False):
        text = _join(text, below.text, short=_ends_line_on_purpose(above, stats))
    start, end = first.start, group[-1].end
    if len(text) <= MAX_BLOCK_CHARS:
        return [Block(text, kind=kind, section=section, page=first.page, char_start=start, char_end=end)]  # type: ignore[arg-type]
    return [
        Block(text[s:e], kind=kind, section=section, page=first.page, char_start=min(start + s, end), char_end=min(start + e, end))  # type: ignore[arg-type]
        for s, e in bounded_spans(text)
    ]


def _ends_line_on_purpose(line: _Line, stats: _Stats) -> bool:
    """A table row, or a short line that does not stop mid-phrase (addresses, lists of names): keep the break."""
    if _is_tabular(line):
        return True
    if len(line.text) >= 0.6 * stats.typical_length:
        return False
    last = line.text[-1]
    return not (last.islower() or last in ",-")


def _join(text: str, following: str, *, short: bool) -> str:
    """Undo line wrapping: 'Armuts-' + 'bekämpfung' → 'Armutsbekämpfung', but 'Kinder- und Jugendhilfe' stays."""
    if text.endswith("\u00ad"):
        return text[:-1] + following
    if text.endswith("-") and len(text) >= 2 and text[-2].isalpha():
        first_word = following.split(" ", 1)[0]
        if first_word in _ELLIPSIS_FOLLOWERS:
            return f"{text} {following}"
        if text[-2].islower() and following[:1].islower():
            return text[:-1] + following
        return text + following  # "SGB-" + "II-Quote", "Hagen-" + "Mitte": the hyphen is part of the word
    return f"{text}{chr(10) if short else ' '}{following}"


def _title(reader, first_heading: str | None) -> str | None:
    try:
        meta = reader.metadata
        title = str(meta.title).strip() if meta is not None and meta.title else ""
    except Exception:  # broken info dictionaries are common and harmless
        title = ""
    if title and not _JUNK_TITLE.search(title):
        return title
    return first_heading

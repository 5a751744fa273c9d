"""PDF tables from the positions of the text pieces: rows from baselines, columns from the aligned data cells.

Report generators write each table cell as its own piece of text; a row's cells share a baseline, a wrapped cell
("Haspe-West/Westerbaue" / "r") or a two-line header ("u18" / "%") lies just above or below it. A table is a run of
rows in one font size with at least one number each, the lines in that size right above it are its header, and a
"Tabelle N: …" line above names it (without one, a heading line right above the table does). A table that
continues on the next page (the header repeated, no new caption) stays one table. Only tables with numbers are
read here; the text of every table stays in the blocks as before.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from ingest.tables import TableGrid
from ingest.tables.values import is_missing, looks_numeric

_CAPTION = re.compile(r"^(Tabelle|Tab\.)\s*[A-Z]?\d+[a-z]?\s*[:.]", re.IGNORECASE)
#: Average glyph width in em for the width estimate of a piece of text (Helvetica/Arial digits ≈ 0.55).
_EM = 0.5
_MAX_CELL_TEXT = 60
_YEAR_ONLY = re.compile(r"^(19|20)\d\d$")
#: The longest rest of a word that a header line wrapped inside the word carries to the next line.
_WORD_REST = 4


@dataclass(frozen=True)
class Piece:
    """One piece of text on a page with its origin and font size."""

    text: str
    x: float
    y: float
    size: float

    @property
    def right(self) -> float:
        return self.x + len(self.text) * self.size * _EM


@dataclass
class _Band:
    y: float
    size: float
    pieces: list[Piece]

    @property
    def numbers(self) -> int:
        return sum(1 for piece in self.pieces if looks_numeric(piece.text) or is_missing(piece.text))


@dataclass
class PdfTable:
    caption: str
    page: int
    header: list[list[Piece]] = field(default_factory=list)
    rows: list[tuple[int, list[list[Piece]]]] = field(default_factory=list)  # (page, cells)
    width: int = 0
    header_key: str = ""


def _bands(pieces: list[Piece]) -> list[_Band]:
    bands: list[_Band] = []
    for piece in sorted(pieces, key=lambda p: (-round(p.y, 1), p.x)):
        if bands and abs(bands[-1].y - piece.y) <= 0.5 and abs(bands[-1].size - piece.size) <= 0.3:
            bands[-1].pieces.append(piece)
        else:
            bands.append(_Band(piece.y, piece.size, [piece]))
    return bands


def _is_data(band: _Band) -> bool:
    """A row of a numeric table: two or more cells, at least one a number, none a sentence, not a header of years."""
    if len(band.pieces) < 2 or band.numbers < 1 or any(len(p.text) > _MAX_CELL_TEXT for p in band.pieces):
        return False
    if band.numbers * 2 < len(band.pieces):
        return False  # mostly words: two columns of prose, not a row of figures
    numbers = [_bare(p.text) for p in band.pieces if looks_numeric(p.text)]
    markers = band.numbers - len(numbers)
    return markers > 0 or any(not _YEAR_ONLY.search(n) for n in numbers)


def _bare(text: str) -> str:
    """A cell's text without the brackets of a wrapped header ("Bericht 2019 (Stand" / "2018)": a year)."""
    return text.strip().strip("()").strip()


def _is_year_header(band: _Band) -> bool:
    numbers = [_bare(p.text) for p in band.pieces if looks_numeric(p.text)]
    return len(numbers) >= 2 and all(_YEAR_ONLY.search(n) for n in numbers)


def page_tables(pieces: list[Piece], page: int) -> list[PdfTable]:
    """The numeric tables of one page, top to bottom."""
    bands = _bands([p for p in pieces if p.text.strip()])
    tables: list[PdfTable] = []
    index = 0
    while index < len(bands):
        if not _is_data(bands[index]):
            index += 1
            continue
        size = bands[index].size
        first = index
        # rows: data bands in this size, with wrapped pieces in between, until the size changes or a wide gap opens
        last = index
        scan = index + 1
        gaps: list[float] = []
        while scan < len(bands) and abs(bands[scan].size - size) <= 0.3 and all(len(p.text) <= _MAX_CELL_TEXT for p in bands[scan].pieces):
            gap = bands[scan - 1].y - bands[scan].y
            typical = statistics.median(gaps) if gaps else 3.5 * size
            if gap > 2.5 * typical and _is_data(bands[scan]) is False:
                break
            if not _is_data(bands[scan]) and not (bands[last].y - bands[scan].y <= 1.0 * size and scan == last + 1) \
                    and _next_table_starts(bands, scan, last, size):
                break  # "Gesamt 412" then "Stadtbezirk des Engagements | auswertbare Fragebögen": the next table's header
            if _is_data(bands[scan]):
                gaps.append(bands[last].y - bands[scan].y)
                last = scan
            elif bands[last].y - bands[scan].y <= 1.0 * size and scan == last + 1:
                last = scan  # the wrapped end of the last row's cell ('Westerbaue' / 'r')
            scan += 1
        # header: bands right above, in the same size, no further than a few lines
        if first > 0 and not _is_data(bands[first - 1]) and bands[first - 1].y - bands[first].y <= 1.0 * size \
                and abs(bands[first - 1].size - size) <= 0.3 and not _is_year_header(bands[first - 1]):
            first -= 1  # the wrapped start of the first row's cell
        top = first
        while top > 0 and abs(bands[top - 1].size - size) <= 0.3 and bands[top - 1].y - bands[top].y <= 3.5 * size \
                and all(len(p.text) <= _MAX_CELL_TEXT for p in bands[top - 1].pieces) and not _is_data(bands[top - 1]):
            top -= 1
        caption = ""
        if top > 0 and any(_CAPTION.match(p.text.strip()) for p in bands[top - 1].pieces):
            caption = " ".join(p.text.strip() for p in bands[top - 1].pieces)
        elif top > 0 and _is_heading_above(bands[top - 1], bands[top]):
            caption = " ".join(p.text.strip() for p in bands[top - 1].pieces)  # no 'Tabelle N:': the heading names it
        table = _build(bands[top:first], bands[first:last + 1], caption, page)
        if table is not None:
            tables.append(table)
        index = last + 1
    return tables


def _number_columns(band: _Band) -> list[float]:
    """Where a row's figures end (right-aligned numbers share it): the layout of a table's columns of figures."""
    return [p.right for p in band.pieces if looks_numeric(p.text) or is_missing(p.text)]


def _next_table_starts(bands: list[_Band], scan: int, last: int, size: float) -> bool:
    """Lines without figures after a table's last row start another table when the next row of figures has another
    layout (other number or place of the columns of figures); a header repeated inside one table keeps its layout."""
    following = next((b for b in bands[scan + 1 :] if abs(b.size - size) > 0.3 or _is_data(b)), None)
    if following is None or abs(following.size - size) > 0.3 or bands[scan].y - following.y <= 1.0 * size:
        return False  # a line right above a row is the start of its wrapped cell ('Haspe-West/Westerbaue' / 'r')
    row = next(bands[i] for i in range(last, -1, -1) if _is_data(bands[i]))  # `last` may be a wrapped cell's end
    before, after = _number_columns(row), _number_columns(following)
    if len(before) != len(after):
        return True
    return any(abs(a - b) > 2 * size for a, b in zip(before, after, strict=True))


#: A heading that names a caption-less table: short, no sentence, right above it.
_MAX_HEADING = 100


def _is_heading_above(band: _Band, first: _Band) -> bool:
    """The line right above a table is its caption when it reads like a heading (short, not a sentence, no figures row)
    and sits within two lines of the table."""
    text = " ".join(p.text.strip() for p in band.pieces).strip()
    if not text or len(text) > _MAX_HEADING or text.endswith((".", ":", ",", ";")) or _is_data(band):
        return False
    return band.y - first.y <= 3.0 * max(band.size, first.size) and text[0].isupper()


def _build(header_bands: list[_Band], body: list[_Band], caption: str, page: int) -> PdfTable | None:
    data = [band for band in body if _is_data(band)]
    if len(data) < 2 and not (data and (caption or header_bands)):
        return None  # a lone line with figures is a sentence, not a table
    columns = _columns([piece for band in body for piece in band.pieces])
    width = len(columns)
    if width < 2:
        return None

    def column_of(piece: Piece) -> int:
        best, best_score = 0, None
        for j, (left, right) in enumerate(columns):
            overlap = min(right, piece.right) - max(left, piece.x)
            distance = abs((left + right) / 2 - (piece.x + piece.right) / 2)
            score = (overlap if overlap > 0 else 0.0, -distance)
            if best_score is None or score > best_score:
                best, best_score = j, score
        return best

    def cells_of(pieces: list[Piece]) -> list[list[Piece]]:
        cells: list[list[Piece]] = [[] for _ in range(width)]
        for piece in sorted(pieces, key=lambda p: (-p.y, p.x)):
            cells[column_of(piece)].append(piece)
        return cells

    table = PdfTable(caption=caption, page=page, width=width)
    if header_bands:
        table.header = cells_of([p for band in header_bands for p in band.pieces])
        table.header_key = "|".join(_join(cell) for cell in table.header)
    # every non-data band belongs to the nearest data band (a wrapped cell)
    assigned: dict[int, list[Piece]] = {id(band): list(band.pieces) for band in data}
    for band in body:
        if band in data:
            continue
        nearest = min(data, key=lambda d: abs(d.y - band.y))
        assigned[id(nearest)].extend(band.pieces)
    for band in data:
        table.rows.append((page, cells_of(assigned[id(band)])))
    return table


def _columns(pieces: list[Piece]) -> list[tuple[float, float]]:
    """Columns as the x-ranges covered by the body's cells: left-aligned text shares its start, right-aligned numbers
    overlap, and neighbouring columns are separated by a gap (connected ranges along x)."""
    columns: list[tuple[float, float]] = []
    for piece in sorted(pieces, key=lambda p: p.x):
        if columns and piece.x <= columns[-1][1]:
            columns[-1] = (columns[-1][0], max(columns[-1][1], piece.right))
        else:
            columns.append((piece.x, piece.right))
    return columns


def _join(pieces: list[Piece], header: bool = False) -> str:
    """A cell's pieces as one text: a piece starting in lower case continues the word before ('Westerbaue' + 'r').
    Header cells also wrap between words ('regelmäßig' / 'wöchentlich', 'fühle mich' / 'anerkannt'): there only a
    short rest of a full line continues its word ('Hohenlimbur' / 'g', 'Alleinerziehenden-Haush' / 'alte')."""
    text = ""
    line = ""
    for piece in pieces:
        part = piece.text.strip()
        if not part:
            continue
        rest_of_word = not header or len(part) <= _WORD_REST or len(line) >= 2 * len(part)
        line = part
        if text and rest_of_word and part[0].islower() and text[-1].isalpha():
            text += part
        else:
            text = f"{text} {part}" if text else part
    return text


def document_tables(pages: list[list[Piece]]) -> list[PdfTable]:
    """Tables of all pages; a table at the top of a page without its own caption continues the last one when its
    header repeats (or it has none) and it has as many columns."""
    tables: list[PdfTable] = []
    for number, pieces in enumerate(pages, start=1):
        for position, table in enumerate(page_tables(pieces, number)):
            previous = tables[-1] if tables else None
            continues = (position == 0 and previous is not None and not table.caption and previous.page == number - 1
                         and table.width == previous.width and (not table.header_key or table.header_key == previous.header_key))
            if continues and previous is not None:
                previous.rows.extend(table.rows)
                previous.page = number
            else:
                tables.append(table)
    return tables


#: A cell longer than this is a sentence; a "table" with many of them is prose with figures in it.
_MAX_JOINED_CELL = 80


def as_grid(table: PdfTable, context: tuple[str, ...], fallback_name: str) -> TableGrid | None:
    """The table as a grid: header row (if any), then the data rows numbered 1… within the table, each with its page;
    None when the rows read like prose (long cells in many rows) rather than a table."""
    texts = [[_join(cell) for cell in cells] for _, cells in table.rows]
    wordy = sum(1 for cells in texts if any(len(text) > _MAX_JOINED_CELL for text in cells))
    header_wordy = any(len(_join(cell, header=True)) > _MAX_JOINED_CELL for cell in table.header)
    if not texts or wordy * 4 > len(texts) or header_wordy:
        return None
    rows: list[list[str]] = []
    numbers: list[int] = []
    pages: list[int | None] = []
    if table.header:
        rows.append([_join(cell, header=True) for cell in table.header])
        numbers.append(0)
        pages.append(table.rows[0][0] if table.rows else None)
    for number, (page, cells) in enumerate(table.rows, start=1):
        rows.append([_join(cell) for cell in cells])
        numbers.append(number)
        pages.append(page)
    return TableGrid(table.caption or fallback_name, rows, row_numbers=numbers, pages=pages, context=context, source="pdf")

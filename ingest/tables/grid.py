"""The table grid a loader hands over: rows of cell strings, where each row sits in the file, merged cells.

Loaders know the file (sheet, page, Excel row); the normaliser knows nothing of formats. `clean` pads rows,
collapses padded cells, copies a merged cell's value into every cell it covers and drops empty spacer columns,
remembering each kept column's original position for provenance.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

#: Tables wider than this are not normalised (a sheet formatted out to column XFD, a transposed export).
MAX_COLUMNS = 400


@dataclass
class TableGrid:
    """One table as cell strings. `row_numbers[i]` is row i as the file shows it (CSV line, Excel row).

    `merged` holds merged ranges as (first_row, first_col, last_row, last_col), 0-based grid indexes, inclusive.
    `pages[i]` is the PDF page of row i. `context` are the caption and headings above the table (place hints).
    """

    name: str
    rows: list[list[str]]
    row_numbers: list[int] | None = None
    pages: list[int | None] | None = None
    sheet: str = ""
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    context: tuple[str, ...] = ()
    source: str = ""

    def row_number(self, index: int) -> int:
        if self.row_numbers is not None and index < len(self.row_numbers):
            return self.row_numbers[index]
        return index + 1

    def page(self, index: int) -> int | None:
        if self.pages is not None and index < len(self.pages):
            return self.pages[index]
        return None


@dataclass
class CleanGrid:
    """A grid with equal-length rows, merged cells filled, spacer columns dropped."""

    rows: list[list[str]]
    #: For every kept column, its 0-based position in the original grid (for column letters/provenance).
    positions: list[int]
    #: Cells that received their value from a merged range (row, kept column) — a group label, not a repeat.
    from_merge: set[tuple[int, int]]


def tidy(cell: object) -> str:
    """A cell's text: padded and wrapped cells collapse to single spaces."""
    if cell is None:
        return ""
    text = str(cell)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    if not text.isprintable():  # stray control and format characters ('Neumueh\x9dlen') are no part of a name
        text = "".join(ch if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf") else "" for ch in text)
    return " ".join(text.replace("\u00a0", " ").split())


def clean(grid: TableGrid) -> CleanGrid:
    """Equal-width rows, merged ranges filled from their top-left cell, all-empty columns removed."""
    width = max((len(row) for row in grid.rows), default=0)
    rows = [[tidy(cell) for cell in row] + [""] * (width - len(row)) for row in grid.rows]
    filled: set[tuple[int, int]] = set()
    for first_row, first_col, last_row, last_col in grid.merged:
        if not (0 <= first_row < len(rows) and 0 <= first_col < width):
            continue
        value = rows[first_row][first_col]
        for r in range(first_row, min(last_row, len(rows) - 1) + 1):
            for c in range(first_col, min(last_col, width - 1) + 1):
                if (r, c) != (first_row, first_col):
                    rows[r][c] = value
                    filled.add((r, c))
    keep = [c for c in range(width) if any(row[c] for row in rows)]
    index_of = {c: i for i, c in enumerate(keep)}
    return CleanGrid(
        rows=[[row[c] for c in keep] for row in rows],
        positions=keep,
        from_merge={(r, index_of[c]) for r, c in filled if c in index_of},
    )


def column_letter(position: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA' (spreadsheet column names for provenance)."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters

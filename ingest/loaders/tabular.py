"""CSV and XLSX: every data row becomes a located record, read as a stream under a hard row limit.

A row's text reads "Spalte: Wert; Spalte: Wert", so "which partner runs which offer where" survives
as one retrievable, citable line. `row` is the 1-based data row under the header (blank rows count,
so row n is always the n-th line below the header in the file).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from assistant.core.errors import FileTooLargeError
from assistant.core.settings import IngestSettings
from ingest.blocks import Block, ParsedDocument
from ingest.loaders._common import (
    check_not_binary,
    check_zip,
    collapse_spaces,
    column_names,
    detect_encoding,
    make_record,
    render_record,
    unreadable,
)
from ingest.loaders.xlsx_parts import SheetExtras, sheet_extras
from ingest.tables import NormalisedTable, TableGrid, normalise_table
from ingest.tables.passages import group_record, group_text, grouped_by_place, row_text

_SAMPLE_BYTES = 1024 * 1024
_DELIMITERS = (";", "\t", ",", "|")
#: Rows above the header that may be a title; beyond this a table without a 2-cell row is one column wide.
_MAX_PREAMBLE_ROWS = 30
#: A sheet whose next rows are all empty for this long is over (sheets formatted down to row 1,048,576).
_MAX_EMPTY_RUN = 10_000


def load_csv(path: Path, limits: IngestSettings) -> ParsedDocument:
    with path.open("rb") as handle:
        sample = handle.read(_SAMPLE_BYTES)
        complete = not handle.read(1)
    encoding = detect_encoding(sample, complete=complete)
    sample_text = sample.decode(encoding, errors="replace")
    check_not_binary(path, sample_text)
    delimiter = sniff_delimiter(sample_text)
    budget = _RowBudget(path, limits.max_table_rows)
    numbered: list[tuple[int, list[str]]] = []
    try:
        with path.open("r", encoding=encoding, errors="replace", newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            for row in reader:
                numbered.append((reader.line_num, [cell.strip() for cell in row]))
                if len(numbered) > limits.max_table_rows + _MAX_PREAMBLE_ROWS + 1:
                    budget.exceeded()
    except csv.Error as exc:
        raise unreadable(path, f"Die CSV-Datei ist fehlerhaft ({exc}).", f"The CSV file is malformed ({exc}).") from exc
    blocks, table = table_output(numbered, path.stem, budget, source="csv")
    return ParsedDocument(format="csv", blocks=blocks, title=None, warnings=list(table.warnings), tables=[table])


def sniff_delimiter(sample: str) -> str:
    """The delimiter that splits the first lines into the most consistent number (≥ 2) of columns.

    German CSVs use ';' with decimal commas, so ',' only wins when it splits the rows consistently.
    """
    lines = sample.splitlines()[:60]
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]  # the sample may end mid-line
    best, best_consistency = ";", 0.0
    for delimiter in _DELIMITERS:  # in order of preference; a later one must be strictly more consistent
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter) if any(cell.strip() for cell in row)]
        except csv.Error:
            continue
        if not counts:
            continue
        width, frequency = Counter(counts).most_common(1)[0]
        consistency = frequency / len(counts)
        if width >= 2 and consistency > best_consistency + 1e-9:
            best, best_consistency = delimiter, consistency
    return best


def load_xlsx(path: Path, limits: IngestSettings) -> ParsedDocument:
    check_zip(path, limits.max_unzipped_mb, "xl/workbook.xml", "Excel-Datei (XLSX)", "Excel file (XLSX)")
    _refuse_obviously_too_many_rows(path, limits.max_table_rows)
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # InvalidFileException, KeyError for missing parts, XML errors
        raise unreadable(path, "Die Excel-Datei ist beschädigt.", "The Excel file is damaged.") from exc
    budget = _RowBudget(path, limits.max_table_rows)
    blocks: list[Block] = []
    warnings: list[str] = []
    tables: list[NormalisedTable] = []
    extras = sheet_extras(path)
    try:
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # trust the rows in the file, not a claimed A1:XFD1048576
            sheet_info = extras.get(sheet.title, SheetExtras())
            numbered = list(_sheet_rows(sheet, warnings, sheet_info.formulas))
            section = (sheet.title,) if len(workbook.worksheets) > 1 else ()
            hidden = getattr(sheet, "sheet_state", "visible") != "visible"
            parts = split_tables(numbered) or [numbered]
            more: list[NormalisedTable] = []  # a sheet may hold several tables, each under its own title row
            for index, part in enumerate(parts):
                name = sheet.title if index == 0 else f"{sheet.title} ({_first_text(part) or index + 1})"
                part_blocks, part_table = table_output(part, name, budget, section=section, sheet=sheet.title,
                                                       merged=sheet_info.merged, source="xlsx", as_data=not hidden)
                blocks.extend(part_blocks)
                if index == 0:
                    table = part_table
                else:
                    more.append(part_table)
                    warnings.extend(part_table.warnings if not hidden else [])
            if hidden and any(cells for _, cells in numbered):
                warnings.append(f"Blatt „{sheet.title}“ ist ausgeblendet: sein Text ist durchsuchbar, seine Werte wurden nicht als "
                                "Kennzahlen übernommen.")
            elif not any(cells for _, cells in numbered):
                warnings.append(f"Blatt „{sheet.title}“ ist leer.")
            else:
                warnings.extend(table.warnings)
            if sheet_info.formulas:
                warnings.append(f"Blatt „{sheet.title}“: {len(sheet_info.formulas)} Formelzelle(n) ohne gespeicherten Wert "
                                "(als fehlende Werte übernommen; die Datei in Excel öffnen und speichern berechnet sie).")
            if not hidden:
                tables.append(table)
                tables.extend(more)
    finally:
        workbook.close()
    return ParsedDocument(format="xlsx", blocks=blocks, title=None, warnings=warnings, tables=tables)


def _refuse_obviously_too_many_rows(path: Path, limit: int) -> None:
    """Count rows holding a value in the raw sheet XML (C parser, stops early) before openpyxl parses anything.

    openpyxl needs ~0.3 ms per row; an export with a million rows would take minutes only to be refused.
    The count is generous (header and title rows included), so only files certainly over the limit stop here;
    the exact limit is enforced while reading.
    """
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as archive:
            sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/") and name.endswith(".xml")]
            allowed = limit + (1 + _MAX_PREAMBLE_ROWS) * max(1, len(sheets))
            rows = 0
            for name in sheets:
                with archive.open(name) as stream:
                    for _, row in etree.iterparse(stream, events=("end",), tag="{*}row", resolve_entities=False, no_network=True):
                        if row.find(".//{*}v") is not None or row.find(".//{*}is") is not None:
                            rows += 1
                        row.clear(keep_tail=False)
                        while row.getprevious() is not None:
                            del row.getparent()[0]  # keep memory flat: drop rows already counted
                        if rows > allowed:
                            _RowBudget(path, limit).exceeded()
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, EOFError, RuntimeError):
        return  # the real parser reports a damaged file in its own words


def split_tables(numbered: list[tuple[int, list[str]]]) -> list[list[tuple[int, list[str]]]]:
    """A sheet's rows cut into its tables: after an empty row, a row with one text cell (a title such as "Tabelle 6:
    Bedarfsgemeinschaften …") followed by a row of several cells (a header) starts the next table, once the one
    before has a header and data. Footnotes and source lines stay with the table above."""
    parts: list[list[tuple[int, list[str]]]] = [[]]
    filled = [(number, cells) for number, cells in numbered]
    for index, (number, cells) in enumerate(filled):
        current = parts[-1]
        after_gap = bool(current) and not any(current[-1][1])
        next_cells = next((c for _, c in filled[index + 1:] if any(c)), [])
        title = len([c for c in cells if c]) == 1 and not _FOOTNOTE_LINE.match(next(c for c in cells if c))
        if after_gap and title and len([c for c in next_cells if c]) >= 2 and sum(1 for _, c in current if sum(map(bool, c)) >= 2) >= 3:
            parts.append([])
        parts[-1].append((number, cells))
    return [part for part in parts if any(cells for _, cells in part)]


#: Lines under a table that belong to it: sources, notes, legends of marks.
_FOOTNOTE_LINE = re.compile(r"^\s*(?:quelle|hinweis|anmerkung|erläuterung|fußnote|stand|[a-z¹²³*]\s*[=:)]|\d\))", re.I)


def _first_text(part: list[tuple[int, list[str]]]) -> str:
    """The table's title: the first non-empty cell of its first row."""
    return next((c for _, cells in part[:1] for c in cells if c), "")[:80]


def _sheet_rows(sheet, warnings: list[str], formulas: dict[tuple[int, int], str] | None = None) -> Iterator[tuple[int, list[str]]]:
    """(Excel row number, cell texts); a formula without a cached value appears as its formula text ('=SUMME(B2:B9)')."""
    empty_run = 0
    formulas = formulas or {}
    for number, row in enumerate(sheet.iter_rows(), start=1):
        cells = [format_cell(getattr(cell, "value", None), getattr(cell, "number_format", "General")) for cell in row]
        if formulas:
            for (f_row, f_col), formula in formulas.items():
                if f_row == number:
                    cells.extend([""] * (f_col - len(cells)))
                    if not cells[f_col - 1]:
                        cells[f_col - 1] = formula
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            empty_run = 0
        else:
            empty_run += 1
            if empty_run >= _MAX_EMPTY_RUN:
                warnings.append(f"Blatt {sheet.title!r}: nach {_MAX_EMPTY_RUN} leeren Zeilen nicht weiter gelesen.")
                return
        yield number, cells


class _RowBudget:
    """Counts data rows across a file and stops at the limit (bounded memory on huge exports)."""

    def __init__(self, path: Path, limit: int) -> None:
        self.path, self.limit, self.used = path, limit, 0

    def take(self) -> None:
        self.used += 1
        if self.used > self.limit:
            self.exceeded()

    def exceeded(self) -> None:
        limit_de = f"{self.limit:,}".replace(",", ".")
        raise FileTooLargeError(
            self.path.name,
            message_de=f"Die Tabelle hat mehr als {limit_de} Datenzeilen (Grenze max_table_rows) und wird übersprungen.",
            message_en=f"The table has more than {self.limit:,} data rows (limit max_table_rows) and is skipped.",
        )


def table_output(numbered: list[tuple[int, list[str]]], table: str, budget: _RowBudget, *, section: tuple[str, ...] = (),
                 sheet: str = "", merged: list[tuple[int, int, int, int]] | None = None, source: str = "",
                 as_data: bool = True) -> tuple[list[Block], NormalisedTable]:
    """Blocks and the table as data. A statistics table (value columns found) gets its rows from the inferred header
    (grouped labels, title and footnotes apart, compact texts for wide rows); any other table reads as before."""
    positions = {number: index for index, (number, _) in enumerate(numbered)}
    grid_merged = []
    for first_row, first_col, last_row, last_col in merged or []:
        if first_row in positions:
            grid_merged.append((positions[first_row], first_col - 1, positions.get(last_row, positions[first_row]), last_col - 1))
    grid = TableGrid(table, [cells for _, cells in numbered], row_numbers=[number for number, _ in numbered], sheet=sheet,
                     merged=grid_merged, source=source)
    normalised = normalise_table(grid) if as_data else NormalisedTable(table, skipped=True)
    if as_data and normalised.facts and normalised.value_columns:
        return list(_statistics_blocks(normalised, budget, section)), normalised
    return list(table_blocks((cells for _, cells in numbered), table, budget, section)), normalised


def _statistics_blocks(table: NormalisedTable, budget: _RowBudget, section: tuple[str, ...]) -> Iterator[Block]:
    for line in table.title:
        yield Block(line, kind="paragraph", section=section)
    offset = table.header_end_row or 0
    groups = grouped_by_place(table)
    if groups is not None:  # a long table: one passage per place, the fact store holds every row
        for place, rows in groups:
            for _ in rows:
                budget.take()
            number = rows[0].row - offset if rows[0].row is not None else None
            yield Block(group_text(table, place, rows), kind="table_row", section=section, row=number,
                        record=group_record(table, place, rows), table=table.name)
    else:
        for row in table.rows:
            budget.take()
            number = row.row - offset if row.row is not None else None
            yield Block(row_text(table, row), kind="table_row", section=section, row=number, record=dict(row.cells), table=table.name)
    for note in table.footnotes:
        yield Block(note, kind="paragraph", section=section)


def table_blocks(rows: Iterable[list[str]], table: str, budget: _RowBudget, section: tuple[str, ...] = ()) -> Iterator[Block]:
    """Header = first row with ≥ 2 non-empty cells; rows above it are title text; each later row a record."""
    preamble: list[list[str]] = []
    columns: list[str] | None = None
    number = 0

    def record_block(cells: list[str], row_number: int) -> Block | None:
        record = make_record(columns or [], cells)
        if not record:
            return None
        budget.take()
        return Block(render_record(record), kind="table_row", section=section, row=row_number, record=record, table=table)

    for cells in rows:
        if columns is None:
            if sum(1 for cell in cells if cell) >= 2:
                columns = column_names(cells)
                for line in preamble:
                    yield Block(" ".join(cell for cell in line if cell), kind="paragraph", section=section)
                preamble = []
            elif any(cells):
                preamble.append(cells)
                if len(preamble) > _MAX_PREAMBLE_ROWS:
                    columns, replay, preamble = _single_column(preamble)
                    for cells_again in replay:
                        number += 1
                        block = record_block(cells_again, number)
                        if block:
                            yield block
            continue
        number += 1
        block = record_block(cells, number)
        if block:
            yield block
    if columns is None and preamble:
        columns, replay, _ = _single_column(preamble)
        for number, cells_again in enumerate(replay, start=1):
            block = record_block(cells_again, number)
            if block:
                yield block


def _single_column(rows: list[list[str]]) -> tuple[list[str], list[list[str]], list[list[str]]]:
    """A list with one value per row: its first line names the column."""
    first = next(cell for cell in rows[0] if cell)
    return column_names([first]), [[next((cell for cell in row if cell), "")] for row in rows[1:]], []


# --- cell values as a German reader sees them in Excel ----------------------------------------------------


def format_cell(value: object, number_format: str | None = "General") -> str:
    """A cell value as text: German decimal comma, percentages, dd.mm.yyyy dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    fmt = (number_format or "General").split(";")[0]
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d.%m.%Y")
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, int | float):
        return _format_number(float(value), fmt, is_int=isinstance(value, int))
    return collapse_spaces(str(value))


def _format_number(value: float, fmt: str, *, is_int: bool) -> str:
    percent = "%" in fmt
    if percent:
        value *= 100
    decimals_match = re.search(r"\.(0+)", fmt)
    grouping = "#,##" in fmt or "#.##" in fmt
    if decimals_match:
        decimals = len(decimals_match.group(1))
    elif fmt in ("General", "@", "") and not (is_int or value.is_integer()):
        text = f"{value:.10g}"
        if "e" in text:
            return text.replace(".", ",")
        decimals = len(text.split(".")[1]) if "." in text else 0
    else:
        decimals = 0
    text = f"{value:,.{decimals}f}" if grouping else f"{value:.{decimals}f}"
    text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return f"{text} %" if percent else text

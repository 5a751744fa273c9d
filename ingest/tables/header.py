"""Header inference: which rows are title, grouped header, label, unit and description rows, which are data, which footnotes.

Real exports put a title above the table, one to three header rows (a group label over several columns,
then the column labels), sometimes a row of units or descriptions, then data, then footnotes. The data
rows are found first (the rows that look like the bulk of the table); everything above them is header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.tables.grid import CleanGrid
from ingest.tables.periods import parse_period
from ingest.tables.values import is_missing, is_unit_only, looks_numeric, strip_footnote_mark, unit_of_unit_cell

#: At most this many header rows below the title; a table whose data starts later has a single header row.
MAX_HEADER_ROWS = 6
MAX_TITLE_ROWS = 5
_FOOTNOTE_START = re.compile(r"^(\*|¹|²|³|\d\)|[a-z]\)|quelle|anmerkung|hinweis|stand\b|fußnote|fussnote|erläuterung|note|source)",
                             re.IGNORECASE)


@dataclass
class Layout:
    """Where title, header, data and footnotes lie in a clean grid, and each column's label parts."""

    title: list[str] = field(default_factory=list)
    header_rows: list[int] = field(default_factory=list)
    data_rows: list[int] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    #: Mid-table rows with a single text cell ("Stadtbezirk Haspe"): row index → label, a group for the rows below.
    group_rows: dict[int, str] = field(default_factory=dict)
    #: Mid-table rows holding only a date or year ('31.12.2023' above its rows, as GENESIS tables print time): row → period.
    period_rows: dict[int, str] = field(default_factory=dict)
    #: Per column: [group label, …, column label] from the label rows (empty parts dropped, repeats merged).
    label_parts: list[list[str]] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)


@lru_cache(maxsize=65536)
def kind(cell: str) -> str:
    """'e' empty, 'n' number or missing marker, 't' text (cached: header inference asks this of every cell several times)."""
    if not cell:
        return "e"
    if looks_numeric(cell) or is_missing(cell):
        return "n"
    return "t"


def _non_empty(row: list[str]) -> list[str]:
    return [cell for cell in row if cell]


def _is_title(row: list[str]) -> bool:
    cells = _non_empty(row)
    return bool(cells) and bool(row[0]) and len(set(cells)) == 1 and (len(row) >= 2 or len(cells[0]) > 40) and kind(row[0]) == "t"


def is_period_header(row: list[str]) -> bool:
    """A row whose numbers are all plain years or dates ('Raum | 2018 | 2019 | 2020', '| 31.12.2022 | 31.12.2023'):
    a header, not data."""
    numbers = [cell for cell in row if kind(cell) == "n"]
    return len(numbers) >= 2 and all(re.fullmatch(r"(?:19|20)\d\d|\d{1,2}\.\d{1,2}\.(?:19|20)\d\d", strip_footnote_mark(cell))
                                     for cell in numbers)


def is_column_numbers(row: list[str]) -> bool:
    """A row numbering the columns ('| 1 | 2 | 3 |', '(1) | (2)'), as Federal Agency and yearbook tables print under their
    header: part of the header, neither data nor a label."""
    cells = [cell.strip("()") for cell in row if cell]
    if len(cells) < 2 or not all(cell.isdigit() for cell in cells):
        return False
    numbers = [int(cell) for cell in cells]
    return numbers[0] in (0, 1) and all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))


def _is_data(row: list[str]) -> bool:
    if is_column_numbers(row):
        return False
    kinds = [kind(cell) for cell in row]
    numbers = kinds.count("n")
    filled = numbers + kinds.count("t")
    if not numbers or is_period_header(row):
        return False
    if any(looks_numeric(cell) and not is_missing(cell) for cell in row):
        return numbers >= max(1, filled // 3)
    return numbers >= 2 and numbers >= filled // 2  # a row of missing markers only counts when it is mostly markers


def infer_layout(grid: CleanGrid) -> Layout:
    """Title, header and data rows of a clean grid (see the module docstring)."""
    rows = grid.rows
    layout = Layout()
    index = 0
    while index < len(rows) and not _non_empty(rows[index]):
        index += 1
    while index < len(rows) and len(layout.title) < MAX_TITLE_ROWS and _is_title(rows[index]) and index + 1 < len(rows):
        layout.title.append(_non_empty(rows[index])[0])
        index += 1
        while index < len(rows) and not _non_empty(rows[index]):
            index += 1
    start = index
    data_start = None
    body_rows = [row for row in rows[start + 1:] if _non_empty(row)]
    has_numbers = bool(body_rows) and sum(1 for row in body_rows if _is_data(row)) >= 0.5 * len(body_rows)
    if has_numbers:
        for candidate in range(start, min(len(rows), start + MAX_HEADER_ROWS + 1)):
            if _is_data(rows[candidate]) and candidate > start:
                data_start = candidate
                break
    if data_start is None:  # no numeric body near the top: the first non-empty row is the header
        data_start = start + 1
    layout.header_rows = [r for r in range(start, min(data_start, len(rows))) if _non_empty(rows[r])]
    while len(layout.header_rows) >= 2 and _is_group_label(rows[layout.header_rows[-1]], rows[layout.header_rows[0]]):
        data_start = layout.header_rows.pop()  # 'Stadtbezirk Mitte' right above the first data row opens a group
    body = [r for r in range(data_start, len(rows)) if _non_empty(rows[r])]
    body = _split_footnotes(rows, body, layout)
    layout.data_rows = [r for r in body if r not in layout.group_rows and r not in layout.period_rows]
    _label_parts(grid, layout)
    return layout


def _is_group_label(row: list[str], first_header: list[str]) -> bool:
    """A row with one text cell in the first column, under a header that already labels that column: a group of rows."""
    cells = _non_empty(row)
    return len(row) >= 3 and len(cells) == 1 and bool(row[0]) and kind(row[0]) == "t" and bool(first_header[0]) \
        and len(_non_empty(first_header)) >= 2


def _split_footnotes(rows: list[list[str]], body: list[int], layout: Layout) -> list[int]:
    """Trailing one-cell text rows are footnotes; one-cell text rows inside the body are group labels."""
    end = len(body)
    while end > 0:
        cells = _non_empty(rows[body[end - 1]])
        if len(cells) == 1 and kind(cells[0]) == "t" and (len(cells[0]) > 25 or _FOOTNOTE_START.match(cells[0]) or end < len(body)
                                                           or _is_sentence(cells[0])):
            layout.footnotes.insert(0, cells[0])
            end -= 1
            continue
        if len(cells) <= 2 and cells and _FOOTNOTE_START.match(cells[0]) and not any(kind(c) == "n" for c in cells):
            layout.footnotes.insert(0, " ".join(cells))
            end -= 1
            continue
        break
    width = len(rows[0]) if rows else 0
    for r in body[:end]:
        cells = _non_empty(rows[r])
        if width >= 3 and len(set(cells)) == 1 and kind(cells[0]) == "t" and rows[r][0]:
            layout.group_rows[r] = cells[0]
        elif width >= 3 and len(cells) == 1 and cells[0] in rows[r][:2] and (period := parse_period(cells[0])[0]):
            layout.period_rows[r] = period
    return body[:end]


def _is_sentence(text: str) -> bool:
    """A short note closed by a full stop ('Jahresdurchschnitt.') under the table: a footnote, not a row label."""
    return text.endswith(".") and not text.endswith("..") and len(text.split()) <= 6 and text[:1].isupper()


def _label_parts(grid: CleanGrid, layout: Layout) -> None:
    rows = grid.rows
    width = len(rows[0]) if rows else 0
    header = [rows[r] for r in layout.header_rows]
    units = [""] * width
    descriptions = [""] * width
    label_rows: list[tuple[int, list[str]]] = []
    unit_texts = [""] * width
    for r, row in zip(layout.header_rows, header, strict=True):
        # a label merged down from the rows above ("Stadtbezirk" over three header rows) is no cell of this row
        own = [cell if (r, c) not in grid.from_merge else "" for c, cell in enumerate(row)]
        cells = _non_empty(own)
        if is_column_numbers(own):
            continue
        if cells and all(is_unit_only(cell) for cell in cells):
            for c, cell in enumerate(own):
                if cell:
                    units[c] = unit_of_unit_cell(cell)
                    unit_texts[c] = cell
            continue
        label_rows.append((r, row))
    if len(label_rows) >= 2:
        words = [sum(len(cell.split()) for cell in _non_empty(row)) / max(1, len(_non_empty(row))) for _, row in label_rows]
        last = len(label_rows) - 1
        if words[last] >= 4 and words[last] > 1.5 * max(words[:last]):
            descriptions = list(label_rows[last][1])
            label_rows = label_rows[:last]
    numeric_columns = _numeric_columns(grid, layout)
    filled_rows = []
    for position, (r, row) in enumerate(label_rows):
        row = list(row)
        if position < len(label_rows) - 1:  # a group row: its label covers the empty cells to its right
            for c in range(1, width):
                if not row[c] and row[c - 1] and c in numeric_columns and (c - 1) in numeric_columns and (r, c) not in grid.from_merge \
                        and (not units[c] or not units[c - 1] or units[c] == units[c - 1] or _one_figure_two_ways(unit_texts, c)):
                    row[c] = row[c - 1]
        else:  # the last label row over a unit row 'absolut | in %': one label for both ways of the figure
            for c in range(1, width):
                if not row[c] and row[c - 1] and (r, c) not in grid.from_merge and _one_figure_two_ways(unit_texts, c):
                    row[c] = row[c - 1]
        filled_rows.append(row)
    parts: list[list[str]] = []
    for c in range(width):
        column: list[str] = []
        for row in filled_rows:
            cell = strip_footnote_mark(row[c]) if row[c] else ""
            if cell and (not column or column[-1] != cell):
                column.append(cell)
        parts.append(column)
    layout.label_parts = _tell_apart_by_unit(_resolve_linking_groups(parts, numeric_columns), unit_texts)
    layout.units = _units_across_groups(units, parts, numeric_columns)
    layout.descriptions = descriptions


def _units_across_groups(units: list[str], parts: list[list[str]], numeric: set[int]) -> list[str]:
    """A unit written once under the first column of a group ('Anzahl' under 2019 of 'Empfänger insgesamt | 2019 … 2023')
    holds for the group's other figure columns, whose unit cells are empty."""
    filled = list(units)
    for c in range(1, len(filled)):
        if not filled[c] and filled[c - 1] and c in numeric and (c - 1) in numeric \
                and len(parts[c]) >= 2 and parts[c][:-1] == parts[c - 1][:-1]:
            filled[c] = filled[c - 1]
    return filled


def _numeric_columns(grid: CleanGrid, layout: Layout) -> set[int]:
    width = len(grid.rows[0]) if grid.rows else 0
    numeric: set[int] = set()
    for c in range(width):
        kinds = [kind(grid.rows[r][c]) for r in layout.data_rows]
        filled = [k for k in kinds if k != "e"]
        if filled and filled.count("n") >= 0.7 * len(filled):
            numeric.add(c)
    return numeric


def period_cells(cells: list[str]) -> int:
    """How many cells parse as a period (for the period-column test)."""
    return sum(1 for cell in cells if parse_period(cell)[0] is not None)


#: Group labels that only link sub-columns to the column before ("Einwohner insgesamt | davon männlich | weiblich").
LINKING = re.compile(r"^(?:(?:davon|darunter|und zwar|von diesen|von ihnen|hiervon|dabei)\b|dar\.)[:\s]*", re.IGNORECASE)
TOTAL_WORD = re.compile(r"\s*\b(insgesamt|gesamt|zusammen|total)\b\s*", re.IGNORECASE)
_AGE_RANGE = re.compile(r"^(\d{1,2})\s*[–—-]\s*(\d{1,2})$")


def _resolve_linking_groups(parts: list[list[str]], numeric: set[int]) -> list[list[str]]:
    """'davon'/'darunter' groups name what the column to their left counts: 'davon: männlich' under 'Einwohner insgesamt'
    becomes 'Einwohner: männlich'. Under 'im Alter von … bis unter … Jahren' a '0 – 3' reads '0 bis unter 3 Jahre'."""
    resolved: list[list[str]] = []
    for c, column in enumerate(parts):
        column = list(column)
        linking = [i for i, part in enumerate(column[:-1]) if LINKING.match(part)]
        single = len(column) == 1 and LINKING.match(column[0]) and LINKING.sub("", column[0]).strip()
        if linking or single:
            i = linking[0] if linking else 0
            group = column[i]
            rest = LINKING.sub("", group).strip()
            if "bis unter" in group.lower():
                column = [_age_label(part) for part in column]
                rest = ""
            stem = _stem_left(parts, c, group, numeric)
            if len(column) > i + 1:
                column[-1] = LINKING.sub("", column[-1]).strip() or column[-1]
            if single:
                column = [*stem, rest] if stem else [rest]
            else:
                # 'Regelleistungsberechtigte | darunter | unter 15 Jahren': the group above already names the stem
                column = [*column[:i], *[part for part in stem if part not in column[:i]], *([rest] if rest else []), *column[i + 1:]]
        elif len(column) >= 2 and LINKING.match(column[-1]):  # 'Personen: insgesamt | darunter unter 15 Jahren'
            column[-1] = LINKING.sub("", column[-1]).strip() or column[-1]
            stem = [part for part in _stem_left(parts, c, "", numeric) if part not in column]
            if stem and all(parse_period(strip_footnote_mark(part))[0] is not None for part in column[:-1]):
                # '31.12.2023 | Haushalte | darunter mit Kindern': the sub-column of the figure to its left
                column = [*column[:-1], *stem, column[-1]]
        resolved.append([part for part in column if part])
    return resolved


def _stem_left(parts: list[list[str]], c: int, group: str, numeric: set[int]) -> list[str]:
    """The label of the nearest column left of a linking group that is not part of it, its total words and its period
    removed ('Empfänger insgesamt | 2023' under a group over years: 'Empfänger'); none when that column holds no
    figures ('Stadtteil | davon männlich | weiblich' has no total to refer to)."""
    for left in range(c - 1, -1, -1):
        if group in parts[left]:
            continue
        if left not in numeric:
            return []
        if any(LINKING.match(part) for part in parts[left]):
            continue  # 'darunter weiblich' is a part of the total further left, which the next group counts too
        named = [part for part in parts[left] if parse_period(strip_footnote_mark(part))[0] is None]  # its figure, not its year
        if len(named) >= 2 and left > 0 and parts[left - 1][: len(named) - 1] == named[:-1]:
            named = named[:-1]  # 'SGB-II-Leistungsberechtigte' over 'Anzahl | Quote in %': the group, not its last column
        text = " ".join(TOTAL_WORD.sub(" ", ": ".join(named)).split()).strip(" :,-–")
        return [text] if text and not looks_numeric(text) else []
    return []


def _age_label(part: str) -> str:
    match = _AGE_RANGE.match(part.strip())
    if match:
        return f"{match.group(1)} bis unter {match.group(2)} Jahre"
    under = re.fullmatch(r"unter\s+(\d{1,2})", part.strip(), re.IGNORECASE)  # the first band: 'unter 3' = under 3 years
    return f"unter {under.group(1)} Jahre" if under else part


def _one_figure_two_ways(unit_texts: list[str], c: int) -> bool:
    """'absolut' beside 'in %' in the unit row: the change the group label names, counted and in per cent — one group."""
    pair = {unit_texts[c - 1].strip().lower(), unit_texts[c].strip().lower()}
    return bool(pair & {"absolut", "abs."}) and bool(pair & {"in %", "%", "prozent", "in prozent"})


def _tell_apart_by_unit(parts: list[list[str]], unit_texts: list[str]) -> list[list[str]]:
    """Columns with the same label that only their unit row tells apart ('Veränderung gegenüber Vorjahresmonat' over
    'absolut' | 'in %') take the unit text as their last part, so each column is its own indicator."""
    seen: dict[tuple[str, ...], list[int]] = {}
    for c, column in enumerate(parts):
        if column:
            seen.setdefault(tuple(column), []).append(c)
    for columns in seen.values():
        texts = [unit_texts[c] for c in columns]
        if len(columns) >= 2 and all(texts) and len(set(texts)) == len(texts):
            for c in columns:
                parts[c] = [*parts[c], unit_texts[c]]
    return parts

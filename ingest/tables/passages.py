"""What a statistics row contributes to search: a compact text, while the fact store holds its values.

A wide row ("Altstadt; 2023_12_31; 19; 14; 14; 8; …" over 20 age groups) embedded as one long passage is slow
to embed and retrieves badly; its place, period and what it measures retrieve it just as well. Narrow rows keep
their values in the text (they stay quotable), without the columns that are the same in every row.
"""

from __future__ import annotations

from assistant.core.types import DESCRIBED_ROWS_KEY
from ingest.tables.facts import NormalisedTable, RowDraft
from ingest.tables.periods import parse_period

#: Rows with more value cells than this are embedded as a compact description instead of all their values.
MAX_VALUES_IN_TEXT = 12
#: A statistics table longer than this gets one passage per place (all its rows) instead of one per row: embedding
#: is the cost of ingestion (~8 passages/s), and the fact store answers for each row and period anyway.
MAX_PASSAGES_PER_TABLE = 150
_NOT_IN_TEXT = {"constant", "code", "coord"}


def row_text(table: NormalisedTable, row: RowDraft) -> str:
    """The passage text of one data row."""
    hidden = {column.label for column in table.columns if column.role in _NOT_IN_TEXT}
    values = [column for column in table.value_columns if row.cells.get(column.label)]
    if len(values) <= MAX_VALUES_IN_TEXT:
        kept = {label: value for label, value in row.cells.items() if label not in hidden}
        return "; ".join(f"{label}: {value}" for label, value in (kept or row.cells).items())
    names = [row.cells[column.label] for column in table.columns if column.role in ("place", "parent", "label", "attribute")
             and row.cells.get(column.label)]
    periods = [row.cells[column.label] for column in table.columns if column.role == "period" and row.cells.get(column.label)]
    if not periods and len(table_periods := table.periods) == 1:
        periods = table_periods  # the title's date ("am 31.12.2023") holds for every row
    head = ", ".join(names + periods)
    # no "(68 Werte)": a count of cells retrieves nothing and is a fifth of each wide row's embedding tokens
    return f"{head}: {topic(table)}" if head else topic(table)


def topic(table: NormalisedTable) -> str:
    """What the table measures, in a few words: its measure column, title, or the first value columns."""
    measures = [column.constant for column in table.columns if column.role == "constant" and column.parts
                and column.parts[-1].lower() in ("merkmal", "indikator", "kennzahl", "variable")]
    if measures:
        return measures[0]
    groups = []
    for column in table.value_columns:
        if len(column.parts) > 1 and column.parts[0] not in groups:
            groups.append(column.parts[0])
    if groups:
        return ", ".join(groups[:4])
    if table.title:
        return table.title[0]
    labels = [column.label for column in table.value_columns]
    return ", ".join(labels[:4]) + (" …" if len(labels) > 4 else "")


def grouped_by_place(table: NormalisedTable) -> list[tuple[str, list[RowDraft]]] | None:
    """Rows grouped by their place (in order of first appearance) when the table is too long for one passage per row."""
    places = [column for column in table.columns if column.role == "place"]
    if len(table.rows) <= MAX_PASSAGES_PER_TABLE or not places:
        return None
    groups: dict[str, list[RowDraft]] = {}
    for row in table.rows:
        groups.setdefault(row.cells.get(places[0].label, ""), []).append(row)
    return list(groups.items())


def group_record(table: NormalisedTable, place: str, rows: list[RowDraft]) -> dict[str, str]:
    """What one place's passage records: the place, its parent, the periods covered and the measured columns."""
    record: dict[str, str] = {}
    for column in table.columns:
        if column.role in ("place", "parent"):
            value = next((row.cells[column.label] for row in rows if row.cells.get(column.label)), "")
            if value:
                record[column.label] = value
        elif column.role == "period":
            values = [parse_period(row.cells[column.label])[0] or row.cells[column.label] for row in rows if row.cells.get(column.label)]
            if values:
                record[column.label] = values[0] if len(set(values)) == 1 else f"{min(values)} … {max(values)}"
    labels = [column.label for column in table.value_columns]
    record["Werte"] = ", ".join(labels[:8]) + (" …" if len(labels) > 8 else "")
    record[DESCRIBED_ROWS_KEY] = str(len(rows))
    return record


def group_text(table: NormalisedTable, place: str, rows: list[RowDraft]) -> str:
    """'Altstadt: Einwohner insgesamt – insgesamt, maennlich, weiblich (2014-12-31 … 2023-12-31, 11 Zeilen)'."""
    record = group_record(table, place, rows)
    periods = [value for label, value in record.items() if label in {c.label for c in table.columns if c.role == "period"}]
    span = f"{periods[0]}, " if periods else ""
    return f"{place or topic(table)}: {topic(table)} – {record['Werte']} ({span}{len(rows)} Zeilen)"

"""What a statistics row contributes to search: a compact text, while the fact store holds its values.

A wide row ("Altstadt; 2023_12_31; 19; 14; 14; 8; …" over 20 age groups) embedded as one long passage is slow
to embed and retrieves badly; its place, period and what it measures retrieve it just as well. Narrow rows keep
their values in the text (they stay quotable), without the columns that are the same in every row.
"""

from __future__ import annotations

from ingest.tables.facts import NormalisedTable, RowDraft

#: Rows with more value cells than this are embedded as a compact description instead of all their values.
MAX_VALUES_IN_TEXT = 8
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
    head = ", ".join(names + periods)
    return f"{head}: {topic(table)} ({len(values)} Werte)" if head else f"{topic(table)} ({len(values)} Werte)"


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

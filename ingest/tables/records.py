"""Normalised tables → the core's `Fact` and `TableRow`, once the document id and access level are known."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.core.types import Fact, TableRow
from ingest.tables.facts import NormalisedTable
from ingest.tables.places import relevel


def to_core(tables: Iterable[NormalisedTable], doc_id: str, confidentiality: str, *,
            default_period: str = "", known_levels: dict[str, str] | None = None) -> tuple[list[Fact], list[TableRow]]:
    """Facts and rows of a document's tables, stamped with its id and confidentiality.

    A fact whose table names no period takes `default_period` (the document's year), as a reader of the document would;
    `known_levels` (place_key → level, from the alias file) corrects levels a table cannot tell (see `places.relevel`).
    """
    known = known_levels or {}
    facts: list[Fact] = []
    rows: list[TableRow] = []
    for table in tables:
        for draft in table.facts:
            facts.append(Fact(
                doc_id=doc_id, table=draft.table, place=draft.place,
                place_level=relevel(draft.place_level, draft.place_key, known),  # type: ignore[arg-type]
                indicator=draft.indicator, indicator_key=draft.indicator_key, period=draft.period or default_period, value=draft.value,
                raw=draft.raw, unit=draft.unit, row=draft.row, column=draft.column, page=draft.page, sheet=draft.sheet,
                parent_place=draft.parent_place, confidentiality=confidentiality, place_key=draft.place_key,
            ))
        for row in table.rows:
            rows.append(TableRow(doc_id=doc_id, table=row.table, row=row.row, cells=dict(row.cells), page=row.page,
                                 sheet=row.sheet, confidentiality=confidentiality))
    return facts, rows

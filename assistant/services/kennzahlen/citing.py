"""Citations of facts: each value points at its document and table row or page, quoting the row as the table has it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from assistant.core.types import Citation, DocumentMeta, Fact, TableRow

QUOTE_LIMIT = 300


class Citer:
    """Numbers citations in order of use; one number per table row: the same row cited for two of its cells (a
    trend read across a row's year columns) is one citation whose quote puts both cells first."""

    def __init__(self, rows_of: Callable[[str, str], list[TableRow]], documents: Callable[[str], DocumentMeta | None]):
        self.rows_of = rows_of
        self.documents = documents
        self.citations: list[Citation] = []
        self._numbers: dict[tuple, int] = {}
        self._rows: dict[tuple[str, str], list[TableRow]] = {}
        self._facts: dict[int, list[Fact]] = {}

    def cite(self, fact: Fact) -> int:
        # a row without a number (some PDF tables) is known only by its place and column
        key = (fact.doc_id, fact.table, fact.row, fact.page) if fact.row is not None else (
            fact.doc_id, fact.table, None, fact.page, fact.column, fact.place)
        if key in self._numbers:
            number = self._numbers[key]
            cited = self._facts[number]
            if all(f.column != fact.column or f.raw != fact.raw for f in cited):
                cited.append(fact)
                old = self.citations[number - 1]
                self.citations[number - 1] = dataclasses.replace(old, quote=self.quote(*cited))
            return number
        doc = self.documents(fact.doc_id)
        number = len(self.citations) + 1
        self.citations.append(
            Citation(
                number=number,
                doc_id=fact.doc_id,
                title=doc.title if doc else fact.doc_id,
                quote=self.quote(fact),
                page=fact.page,
                row=fact.row,
                section=fact.table or fact.sheet,
                source_path=doc.source_path if doc else "",
                date=doc.date if doc else "",
            )
        )
        self._numbers[key] = number
        self._facts[number] = [fact]
        return number

    def quote(self, fact: Fact, *more: Fact) -> str:
        """The table row the fact stands in ('Spalte: Wert; …'), else the fact itself; the cells of `more` facts
        of the same row come right after the first one's. A row that does not name the fact's place (a table per
        Sozialraum, the place only in its caption) is quoted after the caption, so the quote says whose value it is.

        Only a row that holds the cited value is quoted: two tables of one page may share a name ("Tabelle S. 2")
        and row numbers, and a quote of the other table's row would cite a figure the source does not give there."""
        rows = self._rows.get((fact.doc_id, fact.table))
        if rows is None:
            try:
                rows = list(self.rows_of(fact.doc_id, fact.table))
            except Exception:  # noqa: BLE001 - a quote is a courtesy; the figure stands without it
                rows = []
            self._rows[(fact.doc_id, fact.table)] = rows
        same_row = [r for r in rows if r.row == fact.row and r.cells and (fact.row is not None or r.page == fact.page)]
        holding = [r for r in same_row if _holds(r, fact)]
        # the fact's page first, then a row that names the fact's place (a PDF table's rows may lack numbers)
        holding.sort(key=lambda r: (r.page != fact.page, not _names(r, fact.place)))
        row = holding[0] if holding else None
        if row is not None:
            text = _row_quote(row, [fact, *more])
            if fact.place and not _names(row, fact.place) and fact.table and fact.place not in text:
                text = f"{fact.table} – {text}"
        else:
            text = f"{fact.place}; {fact.indicator} {fact.period}: {fact.raw}"
        return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "…"

    def title(self, doc_id: str) -> str:
        doc = self.documents(doc_id)
        return doc.title if doc else doc_id


def _holds(row: TableRow, fact: Fact) -> bool:
    """True when the row has the fact's cell: its column with the value as written, or (no column known) the value."""
    raw = str(fact.raw).strip()
    if fact.column and fact.column in row.cells:
        return str(row.cells[fact.column]).strip() == raw
    return any(str(v).strip() == raw for v in row.cells.values())


def _names(row: TableRow, place: str) -> bool:
    return bool(place) and any(str(v).strip() == place for v in row.cells.values())


def _row_quote(row: TableRow, facts: list[Fact]) -> str:
    """The row's label cells, then the cited cells, then the rest as far as it fits (a wide row is not cut before its values)."""
    cells = [(k, str(v).strip()) for k, v in row.cells.items() if str(v).strip()]
    labels = [(k, v) for k, v in cells if not any(ch.isdigit() for ch in v)][:3]
    cited = []
    for fact in facts:
        cited += [(k, v) for k, v in cells if k == fact.column] or [(k, v) for k, v in cells if v == fact.raw][:1]
    first = list(dict.fromkeys([*labels, *cited]))
    rest = [c for c in cells if c not in first]
    text = "; ".join(f"{k}: {v}" for k, v in first)
    for k, v in rest:
        piece = f"; {k}: {v}"
        if len(text) + len(piece) > QUOTE_LIMIT - 1:
            return text + "; …"
        text += piece
    return text

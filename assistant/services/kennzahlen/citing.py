"""Citations of facts: each value points at its document and table row or page, quoting the row as the table has it."""

from __future__ import annotations

from collections.abc import Callable

from assistant.core.types import Citation, DocumentMeta, Fact, TableRow

QUOTE_LIMIT = 300


class Citer:
    """Numbers citations in order of use; the same fact cited twice gets one number."""

    def __init__(self, rows_of: Callable[[str, str], list[TableRow]], documents: Callable[[str], DocumentMeta | None]):
        self.rows_of = rows_of
        self.documents = documents
        self.citations: list[Citation] = []
        self._numbers: dict[tuple, int] = {}
        self._rows: dict[tuple[str, str], dict[tuple[int | None, int | None], TableRow]] = {}

    def cite(self, fact: Fact) -> int:
        key = (fact.doc_id, fact.table, fact.row, fact.page, fact.column)
        if key in self._numbers:
            return self._numbers[key]
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
        return number

    def quote(self, fact: Fact) -> str:
        """The table row the fact stands in ('Spalte: Wert; …'), else the fact itself."""
        rows = self._rows.get((fact.doc_id, fact.table))
        if rows is None:
            try:
                listed = self.rows_of(fact.doc_id, fact.table)
            except Exception:  # noqa: BLE001 - a quote is a courtesy; the figure stands without it
                listed = []
            rows = {(r.row, r.page): r for r in listed}
            rows.update({(r.row, None): r for r in listed if r.row is not None})
            self._rows[(fact.doc_id, fact.table)] = rows
        row = rows.get((fact.row, fact.page)) or rows.get((fact.row, None))
        if row is not None and row.cells:
            text = _row_quote(row, fact)
        else:
            text = f"{fact.place}; {fact.indicator} {fact.period}: {fact.raw}"
        return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "…"

    def title(self, doc_id: str) -> str:
        doc = self.documents(doc_id)
        return doc.title if doc else doc_id


def _row_quote(row: TableRow, fact: Fact) -> str:
    """The row's label cells, then the cited cell, then the rest as far as it fits (a wide row is not cut before its value)."""
    cells = [(k, str(v).strip()) for k, v in row.cells.items() if str(v).strip()]
    labels = [(k, v) for k, v in cells if not any(ch.isdigit() for ch in v)][:3]
    cited = [(k, v) for k, v in cells if k == fact.column] or [(k, v) for k, v in cells if v == fact.raw][:1]
    first = list(dict.fromkeys([*labels, *cited]))
    rest = [c for c in cells if c not in first]
    text = "; ".join(f"{k}: {v}" for k, v in first)
    for k, v in rest:
        piece = f"; {k}: {v}"
        if len(text) + len(piece) > QUOTE_LIMIT - 1:
            return text + "; …"
        text += piece
    return text

"""The cited place inside a document, for a viewer in the app: a table row with its headers, a passage, a PDF page.

The original is read again with the ingestion loaders (the same parsing that made the citation), so page, row and
text line up with what was cited. Access goes through DocumentService.file_path: a document above the caller's
level is "not found". Row numbers are given as the spreadsheet shows them: the header's line plus the data row.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core.settings import IngestSettings
from assistant.services.documents import DocumentService

_TABLES = {".csv", ".xlsx"}
_CONTEXT_ROWS = 5
_HEADER_SCAN_ROWS = 60


@dataclass
class TableView:
    """Rows around the cited one; `rows` are (spreadsheet row number, cells in column order)."""

    title: str
    sheet: str
    columns: list[str]
    rows: list[tuple[int, list[str]]]
    cited_row: int | None
    data_row: int | None


@dataclass
class TextView:
    """The document as blocks (heading level 0 = body text); `cited` is the index of the block holding the quote."""

    title: str
    blocks: list[tuple[str, int, str]] = field(default_factory=list)  # (kind, level, text)
    cited: int | None = None
    page: int | None = None
    pages: int | None = None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().lower()


def _holds(text: str, quote: str) -> bool:
    head = _squash(quote)[:80]
    return bool(head) and head in _squash(text)


class ViewerService:
    """What a citation points at, read from the original file within the caller's level."""

    def __init__(self, documents: DocumentService, limits: IngestSettings | None = None):
        self._documents = documents
        self._limits = limits or IngestSettings()

    def view(self, doc_id: str, level: str, *, page: int | None = None, row: int | None = None, quote: str = "",
             section: str = "") -> TableView | TextView:
        from ingest.loaders import load_file

        meta = self._documents.get(doc_id, level)
        path = self._documents.file_path(doc_id, level)
        parsed = load_file(path, self._limits)
        if path.suffix.lower() in _TABLES:
            return self._table(meta.title, path, parsed.blocks, row, quote, section)
        blocks = [b for b in parsed.blocks if page is None or b.page == page] if parsed.format == "pdf" else parsed.blocks
        view = TextView(title=meta.title, page=page if parsed.format == "pdf" else None, pages=parsed.pages)
        for block in blocks:
            view.blocks.append((block.kind, block.level if block.kind == "heading" else 0, block.text))
            if view.cited is None and _holds(block.text, quote):
                view.cited = len(view.blocks) - 1
        return view

    def sheet_row(self, doc_id: str, level: str, row: int, section: str = "") -> int:
        """The spreadsheet's row number for data row `row` (the header line plus the data row)."""
        path = self._documents.file_path(doc_id, level)
        if path.suffix.lower() not in _TABLES:
            return row
        sheet = section.split(" > ")[0] if section else path.stem
        return _header_line(path, sheet) + row

    def _table(self, title: str, path: Path, blocks, row: int | None, quote: str, section: str) -> TableView:
        rows = [b for b in blocks if b.kind == "table_row" and b.record]
        cited = next((b for b in rows if row is not None and b.row == row and (not section or not b.section or b.section[0] == section)),
                     None)
        if cited is None:
            cited = next((b for b in rows if _holds(b.text, quote)), rows[0] if rows else None)
        if cited is None:
            return TableView(title, "", [], [], None, None)
        same_table = [b for b in rows if b.table == cited.table]
        offset = _header_line(path, cited.table)
        around = [b for b in same_table if abs(b.row - cited.row) <= _CONTEXT_ROWS]
        columns = list(cited.record)
        return TableView(title=title, sheet=cited.table if path.suffix.lower() == ".xlsx" else "", columns=columns,
                         rows=[(offset + b.row, [b.record.get(c, "") for c in columns]) for b in around],
                         cited_row=offset + cited.row, data_row=cited.row)


def _header_line(path: Path, sheet: str) -> int:
    """1-based line of the header row (first row with two filled cells), counting empty and title rows above it."""
    from ingest.loaders._common import detect_encoding, header_row_index

    raw: list[list[str]] = []
    if path.suffix.lower() == ".csv":
        from ingest.loaders.tabular import sniff_delimiter

        sample = path.read_bytes()[:65536]
        text = sample.decode(detect_encoding(sample, complete=len(sample) < 65536), errors="replace")
        for i, cells in enumerate(csv.reader(text.splitlines(), delimiter=sniff_delimiter(text))):
            raw.append(cells)
            if i >= _HEADER_SCAN_ROWS:
                break
    else:
        import openpyxl

        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            ws = workbook[sheet] if sheet in workbook.sheetnames else workbook.worksheets[0]
            for cells in ws.iter_rows(min_row=1, max_row=_HEADER_SCAN_ROWS, values_only=True):
                raw.append(["" if c is None else str(c) for c in cells])
        finally:
            workbook.close()
    index = header_row_index(raw)
    return (index or 0) + 1

"""Word (.docx, python-docx): headings as the section path, paragraphs, list items, table rows, foot-/endnotes.

The zip is checked for its unpacked size before python-docx opens it (zip bombs). Offsets are into the
document text as planwissen sees it: block texts joined by blank lines.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from assistant.core.settings import IngestSettings
from ingest.blocks import Block, ParsedDocument
from ingest.loaders._common import (
    MAX_BLOCK_CHARS,
    SectionStack,
    bounded_spans,
    check_zip,
    collapse_spaces,
    column_names,
    header_row_index,
    make_record,
    render_record,
    stand_note,
    table_caption,
    unreadable,
)
from ingest.tables import NormalisedTable, TableGrid, normalise_table

_HEADING_STYLE = re.compile(r"^(heading|überschrift|ueberschrift)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(title|titel)$", re.IGNORECASE)
_CAPTION_STYLE = re.compile(r"^(caption|beschriftung)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"(list|liste|aufzählung|aufzaehlung)", re.IGNORECASE)
_JUNK_TITLE = re.compile(r"^(dokument|document|untitled|unbenannt)\s*\d*$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def load_docx(path: Path, limits: IngestSettings) -> ParsedDocument:
    check_zip(path, limits.max_unzipped_mb, "word/document.xml", "Word-Datei (DOCX)", "Word file (DOCX)")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise unreadable(path, "Die Word-Datei ist beschädigt.", "The Word file is damaged.") from exc
    except Exception as exc:  # lxml syntax errors and friends
        raise unreadable(path, "Die Word-Datei ist beschädigt.", "The Word file is damaged.") from exc

    builder = _Builder()
    builder.walk(document, document.element.body)
    for part_name, label in (("word/footnotes.xml", "Fußnoten"), ("word/endnotes.xml", "Endnoten")):
        builder.notes(_notes(path, part_name), label)

    title = (
        _core_title(document) or builder.title_text or next((b.text for b in builder.blocks if b.kind == "heading" and b.level == 1), None)
    )
    return ParsedDocument(format="docx", blocks=builder.blocks, title=title, tables=builder.data_tables,
                          warnings=[w for table in builder.data_tables for w in table.warnings])


class _Builder:
    """Turns body elements into blocks, tracking the heading path and running text offsets."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.sections = SectionStack()
        self.offset = 0
        self.tables = 0
        self.title_text: str | None = None
        self.last_caption = ""
        self.last_stand = ""
        self.data_tables: list[NormalisedTable] = []

    def add(self, text: str, kind: str, **fields) -> None:
        start = self.offset
        self.blocks.append(
            Block(
                text, kind=kind, section=fields.pop("section", self.sections.path), char_start=start, char_end=start + len(text), **fields
            )
        )  # type: ignore[arg-type]
        self.offset = start + len(text) + 2

    def walk(self, document, container) -> None:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        for element in container.iterchildren():
            tag = element.tag
            if tag == f"{_W}p":
                self.paragraph(Paragraph(element, document._body))
            elif tag == f"{_W}tbl":
                self.table(Table(element, document._body))
            elif tag == f"{_W}sdt":
                content = element.find(f"{_W}sdtContent")
                if content is not None:
                    self.walk(document, content)

    def paragraph(self, paragraph) -> None:
        text = _clean(paragraph.text)
        if not text:
            return
        style = _style_names(paragraph)
        level = _heading_level(paragraph, style)
        if any(_TITLE_STYLE.match(name) for name in style[:1]):
            self.title_text = self.title_text or text
            self.add(text, "heading", level=0)
            return
        if level is not None:
            self.add(text, "heading", section=self.sections.enter(level, text), level=level)
            self.last_caption = self.last_stand = ""
            return
        if any(_CAPTION_STYLE.match(name) for name in style):
            self.last_caption = text
        else:
            self.last_caption = table_caption(text)
        self.last_stand = stand_note(text)
        kind = "list_item" if _is_list_item(paragraph, style) else "paragraph"
        if len(text) <= MAX_BLOCK_CHARS:
            self.add(text, kind)
        else:
            for start, end in bounded_spans(text):
                self.add(text[start:end], kind)

    def table(self, table) -> None:
        self.tables += 1
        rows = [_row_cells(row) for row in table.rows]
        header = header_row_index(rows)
        if header is None or max(len(row) for row in rows) < 2:
            for row in rows:  # a one-column or layout table: its cells are paragraphs
                for cell in row:
                    if cell:
                        self.add(cell, "paragraph")
            return
        above = [cell for row in rows[:header] for cell in row if cell]
        name = self.last_caption or (above[0] if above else "") or f"Tabelle {self.tables}"
        stand, self.last_caption, self.last_stand = self.last_stand, "", ""
        grid = [[collapse_spaces(cell.text) for cell in row.cells] for row in table.rows]  # merged cells repeat their text
        context = (name, *([stand] if stand else []), *reversed(self.sections.path))
        self.data_tables.append(normalise_table(TableGrid(name, grid, context=context, source="docx")))
        columns = column_names(rows[header])
        for number, cells in enumerate(rows[header + 1 :], start=1):
            record = make_record(columns, cells)
            if record:
                self.add(render_record(record), "table_row", row=number, record=record, table=name)

    def notes(self, notes: list[str], label: str) -> None:
        for number, text in enumerate(notes, start=1):
            self.add(f"[{number}] {text}", "paragraph", section=(label,))


def _clean(text: str) -> str:
    lines = [collapse_spaces(line) for line in text.replace("\t", " ").split("\n")]
    return "\n".join(line for line in lines if line)


def _style_names(paragraph) -> list[str]:
    """The paragraph's style and the styles it is based on (a custom style based on 'Heading 2' is a heading)."""
    names: list[str] = []
    try:
        style = paragraph.style
        while style is not None and len(names) < 10:
            names.append(style.name or "")
            style = style.base_style
    except (AttributeError, KeyError, ValueError):
        pass
    return names


def _heading_level(paragraph, style: list[str]) -> int | None:
    for name in style:
        match = _HEADING_STYLE.match(name.strip())
        if match:
            return int(match.group(2))
    ppr = paragraph._p.pPr
    outline = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
    if outline is not None:
        try:
            level = int(outline.get(f"{_W}val", "9")) + 1
        except ValueError:
            return None
        return level if level <= 6 else None
    return None


def _is_list_item(paragraph, style: list[str]) -> bool:
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.find(f"{_W}numPr") is not None:
        return True
    return any(_LIST_STYLE.search(name) for name in style[:1])


def _row_cells(row) -> list[str]:
    """Cell texts of a row; a horizontally merged cell counts once."""
    cells: list[str] = []
    previous = None
    for cell in row.cells:
        if previous is not None and cell._tc is previous:
            continue
        previous = cell._tc
        cells.append(collapse_spaces(cell.text))
    return cells


def _notes(path: Path, part_name: str) -> list[str]:
    """Texts of real foot- or endnotes (separators skipped), in document order."""
    from docx.oxml.parser import parse_xml

    try:
        with zipfile.ZipFile(path) as archive:
            if part_name not in archive.namelist():
                return []
            root = parse_xml(archive.read(part_name))
    except Exception:  # notes are a bonus; a broken notes part must not lose the document
        return []
    notes: list[str] = []
    for note in root.iter(f"{_W}footnote", f"{_W}endnote"):
        if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        paragraphs = ["".join(node.text or "" for node in p.iter(f"{_W}t")) for p in note.iter(f"{_W}p")]
        text = collapse_spaces(" ".join(paragraphs))
        if text:
            notes.append(text)
    return notes


def _core_title(document) -> str | None:
    try:
        title = (document.core_properties.title or "").strip()
    except Exception:  # broken core properties are harmless
        return None
    return title if title and not _JUNK_TITLE.match(title) else None

"""Markdown (.md): YAML front matter, # headings as the section path, paragraphs, list items, pipe tables.

A small line parser instead of a Markdown library: it keeps exact character offsets into the file,
and the documents planwissen sees (notes, glossaries, exported wikis) use only the common syntax.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from assistant.core.settings import IngestSettings
from ingest.blocks import Block, ParsedDocument
from ingest.loaders._common import (
    SectionStack,
    bounded_spans,
    check_not_binary,
    collapse_spaces,
    column_names,
    decode_bytes,
    make_record,
    render_record,
    stand_note,
    table_caption,
)
from ingest.loaders.text import Line, split_lines
from ingest.tables import NormalisedTable, TableGrid, normalise_table

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,3}[.)])\s+(.*)$")
_RULE = re.compile(r"^ {0,3}([-*_])(\s*\1){2,}\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_QUOTE = re.compile(r"^\s*>\s?")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def load_markdown(path: Path, limits: IngestSettings) -> ParsedDocument:
    text, _ = decode_bytes(path.read_bytes())
    check_not_binary(path, text)
    return parse_markdown(text)


def parse_markdown(text: str) -> ParsedDocument:
    """Blocks of a Markdown document; offsets point into `text` (front matter included)."""
    lines = split_lines(text)
    metadata, first_body_line, warning = _front_matter(lines, text)
    parser = _Parser(text)
    parser.run(lines[first_body_line:])
    title = metadata.get("title") if isinstance(metadata.get("title"), str) else None
    if not title:
        title = next((b.text for b in parser.blocks if b.kind == "heading" and b.level == 1), None)
    warnings = ([warning] if warning else []) + [w for table in parser.data_tables for w in table.warnings]
    return ParsedDocument(format="md", blocks=parser.blocks, title=title, metadata=metadata, warnings=warnings, tables=parser.data_tables)


def _front_matter(lines: list[Line], text: str) -> tuple[dict[str, object], int, str | None]:
    """YAML between a leading '---' and the next '---'/'...' line: (metadata, first body line, warning)."""
    if not lines or lines[0].text.strip() != "---":
        return {}, 0, None
    for index in range(1, min(len(lines), 400)):
        if lines[index].text.strip() in ("---", "..."):
            raw = text[lines[1].start : lines[index].start] if index > 1 else ""
            try:
                data = yaml.safe_load(raw) if raw.strip() else {}
            except yaml.YAMLError:
                return {}, index + 1, "YAML-Kopf (Front Matter) ist fehlerhaft und wurde ignoriert."
            if not isinstance(data, dict):
                return {}, index + 1, "YAML-Kopf (Front Matter) ist kein Schlüssel-Wert-Block und wurde ignoriert."
            return {str(key): _plain(value) for key, value in data.items()}, index + 1, None
    return {}, 0, None


def _plain(value: object) -> object:
    """YAML dates become ISO strings, so metadata is JSON-friendly and compares as text."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


class _Parser:
    """Walks the lines once, emitting blocks with the current heading path."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.blocks: list[Block] = []
        self.sections = SectionStack()
        self.paragraph: list[Line] = []
        self.item: list[Line] = []
        self.tables = 0
        self.data_tables: list[NormalisedTable] = []

    def run(self, lines: list[Line]) -> None:
        index = 0
        while index < len(lines):
            line = lines[index]
            stripped = line.text.strip()
            if not stripped:
                self.flush()
                index += 1
                continue
            fence = _FENCE.match(line.text)
            if fence:
                index = self.code_block(lines, index, fence.group(1))
                continue
            heading = _ATX.match(line.text)
            if heading:
                self.flush()
                self.heading(len(heading.group(1)), heading.group(2) or "", line, line)
                index += 1
                continue
            setext = _SETEXT.match(line.text)
            if setext and self.paragraph and not self.item:
                level = 1 if setext.group(1).startswith("=") else 2
                first = self.paragraph[0]
                title = " ".join(part.text.strip() for part in self.paragraph)
                self.paragraph = []
                self.heading(level, title, first, line)
                index += 1
                continue
            if _RULE.match(line.text):
                self.flush()
                index += 1
                continue
            if (
                "|" in line.text
                and index + 1 < len(lines)
                and _TABLE_SEPARATOR.match(lines[index + 1].text)
                and "-" in lines[index + 1].text
            ):
                index = self.table(lines, index)
                continue
            item = _LIST_ITEM.match(line.text)
            if item:
                self.flush()
                self.item = [line]
                index += 1
                continue
            if self.item:
                self.item.append(line)  # lazy continuation of a list item
            else:
                self.paragraph.append(line)
            index += 1
        self.flush()

    def flush(self) -> None:
        if self.paragraph:
            self.emit(self.paragraph, "paragraph")
            self.paragraph = []
        if self.item:
            self.emit(self.item, "list_item")
            self.item = []

    def emit(self, lines: list[Line], kind: str) -> None:
        start, end = lines[0].start, lines[-1].end
        spans = [(start, end)] if end - start <= 2000 else bounded_spans(self.text, start, end)
        for span_start, span_end in spans:
            chunk_lines = [line for line in lines if line.end > span_start and line.start < span_end]
            raw = " ".join(self._line_content(line, kind) for line in chunk_lines) if len(spans) == 1 else self.text[span_start:span_end]
            cleaned = clean_inline(raw)
            if cleaned:
                self.blocks.append(Block(cleaned, kind=kind, section=self.sections.path, char_start=span_start, char_end=span_end))  # type: ignore[arg-type]

    @staticmethod
    def _line_content(line: Line, kind: str) -> str:
        content = _QUOTE.sub("", line.text).strip()
        if kind == "list_item":
            match = _LIST_ITEM.match(content)
            if match and match.group(2) in "-*+":
                content = match.group(3)
        return content

    def heading(self, level: int, raw_title: str, first: Line, last: Line) -> None:
        title = clean_inline(raw_title)
        if not title:
            return
        path = self.sections.enter(level, title)
        self.blocks.append(Block(title, kind="heading", section=path, char_start=first.start, char_end=last.end, level=level))

    def code_block(self, lines: list[Line], index: int, fence: str) -> int:
        """Fenced code is kept verbatim (no headings or lists inside)."""
        self.flush()
        body: list[Line] = []
        index += 1
        while index < len(lines) and not lines[index].text.strip().startswith(fence):
            body.append(lines[index])
            index += 1
        if body and any(line.text.strip() for line in body):
            start, end = body[0].start, body[-1].end
            for span_start, span_end in bounded_spans(self.text, start, end):
                self.blocks.append(
                    Block(
                        self.text[span_start:span_end],
                        kind="paragraph",
                        section=self.sections.path,
                        char_start=span_start,
                        char_end=span_end,
                    )
                )
        return index + 1

    def table(self, lines: list[Line], index: int) -> int:
        """A pipe table: header, separator, rows; each row becomes a table_row block with its record."""
        caption = self._caption()
        stand = stand_note(self._above())
        self.flush()
        self.tables += 1
        name = caption or f"Tabelle {self.tables}"
        header_cells = [clean_inline(cell) for cell in split_row(lines[index].text)]
        columns = column_names(header_cells)
        grid, numbers = [header_cells], [self.text.count("\n", 0, lines[index].start) + 1]
        index += 2
        row_number = 0
        while index < len(lines) and lines[index].text.strip() and "|" in lines[index].text:
            line = lines[index]
            row_number += 1
            cells = [clean_inline(cell) for cell in split_row(line.text)]
            grid.append(cells)
            numbers.append(self.text.count("\n", 0, line.start) + 1)
            record = make_record(columns, cells)
            if record:
                self.blocks.append(
                    Block(
                        render_record(record),
                        kind="table_row",
                        section=self.sections.path,
                        row=row_number,
                        record=record,
                        table=name,
                        char_start=line.start,
                        char_end=line.end,
                    )
                )
            index += 1
        context = (name, *([stand] if stand else []), *reversed(self.sections.path))
        self.data_tables.append(normalise_table(TableGrid(name, grid, row_numbers=numbers, context=context, source="md")))
        return index

    def _caption(self) -> str:
        """A short paragraph right above the table names it ("Tabelle 2: …", "Aufgaben bis Dezember:")."""
        candidate = self._above()
        return table_caption(candidate) if candidate else ""

    def _above(self) -> str:
        """The paragraph right above the table ('' when a heading or nothing is there)."""
        if self.paragraph:
            return clean_inline(" ".join(line.text for line in self.paragraph))
        if self.blocks and self.blocks[-1].kind == "paragraph":
            return self.blocks[-1].text
        return ""


def split_row(line: str) -> list[str]:
    """Cells of a pipe-table row; '\\|' is a literal bar inside a cell."""
    content = line.strip()
    if content.startswith("|"):
        content = content[1:]
    if content.endswith("|") and not content.endswith("\\|"):
        content = content[:-1]
    cells = re.split(r"(?<!\\)\|", content)
    return [cell.replace("\\|", "|").strip() for cell in cells]


_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_CODE = re.compile(r"`+([^`]+)`+")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")


def clean_inline(text: str) -> str:
    """Markdown inline syntax removed, so chunks quote what a reader sees ('Kolleg*innen' stays intact)."""
    text = _COMMENT.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _EM_STAR.sub(r"\1", text)
    text = _EM_UNDERSCORE.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return collapse_spaces(text)

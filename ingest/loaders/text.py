"""Plain text (.txt): paragraphs split on blank lines; heading-like lines open sections.

Protocols and notes written as text files mark their structure with ALL-CAPS lines, "TOP 3:", short
numbered lines ("1. Begrüßung") or lines underlined with ===/---; those become the section path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assistant.core.settings import IngestSettings
from ingest.blocks import Block, ParsedDocument
from ingest.loaders._common import (
    SectionStack,
    bounded_spans,
    check_not_binary,
    column_names,
    decode_bytes,
    make_record,
    render_record,
    table_caption,
)

_BULLET = re.compile(r"^\s*([-•*–·▪◦]|\d{1,2}[.)]|[a-z][.)])\s+")
_SYMBOL_BULLET = re.compile(r"^\s*[-•*–·▪◦]\s+")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S")
_TOP = re.compile(r"^TOP\s*\d+[a-z]?\b", re.IGNORECASE)
_UNDERLINE = re.compile(r"^\s*(=|-)\1{2,}\s*$")
_SEPARATOR = re.compile(r"^[\s=\-_*#~+.]{3,}$")
#: The dash ruler under the header of a fixed-width table: "---  ---------  ------".
_RULER = re.compile(r"^\s*-{2,}(?:\s+-{2,})+\s*$")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """Lines with their offsets in `text` (line breaks excluded, trailing whitespace stripped)."""
    lines: list[Line] = []
    start = 0
    for raw in text.split("\n"):
        content = raw.rstrip()
        lines.append(Line(start, start + len(content), content))
        start += len(raw) + 1
    return lines


def load_text(path: Path, limits: IngestSettings) -> ParsedDocument:
    text, _ = decode_bytes(path.read_bytes())
    check_not_binary(path, text)
    return ParsedDocument(format="txt", blocks=parse_text(text))


def parse_text(text: str) -> list[Block]:
    """Blocks of a plain-text document; offsets point into `text`."""
    lines = split_lines(text)
    width = _wrap_width(lines)
    groups = _paragraph_groups(lines)
    sections = SectionStack()
    blocks: list[Block] = []
    tables = 0
    for index, group in enumerate(groups):
        table = _table_rows(group)
        if table is not None:
            tables += 1
            name = _caption(blocks) or f"Tabelle {tables}"
            blocks.extend(
                Block(
                    render_record(record),
                    kind="table_row",
                    section=sections.path,
                    row=row,
                    record=record,
                    table=name,
                    char_start=line.start,
                    char_end=line.end,
                )
                for row, record, line in table
            )
            continue
        following = groups[index + 1] if index + 1 < len(groups) else None
        rest = group
        heading = _heading_of(group, following)
        if heading is not None:
            level, consumed = heading
            title_lines = group[:consumed] if not _is_underline(group[consumed - 1].text) else group[: consumed - 1]
            title = " ".join(line.text.strip() for line in title_lines)
            path = sections.enter(level, title)
            blocks.append(
                Block(title, kind="heading", section=path, char_start=group[0].start, char_end=group[consumed - 1].end, level=level)
            )
            rest = group[consumed:]
        if rest:
            blocks.extend(_body_blocks(text, rest, sections.path, width))
    return blocks


def _table_rows(group: list[Line]) -> list[tuple[int, dict[str, str], Line]] | None:
    """Rows of a fixed-width table (header, dash ruler, rows) or a tab-separated block; None otherwise."""
    if len(group) >= 3 and _RULER.match(group[1].text):
        spans = [(match.start(), match.end()) for match in re.finditer(r"-{2,}", group[1].text)]
        bounds = [start for start, _ in spans[1:]]
        columns = column_names(_slice(group[0].text, bounds))
        rows = group[2:]
        cells_of = [_slice(line.text, bounds) for line in rows]
    elif len(group) >= 2 and all("\t" in line.text for line in group):
        columns = column_names([cell.strip() for cell in group[0].text.split("\t")])
        rows = group[1:]
        cells_of = [[cell.strip() for cell in line.text.split("\t")] for line in rows]
        if len(columns) < 2:
            return None
    else:
        return None
    table: list[tuple[int, dict[str, str], Line]] = []
    for number, (line, cells) in enumerate(zip(rows, cells_of, strict=True), start=1):
        record = make_record(columns, cells)
        if record:
            table.append((number, record, line))
    return table


def _slice(text: str, bounds: list[int]) -> list[str]:
    """Cells of a fixed-width line cut at the column starts."""
    cells = []
    start = 0
    for bound in bounds:
        cells.append(text[start:bound].strip())
        start = bound
    cells.append(text[start:].strip())
    return cells


def _caption(blocks: list[Block]) -> str:
    """A short paragraph right above a table names it ("Tabelle 2: …", "Aufgaben bis Dezember:")."""
    if not blocks or blocks[-1].kind != "paragraph":
        return ""
    return table_caption(blocks[-1].text)


def _paragraph_groups(lines: list[Line]) -> list[list[Line]]:
    """Runs of non-blank lines; an underlined heading is its own run even without a blank line after it."""
    groups: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if not line.text.strip():
            if current:
                groups.append(current)
                current = []
            continue
        current.append(line)
        if _is_underline(line.text) and len(current) >= 2:
            # "Titel\n=====": the line before the underline is a heading; text before it is its own paragraph.
            if len(current) > 2:
                groups.append(current[:-2])
            groups.append(current[-2:])
            current = []
    if current:
        groups.append(current)
    return groups


def _is_underline(text: str) -> bool:
    return bool(_UNDERLINE.match(text))


def _heading_of(group: list[Line], following: list[Line] | None) -> tuple[int, int] | None:
    """(level, number of lines) when the group starts with a heading, else None."""
    first = group[0].text.strip()
    if len(group) >= 2 and _is_underline(group[1].text) and len(first) <= 100:
        return (1 if group[1].text.strip().startswith("=") else 2), 2
    if not _looks_short(first):
        return None
    if _TOP.match(first):
        return 2, 1
    if _is_all_caps(first):
        return 1, 1
    numbered = _NUMBERED.match(first)
    if numbered and not first.endswith((".", ",", ";", ":", "!", "?")) and len(first) <= 70:
        nxt = group[1].text if len(group) > 1 else (following[0].text if following else "")
        # "1. Begrüßung" followed by prose is a heading; "1. …" followed by "2. …" is a list.
        if nxt and not _NUMBERED.match(nxt.strip()) and not _SYMBOL_BULLET.match(nxt):
            return 1 + numbered.group(1).count(".") + 1, 1
    return None


def _looks_short(line: str) -> bool:
    return 0 < len(line) <= 100 and len(line.split()) <= 12 and not line.endswith((",", ";"))


def _is_all_caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters) and not line.endswith(".")


def _body_blocks(text: str, lines: list[Line], section: tuple[str, ...], width: int) -> list[Block]:
    """List items (one block per bullet with its continuation lines) and paragraphs."""
    blocks: list[Block] = []
    run: list[Line] = []
    run_is_item = False

    def flush() -> None:
        if run:
            blocks.extend(_make_blocks(text, run, section, "list_item" if run_is_item else "paragraph", width))

    for line in lines:
        if _SEPARATOR.match(line.text):
            flush()
            run, run_is_item = [], False
            continue
        if _BULLET.match(line.text):
            flush()
            run, run_is_item = [line], True
        elif run_is_item and line.text[:1].isspace():
            run.append(line)  # indented continuation of the bullet
        else:
            if run_is_item:
                flush()
                run, run_is_item = [], False
            run.append(line)
    flush()
    return blocks


def _make_blocks(text: str, lines: list[Line], section: tuple[str, ...], kind: str, width: int) -> list[Block]:
    """One block for the lines, or several bounded ones when the lines are very long."""
    start, end = lines[0].start, lines[-1].end
    if end - start <= 2000:
        return [Block(_join_lines(lines, width, kind), kind=kind, section=section, char_start=start, char_end=end)]  # type: ignore[arg-type]
    return [
        Block(_join_lines(split_lines(text[s:e]), width, kind), kind=kind, section=section, char_start=s, char_end=e)  # type: ignore[arg-type]
        for s, e in bounded_spans(text, start, end)
    ]


def _wrap_width(lines: list[Line]) -> int:
    """The width a hard-wrapped file was wrapped at (a high percentile of its line lengths; a few
    unwrapped long lines must not raise it)."""
    lengths = sorted(len(line.text) for line in lines if len(line.text) >= 20)
    return lengths[int(len(lengths) * 0.8)] if lengths else 80


def _join_lines(lines: list[Line], width: int, kind: str) -> str:
    """Undo hard wrapping: a line continues on the next when the next word would not have fitted.

    Short lines that end early on purpose (lists of fields, addresses) keep their breaks.
    """
    parts = [line.text.strip() for line in lines if line.text.strip()]
    if kind == "list_item" and parts:
        parts[0] = _SYMBOL_BULLET.sub("", parts[0], count=1)
    text = parts[0] if parts else ""
    for before, after in zip(parts, parts[1:], strict=False):
        next_word = after.split(" ", 1)[0]
        wrapped = len(before) + 1 + len(next_word) > width - 1
        text += (" " if wrapped else "\n") + after
    return text

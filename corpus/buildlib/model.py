"""Format-neutral document model shared by the Markdown parser and generators.

Both the prose sources and the data-driven generators produce a `Document`;
the renderers only know this model, so every output format stays consistent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Footnote references inside inline text are stored as \x1fN\x1f.
FN_MARK = "\x1f"
INLINE = re.compile(r"\*\*(.+?)\*\*|\x1f(\d+)\x1f", re.S)


@dataclass
class Heading:
    """Section heading, level 1-3."""

    level: int
    text: str


@dataclass
class Para:
    """Paragraph of inline text (may contain **bold** and footnote marks)."""

    text: str
    style: str = "normal"  # normal | quote | small


@dataclass
class ListBlock:
    """Bullet or numbered list."""

    items: list[str]
    ordered: bool = False


@dataclass
class Table:
    """Table with one header row; align per column 'L' or 'R'."""

    header: list[str]
    rows: list[list[str]]
    align: list[str] | None = None
    caption: str | None = None
    widths: list[float] | None = None  # relative widths, optional

    def alignments(self) -> list[str]:
        """Explicit alignment or right-align columns that are numeric."""
        if self.align:
            return self.align
        out = []
        for i in range(len(self.header)):
            cells = [r[i] for r in self.rows if i < len(r) and r[i].strip()]
            numeric = bool(cells) and all(NUMERIC.match(c.strip()) for c in cells)
            out.append("R" if numeric and i > 0 else "L")
        return out


NUMERIC = re.compile(r"^[+\-±]?[\d.]+(,\d+)?( ?%| Pp\.?)?$|^[–-]$")


@dataclass
class PageBreak:
    """Forced page break (PDF only; ignored elsewhere)."""


@dataclass
class Document:
    """A corpus document: metadata plus blocks and numbered footnotes."""

    meta: dict
    blocks: list = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    subtitle: str | None = None

    @property
    def id(self) -> str:
        """Document id (also the output file stem)."""
        return self.meta["id"]


def runs(text: str) -> list[tuple[str, bool, int | None]]:
    """Split inline text into (text, bold, footnote_number) runs."""
    out: list[tuple[str, bool, int | None]] = []
    pos = 0
    for m in INLINE.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False, None))
        if m.group(1) is not None:
            out.append((m.group(1), True, None))
        else:
            out.append(("", False, int(m.group(2))))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False, None))
    return out


def plain(text: str, fn_style: str = "[{}]") -> str:
    """Inline text without markup; footnote marks rendered with fn_style."""
    return "".join(fn_style.format(n) if n else t for t, _b, n in runs(text))


def fn(n: int) -> str:
    """Inline footnote mark for generators."""
    return f"{FN_MARK}{n}{FN_MARK}"

"""Render documents as cleaned Markdown or plain text."""

from __future__ import annotations

from pathlib import Path

from .data import fmt_date
from .model import Document, Heading, ListBlock, PageBreak, Para, Table, plain, runs


def _md_inline(text: str) -> str:
    """Inline text for Markdown output (bold kept, footnotes as [^n])."""
    out = []
    for t, bold, n in runs(text):
        if n:
            out.append(f"[^{n}]")
        elif bold:
            out.append(f"**{t}**")
        else:
            out.append(t)
    return "".join(out)


def _byline(doc: Document) -> list[str]:
    """Author / date / confidentiality lines under the title."""
    meta = doc.meta
    parts = []
    if doc.subtitle:
        parts.append(doc.subtitle)
    if meta.get("author"):
        parts.append(meta["author"])
    parts.append(f"Stand: {fmt_date(meta['date'])}")
    if meta["confidentiality"] == "internal":
        parts.append("Nur für den internen Dienstgebrauch")
    return parts


def render_md(doc: Document, path: Path) -> None:
    """Markdown without front matter, placeholders resolved, with a title line."""
    lines = [f"# {doc.meta['title']}", ""]
    lines += [f"*{p}*  " for p in _byline(doc)]
    lines[-1] = lines[-1].rstrip()
    lines.append("")
    for b in doc.blocks:
        if isinstance(b, Heading):
            lines += ["#" * min(b.level + 1, 4) + " " + _md_inline(b.text), ""]
        elif isinstance(b, Para):
            prefix = "> " if b.style == "quote" else ""
            lines += [prefix + _md_inline(b.text), ""]
        elif isinstance(b, ListBlock):
            for i, item in enumerate(b.items, 1):
                lines.append((f"{i}. " if b.ordered else "- ") + _md_inline(item))
            lines.append("")
        elif isinstance(b, Table):
            if b.caption:
                lines += [f"**{b.caption}**", ""]
            al = b.alignments()
            lines.append("| " + " | ".join(_md_inline(c) for c in b.header) + " |")
            lines.append("|" + "|".join("---:" if a == "R" else "---" for a in al) + "|")
            for r in b.rows:
                lines.append("| " + " | ".join(_md_inline(c).replace("|", "\\|") for c in r) + " |")
            lines.append("")
        elif isinstance(b, PageBreak):
            continue
    if doc.footnotes:
        for i, note in enumerate(doc.footnotes, 1):
            lines.append(f"[^{i}]: {plain(note)}")
        lines.append("")
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


def _wrap(text: str, width: int = 88, indent: str = "", first: str = "") -> list[str]:
    """Simple word wrap that keeps words intact."""
    words = text.split()
    lines, cur = [], first
    for w in words:
        if len(cur) + len(w) + 1 > width and cur.strip():
            lines.append(cur.rstrip())
            cur = indent
        cur += w + " "
    if cur.strip():
        lines.append(cur.rstrip())
    return lines or [first.rstrip()]


def table_as_text(t: Table) -> list[str]:
    """Aligned plain-text table."""
    header = [plain(c) for c in t.header]
    rows = [[plain(c) for c in r] for r in t.rows]
    widths = [max(len(x) for x in [header[i]] + [r[i] for r in rows]) for i in range(len(header))]
    al = t.alignments()

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if a == "R" else c.ljust(w)
                         for c, w, a in zip(cells, widths, al, strict=True)).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    return out


def render_txt(doc: Document, path: Path) -> None:
    """Plain text: headings as plain lines, tables aligned."""
    title = doc.meta["title"]
    lines = [title, "=" * min(len(title), 88)]
    lines += _byline(doc)
    lines.append("")
    for b in doc.blocks:
        if isinstance(b, Heading):
            text = plain(b.text)
            lines += ["", text.upper() if b.level == 1 else text]
            if b.level <= 2:
                lines.append(("=" if b.level == 1 else "-") * min(len(text), 88))
            lines.append("")
        elif isinstance(b, Para):
            if b.style == "quote":
                lines += _wrap(plain(b.text), 84, "    ", "    ")
            else:
                lines += _wrap(plain(b.text))
            lines.append("")
        elif isinstance(b, ListBlock):
            for i, item in enumerate(b.items, 1):
                mark = f"{i}. " if b.ordered else "- "
                lines += _wrap(plain(item), 88, " " * len(mark), mark)
            lines.append("")
        elif isinstance(b, Table):
            if b.caption:
                lines.append(b.caption)
            lines += table_as_text(b)
            lines.append("")
    if doc.footnotes:
        lines += ["", "Anmerkungen", "-----------"]
        for i, note in enumerate(doc.footnotes, 1):
            lines += _wrap(plain(note), 88, "    ", f"[{i}] ")
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")

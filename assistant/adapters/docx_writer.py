"""Word export of drafts (python-docx): the only module that imports python-docx.

Footnotes are numbered endnotes: superscript numbers in the text, a "Quellen" list at the end with
document, page or row and date — python-docx has no API for real Word footnotes.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from assistant.services.drafting.render_md import footnote_text
from assistant.services.drafting.types import Draft

_MARKER = re.compile(r"\[(\d+)\]")


def write_docx(draft: Draft, path: Path) -> Path:
    """Write the draft as .docx and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(docx_bytes(draft))
    return path


def docx_bytes(draft: Draft) -> bytes:
    """The draft as .docx bytes (for downloads from the API and UI)."""
    from docx import Document
    from docx.shared import Cm, Pt

    footnotes = draft.footnotes()
    numbers = {ref.key: i for i, ref in enumerate(footnotes, 1)}
    document = Document()
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(1.8)
    style = document.styles["Normal"]
    style.font.size = Pt(10)
    document.add_heading(draft.title, level=1)
    if draft.subtitle:
        document.add_paragraph().add_run(draft.subtitle).italic = True
    for note in draft.notes:
        document.add_paragraph().add_run(f"Hinweis: {note}").italic = True
    if draft.table:
        _table(document, draft, numbers)
    if draft.chart_png:
        document.add_picture(io.BytesIO(draft.chart_png), width=Cm(15))
        if draft.chart_caption:
            document.add_paragraph().add_run(draft.chart_caption).italic = True
    if draft.prose:
        _prose(document, draft.prose)
    else:
        for part in draft.sections:
            document.add_heading(part.title, level=2)
            for line in part.intro.splitlines():
                if line.strip():
                    document.add_paragraph(line.lstrip("- ").strip(), style="List Bullet" if line.startswith("- ") else None)
            for statement in part.statements:
                paragraph = document.add_paragraph(style="List Bullet")
                if statement.label:
                    paragraph.add_run(f"{statement.label}: ").bold = True
                paragraph.add_run(statement.text)
                for n in dict.fromkeys(numbers[r.key] for r in statement.sources):
                    paragraph.add_run(str(n) if n == numbers[statement.sources[0].key] else f",{n}").font.superscript = True
    if footnotes:
        document.add_heading("Quellen", level=2)
        for i, ref in enumerate(footnotes, 1):
            document.add_paragraph(f"{i}. {footnote_text(ref)}").paragraph_format.space_after = Pt(0)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document, draft: Draft, numbers: dict) -> None:
    table_data = draft.table
    assert table_data is not None
    document.add_heading(f"Kennzahlen {table_data.place}", level=2)
    table = document.add_table(rows=1, cols=len(table_data.years) + 2)
    table.style = "Light Grid Accent 1"
    header = table.rows[0].cells
    header[0].text = "Kennzahl"
    for i, year in enumerate(table_data.years, 1):
        header[i].text = str(year)
    header[-1].text = "Quelle"
    for label, cells in table_data.rows:
        row = table.add_row().cells
        row[0].text = label
        for i, year in enumerate(table_data.years, 1):
            row[i].text = cells[year].value if year in cells else "–"
        row[-1].text = ", ".join(str(n) for n in sorted({numbers[f.source.key] for f in cells.values()}))


def _prose(document, prose: str) -> None:
    """Model prose: '## ' lines become headings, [n] markers superscript endnote numbers."""
    for block in prose.split("\n"):
        line = block.strip()
        if not line:
            continue
        if line.startswith("#"):
            document.add_heading(line.lstrip("#").strip(), level=2)
            continue
        paragraph = document.add_paragraph()
        position = 0
        for match in _MARKER.finditer(line):
            paragraph.add_run(line[position:match.start()])
            paragraph.add_run(match.group(1)).font.superscript = True
            position = match.end()
        paragraph.add_run(line[position:])

"""Word export of drafts (python-docx; with docx_footnotes.py the only modules that import it).

Every statement ends in a real Word footnote naming its sources (document, page or row, date), so Word
numbers and moves the notes; headings use the document's own heading styles; a section's chart follows
its text; a "Quellen" list of the cited documents closes the draft.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from assistant.adapters.docx_footnotes import Footnotes
from assistant.services.drafting.render_md import footnote_text, source_list
from assistant.services.drafting.types import Draft, SourceRef, Statement

_MARKER = re.compile(r"\[(\d+)\]")


def write_docx(draft: Draft, path: Path) -> Path:
    """Write the draft as .docx and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(docx_bytes(draft))
    return path


def note_text(refs: list[SourceRef]) -> str:
    """One footnote's text: its sources, separated by semicolons, ending in a full stop."""
    return "; ".join(dict.fromkeys(footnote_text(r) for r in refs)) + "."


def docx_bytes(draft: Draft) -> bytes:
    """The draft as .docx bytes (for downloads from the API and UI)."""
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(1.8)
    document.styles["Normal"].font.size = Pt(10)
    notes = Footnotes(document)
    document.add_heading(draft.title, level=1)
    if draft.subtitle:
        document.add_paragraph().add_run(draft.subtitle).italic = True
    for note in draft.notes:
        document.add_paragraph().add_run(f"Hinweis: {note}").italic = True
    if draft.table:
        _table(document, draft, notes)
    if draft.chart_png:
        _chart(document, draft.chart_png, draft.chart_caption)
    if draft.prose:
        _prose(document, draft, notes)
    else:
        for part in draft.sections:
            document.add_heading(part.title, level=2)
            for line in part.intro.splitlines():
                if line.strip():
                    document.add_paragraph(line.lstrip("- ").strip(), style="List Bullet" if line.startswith("- ") else None)
            if part.layout == "prose" and part.statements:
                paragraph = document.add_paragraph()
                for i, statement in enumerate(part.statements):
                    _statement(paragraph, statement, notes, lead=" " if i else "")
            else:
                for statement in part.statements:
                    _statement(document.add_paragraph(style="List Bullet"), statement, notes)
            if part.chart_png:
                _chart(document, part.chart_png, part.chart_caption)
    sources = source_list(draft)
    if sources:
        document.add_heading("Quellen", level=2)
        for line in sources:
            document.add_paragraph(line, style="List Bullet").paragraph_format.space_after = Pt(0)
    notes.finish()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _statement(paragraph, statement: Statement, notes: Footnotes, lead: str = "") -> None:
    if statement.label:
        paragraph.add_run(f"{lead}{statement.label}: ").bold = True
        lead = ""
    paragraph.add_run(lead + statement.text)
    if statement.sources:
        notes.add(paragraph, note_text(statement.sources))


def _chart(document, png: bytes, caption: str) -> None:
    from docx.shared import Cm

    document.add_picture(io.BytesIO(png), width=Cm(14))
    if caption:
        document.add_paragraph(caption, style="Caption")


def _table(document, draft: Draft, notes: Footnotes) -> None:
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
        refs = list({f.source.key: f.source for f in cells.values()}.values())
        if refs:
            notes.add(row[-1].paragraphs[0], note_text(refs))


def _prose(document, draft: Draft, notes: Footnotes) -> None:
    """Model prose: '## ' lines become headings, each [n] marker a footnote with that source."""
    refs = draft.footnotes()
    for block in draft.prose.split("\n"):
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
            n = int(match.group(1))
            if 1 <= n <= len(refs):
                notes.add(paragraph, note_text([refs[n - 1]]))
            position = match.end()
        paragraph.add_run(line[position:])

"""Render documents to DOCX with python-docx (real headings, tables, lists).

Footnotes become a numbered "Anmerkungen" section; core properties and the
zip container are normalised so repeated builds give identical bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .data import TOPICS, fmt_date
from .model import Document, Heading, ListBlock, PageBreak, Para, Table, runs
from .ziputil import normalize_zip


def _add_runs(par, text: str, italic: bool = False) -> None:
    """Add inline runs; footnote marks become superscript numbers."""
    for t, bold, n in runs(text):
        if n:
            r = par.add_run(str(n))
            r.font.superscript = True
            continue
        r = par.add_run(t)
        r.bold = bold or None
        if italic:
            r.italic = True


def _page_field(par) -> None:
    """Insert a PAGE field (page number) into a paragraph."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):
        run = par.add_run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def _repeat_header(row) -> None:
    """Mark a table row as header row repeated on every page."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _table(docx, t: Table) -> None:
    """Real Word table with bold, repeated header row."""
    if t.caption:
        cap = docx.add_paragraph(style="Caption")
        cap.add_run(t.caption)
    table = docx.add_table(rows=1 + len(t.rows), cols=len(t.header))
    table.style = "Light Grid Accent 1"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    al = t.alignments()
    for ri, row in enumerate([t.header] + t.rows):
        for ci, text in enumerate(row):
            cell = table.rows[ri].cells[ci]
            par = cell.paragraphs[0]
            _add_runs(par, text)
            if ri == 0:
                for r in par.runs:
                    r.bold = True
            if al[ci] == "R":
                par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _repeat_header(table.rows[0])
    docx.add_paragraph()


def render_docx(doc: Document, path: Path) -> None:
    """Write the DOCX file."""
    meta = doc.meta
    docx = DocxDocument()
    normal = docx.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    section = docx.sections[0]
    header_text = meta.get("header") or "Stadt Hagen – Sozialplanung"
    section.header.paragraphs[0].text = header_text
    fpar = section.footer.paragraphs[0]
    fpar.add_run((meta.get("footer") or meta["title"]) + " – Seite ")
    _page_field(fpar)

    docx.add_heading(meta["title"], level=0)
    if doc.subtitle:
        docx.add_paragraph(doc.subtitle, style="Subtitle")
    by = docx.add_paragraph()
    if meta.get("author"):
        by.add_run(meta["author"]).add_break()
    by.add_run(f"Stand: {fmt_date(meta['date'])}")
    if meta["confidentiality"] == "internal":
        by.add_run().add_break()
        warn = by.add_run("Nur für den internen Dienstgebrauch")
        warn.bold = True
        warn.font.color.rgb = RGBColor(0xA0, 0, 0)

    for b in doc.blocks:
        if isinstance(b, Heading):
            h = docx.add_heading(level=b.level)
            _add_runs(h, b.text)
        elif isinstance(b, Para):
            style = "Quote" if b.style == "quote" else None
            _add_runs(docx.add_paragraph(style=style), b.text)
        elif isinstance(b, ListBlock):
            style = "List Number" if b.ordered else "List Bullet"
            for item in b.items:
                _add_runs(docx.add_paragraph(style=style), item)
        elif isinstance(b, Table):
            _table(docx, b)
        elif isinstance(b, PageBreak):
            docx.add_page_break()
    if doc.footnotes:
        docx.add_heading("Anmerkungen", level=1)
        for i, note in enumerate(doc.footnotes, 1):
            p = docx.add_paragraph()
            r = p.add_run(f"{i} ")
            r.font.superscript = True
            _add_runs(p, note)

    created = dt.datetime.strptime(meta["date"], "%Y-%m-%d").replace(hour=9)
    cp = docx.core_properties
    cp.author = meta.get("author") or "Stadt Hagen"
    cp.last_modified_by = cp.author
    cp.title = meta["title"]
    cp.subject = meta.get("kind", "")
    cp.keywords = ", ".join(TOPICS.get(t, t) for t in meta.get("topics", []))
    cp.category = meta.get("kind", "")
    cp.comments = "Fiktives Demo-Dokument (planwissen)"
    cp.created = created
    cp.modified = created
    cp.last_printed = created
    cp.revision = 1
    cp.language = "de-DE"
    docx.save(str(path))
    normalize_zip(path)

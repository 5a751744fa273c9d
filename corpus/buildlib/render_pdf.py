"""Render documents to PDF with fpdf2 (A4, DejaVu Sans, running header/footer).

Output is deterministic: fixed creation date from the document date, no file id
randomness, fonts embedded as subsets of the matplotlib-bundled DejaVu Sans.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from .data import TOPICS, fmt_date
from .model import Document, Heading, ListBlock, PageBreak, Para, Table, runs

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
BODY_SIZE = 10
# keep "17,3 %" and "5 000 €" together when wrapping
NBSP_UNITS = re.compile(r"(?<=\d) (?=%|€|Prozent)")
GREY = (90, 90, 90)
ACCENT = (0, 84, 140)


class PlanPDF(FPDF):
    """FPDF with the corpus' running header and 'Seite N von M' footer."""

    def __init__(self, header_text: str, footer_text: str, italic: bool = True):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.header_text = header_text
        self.footer_text = footer_text
        # Loading a TTF costs ~0.15 s; register the italic face only when it is used.
        fonts = [("", "DejaVuSans.ttf"), ("B", "DejaVuSans-Bold.ttf")]
        if italic:
            fonts.append(("I", "DejaVuSans-Oblique.ttf"))
        for style, name in fonts:
            self.add_font(FONT, style, str(FONT_DIR / name))
        self.set_margins(20, 22, 20)
        self.set_auto_page_break(True, margin=20)
        self.set_font(FONT, size=BODY_SIZE)

    def header(self) -> None:
        """Running header: small grey text and a thin rule."""
        if not self.header_text:
            return
        self.set_xy(self.l_margin, 10)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 4, self.header_text, align="L")
        self.set_draw_color(170, 170, 170)
        self.line(self.l_margin, 15, self.w - self.r_margin, 15)
        self.set_text_color(0, 0, 0)
        self.set_font(FONT, "", BODY_SIZE)
        self.set_y(22)

    def footer(self) -> None:
        """Running footer with page numbering on every page."""
        self.set_y(-14)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.set_draw_color(170, 170, 170)
        self.line(self.l_margin, self.h - 16, self.w - self.r_margin, self.h - 16)
        self.cell(self.epw * 0.7, 4, self.footer_text, align="L")
        self.cell(self.epw * 0.3, 4, f"Seite {self.page_no()} von {{nb}}", align="R")
        self.set_text_color(0, 0, 0)


def _write_runs(par, pdf: FPDF, text: str, base_style: str = "") -> None:
    """Write inline runs into a text-region paragraph."""
    for t, bold, n in runs(text):
        if n:
            pdf.set_font(FONT, base_style, pdf.font_size_pt)
            par.write(str(n).translate(SUP))
            continue
        style = "B" if bold or "B" in base_style else ""
        if "I" in base_style:
            style = "I"  # no bold-italic face is loaded
        pdf.set_font(FONT, style, pdf.font_size_pt)
        par.write(NBSP_UNITS.sub("\u00a0", t))
    pdf.set_font(FONT, base_style, pdf.font_size_pt)


class _Writer:
    """Lays out the blocks; one- or two-column flow for text, full-width tables."""

    def __init__(self, pdf: PlanPDF, two_column: bool):
        self.pdf = pdf
        self.two_column = two_column
        self.pending: list = []

    # -- text blocks --------------------------------------------------------
    def _region(self):
        return self.pdf.text_columns(ncols=2 if self.two_column else 1, gutter=7,
                                     balance=self.two_column, text_align="J",
                                     line_height=1.45)

    def text(self, block) -> None:
        """Queue (two-column) or immediately render (one-column) a text block."""
        if self.two_column:
            self.pending.append(block)
            return
        if isinstance(block, Heading):
            need = 30 if block.level == 1 else 22
            if self.pdf.will_page_break(need):
                self.pdf.add_page()
        with self._region() as cols:
            self._emit(cols, block)
        self.pdf.set_x(self.pdf.l_margin)

    def flush(self) -> None:
        """Render queued two-column text before a table or at the end."""
        if not self.pending:
            return
        with self._region() as cols:
            for block in self.pending:
                self._emit(cols, block)
        self.pending = []
        self.pdf.set_x(self.pdf.l_margin)

    def _emit(self, cols, block) -> None:
        pdf = self.pdf
        if isinstance(block, Heading):
            size = {1: 14, 2: 12, 3: 10.5}[block.level]
            pdf.set_font(FONT, "B", size)
            pdf.set_text_color(*ACCENT) if block.level < 3 else pdf.set_text_color(0, 0, 0)
            top = {1: 6, 2: 4, 3: 3}[block.level]
            with cols.paragraph(text_align="L", top_margin=top, bottom_margin=2,
                                line_height=1.2) as par:
                _write_runs(par, pdf, block.text, "B")
            pdf.set_text_color(0, 0, 0)
        elif isinstance(block, Para):
            if block.style == "quote":
                pdf.set_font(FONT, "I", BODY_SIZE - 0.5)
                with cols.paragraph(indent=8, top_margin=1, bottom_margin=3) as par:
                    _write_runs(par, pdf, block.text, "I")
            else:
                size = BODY_SIZE - 1.5 if block.style == "small" else BODY_SIZE
                pdf.set_font(FONT, "", size)
                with cols.paragraph(bottom_margin=3) as par:
                    _write_runs(par, pdf, block.text)
        elif isinstance(block, ListBlock):
            pdf.set_font(FONT, "", BODY_SIZE)
            for i, item in enumerate(block.items, 1):
                bullet = f"{i}." if block.ordered else "•"
                last = i == len(block.items)
                with cols.paragraph(indent=6, bullet_string=bullet, text_align="L",
                                    bottom_margin=3 if last else 0.8) as par:
                    _write_runs(par, pdf, item)
        pdf.set_font(FONT, "", BODY_SIZE)

    # -- tables -------------------------------------------------------------
    def table(self, t: Table) -> None:
        """Full-width table with repeated header row on page breaks."""
        self.flush()
        pdf = self.pdf
        size = 8.5 if len(t.header) <= 6 else (7.5 if len(t.header) <= 8 else 7)
        pdf.set_font(FONT, "", size)
        widths = _col_widths(pdf, t)
        need = (6 if t.caption else 0) + 6 * min(len(t.rows) + 1, 4)
        if pdf.will_page_break(need):
            pdf.add_page()
        if t.caption:
            pdf.set_font(FONT, "B", 9)
            pdf.multi_cell(0, 4.5, t.caption, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
            pdf.set_font(FONT, "", size)
        al = t.alignments()
        heading = FontFace(emphasis="BOLD", fill_color=(222, 232, 242))
        with pdf.table(width=min(sum(widths), pdf.epw - 0.01), col_widths=widths, align="LEFT",
                       headings_style=heading, line_height=size * 0.55,
                       text_align=tuple("RIGHT" if a == "R" else "LEFT" for a in al),
                       borders_layout="HORIZONTAL_LINES", padding=(1.2, 1.5),
                       markdown=True, first_row_as_headings=True) as table:
            for r in [t.header] + t.rows:
                row = table.row()
                for c in r:
                    row.cell(_md_cell(c))
        pdf.ln(4)
        pdf.set_font(FONT, "", BODY_SIZE)


def _md_cell(text: str) -> str:
    """Cell text in fpdf2 markdown (bold kept, other markers escaped)."""
    out = []
    for t, bold, n in runs(text):
        if n:
            out.append(str(n).translate(SUP))
            continue
        for marker in ("\\", "**", "__", "--", "~~"):
            t = t.replace(marker, "\\" + marker if marker != "\\" else "\\\\")
        out.append(f"**{t}**" if bold and t else t)
    return "".join(out)


def _col_widths(pdf: FPDF, t: Table) -> list[float]:
    """Column widths: never narrower than the longest word, extra space by content."""
    minw, natw = [], []
    for i in range(len(t.header)):
        cells = [t.header[i]] + [r[i] for r in t.rows]
        body_words = [w for r in t.rows for w in r[i].replace("**", "").split()] or [""]
        head_words = t.header[i].replace("**", "").split() or [""]
        body_word = max(pdf.get_string_width(w) for w in body_words) + 3.5
        style, size = pdf.font_style, pdf.font_size_pt
        pdf.set_font(FONT, "B", size)
        head_word = max(pdf.get_string_width(w) for w in head_words) + 3.5
        pdf.set_font(FONT, style, size)
        longest = max(pdf.get_string_width(c.replace("**", "")) for c in cells) + 3.5
        lo = max(min(body_word, 40), min(head_word, 26), 10)
        minw.append(lo)
        natw.append(max(lo, min(longest, 90)))
    total = sum(natw)
    if total <= pdf.epw:
        return [w * pdf.epw / total for w in natw] if total > 0.55 * pdf.epw else natw
    extra = pdf.epw - sum(minw)
    if extra <= 0:
        return [w * pdf.epw / sum(minw) for w in minw]
    flex = sum(n - m for n, m in zip(natw, minw, strict=True))
    return [m + (n - m) * extra / flex for n, m in zip(natw, minw, strict=True)]


def _title_block(pdf: PlanPDF, doc: Document) -> None:
    """Title, byline and a rule on the first page."""
    meta = doc.meta
    pdf.set_font(FONT, "B", 18)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 8, meta["title"], align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    if doc.subtitle:
        pdf.set_font(FONT, "", 12)
        pdf.multi_cell(0, 6, doc.subtitle, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*GREY)
    if meta.get("author"):
        pdf.multi_cell(0, 4.5, meta["author"], new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 4.5, f"Stand: {fmt_date(meta['date'])}", new_x="LMARGIN", new_y="NEXT")
    if meta["confidentiality"] == "internal":
        pdf.set_text_color(160, 0, 0)
        pdf.set_font(FONT, "B", 9)
        pdf.multi_cell(0, 4.5, "Nur für den internen Dienstgebrauch", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    pdf.set_draw_color(*ACCENT)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(5)
    pdf.set_font(FONT, "", BODY_SIZE)


def render_pdf(doc: Document, path: Path) -> int:
    """Write the PDF and return its page count."""
    meta = doc.meta
    header = meta.get("header") or "Stadt Hagen – Sozialplanung"
    footer = meta.get("footer") or meta["title"]
    italic = any(isinstance(b, Para) and b.style == "quote" for b in doc.blocks)
    pdf = PlanPDF(header, footer if len(footer) < 90 else footer[:87] + "…", italic=italic)
    created = dt.datetime.strptime(meta["date"], "%Y-%m-%d").replace(
        hour=9, tzinfo=dt.UTC)
    pdf.set_creation_date(created)
    pdf.set_title(meta["title"])
    pdf.set_author(meta.get("author") or "Stadt Hagen")
    pdf.set_subject(meta.get("kind", ""))
    pdf.set_keywords(", ".join(TOPICS.get(t, t) for t in meta.get("topics", [])))
    pdf.set_creator("planwissen Demo-Korpus")
    pdf.set_producer("planwissen corpus/build.py")
    pdf.set_lang("de-DE")
    pdf.add_page()
    _title_block(pdf, doc)
    w = _Writer(pdf, meta.get("layout") == "two-column")
    for i, b in enumerate(doc.blocks):
        nxt = doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None
        if isinstance(b, Heading) and isinstance(nxt, Table) and not w.two_column:
            if pdf.will_page_break(55):
                pdf.add_page()
        if isinstance(b, Table):
            w.table(b)
        elif isinstance(b, PageBreak):
            w.flush()
            pdf.add_page()
        else:
            w.text(b)
    if doc.footnotes:
        w.text(Heading(2, "Anmerkungen"))
        for i, note in enumerate(doc.footnotes, 1):
            w.text(Para(f"{i}  {note}", style="small"))
    w.flush()
    pdf.output(str(path))
    return pdf.pages_count

"""PDF loader on real PDFs built with fpdf2: pages, headings, running headers/footers, broken and protected files."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from assistant.core.errors import DocumentError, EncryptedDocumentError, NoTextLayerError
from assistant.core.settings import IngestSettings
from ingest.loaders import load_file

LIMITS = IngestSettings()


class _Report(FPDF):
    """A report with a running header and a 'Seite X von N' footer on every page, like the city's PDFs."""

    def header(self):
        self.set_font("helvetica", size=8)
        self.cell(0, 6, "Stadt Hagen - Sozialbericht 2023", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font("helvetica", size=8)
        self.cell(0, 6, f"Seite {self.page_no()} von {{nb}}", align="C")


def _heading(pdf: FPDF, text: str, size: int = 14) -> None:
    pdf.set_font("helvetica", "B", size)
    pdf.cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)


def _lines(pdf: FPDF, *lines: str) -> None:
    """Lines set exactly as given (so a test controls where words break), then a paragraph gap."""
    pdf.set_font("helvetica", size=11)
    for line in lines:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)


FILLER = (
    "Die Sozialplanung beschreibt die Lage in den Quartieren anhand von Kennzahlen und Berichten der Fachkräfte. "
    "Sie stimmt Angebote zwischen Trägern und Verwaltung ab und bereitet Entscheidungen der Gremien vor. "
)


def _report(path: Path) -> Path:
    pdf = _Report()
    pdf.alias_nb_pages()
    pdf.set_title("Sozialbericht 2023")
    pdf.add_page()
    _heading(pdf, "1 Einleitung")
    _lines(
        pdf,
        "Der Bericht richtet den Blick auf Armuts-",
        "bekämpfung in allen Sozialräumen der Stadt und auf die",
        "Kinder- und Jugendhilfe als wichtigen Partner der Planung in Hagen.",
    )
    _heading(pdf, "1.1 Hintergrund", size=12)
    pdf.multi_cell(0, 6, FILLER * 3)
    pdf.add_page()
    _heading(pdf, "2 Armut in den Stadtbezirken")
    _lines(pdf, "In Haspe lebten Ende 2023 insgesamt 31.163 Menschen.")
    pdf.multi_cell(0, 6, FILLER * 2)
    pdf.add_page()
    _heading(pdf, "3 Handlungsempfehlungen")
    _lines(pdf, "Die Steuerungsgruppe empfiehlt drei Schritte.")
    pdf.set_font("helvetica", size=11)
    for item in ("Quartierssprechstunden ausbauen", "Sozialraumteams verstetigen"):
        pdf.cell(0, 6, f"- {item}", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@pytest.fixture
def report(tmp_path: Path) -> Path:
    return _report(tmp_path / "sozialbericht-2023.pdf")


def test_blocks_keep_their_physical_page(report):
    parsed = load_file(report, LIMITS)
    assert parsed.format == "pdf" and parsed.pages == 3
    pages = {block.page for block in parsed.blocks}
    assert pages == {1, 2, 3}
    haspe = next(block for block in parsed.blocks if "Haspe" in block.text)
    assert haspe.page == 2
    assert parsed.title == "Sozialbericht 2023"


def test_running_header_and_page_footer_are_stripped(report):
    parsed = load_file(report, LIMITS)
    texts = "\n".join(block.text for block in parsed.blocks)
    assert "Sozialbericht 2023" not in texts
    assert "Seite" not in texts


def test_headings_become_the_section_path(report):
    parsed = load_file(report, LIMITS)
    headings = [(block.text, block.section) for block in parsed.blocks if block.kind == "heading"]
    assert ("1 Einleitung", ("1 Einleitung",)) in headings
    assert ("1.1 Hintergrund", ("1 Einleitung", "1.1 Hintergrund")) in headings
    assert ("2 Armut in den Stadtbezirken", ("2 Armut in den Stadtbezirken",)) in headings
    body = next(block for block in parsed.blocks if block.text.startswith("Die Sozialplanung beschreibt"))
    assert body.section == ("1 Einleitung", "1.1 Hintergrund")


def test_wrapped_lines_join_and_line_break_hyphens_go(report):
    parsed = load_file(report, LIMITS)
    paragraph = next(block for block in parsed.blocks if block.text.startswith("Der Bericht richtet"))
    assert "Armutsbekämpfung in allen Sozialräumen" in paragraph.text
    assert "Kinder- und Jugendhilfe" in paragraph.text
    assert "\n" not in paragraph.text


def test_list_items_are_marked(report):
    parsed = load_file(report, LIMITS)
    items = [block.text for block in parsed.blocks if block.kind == "list_item"]
    assert items == ["Quartierssprechstunden ausbauen", "Sozialraumteams verstetigen"]


def test_offsets_point_into_the_page_text(report):
    parsed = load_file(report, LIMITS)
    reader = PdfReader(report)
    for block in parsed.blocks:
        page_text = reader.pages[block.page - 1].extract_text()
        excerpt = page_text[block.char_start : block.char_end]
        first_word = block.text.split()[0]
        assert excerpt.lstrip("-• ").startswith(first_word), (block.text, excerpt)  # a list item's span includes its bullet


def test_two_column_page_keeps_each_column_together(tmp_path):
    left = "Linke Spalte: Die Begegnungsstätte in Eilpe öffnet montags bis freitags und bietet einen Mittagstisch an. " * 2
    right = "Rechte Spalte: Der Seniorentreff in Haspe organisiert Ausflüge und eine Sprechstunde der Pflegeberatung. " * 2
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    top = pdf.get_y()
    pdf.set_xy(10, top)
    pdf.multi_cell(90, 5, left.strip())
    pdf.set_xy(110, top)
    pdf.multi_cell(90, 5, right.strip())
    path = tmp_path / "spalten.pdf"
    pdf.output(str(path))
    texts = [block.text for block in load_file(path, LIMITS).blocks]
    assert any(text.startswith("Linke Spalte") and "Mittagstisch an. Linke Spalte" in text for text in texts)
    assert all(not ("Linke" in text and "Rechte" in text) for text in texts)
    assert any(text.startswith("Rechte Spalte") and text.endswith("Pflegeberatung.") for text in texts)


def test_table_rows_stay_on_their_own_lines(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    pdf.multi_cell(0, 5, "Die folgende Tabelle zeigt die Quote der Kinderarmut in drei Sozialräumen der Stadt Hagen im Vergleich.")
    pdf.ln(3)
    with pdf.table(col_widths=(60, 30, 30)) as table:
        for row in (("Sozialraum", "2019", "2024"), ("Haspe-Zentrum", "44,5", "46,9"), ("Emst", "9,8", "9,5")):
            cells = table.row()
            for value in row:
                cells.cell(value)
    path = tmp_path / "tabelle.pdf"
    pdf.output(str(path))
    table_block = next(block for block in load_file(path, LIMITS).blocks if "Haspe-Zentrum" in block.text)
    lines = table_block.text.split("\n")
    assert "Haspe-Zentrum 44,5 46,9" in lines
    assert "Emst 9,8 9,5" in lines


def test_password_protected_pdf_is_refused(report, tmp_path):
    writer = PdfWriter(clone_from=str(report))
    writer.encrypt(user_password="geheim", owner_password="owner", algorithm="AES-256")
    locked = tmp_path / "gesperrt.pdf"
    writer.write(str(locked))
    with pytest.raises(EncryptedDocumentError) as caught:
        load_file(locked, LIMITS)
    assert caught.value.detail == "gesperrt.pdf"


def test_owner_password_only_opens_with_the_empty_password(report, tmp_path):
    writer = PdfWriter(clone_from=str(report))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    protected = tmp_path / "kopierschutz.pdf"
    writer.write(str(protected))
    parsed = load_file(protected, LIMITS)
    assert any("Haspe" in block.text for block in parsed.blocks)


def test_scanned_pdf_without_text_layer(tmp_path):
    from PIL import Image

    scan = tmp_path / "scan.png"
    Image.new("RGB", (200, 280), (235, 235, 235)).save(scan)
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(str(scan), x=10, y=10, w=180)
        pdf.rect(20, 250, 100, 20)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(NoTextLayerError) as caught:
        load_file(path, LIMITS)
    assert caught.value.code == "no_text_layer"
    assert "OCR" in caught.value.describe("de")


def test_truncated_pdf_is_reported_as_damaged(report, tmp_path):
    data = report.read_bytes()
    broken = tmp_path / "abgebrochen.pdf"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(DocumentError) as caught:
        load_file(broken, LIMITS)
    assert type(caught.value) is DocumentError
    assert "beschädigt" in caught.value.describe("de")
    assert caught.value.detail == "abgebrochen.pdf"


def test_text_file_named_pdf_is_a_clear_mismatch(tmp_path):
    fake = tmp_path / "bericht.pdf"
    fake.write_text("Das ist gar kein PDF, sondern Text.", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        load_file(fake, LIMITS)
    assert "Dateiendung .pdf" in caught.value.describe("de")


def test_pages_without_text_are_reported_but_the_rest_is_read(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, FILLER)
    pdf.add_page()
    pdf.rect(20, 20, 100, 100)
    path = tmp_path / "teilweise.pdf"
    pdf.output(str(path))
    parsed = load_file(path, LIMITS)
    assert {block.page for block in parsed.blocks} == {1}
    assert any("Seiten ohne Textebene" in warning and "2" in warning for warning in parsed.warnings)


def test_the_source_note_under_a_table_dates_its_figures_not_the_reports_year():
    from ingest.blocks import Block
    from ingest.loaders.pdf import _source_note

    blocks = [Block("Stadtbezirk Einwohner ab 65\nHaspe 6.926", page=3),
              Block("Quelle: Melderegister; Stand 31.12.2022. Je 100 Einwohner ab 65 Jahren.", page=3),
              Block("Die Tabelle zeigt ein doppeltes Muster.", page=3)]
    assert _source_note(blocks, 3) == "Stand 31.12.2022"  # only the date: "Einwohner" names no unit of the table
    assert _source_note([blocks[0], Block("2.3 Sozialräume", kind="heading", page=3), blocks[1]], 3) == ""
    assert _source_note([blocks[0], Block("Quelle: Melderegister.", page=3)], 3) == ""


def test_a_sentence_broken_by_the_page_end_is_joined_into_the_block_it_began_in(tmp_path):
    pdf = _Report()
    pdf.alias_nb_pages()
    pdf.add_page()
    _heading(pdf, "9 Termine 2025")
    pdf.multi_cell(0, 6, FILLER * 5)
    pdf.set_font("helvetica", size=11)
    pdf.cell(0, 6, "Frühjahrssitzung am 09.04.2025, Herbstsitzung am 25.11.2025, jeweils", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    _lines(pdf, "14:00 Uhr im Rathaus an der Volme.")
    _lines(pdf, "Die nächste Seite beginnt mit einem eigenen Satz.")
    pdf.add_page()
    _lines(pdf, "Ein Absatz, der mit einem Punkt endet.")
    pdf.add_page()
    _lines(pdf, "neuer Absatz in Kleinschreibung.")
    path = tmp_path / "termine.pdf"
    pdf.output(str(path))
    blocks = load_file(path, LIMITS).blocks
    joined = next(b for b in blocks if "jeweils" in b.text)
    assert joined.text.endswith("jeweils 14:00 Uhr im Rathaus an der Volme.") and joined.page == 1
    assert not any(b.text.startswith("14:00 Uhr") for b in blocks)
    assert any(b.text == "neuer Absatz in Kleinschreibung." and b.page == 4 for b in blocks)  # after a full stop: its own

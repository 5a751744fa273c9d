"""DOCX loader on real Word files built with python-docx: headings, lists, table rows as records, notes, zip bombs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from assistant.core.errors import DocumentError, EmptyDocumentError, FileTooLargeError
from assistant.core.settings import IngestSettings
from ingest.loaders import load_file

LIMITS = IngestSettings()


def _protocol(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.title = "Protokoll Stadtteilkonferenz Haspe"
    document.add_heading("Protokoll der Stadtteilkonferenz Haspe", level=0)
    document.add_paragraph("Datum: 13. März 2024, Rathaus Haspe")
    document.add_heading("TOP 1 Begrüßung", level=1)
    document.add_paragraph("Die Moderation begrüßt 34 Teilnehmende aus Einrichtungen und Bürgerschaft.")
    document.add_heading("TOP 2 Angebote im Quartier", level=1)
    document.add_heading("Seniorenarbeit", level=2)
    document.add_paragraph("Der Mittagstisch ist ausgelastet.", style="List Bullet")
    document.add_paragraph("Die Sprechstunde der Pflegeberatung zieht um.", style="List Bullet")
    document.add_paragraph("Tabelle 1: Angebote und Träger")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(
        table.rows, [("Angebot", "Träger", "Ort"), ("Mittagstisch", "AWO", "Haspe-Zentrum"), ("Sprachcafé", "", "Quambusch")], strict=True
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_heading("TOP 3 Verschiedenes", level=1)
    document.add_paragraph("Die nächste Sitzung findet im September statt.")
    document.save(str(path))
    return path


@pytest.fixture
def protocol(tmp_path: Path) -> Path:
    return _protocol(tmp_path / "protokoll.docx")


def test_headings_build_the_section_path(protocol):
    parsed = load_file(protocol, LIMITS)
    assert parsed.format == "docx"
    assert parsed.title == "Protokoll Stadtteilkonferenz Haspe"
    by_text = {block.text: block for block in parsed.blocks}
    assert by_text["TOP 1 Begrüßung"].kind == "heading"
    assert by_text["Die Moderation begrüßt 34 Teilnehmende aus Einrichtungen und Bürgerschaft."].section == ("TOP 1 Begrüßung",)
    assert by_text["Der Mittagstisch ist ausgelastet."].section == ("TOP 2 Angebote im Quartier", "Seniorenarbeit")
    assert by_text["Die nächste Sitzung findet im September statt."].section == ("TOP 3 Verschiedenes",)
    assert by_text["Protokoll der Stadtteilkonferenz Haspe"].section == ()  # the Title style is no section


def test_list_items_are_marked(protocol):
    parsed = load_file(protocol, LIMITS)
    items = [block.text for block in parsed.blocks if block.kind == "list_item"]
    assert items == ["Der Mittagstisch ist ausgelastet.", "Die Sprechstunde der Pflegeberatung zieht um."]


def test_table_rows_become_records(protocol):
    parsed = load_file(protocol, LIMITS)
    rows = [block for block in parsed.blocks if block.kind == "table_row"]
    assert [row.row for row in rows] == [1, 2]
    assert rows[0].record == {"Angebot": "Mittagstisch", "Träger": "AWO", "Ort": "Haspe-Zentrum"}
    assert rows[1].record == {"Angebot": "Sprachcafé", "Ort": "Quambusch"}  # empty cells are dropped
    assert rows[0].text == "Angebot: Mittagstisch; Träger: AWO; Ort: Haspe-Zentrum"
    assert rows[0].table == "Tabelle 1: Angebote und Träger"
    assert rows[0].section == ("TOP 2 Angebote im Quartier", "Seniorenarbeit")


def test_offsets_run_through_the_document(protocol):
    parsed = load_file(protocol, LIMITS)
    ends = [(block.char_start, block.char_end) for block in parsed.blocks]
    assert all(end - start == len(block.text) for block, (start, end) in zip(parsed.blocks, ends, strict=True))
    assert all(later[0] > earlier[1] for earlier, later in zip(ends, ends[1:], strict=False))


def test_custom_style_based_on_a_heading_is_a_heading(tmp_path):
    document = docx.Document()
    style = document.styles.add_style("Kapitel", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Heading 2"]
    document.add_heading("Bericht", level=1)
    document.add_paragraph("Unterkapitel Wohnen", style="Kapitel")
    document.add_paragraph("Mieten steigen in allen Bezirken.")
    path = tmp_path / "stil.docx"
    document.save(str(path))
    body = next(block for block in load_file(path, LIMITS).blocks if block.text.startswith("Mieten"))
    assert body.section == ("Bericht", "Unterkapitel Wohnen")


def test_footnotes_are_read_from_the_package(protocol, tmp_path):
    notes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>Quelle: Melderegister der Stadt Hagen, Stand 31.12.2023.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    with zipfile.ZipFile(protocol, "a") as archive:
        archive.writestr("word/footnotes.xml", notes)
    parsed = load_file(protocol, LIMITS)
    note = parsed.blocks[-1]
    assert note.text == "[1] Quelle: Melderegister der Stadt Hagen, Stand 31.12.2023."
    assert note.section == ("Fußnoten",)


def test_zip_bomb_is_refused_before_parsing(tmp_path, monkeypatch):
    bomb = tmp_path / "bericht.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (3 * 1024 * 1024))
    assert bomb.stat().st_size < 100_000
    monkeypatch.setattr(docx, "Document", lambda *a, **k: pytest.fail("python-docx must not open a zip bomb"))
    with pytest.raises(FileTooLargeError) as caught:
        load_file(bomb, IngestSettings(max_unzipped_mb=2))
    assert "Zip-Bombe" in caught.value.describe("de")


def test_workbook_named_docx_is_a_mismatch(tmp_path):
    import openpyxl

    path = tmp_path / "tabelle.docx"
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Kein Word"
    workbook.save(str(path))
    with pytest.raises(DocumentError) as caught:
        load_file(path, LIMITS)
    assert "Dateiendung .docx" in caught.value.describe("de")


def test_old_doc_format_renamed_to_docx(tmp_path):
    path = tmp_path / "alt.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(DocumentError) as caught:
        load_file(path, LIMITS)
    assert ".doc" in caught.value.describe("de")


def test_document_without_text_is_empty(tmp_path):
    document = docx.Document()
    document.add_paragraph("   ")
    path = tmp_path / "leer.docx"
    document.save(str(path))
    with pytest.raises(EmptyDocumentError):
        load_file(path, LIMITS)

"""Every format hands its tables over as data; bad tables give a German warning or are skipped, the rest is ingested."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from assistant.core.settings import IngestSettings
from ingest.loaders import load_file


def _facts(parsed, **where):
    return [f for t in parsed.tables for f in t.facts if all(getattr(f, k) == v for k, v in where.items())]


def _statistics_workbook(path: Path, header_rows: int = 3) -> Path:
    """A statistics-office sheet: title, grouped header (merged), column labels, unit row, data, totals, footnote."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bevölkerung"
    sheet.append(["Bevölkerung in den Stadtteilen am 31.12.2023"])
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(["Stadtteil", "Einwohner", "Altersgruppen", None, "Haushalte", None])
    sheet.merge_cells("C3:D3")
    sheet.merge_cells("E3:F3")
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("B3:B4")
    sheet.append([None, None, "unter 18", "65 und älter", "insgesamt", "mit Kindern"])
    if header_rows == 3:
        sheet.append([None, "Anzahl", "%", "%", "Anzahl", "Anzahl"])
    sheet.append(["Altstadt", 1220, 12.5, 20.1, 700, "–"])
    sheet.append(["Duesternbrook", 3108, 15.0, "x", 1100, 230])
    sheet.append(["Kiel insgesamt", 250000, 16.0, 21.0, 130000, 20000])
    sheet.append(["1) Ohne Nebenwohnsitze; Quelle: Einwohnermelderegister"])
    book.save(path)
    return path


@pytest.mark.parametrize("header_rows", [2, 3])
def test_xlsx_grouped_headers_merged_cells_totals_footnote(tmp_path, header_rows):
    parsed = load_file(_statistics_workbook(tmp_path / "bev.xlsx", header_rows), IngestSettings())
    (table,) = parsed.tables
    assert table.title == ["Bevölkerung in den Stadtteilen am 31.12.2023"]
    assert [c.label for c in table.value_columns] == ["Einwohner", "Altersgruppen: unter 18", "Altersgruppen: 65 und älter",
                                                      "Haushalte: insgesamt", "Haushalte: mit Kindern"]
    (fact,) = _facts(parsed, place="Duesternbrook", indicator="Haushalte: mit Kindern")
    assert (fact.value, fact.period, fact.sheet, fact.row) == (230.0, "2023-12-31", "Bevölkerung", 7 if header_rows == 3 else 6)
    (secret,) = _facts(parsed, place_key="duesternbrook", indicator="Altersgruppen: 65 und älter")
    assert secret.value is None and secret.raw == "x"
    (city,) = _facts(parsed, place_level="stadt", indicator="Einwohner")
    assert (city.place, city.value) == ("Kiel", 250000.0)
    assert table.footnotes and "Ohne Nebenwohnsitze" in table.footnotes[0]
    rows = [b for b in parsed.blocks if b.kind == "table_row"]
    assert [b.record["Stadtteil"] for b in rows] == ["Altstadt", "Duesternbrook", "Kiel insgesamt"]
    assert rows[0].row == 1 and rows[0].record["Haushalte: mit Kindern"] == "–"
    assert any("Ohne Nebenwohnsitze" in b.text for b in parsed.blocks if b.kind == "paragraph")


def test_bad_sheets_warn_and_the_rest_is_ingested(tmp_path):
    book = openpyxl.Workbook()
    good = book.active
    good.title = "Daten"
    for row in (["Stadtteil", "Einwohner"], ["Altstadt", 10], ["Vorstadt", "zwölf"], ["Brunswik", 30], ["Wik", 40]):
        good.append(row)
    good["B6"] = "=B2+B4"
    good["A6"] = "Summe"
    book.create_sheet("Leer")
    header = book.create_sheet("Kopf")
    header.append(["Stadtteil", "Einwohner"])
    wide = book.create_sheet("Breit")
    wide.append([f"Spalte {i}" for i in range(1000)])
    wide.append(list(range(1000)))
    hidden = book.create_sheet("Versteckt")
    hidden.append(["Stadtteil", "Einwohner"])
    hidden.append(["Geheim", 99])
    hidden.sheet_state = "hidden"
    path = tmp_path / "gemischt.xlsx"
    book.save(path)
    parsed = load_file(path, IngestSettings())
    warnings = " ".join(parsed.warnings)
    assert "ohne lesbare Zahl" in warnings  # mixed types in a column
    assert "Formelzelle" in warnings  # formula without cached value
    assert "„Leer“ ist leer" in warnings
    assert "nur Kopfzeilen" in warnings
    assert "1000 Spalten" in warnings
    assert "„Versteckt“ ist ausgeblendet" in warnings
    assert [f.value for f in _facts(parsed, indicator="Einwohner", place_level="stadtteil")] == [10.0, 30.0, 40.0]
    (total,) = _facts(parsed, place_level="stadt")
    assert total.value is None and total.raw == "=B2+B4"
    assert not _facts(parsed, place="Geheim")  # hidden sheet: no figures ...
    assert any("Geheim" in b.text for b in parsed.blocks)  # ... but its text is not lost
    assert any(b.record and b.record.get("Spalte 999") == "999" for b in parsed.blocks if b.kind == "table_row")


def test_docx_table_becomes_facts_with_caption_indicator(tmp_path):
    document = docx.Document()
    document.add_heading("Soziale Lage", level=1)
    document.add_paragraph("Tabelle 3: SGB-II-Quote nach Stadtbezirken (%)")
    table = document.add_table(rows=4, cols=3)
    for r, cells in enumerate([["Stadtbezirk", "2019", "2024"], ["Haspe", "18,6", "19,6"], ["Hagen-Mitte", "21,9", "23,2"],
                               ["Stadt insgesamt", "17,5", "18,4"]]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    path = tmp_path / "bericht.docx"
    document.save(path)
    parsed = load_file(path, IngestSettings())
    (fact,) = _facts(parsed, place="Haspe", period="2024")
    assert (fact.indicator, fact.value, fact.unit, fact.place_level) == ("SGB-II-Quote", 19.6, "%", "bezirk")
    assert _facts(parsed, place_level="stadt", period="2019")[0].value == 17.5
    assert any(b.kind == "table_row" and b.record.get("Stadtbezirk") == "Haspe" for b in parsed.blocks)


def test_markdown_table_becomes_facts_with_file_lines(tmp_path):
    path = tmp_path / "zahlen.md"
    path.write_text("# Zahlen\n\nTabelle 1: Einwohner nach Sozialraum\n\n| Sozialraum | Jahr | Einwohner |\n|---|---|---|\n"
                    "| Emst | 2024 | 10.512 |\n| Vorhalle | 2024 | 9 871 |\n", encoding="utf-8")
    parsed = load_file(path, IngestSettings())
    (fact,) = _facts(parsed, place="Vorhalle")
    assert (fact.value, fact.period, fact.row, fact.place_level) == (9871.0, "2024", 8, "sozialraum")


def test_pdf_table_continued_over_a_page_break_stays_one_table():
    """Tabelle 9 of a Sozialraumprofil runs from page 5 onto page 6 (header repeated, no caption), with wrapped names."""
    from assistant.core.settings import PROJECT_ROOT

    parsed = load_file(PROJECT_ROOT / "corpus" / "documents" / "sozialraumprofil-haspe-2024.pdf", IngestSettings())
    (table,) = [t for t in parsed.tables if t.name.startswith("Tabelle 9:")]
    assert len(table.rows) == 28  # 4 places × 7 years
    assert {row.page for row in table.rows} == {5, 6}
    west = [f for f in table.facts if f.place == "Haspe-West/Westerbauer" and f.indicator == "Einwohner"]
    assert sorted(f.period for f in west) == [str(year) for year in range(2018, 2025)]
    (fact,) = [f for f in west if f.period == "2024"]
    assert (fact.value, fact.page) == (8735.0, 6)
    caption_rows = [t for t in parsed.tables if t.name.startswith("Tabelle 4:")][0]
    (quote,) = [f for f in caption_rows.facts if f.place == "Haspe-Zentrum" and f.period == "2024"]
    assert (quote.indicator, quote.value, quote.unit, quote.page) == ("SGB-II-Quote", 27.6, "%", 4)


def test_pdf_table_without_caption_takes_the_heading_above(tmp_path):
    """No 'Tabelle N:' line: a clear table (header, aligned figures) is read, the heading right above names it."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, "Die Sozialplanung beschreibt die Lage in den Quartieren anhand von Kennzahlen. " * 3)
    pdf.ln(4)
    pdf.set_font("helvetica", "B", 13)
    pdf.cell(0, 9, "Einwohner nach Stadtteilen 2023", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=10)
    for name, people, young in [("Stadtteil", "Einwohner", "unter 18 (%)"), ("Altstadt", "1.234", "12,5"),
                                ("Vorstadt", "5.678", "14,8"), ("Stadt insgesamt", "24.924", "14,6")]:
        pdf.cell(60, 6, name)
        pdf.cell(40, 6, people, align="R")
        pdf.cell(40, 6, young, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, "Quelle: Melderegister. Die Zahlen beziehen sich auf den Jahresende.")
    path = tmp_path / "bericht.pdf"
    pdf.output(str(path))
    (table,) = load_file(path, IngestSettings()).tables
    assert table.name == "Einwohner nach Stadtteilen 2023"
    (fact,) = [f for f in table.facts if f.place == "Vorstadt" and f.indicator == "Einwohner"]
    assert (fact.value, fact.period, fact.place_level, fact.row, fact.page) == (5678.0, "2023", "stadtteil", 2, 1)
    assert {f.place_level for f in table.facts if f.place.startswith("Stadt")} == {"stadt"}


def test_pdf_tables_one_after_the_other_stay_two_tables_with_their_own_headers():
    """Page 2 of the volunteers' survey: a table by Bereich ends with "Gesamt 412", the next one by Stadtbezirk opens
    with a two-line header right below it; the second must not become rows of the first. Header cells wrapped between
    words keep their space ("regelmäßig wöchentlich"), a place name wrapped inside the word does not ("Hohenlimburg")."""
    from assistant.core.settings import PROJECT_ROOT

    parsed = load_file(PROJECT_ROOT / "corpus" / "documents" / "befragung-ehrenamtliche-2022.pdf", IngestSettings())
    haspe = [f for f in _facts(parsed, place="Haspe") if f.indicator == "auswertbare Fragebögen"]
    assert [(f.value, f.place_level, f.page) for f in haspe] == [(70.0, "bezirk", 2)]
    assert len({t.name for t in parsed.tables}) == len(parsed.tables)  # two caption-less tables on a page: two names
    indicators = {f.indicator for f in parsed.tables[0].facts}
    assert indicators == {"auswertbare Fragebögen", "Anteil"}
    assert any(f.indicator == "regelmäßig wöchentlich" for t in parsed.tables for f in t.facts)
    survey = load_file(PROJECT_ROOT / "corpus" / "documents" / "buergerbefragung-2023-zusammenfassung.pdf", IngestSettings())
    assert any(f.place == "Hohenlimburg" for t in survey.tables for f in t.facts)


def test_a_pdf_row_with_a_change_of_plus_minus_zero_stays_its_own_row():
    """Tabelle 15 of the Sozialbericht 2024 ranks 18 Sozialräume; "±0,0" in the change column is a number, so the
    row with it is no wrapped line that would merge two Sozialräume ("Boele/Kabel Emst", "9,8 6,0")."""
    from assistant.core.settings import PROJECT_ROOT

    parsed = load_file(PROJECT_ROOT / "corpus" / "documents" / "sozialbericht-2024.pdf", IngestSettings())
    (table,) = [t for t in parsed.tables if t.name.startswith("Tabelle 15:")]
    quotes = {f.place: f.value for f in table.facts if f.indicator == "SGB-II-Quote"}
    assert len(quotes) == 18 and quotes["Boele/Kabel"] == 9.8 and quotes["Emst"] == 6.0
    # a header wrapped inside its brackets ("Bericht 2019 (Stand" / "2018)") is a header line, no row of figures
    assert not [f for t in parsed.tables for f in t.facts if " " in f.raw.strip(" %") and f.value is None]
    (header,) = {c.label for t in parsed.tables if t.name.startswith("Tabelle 20:") for c in t.columns if "Stand" in c.label}
    assert header == "Bericht 2019 (Stand 2018)"


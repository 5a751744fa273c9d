"""CSV and XLSX loaders: one record per data row, header detection, encodings, delimiters, row limit, zip bombs."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from assistant.core.errors import DocumentError, FileTooLargeError
from assistant.core.settings import IngestSettings
from ingest.loaders import load_file
from ingest.loaders.tabular import format_cell, sniff_delimiter

LIMITS = IngestSettings()

CSV_CP1252 = (
    "Angebote und Maßnahmen 2024\n"
    "\n"
    "Angebot;Träger;Sozialraum;Quote;Plätze\n"
    "Mittagstisch;AWO;Haspe-Zentrum;12,5;40\n"
    ";;;;\n"
    "Sprachcafé;Caritas;Quambusch;;\n"
    '"Beratung; offen";Diakonie;Eilpe;3,0;8\n'
)


def test_csv_in_cp1252_with_semicolons(tmp_path):
    path = tmp_path / "angebote.csv"
    path.write_bytes(CSV_CP1252.encode("cp1252"))
    parsed = load_file(path, LIMITS)
    assert parsed.format == "csv"
    title, *rows = parsed.blocks
    assert title.kind == "paragraph" and title.text == "Angebote und Maßnahmen 2024"
    assert [row.kind for row in rows] == ["table_row"] * 3
    assert rows[0].record == {"Angebot": "Mittagstisch", "Träger": "AWO", "Sozialraum": "Haspe-Zentrum", "Quote": "12,5", "Plätze": "40"}
    assert rows[0].text == "Angebot: Mittagstisch; Träger: AWO; Sozialraum: Haspe-Zentrum; Quote: 12,5; Plätze: 40"
    assert rows[1].record == {"Angebot": "Sprachcafé", "Träger": "Caritas", "Sozialraum": "Quambusch"}
    assert rows[2].record["Angebot"] == "Beratung; offen"
    assert [row.row for row in rows] == [1, 3, 4]  # the blank line keeps its number: row n is the n-th line under the header
    assert {row.table for row in rows} == {"angebote"}


def test_comma_and_tab_separated_files(tmp_path):
    comma = tmp_path / "komma.csv"
    comma.write_text("Name,Stadtbezirk\nAWO,Haspe\n", encoding="utf-8")
    tab = tmp_path / "tab.csv"
    tab.write_text("Name\tStadtbezirk\nCaritas\tEilpe/Dahl\n", encoding="utf-8")
    assert load_file(comma, LIMITS).blocks[0].record == {"Name": "AWO", "Stadtbezirk": "Haspe"}
    assert load_file(tab, LIMITS).blocks[0].record == {"Name": "Caritas", "Stadtbezirk": "Eilpe/Dahl"}


def test_sniffing_prefers_semicolons_over_decimal_commas():
    assert sniff_delimiter("Sozialraum;Quote\nHaspe;12,3\nEmst;9,5\n") == ";"
    assert sniff_delimiter("a,b,c\n1,2,3\n4,5,6\n") == ","


def test_csv_over_the_row_limit_is_refused(tmp_path):
    path = tmp_path / "gross.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Nr;Wert\n")
        for number in range(1, 251):
            handle.write(f"{number};{number * 2}\n")
    with pytest.raises(FileTooLargeError) as caught:
        load_file(path, IngestSettings(max_table_rows=100))
    assert "mehr als 100 Datenzeilen" in caught.value.describe("de")
    assert len(load_file(path, IngestSettings(max_table_rows=250)).blocks) == 250


def test_single_column_list(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("Träger\nAWO\nCaritas\n", encoding="utf-8")
    rows = load_file(path, LIMITS).blocks
    assert [(row.row, row.record) for row in rows] == [(1, {"Träger": "AWO"}), (2, {"Träger": "Caritas"})]


def _workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "Angebote"
    first.append(["Angebot", "Träger", "Stadtbezirk", "Seit"])
    first.append(["Mittagstisch", "AWO", "Haspe", 2016])
    first.append([None, None, None, None])
    first.append(["Leseclub", "Stadtbibliothek", "Eilpe/Dahl", 2015])
    second = workbook.create_sheet("Kennzahlen")
    second.append(["Stand: 31.12.2023"])
    second.append(["Sozialraum", "SGB-II-Quote", "Einwohner", "Stichtag"])
    second.append(["Emst", 0.095, 10610, dt.datetime(2023, 12, 31)])
    second["B3"].number_format = "0.0%"
    second["C3"].number_format = "#,##0"
    workbook.save(str(path))
    return path


def test_xlsx_every_sheet_with_records(tmp_path):
    parsed = load_file(_workbook(tmp_path / "angebote.xlsx"), LIMITS)
    rows = [block for block in parsed.blocks if block.kind == "table_row"]
    assert [(row.table, row.row) for row in rows] == [("Angebote", 1), ("Angebote", 3), ("Kennzahlen", 1)]
    assert rows[0].record == {"Angebot": "Mittagstisch", "Träger": "AWO", "Stadtbezirk": "Haspe", "Seit": "2016"}
    assert rows[2].record == {"Sozialraum": "Emst", "SGB-II-Quote": "9,5 %", "Einwohner": "10.610", "Stichtag": "31.12.2023"}
    assert rows[2].section == ("Kennzahlen",)
    title = next(block for block in parsed.blocks if block.kind == "paragraph")
    assert title.text == "Stand: 31.12.2023" and title.section == ("Kennzahlen",)


def test_xlsx_row_limit_counts_across_sheets(tmp_path):
    path = _workbook(tmp_path / "angebote.xlsx")
    with pytest.raises(FileTooLargeError):
        load_file(path, IngestSettings(max_table_rows=2))


def test_xlsx_zip_bomb_is_refused(tmp_path, monkeypatch):
    bomb = tmp_path / "daten.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (3 * 1024 * 1024))
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: pytest.fail("openpyxl must not open a zip bomb"))
    with pytest.raises(FileTooLargeError):
        load_file(bomb, IngestSettings(max_unzipped_mb=2))


def test_damaged_xlsx(tmp_path):
    path = tmp_path / "kaputt.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<nicht-xml")
    with pytest.raises(DocumentError):
        load_file(path, LIMITS)


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (None, "General", ""),
        (2016, "General", "2016"),
        (31163, "#,##0", "31.163"),
        (17.25, "General", "17,25"),
        (17.0, "General", "17"),
        (0.178, "0.0%", "17,8 %"),
        (1234.5, "#,##0.00", "1.234,50"),
        (dt.datetime(2024, 3, 13), "General", "13.03.2024"),
        (dt.datetime(2024, 3, 13, 17, 30), "General", "13.03.2024 17:30"),
        (True, "General", "ja"),
        ("  Haspe \n Zentrum ", "General", "Haspe Zentrum"),
    ],
)
def test_format_cell(value, number_format, expected):
    assert format_cell(value, number_format) == expected


def test_two_tables_on_one_sheet_are_two_tables(tmp_path):
    from assistant.core.settings import Settings
    from ingest.loaders.tabular import load_xlsx
    from tests.ingest.tables import statistik_layouts as layouts

    doc = load_xlsx(layouts.zwei_tabellen_vorlaeufig(tmp_path), Settings().ingest)
    assert [len(t.rows) for t in doc.tables] == [9, 3]
    assert doc.tables[1].name == "Daten (Tabelle 6: Bedarfsgemeinschaften nach Ortsteilen 2023)"
    assert {f.period for f in doc.tables[0].facts} == {"2021", "2022", "2023"}  # '2023p' is 2023, provisional
    assert any(f.value == 421 for f in doc.tables[0].facts)  # '421 p'


def test_status_marks_are_no_part_of_numbers_and_years():
    from ingest.tables.periods import parse_period
    from ingest.tables.values import parse_number

    assert parse_number("421 p") == 421 and parse_number("12,3 r") == 12.3
    assert parse_period("2023p") == ("2023", None) and parse_period("2022 r") == ("2022", None)

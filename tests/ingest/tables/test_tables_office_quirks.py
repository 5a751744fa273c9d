"""Header quirks of statistics offices' workbooks, generated here (fictional town): a place label merged down over the
header rows above a unit row, "2023 (vorläufig)" years, a date row under a merged group, "darunter …" sub-rows, and a
"davon im Alter von … bis unter …" group after a "darunter weiblich" column."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from assistant.core.settings import IngestSettings
from ingest.loaders import load_file


def _facts(path: Path):
    doc = load_file(path, IngestSettings())
    return [f for t in doc.tables for f in t.facts], doc


def _one(facts, **where):
    found = [f for f in facts if all(getattr(f, k) == v for k, v in where.items())]
    assert len(found) == 1, (where, [(f.place, f.indicator, f.period, f.value) for f in facts][:12])
    return found[0]


def test_a_long_layout_with_a_merged_place_label_a_unit_row_and_provisional_years(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Leistungsberechtigte nach dem SGB II 2021 bis 2023 (jeweils Dezember)"])
    sheet.append([])
    sheet.append(["Stadtbezirk", "Jahr", "SGB-II-Leistungsberechtigte", None, "darunter Kinder unter 15 Jahren", None])
    sheet.append([None, None, "Anzahl", "Quote in %", "Anzahl", "Quote in %"])
    later = "2023 (vorläufig)"
    for place, rows in [("01 Altstadt", [(2021, 1890, 16.1, 510, 28.4), (2022, 1868, 15.5, 504, 27.5), (later, 1930, 16.0, 520, 28.3)]),
                        ("02 Neuwerk", [(2021, 900, 8.1, 210, 14.0), (2022, 910, 8.2, 215, 14.2), (later, 925, 8.3, 220, 14.6)])]:
        for i, (year, count, quote, kids, kids_quote) in enumerate(rows):
            sheet.append([place if i == 0 else None, year, count, quote, kids, kids_quote])
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("B3:B4")
    sheet.merge_cells("C3:D3")
    sheet.merge_cells("E3:F3")
    path = tmp_path / "sgb2.xlsx"
    book.save(path)
    facts, _ = _facts(path)
    quote = _one(facts, place="Altstadt", period="2023", unit="%", indicator="SGB-II-Leistungsberechtigte: Quote")
    assert quote.value == 16.0  # the provisional year is 2023, not the title's 2021
    kids = [f for f in facts if f.place == "Neuwerk" and f.period == "2023" and "Kinder unter 15" in f.indicator]
    assert {(f.unit, f.value) for f in kids} == {("Anzahl", 220.0), ("%", 14.6)}
    assert all("Quote" not in f.indicator.split(":")[0] for f in kids)  # the group is the Leistungsberechtigte, not their Quote


def test_a_date_row_under_a_merged_group_and_darunter_sub_rows(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Tabelle 3.4: Haushalte mit minderjährigen Kindern nach Stadtbezirken"])
    sheet.append([])
    sheet.append(["Stadtbezirk / Haushaltstyp", "Haushalte mit Kindern unter 18 Jahren", None, "Veränderung in %"])
    sheet.append([None, "31.12.2022", "31.12.2023", None])
    sheet.append(["01 Altstadt", "1.312", "1.298", "-1,1"])
    sheet.append(["darunter Alleinerziehende", "402", "409", "1,7"])
    sheet.append(["02 Neuwerk", "2.745", "2.790", "1,6"])
    sheet.append(["darunter Alleinerziehende", "731", "752", "2,9"])
    sheet.merge_cells("A3:A4")
    sheet.merge_cells("B3:C3")
    sheet.merge_cells("D3:D4")
    path = tmp_path / "haushalte.xlsx"
    book.save(path)
    facts, doc = _facts(path)
    assert not doc.warnings
    assert _one(facts, place="Neuwerk", period="2023-12-31", indicator="Haushalte mit Kindern unter 18 Jahren").value == 2790.0
    single = _one(facts, place="Neuwerk", period="2023-12-31", indicator="Haushalte mit Kindern unter 18 Jahren: Alleinerziehende")
    assert single.value == 752.0 and single.row == 8
    assert not [f for f in facts if "darunter" in f.place.lower()]


def test_an_age_group_after_a_darunter_column_belongs_to_the_total(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Bevölkerung nach Stadtbezirken und Altersgruppen am 31.12.2023"])
    sheet.append([])
    sheet.append(["Stadtbezirk", "Bevölkerung insgesamt", None, "davon im Alter von … bis unter … Jahren", None, None])
    sheet.append([None, "insgesamt", "darunter weiblich", "unter 3", "3 – 6", "80 und älter"])
    sheet.append([None, "Anzahl", "Anzahl", "Anzahl", "Anzahl", "Anzahl"])
    sheet.append(["01 Altstadt", 14820, 7366, 400, 356, 934])
    sheet.append(["02 Neuwerk", 22410, 11452, 762, 740, 1389])
    sheet.merge_cells("A3:A5")
    sheet.merge_cells("B3:C3")
    sheet.merge_cells("D3:F3")
    path = tmp_path / "bevoelkerung.xlsx"
    book.save(path)
    facts, _ = _facts(path)
    labels = {f.indicator for f in facts if f.place == "Neuwerk"}
    assert any(label.endswith("unter 3 Jahre") and "weiblich" not in label for label in labels), labels
    assert any(label.endswith("weiblich") for label in labels)
    assert all(f.unit == "Anzahl" for f in facts)


def test_the_totals_row_takes_the_city_the_title_names(tmp_path):
    from ingest.tables.facts import city_in_title

    assert city_in_title("Bevölkerung in der Stadt Wendelbach am 31.12.2023") == "Wendelbach"
    assert city_in_title("Sachstandsbericht Soziale Stadt Wehringhausen 2023") == ""  # a programme area
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Bevölkerung in der Stadt Wendelbach nach Stadtbezirken am 31.12.2023"])
    sheet.append([])
    sheet.append(["Stadtbezirk", "Einwohner"])
    sheet.append(["Stadt insgesamt", 139910])
    sheet.append(["01 Altstadt", 14820])
    sheet.append(["02 Neuwerk", 22410])
    path = tmp_path / "wendelbach.xlsx"
    book.save(path)
    facts, _ = _facts(path)
    city = _one(facts, place_level="stadt")
    assert (city.place, city.value) == ("Wendelbach", 139910.0)

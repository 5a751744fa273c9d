"""Header quirks of statistics offices' workbooks, generated here (fictional town): a place label merged down over the
header rows above a unit row, "2023 (vorläufig)" years, a date row under a merged group, "darunter …" sub-rows, a
"davon im Alter von … bis unter …" group after a "darunter weiblich" column, and the city a title names."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from assistant.core.settings import IngestSettings
from ingest.loaders import load_file
from ingest.tables.facts import city_in_title


def _workbook(folder: Path, rows: list[list], merged: tuple[str, ...] = ()):
    """The facts and the parsed document of a one-sheet workbook with these rows and merged ranges."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    path = folder / "tabelle.xlsx"
    book.save(path)
    doc = load_file(path, IngestSettings())
    return [f for t in doc.tables for f in t.facts], doc


def _one(facts, **where):
    found = [f for f in facts if all(getattr(f, k) == v for k, v in where.items())]
    assert len(found) == 1, (where, [(f.place, f.indicator, f.period, f.value) for f in facts][:12])
    return found[0]


def test_a_long_layout_with_a_merged_place_label_a_unit_row_and_provisional_years(tmp_path):
    later = "2023 (vorläufig)"
    body = []
    for place, rows in [("01 Altstadt", [(2021, 1890, 16.1, 510, 28.4), (2022, 1868, 15.5, 504, 27.5), (later, 1930, 16.0, 520, 28.3)]),
                        ("02 Neuwerk", [(2021, 900, 8.1, 210, 14.0), (2022, 910, 8.2, 215, 14.2), (later, 925, 8.3, 220, 14.6)])]:
        body += [[place if i == 0 else None, *row] for i, row in enumerate(rows)]  # the place named once, above its years
    facts, _ = _workbook(tmp_path, [
        ["Leistungsberechtigte nach dem SGB II 2021 bis 2023 (jeweils Dezember)"], [],
        ["Stadtbezirk", "Jahr", "SGB-II-Leistungsberechtigte", None, "darunter Kinder unter 15 Jahren", None],
        [None, None, "Anzahl", "Quote in %", "Anzahl", "Quote in %"], *body], ("A3:A4", "B3:B4", "C3:D3", "E3:F3"))
    quote = _one(facts, place="Altstadt", period="2023", unit="%", indicator="SGB-II-Leistungsberechtigte: Quote")
    assert quote.value == 16.0  # the provisional year is 2023, not the title's 2021
    kids = [f for f in facts if f.place == "Neuwerk" and f.period == "2023" and "Kinder unter 15" in f.indicator]
    assert {(f.unit, f.value) for f in kids} == {("Anzahl", 220.0), ("%", 14.6)}
    assert all("Quote" not in f.indicator.split(":")[0] for f in kids)  # the group is the Leistungsberechtigte, not their Quote


def test_a_date_row_under_a_merged_group_and_darunter_sub_rows(tmp_path):
    facts, doc = _workbook(tmp_path, [
        ["Tabelle 3.4: Haushalte mit minderjährigen Kindern nach Stadtbezirken"], [],
        ["Stadtbezirk / Haushaltstyp", "Haushalte mit Kindern unter 18 Jahren", None, "Veränderung in %"],
        [None, "31.12.2022", "31.12.2023", None],
        ["01 Altstadt", "1.312", "1.298", "-1,1"], ["darunter Alleinerziehende", "402", "409", "1,7"],
        ["02 Neuwerk", "2.745", "2.790", "1,6"], ["darunter Alleinerziehende", "731", "752", "2,9"]],
        ("A3:A4", "B3:C3", "D3:D4"))
    assert not doc.warnings
    assert _one(facts, place="Neuwerk", period="2023-12-31", indicator="Haushalte mit Kindern unter 18 Jahren").value == 2790.0
    single = _one(facts, place="Neuwerk", period="2023-12-31", indicator="Haushalte mit Kindern unter 18 Jahren: Alleinerziehende")
    assert single.value == 752.0 and single.row == 8
    assert not [f for f in facts if "darunter" in f.place.lower()]


def test_an_age_group_after_a_darunter_column_belongs_to_the_total(tmp_path):
    facts, _ = _workbook(tmp_path, [
        ["Bevölkerung nach Stadtbezirken und Altersgruppen am 31.12.2023"], [],
        ["Stadtbezirk", "Bevölkerung insgesamt", None, "davon im Alter von … bis unter … Jahren", None, None],
        [None, "insgesamt", "darunter weiblich", "unter 3", "3 – 6", "80 und älter"],
        [None, "Anzahl", "Anzahl", "Anzahl", "Anzahl", "Anzahl"],
        ["01 Altstadt", 14820, 7366, 400, 356, 934], ["02 Neuwerk", 22410, 11452, 762, 740, 1389]],
        ("A3:A5", "B3:C3", "D3:F3"))
    labels = {f.indicator for f in facts if f.place == "Neuwerk"}
    assert any(label.endswith("unter 3 Jahre") and "weiblich" not in label for label in labels), labels
    assert any(label.endswith("weiblich") for label in labels)
    assert all(f.unit == "Anzahl" for f in facts)


def test_the_totals_row_takes_the_city_the_title_names(tmp_path):
    assert city_in_title("Bevölkerung in der Stadt Wendelbach am 31.12.2023") == "Wendelbach"
    assert city_in_title("Sachstandsbericht Soziale Stadt Wehringhausen 2023") == ""  # a programme area
    facts, _ = _workbook(tmp_path, [
        ["Bevölkerung in der Stadt Wendelbach nach Stadtbezirken am 31.12.2023"], [], ["Stadtbezirk", "Einwohner"],
        ["Stadt insgesamt", 139910], ["01 Altstadt", 14820], ["02 Neuwerk", 22410]])
    city = _one(facts, place_level="stadt")
    assert (city.place, city.value) == ("Wendelbach", 139910.0)


def test_a_darunter_row_under_a_merged_group_does_not_repeat_the_group_in_the_column_name(tmp_path):
    facts, _ = _workbook(tmp_path, [
        ["Tabelle 4.2: Leistungsberechtigte nach dem SGB II in den Stadtteilen"], ["Stand: Dez. 2023"], [],
        ["Stadtteil", "Regelleistungsberechtigte", None, None, "SGB-II-Quote¹⁾"],
        [None, "insgesamt", "darunter", None, None], [None, None, "unter 15 Jahren", "15 bis unter 65 Jahre", None],
        ["Altstadt", 1412, 402, 1010, 18.4], ["Nordhang", 655, 160, 495, 7.1]],
        ("A4:A6", "B4:D4", "E4:E6", "C5:D5", "B5:B6"))
    kids = _one(facts, place="Nordhang", indicator="Regelleistungsberechtigte: unter 15 Jahren")
    assert kids.value == 160.0 and kids.column == "Regelleistungsberechtigte: unter 15 Jahren"
    assert _one(facts, place="Nordhang", unit="%").indicator == "SGB-II-Quote"  # the footnote mark is no part of the label


def test_a_share_or_change_column_that_names_no_figure_is_the_one_of_the_count_to_its_left(tmp_path):
    facts, _ = _workbook(tmp_path, [
        ["Wohngeldempfänger-Haushalte nach Stadtteilen"], [],
        ["Stichtag", "Stadtteil", "Haushalte mit Wohngeld", "Veränderung zum Vorjahr", "Anteil an allen Haushalten"],
        [None, None, "Anzahl", "in %", "in %"],
        ["31.12.22", "Mitte", 905, 11.5, 6.8], ["31.12.22", "Sandberg", 241, 3.4, 2.5]])
    share = _one(facts, place="Sandberg", indicator="Haushalte mit Wohngeld: Anteil an allen Haushalten")
    change = _one(facts, place="Sandberg", indicator="Haushalte mit Wohngeld: Veränderung zum Vorjahr")
    assert (share.value, share.unit, change.value) == (2.5, "%", 3.4)
    assert _one(facts, place="Sandberg", indicator="Haushalte mit Wohngeld").value == 241.0

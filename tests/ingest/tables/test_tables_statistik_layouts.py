"""Statistics-office layouts (see statistik_layouts.py) read through the real loaders: header rows, column roles,
place levels (totals are no places), periods, units and values come out as a reader of the table sees them."""

from __future__ import annotations

import pytest

from assistant.core.settings import IngestSettings
from ingest.loaders import load_file
from tests.ingest.tables import statistik_layouts as layouts


def _load(writer, tmp_path):
    return load_file(writer(tmp_path), IngestSettings())


def _table(doc, name=None):
    return next(t for t in doc.tables if name is None or t.name == name)


def _fact(table, **where):
    found = [f for f in table.facts if all(getattr(f, k) == v for k, v in where.items())]
    assert len(found) == 1, (where, found)
    return found[0]


def _roles(table):
    return {c.label: c.role for c in table.columns}


def test_grouped_davon_header_unit_row_bezirk_sums_and_city_total(tmp_path):
    table = _table(_load(layouts.bevoelkerung_geschlecht, tmp_path))
    assert table.header_rows == 3 and table.title[1] == "Stand: 31.12.2023"
    assert _roles(table) == {"Nr.": "code", "Stadtteil": "place", "Einwohner insgesamt": "value", "Einwohner: männlich": "value",
                             "Einwohner: weiblich": "value", "Einwohner insgesamt: Veränderung zum Vorjahr in %": "value"}
    assert len(table.footnotes) == 3
    women = _fact(table, place="Grünwald", indicator="Einwohner: weiblich")
    assert (women.value, women.period, women.unit, women.row, women.place_level) == (3990.0, "2023-12-31", "Anzahl", 12, "stadtteil")
    assert _fact(table, place="Heidekamp", indicator="Einwohner insgesamt").value == 4321.0  # '4 321' written as text
    assert _fact(table, place="Hafenviertel", indicator="Einwohner: männlich").value is None  # '.' = secret
    change = _fact(table, place="Vorstadt", indicator="Einwohner insgesamt: Veränderung zum Vorjahr")  # of the total
    assert (change.value, change.unit) == (-0.5, "%")
    assert {f.place for f in table.facts if f.place_level == "stadtteil"} == set(layouts.STADTTEILE)
    assert {f.place for f in table.facts if f.place_level == "bezirk"} == {"Mitte", "Nord"}
    assert _fact(table, place_level="stadt", indicator="Einwohner insgesamt").value == 24924.0


def test_years_as_columns_change_column_notes_and_hidden_sheet(tmp_path):
    doc = _load(layouts.arbeitslose_jahre, tmp_path)
    assert [t.name for t in doc.tables] == ["Erläuterungen", "Arbeitslosenquote"]  # the hidden sheet gives no facts
    assert not _table(doc, "Erläuterungen").facts
    assert any("ausgeblendet" in w for w in doc.warnings)
    table = _table(doc, "Arbeitslosenquote")
    assert table.periods == ["2019", "2020", "2021", "2022", "2023"]
    quote = _fact(table, place="Ellerbek", period="2023", indicator="Arbeitslosenquote")
    assert (quote.value, quote.unit, quote.row, quote.place_level) == (10.1, "%", 7, "bezirk")
    change = _fact(table, place="Ellerbek", indicator_key="veraenderung 2019 2023")
    assert (change.value, change.unit, change.period) == (-1.2, "Prozentpunkte", "")
    assert _fact(table, place_level="stadt", period="2019").value == 7.8
    assert not [f for f in table.facts if f.value == 99999]


def test_long_csv_with_dates_in_three_spellings(tmp_path):
    table = _table(_load(layouts.einwohner_zeitreihe, tmp_path))
    assert _roles(table)["Stichtag"] == "period"
    assert table.periods == ["2021-12-31", "2022-12-31", "2023-12-31"]
    young = _fact(table, place="Vorstadt", period="2022-12-31", indicator="Einwohner: unter 18 Jahre")
    assert (young.value, young.row) == (822.0, 9)
    share = _fact(table, place="Nordhafen", period="2023-12-31", indicator="Anteil unter 18 Jahre")
    assert (share.value, share.unit) == (18.0, "%")
    assert {f.place_level for f in table.facts if f.place.startswith("Stadt")} == {"stadt"}
    assert table.footnotes == ["Quelle: Melderegister"]


def test_transposed_places_as_columns_take_unit_column_and_level_from_title(tmp_path):
    table = _table(_load(layouts.sozialdaten_transponiert, tmp_path))
    assert _roles(table)["Einheit"] == "unit"
    quote = _fact(table, place="Hafenviertel", indicator="SGB-II-Quote")
    assert (quote.value, quote.unit, quote.period, quote.place_level, quote.row) == (21.7, "%", "2023", "stadtteil", 3)
    assert _fact(table, place="Vorstadt", indicator="Arbeitslose").unit == "Anzahl"
    assert _fact(table, place_level="stadt", indicator="Wohngeldhaushalte").value == 780.0


def test_one_sheet_per_year_takes_the_period_from_the_sheet(tmp_path):
    doc = _load(layouts.kita_jahresblaetter, tmp_path)
    assert [t.name for t in doc.tables if t.facts] == ["2022", "2023"]
    quota = _fact(_table(doc, "2023"), place="Nordhafen-West", indicator="Betreuungsquote")
    assert (quota.value, quota.unit, quota.period, quota.place_level, quota.row) == (50.8, "%", "2023", "sozialraum", 4)
    assert _fact(_table(doc, "2022"), place="Grünwald-Süd", indicator="Kinder unter 3 Jahren").value == 420.0


def test_age_groups_as_columns_under_a_bis_unter_group(tmp_path):
    table = _table(_load(layouts.altersgruppen, tmp_path))
    labels = [c.label for c in table.value_columns]
    assert labels == ["Insgesamt", "0 bis unter 3 Jahre", "3 bis unter 6 Jahre", "6 bis unter 15 Jahre", "15 bis unter 18 Jahre",
                      "18 bis unter 65 Jahre", "65 und älter"]
    band = _fact(table, place="Vorstadt", indicator="Bevölkerung: 3 bis unter 6 Jahre")
    assert (band.value, band.period, band.row) == (150.0, "2023-12-31", 6)
    assert _fact(table, place_level="stadt", indicator="Bevölkerung: Insgesamt").value == 24924.0


def test_three_header_rows_parent_column_markers_and_legend(tmp_path):
    table = _table(_load(layouts.sgb2_sozialraeume, tmp_path))
    assert table.header_rows == 3
    assert _roles(table) == {"Sozialraum": "place", "Stadtbezirk": "parent", "Bedarfsgemeinschaften": "value",
                             "Personen in Bedarfsgemeinschaften: insgesamt": "value",
                             "Personen in Bedarfsgemeinschaften: unter 15 Jahren": "value", "SGB-II-Quote": "value"}
    quote = _fact(table, place="Nordhafen-West", indicator="SGB-II-Quote")
    assert (quote.value, quote.raw, quote.unit, quote.parent_place, quote.row) == (7.1, "7,1¹", "%", "Nord", 8)
    assert _fact(table, place="Nordhafen-West", indicator="Personen in Bedarfsgemeinschaften: unter 15 Jahren").value is None
    assert _fact(table, place="Vorstadt-Ring", indicator="Bedarfsgemeinschaften").value == 1105.0
    assert _fact(table, place="Mitte", indicator="Bedarfsgemeinschaften").place_level == "bezirk"
    assert _fact(table, place_level="stadt", indicator="SGB-II-Quote").value == 12.4
    assert len(table.footnotes) == 4 and table.footnotes[-1].startswith("Quelle")


def test_group_rows_generic_place_header_and_zusammen_rows(tmp_path):
    table = _table(_load(layouts.haushalte_gebiete, tmp_path))
    # the title's compound names the figure ("Privathaushalte nach Haushaltstyp" over "Haushalte")
    assert [c.label for c in table.value_columns] == ["Haushalte: insgesamt", "Haushalte: Einpersonenhaushalte", "Haushalte: mit Kindern"]
    single = _fact(table, place="Grünwald", indicator="Privathaushalte: Einpersonenhaushalte")
    assert (single.value, single.parent_place, single.row) == (1500.0, "Nord", 11)
    sums = {f.place: f.value for f in table.facts if f.place_level == "bezirk" and f.indicator == "Privathaushalte: insgesamt"}
    assert sums == {"Mitte": 5690.0, "Nord": 7200.0}
    assert _fact(table, place_level="stadt", indicator="Privathaushalte: insgesamt").value == 12890.0
    assert not [w for w in table.warnings if "mehrfach" in w]


def test_month_names_as_periods_in_a_tab_separated_long_table(tmp_path):
    table = _table(_load(layouts.arbeitslose_monate, tmp_path))
    assert _roles(table)["Berichtsmonat"] == "period" and table.header_rows == 2
    assert table.periods == ["2024-01", "2024-02", "2024-03"]
    long_term = _fact(table, place="Ellerbek", period="2024-02", indicator="Arbeitslose: Langzeitarbeitslose")
    assert (long_term.value, long_term.unit, long_term.row, long_term.place_level) == (396.0, "Anzahl", 8, "bezirk")


def test_bad_sheets_give_german_messages_and_the_good_sheet_its_facts(tmp_path):
    doc = _load(layouts.bad_workbook, tmp_path)
    warnings = " ".join(doc.warnings)
    for phrase in ("„leer“ ist leer", "nur Kopfzeilen", "1000 Spalten", "„gemischt“: keine Spalte mit", "Formelzelle",
                   "„versteckt“ ist ausgeblendet"):
        assert phrase in warnings, phrase
    assert {f.place: f.value for f in _table(doc, "Gut").facts} == {"Altstadt": 4.0, "Vorstadt": 9.0, "Nordhafen": 6.0}
    assert _fact(_table(doc, "Formeln"), place="Vorstadt").value == 20.0


@pytest.mark.parametrize("writer", layouts.WRITERS, ids=lambda w: w.__name__)
def test_no_layout_counts_a_total_as_a_place(writer, tmp_path):
    doc = _load(writer, tmp_path)
    places = {f.place for t in doc.tables for f in t.facts if f.place_level in ("stadtteil", "sozialraum", "other")}
    assert not {p for p in places if any(w in p.lower() for w in ("insgesamt", "zusammen", "gesamt", "summe"))}
    assert "Stadt" not in places


def test_genesis_csv_with_blank_row_variables_ags_keys_area_types_and_footer(tmp_path):
    table = _table(_load(layouts.itnrw_genesis, tmp_path))
    assert table.header_rows == 2 and table.title[0].startswith("Bevölkerungsstand: Gemeinden")
    assert _roles(table) == {"Zeitpunkt": "period", "Schlüssel": "code", "Gebiet": "place", "Bevölkerung: Insgesamt": "value",
                             "Bevölkerung: männlich": "value", "Bevölkerung: weiblich": "value"}
    assert table.periods == ["2022-12-31", "2023-12-31"]  # the 'Gebietsstand' line is no period
    assert len(table.facts) == 2 * 5 * 3  # every value cell once; footer lines give none
    assert {f.row for f in table.facts} == set(range(7, 17))
    women = _fact(table, place="Bergheide", period="2023-12-31", indicator="Bevölkerung: weiblich")
    assert (women.value, women.row, women.place_level, women.raw) == (21150.0, 13, "other", "21150")
    kreis = _fact(table, place="Heideland", period="2022-12-31", indicator="Bevölkerung: Insgesamt")
    assert (kreis.value, kreis.place_level, kreis.row) == (101620.0, "stadt", 7)  # AGS 05998000 covers the Gemeinden
    assert {f.place for f in table.facts if f.place_level == "other"} == {"Bergheide", "Lindenau", "Ostwalde", "Rabenfeld"}
    markers = {f.raw: f.value for f in table.facts if f.period == "2022-12-31" and f.place in ("Ostwalde", "Rabenfeld")
               and f.indicator != "Bevölkerung: Insgesamt"}
    assert markers == {"-": None, ".": None, "x": None, "...": None}
    assert table.footnotes[-1] == "© IT.NRW, Düsseldorf, 2024" and not table.warnings


def test_ba_report_title_block_three_header_rows_column_numbers_and_secret_values(tmp_path):
    table = _table(_load(layouts.ba_arbeitsmarkt, tmp_path))
    assert table.title[2] == "Berichtsmonat: Juni 2024" and table.header_rows == 4  # three label rows and the column numbers
    assert [c.label for c in table.value_columns] == [
        "Arbeitslose: insgesamt", "Arbeitslose: Rechtskreis SGB II", "Arbeitslose: Veränderung gegenüber Vorjahresmonat: absolut",
        "Arbeitslose: Veränderung gegenüber Vorjahresmonat: in %",
        "Arbeitslosenquote bezogen auf alle zivilen Erwerbspersonen: insgesamt",
        "Arbeitslosenquote bezogen auf alle zivilen Erwerbspersonen: Rechtskreis SGB II"]
    assert len(table.facts) == 6 * 6 and {f.row for f in table.facts} == set(range(10, 16))
    assert table.periods == ["2024-06"]  # the Berichtsmonat, not the Erstellungsdatum
    sgb2 = _fact(table, place="Kastanienhof", indicator="Arbeitslose: Rechtskreis SGB II")
    assert (sgb2.value, sgb2.place_level, sgb2.row) == (2100.0, "stadtteil", 12)
    change = _fact(table, place="Eichenau", indicator="Arbeitslose: Veränderung gegenüber Vorjahresmonat: absolut")
    assert (change.value, change.unit) == (-12.0, "Anzahl")
    assert _fact(table, place="Eichenau", indicator="Arbeitslose: Veränderung gegenüber Vorjahresmonat: in %").unit == "%"
    quote = _fact(table, place="Weidendamm", indicator="Arbeitslosenquote bezogen auf alle zivilen Erwerbspersonen: insgesamt")
    assert (quote.value, quote.unit) == (7.7, "%")
    assert _fact(table, place="Eichenau", indicator="Arbeitslose: Rechtskreis SGB II").value is None  # '*' secret
    assert _fact(table, place="Sandkuhle", indicator="Arbeitslose: Veränderung gegenüber Vorjahresmonat: in %").value is None  # '-'
    city = _fact(table, place_level="stadt", indicator="Arbeitslose: insgesamt")
    assert (city.place, city.value, city.row) == ("Lindenburg", 8420.0, 10)  # 'Lindenburg, Stadt' over its Stadtteile
    assert len(table.footnotes) == 3 and not table.warnings


def test_yearbook_sheets_numbered_titles_spacer_columns_footnote_marks(tmp_path):
    doc = _load(layouts.jahrbuch, tmp_path)
    assert [t.name for t in doc.tables if t.facts] == ["3.4", "3.5"]  # 'Inhalt' and 'Erläuterungen' are text
    table = _table(doc, "3.4")
    assert table.periods == ["2019", "2020", "2021", "2022", "2023"]
    assert len(table.facts) == 6 * 6 and {f.row for f in table.facts} == set(range(4, 10))
    jobs = _fact(table, place="Südpark", period="2022")
    assert (jobs.indicator, jobs.value, jobs.raw, jobs.place_level, jobs.row) == (
        "Sozialversicherungspflichtig Beschäftigte am Arbeitsort", 12710.0, "12 710 1)", "bezirk", 6)
    assert _fact(table, place="Ostheide", period="2021").value == 8020.0  # '8 020¹)'
    assert _fact(table, place="Nordufer", period="2023").value is None  # '.'
    change = _fact(table, place="Kirchberg", indicator_key="veraenderung 2023 gegenueber 2019")
    assert (change.value, change.unit, change.period) == (5.3, "%", "")
    city = _fact(table, place_level="stadt", period="2023")
    assert (city.value, city.row) == (52330.0, 9)
    assert _fact(table, place="Kirchberg", period="2019").value == 3020.0  # 'Kirchberg 2)'
    assert table.footnotes[0].startswith("1)") and len(table.footnotes) == 3
    second = _table(doc, "3.5")
    assert _fact(second, place="Westend", period="2023", indicator="Arbeitslose").value == 1350.0
    assert second.periods == ["2021", "2022", "2023"]  # '2021¹)' is the year 2021
    assert second.footnotes[0] == "Jahresdurchschnitt." and len(second.footnotes) == 2

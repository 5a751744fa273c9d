"""Header inference and facts on grids shaped like real exports: titles, grouped headers, units, totals, footnotes."""

from ingest.tables import TableGrid, normalise_table

_MESSY = [
    ["Bevölkerung nach Stadtteilen am 31.12.2023", "", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", ""],
    ["Nr.", "Stadtteil", "", "Einwohner", "Altersgruppen", "", "Haushalte", ""],
    ["", "", "", "insgesamt", "unter 18", "65 und älter", "insgesamt", "mit Kindern"],
    ["", "", "", "Anzahl", "%", "%", "Anzahl", "Anzahl"],
    ["1", "  Altstadt ", "", "1.234", "12,5", "20,1", "700", "–"],
    ["2", "Düsternbrook", "", "2 675", "15,0", ".", "1.100", "230"],
    ["", "Bezirk Mitte insgesamt", "", "3.909", "14,1", "x", "1.800", "400"],
    ["", "Stadt insgesamt", "", "250.000", "16,0", "21,0", "130.000", "20.000"],
    ["1) Ohne Nebenwohnsitze. Quelle: Melderegister", "", "", "", "", "", "", ""],
]
_MERGED = [(0, 0, 0, 7), (2, 4, 2, 5), (2, 6, 2, 7)]


def _facts(table, **where):
    return [f for f in table.facts if all(getattr(f, key) == value for key, value in where.items())]


def test_title_grouped_headers_units_totals_footnotes():
    table = normalise_table(TableGrid("Tab 1", _MESSY, merged=_MERGED, sheet="Blatt1", row_numbers=list(range(1, 11))))
    assert table.title == ["Bevölkerung nach Stadtteilen am 31.12.2023"]
    assert table.header_rows == 3
    assert table.footnotes == ["1) Ohne Nebenwohnsitze. Quelle: Melderegister"]
    labels = [c.label for c in table.value_columns]
    assert labels == ["Einwohner: insgesamt", "Altersgruppen: unter 18", "Altersgruppen: 65 und älter", "Haushalte: insgesamt",
                      "Haushalte: mit Kindern"]
    assert {c.label: c.role for c in table.columns}["Nr."] == "code"
    (altstadt,) = _facts(table, place="Altstadt", indicator="Einwohner: insgesamt")
    assert (altstadt.value, altstadt.raw, altstadt.period, altstadt.place_level, altstadt.row, altstadt.sheet) == (
        1234.0, "1.234", "2023-12-31", "stadtteil", 6, "Blatt1")
    (share,) = _facts(table, place="Altstadt", indicator="Altersgruppen: unter 18")
    assert (share.value, share.unit) == (12.5, "%")
    (secret,) = _facts(table, place_key="duesternbrook", indicator="Altersgruppen: 65 und älter")
    assert secret.value is None and secret.raw == "."
    assert _facts(table, place="Düsternbrook", indicator="Einwohner: insgesamt")[0].value == 2675.0
    (bezirk,) = _facts(table, place_level="bezirk", indicator="Einwohner: insgesamt")
    assert (bezirk.place, bezirk.value) == ("Mitte", 3909.0)
    (city,) = _facts(table, place_level="stadt", indicator="Haushalte: mit Kindern")
    assert city.value == 20000.0
    assert {f.place for f in table.facts if f.place_level == "stadtteil"} == {"Altstadt", "Düsternbrook"}


def test_group_labels_without_merge_info_fill_to_the_right():
    rows = [["Stadtteil", "Einwohner", "", "Haushalte", ""], ["", "männlich", "weiblich", "gesamt", "mit Kindern"],
            ["Altstadt", "10", "12", "8", "2"], ["Vorstadt", "20", "22", "9", "3"]]
    table = normalise_table(TableGrid("t", rows))
    assert [c.label for c in table.value_columns] == ["Einwohner: männlich", "Einwohner: weiblich", "Haushalte: gesamt",
                                                      "Haushalte: mit Kindern"]


def test_wide_years_take_indicator_and_unit_from_caption():
    rows = [["Raum", "2018", "2019", "2024"], ["Haspe", "19,2", "18,6", "19,6"], ["Haspe-Zentrum", "26,9", "26,1", "27,6"],
            ["Hagen (Stadt)", "18,0", "17,9", "18,4"]]
    table = normalise_table(TableGrid("Tabelle 4: SGB-II-Quote 2018–2024 (%)", rows))
    assert table.periods == ["2018", "2019", "2024"]
    (fact,) = _facts(table, place="Haspe-Zentrum", period="2024")
    assert (fact.indicator, fact.value, fact.unit) == ("SGB-II-Quote", 27.6, "%")
    assert _facts(table, place_level="stadt", period="2019")[0].value == 17.9


def test_rows_of_indicators_take_the_place_from_the_heading():
    rows = [["Indikator", "2018", "2024"], ["Einwohner", "13.819", "14.524"], ["Anteil u18 (%)", "19,7", "20,9"]]
    table = normalise_table(TableGrid("Tabelle 10: Indikatoren 2018–2024", rows, context=("Sozialraum Haspe-Zentrum",)))
    (fact,) = _facts(table, indicator="Anteil u18", period="2024")
    assert (fact.place, fact.place_level, fact.value, fact.unit) == ("Haspe-Zentrum", "sozialraum", 20.9, "%")


def test_long_table_with_year_column_and_parent_place():
    rows = [["Sozialraum", "Stadtbezirk", "Jahr", "Einwohner", "Anteil unter 18 (%)"],
            ["Zentrum/Remberg", "Hagen-Mitte", "2018", "22288", "18,4"], ["Zentrum/Remberg", "Hagen-Mitte", "2019", "22424", "18,5"]]
    table = normalise_table(TableGrid("bev", rows))
    (fact,) = _facts(table, period="2019", indicator="Anteil unter 18")
    assert (fact.place, fact.parent_place, fact.place_level, fact.value, fact.unit) == (
        "Zentrum/Remberg", "Hagen-Mitte", "sozialraum", 18.5, "%")


def test_mixed_column_warns_and_keeps_the_rest():
    rows = [["Stadtteil", "Einwohner"], ["A", "10"], ["B", "zwölf"], ["C", "30"], ["D", "40"]]
    table = normalise_table(TableGrid("t", rows))
    assert [f.value for f in table.facts] == [10.0, 30.0, 40.0]
    assert any("ohne lesbare Zahl" in w for w in table.warnings)
    assert len(table.rows) == 4  # the raw row is kept


def test_bad_tables_are_skipped_with_a_german_reason():
    assert normalise_table(TableGrid("leer", [["", ""], []])).skipped
    header_only = normalise_table(TableGrid("kopf", [["Stadtteil", "Einwohner"]]))
    assert header_only.skipped and "Kopfzeilen" in header_only.warnings[0]
    wide = normalise_table(TableGrid("breit", [[f"S{i}" for i in range(1000)], ["1"] * 1000]))
    assert wide.skipped and "1000 Spalten" in wide.warnings[0]


def test_text_tables_give_rows_but_no_facts():
    rows = [["Angebot", "Träger", "Sozialraum", "Seit"], ["Elterncafé", "AWO", "Haspe-Zentrum", "2015"],
            ["Sprachkurs", "VHS", "Emst", "2019"]]
    table = normalise_table(TableGrid("inventar", rows))
    assert table.facts == []
    assert [r.cells["Angebot"] for r in table.rows] == ["Elterncafé", "Sprachkurs"]


def test_davon_groups_name_the_total_column_to_their_left():
    rows = [["Stadtteil", "Einwohner insgesamt", "darunter", ""], ["", "", "männlich", "weiblich"],
            ["Altstadt", "11", "5", "6"], ["Vorstadt", "15", "7", "8"]]
    assert [c.label for c in normalise_table(TableGrid("t", rows)).value_columns] == [
        "Einwohner insgesamt", "Einwohner: männlich", "Einwohner: weiblich"]
    no_total = [["Stadtteil", "davon", ""], ["", "männlich", "weiblich"], ["Altstadt", "5", "6"], ["Vorstadt", "7", "8"]]
    assert [c.label for c in normalise_table(TableGrid("t", no_total)).value_columns] == ["männlich", "weiblich"]


def test_a_darunter_group_over_years_takes_the_figure_of_the_column_to_its_left_not_its_year():
    rows = [["Bezirk", "Empfänger insgesamt", "", "darunter 65 Jahre und älter", ""], ["", "2022", "2023 1)", "2022", "2023 1)"],
            ["Altstadt", "100", "110", "60", "66"], ["Vorstadt", "200", "210", "120", "126"]]
    rows.insert(2, ["", "Anzahl", "", "Anzahl", ""])
    table = normalise_table(TableGrid("t", rows))
    assert {f.unit for f in table.facts} == {"Anzahl"}  # written once under each group's first year
    old = {(f.indicator, f.period): f.value for f in _facts(table, place="Altstadt")}
    assert old == {("Empfänger insgesamt", "2022"): 100.0, ("Empfänger insgesamt", "2023"): 110.0,
                   ("Empfänger: 65 Jahre und älter", "2022"): 60.0, ("Empfänger: 65 Jahre und älter", "2023"): 66.0}


def test_a_label_that_only_repeats_the_titles_subject_takes_the_title_as_its_figure():
    rows = [["Stadtbezirk", "Empfänger/-innen insgesamt"], ["Altstadt", "100"], ["Vorstadt", "200"]]
    title = "Tabelle 4: Empfängerinnen und Empfänger von Grundsicherung im Alter nach Stadtbezirken"
    table = normalise_table(TableGrid(title, rows))
    assert {f.indicator for f in table.facts} == {"Empfängerinnen und Empfänger von Grundsicherung im Alter: insgesamt"}
    # a title that only ends on the label's word names a publication, and a longer label says more than the title
    for other, label in (("Arbeitsmarkt in Zahlen – Arbeitslose nach Stadtteilen", "Arbeitslose"),
                         ("Arbeitslose nach Stadtteilen", "Arbeitslosenquote")):
        plain = normalise_table(TableGrid(other, [["Stadtteil", label], ["Altstadt", "10"], ["Vorstadt", "20"]]))
        assert {f.indicator for f in plain.facts} == {label}


def test_a_darunter_column_under_a_date_group_is_a_part_of_the_figure_to_its_left():
    rows = [["Stichtag", "31.12.2022", "", "31.12.2023", ""], ["Bezirk", "Haushalte", "darunter mit Kindern", "Haushalte",
            "darunter mit Kindern"], ["Altstadt", "100", "40", "110", "45"], ["Vorstadt", "200", "80", "210", "85"]]
    got = {(f.indicator, f.period): f.value for f in _facts(normalise_table(TableGrid("t", rows)), place="Altstadt")}
    assert got == {("Haushalte", "2022-12-31"): 100.0, ("Haushalte: mit Kindern", "2022-12-31"): 40.0,
                   ("Haushalte", "2023-12-31"): 110.0, ("Haushalte: mit Kindern", "2023-12-31"): 45.0}


def test_the_title_row_naming_the_figure_is_the_title_not_the_publishers_line_above_it():
    rows = [["Statistikstelle der Stadt", "", ""], ["Kinderarmut 2019 und 2024 nach Bezirken (%)", "", ""],
            ["Bezirk", "2019", "2024"], ["Altstadt", "20,1", "22,4"], ["Vorstadt", "15,0", "16,2"]]
    assert {f.indicator for f in normalise_table(TableGrid("t", rows)).facts} == {"Kinderarmut"}


def test_a_table_with_a_sample_size_column_reports_its_respondents_not_the_places_population():
    rows = [["Engagierte nach Stadtbezirk 2022", "", "", ""], ["Stadtbezirk", "n", "Anteil 65+", "Stunden/Monat"],
            ["Haspe", "70", "59 %", "16"], ["Vorstadt", "84", "41 %", "12"]]
    facts = normalise_table(TableGrid("t", rows)).facts
    assert {f.indicator for f in facts} == {"Befragte", "Befragte: Anteil 65+", "Befragte: Stunden/Monat"}
    assert [f.value for f in facts if f.place == "Haspe" and f.indicator == "Befragte: Anteil 65+"] == [59.0]
    plain = [["Bevölkerung 2022", "", ""], ["Stadtbezirk", "Einwohner", "Anteil 65+"], ["Haspe", "31.509", "22,0"]]
    assert {f.indicator for f in normalise_table(TableGrid("t", plain)).facts} == {"Einwohner", "Anteil 65+"}


def test_a_header_that_is_a_value_or_an_address_names_no_figure():
    # a PDF table whose header row was lost: its first data row stands in as the header
    rows = [["Träger", "Eilper Straße 92, 58091 Hagen", "19.400 €", "Besuche"], ["Plätze", "45", "8.900 €", "3.100"]]
    assert {f.indicator for f in normalise_table(TableGrid("t", rows)).facts} <= {"Besuche"}


def test_group_label_stops_where_the_unit_row_changes():
    rows = [["Raum", "Personen", "", ""], ["", "insgesamt", "unter 15", "Quote"], ["", "Anzahl", "Anzahl", "%"],
            ["Altstadt", "10", "4", "2,5"], ["Vorstadt", "20", "6", "3,5"]]
    assert [c.label for c in normalise_table(TableGrid("t", rows)).value_columns] == [
        "Personen: insgesamt", "Personen: unter 15", "Quote"]


def test_a_city_column_beside_the_years_holds_the_citys_figure_not_the_areas():
    rows = [["Indikator", "2018", "2022", "Gesamtstadt 2022"], ["Kinderarmut", "48,5 %", "49,0 %", "28,4 %"]]
    table = normalise_table(TableGrid("Tabelle 2: Kennzahlen", rows, context=("Soziale Stadt Wehringhausen",)),
                            known_levels={"gesamtstadt": "stadt"})
    got = {(f.place, f.place_level, f.indicator, f.period): f.value for f in table.facts}
    assert got == {("Wehringhausen", "other", "Kinderarmut", "2018"): 48.5, ("Wehringhausen", "other", "Kinderarmut", "2022"): 49.0,
                   ("Gesamtstadt", "stadt", "Kinderarmut", "2022"): 28.4}


def test_a_heading_stadt_x_is_the_city_only_when_x_is_the_city():
    rows = [["Indikator", "2024"], ["Einwohner", "188.000"]]
    city = normalise_table(TableGrid("t", rows, context=("Stadt Hagen",)), known_levels={"hagen": "stadt"})
    assert [(f.place, f.place_level) for f in city.facts] == [("Hagen", "stadt")]
    area = normalise_table(TableGrid("t", rows, context=("Soziale Stadt Vorhalle",)),
                           known_levels={"hagen": "stadt", "vorhalle": "sozialraum"})
    assert [(f.place, f.place_level) for f in area.facts] == [("Vorhalle", "sozialraum")]


def test_a_forecast_column_takes_the_tables_subject():
    rows = [["Sozialraum", "Pflegebedürftige 2024", "Vorausschätzung 2030"], ["Emst", "910", "1.138"], ["Elsey", "700", "850"]]
    table = normalise_table(TableGrid("Tabelle 5: Pflegebedürftige nach Sozialraum mit Vorausschätzung 2030", rows))
    forecast = next(f for f in table.facts if f.place == "Emst" and f.period == "2030")
    assert forecast.indicator == "Pflegebedürftige: Vorausschätzung" and forecast.value == 1138.0


def test_ba_header_without_merges_agency_district_first():
    rows = [["Arbeitslose nach Gemeinden", "", "", "", "", ""], ["Berichtsmonat: Mai 2024", "", "", "", "", ""],
            ["Region", "Arbeitslose", "", "", "", "Arbeitslosenquote"],
            ["", "insgesamt", "darunter: Rechtskreis SGB II", "Veränderung gegenüber Vorjahresmonat", "", "insgesamt"],
            ["", "", "", "absolut", "in %", ""], ["", "1", "2", "3", "4", "5"],
            ["Agentur für Arbeit Lindenburg", "9000", "6000", "100", "1,1", "6,0"],
            ["Heidedorf", "580", "370", "-212", "-26,8", "3,1"], ["Moorbach", "0", "-", "*", "*", "*"]]
    table = normalise_table(TableGrid("BA", rows))
    assert [c.label for c in table.value_columns] == [
        "Arbeitslose: insgesamt", "Arbeitslose: Rechtskreis SGB II", "Arbeitslose: Veränderung gegenüber Vorjahresmonat: absolut",
        "Arbeitslose: Veränderung gegenüber Vorjahresmonat: in %", "Arbeitslosenquote: insgesamt"]
    assert {f.place_level for f in _facts(table, place="Agentur für Arbeit Lindenburg")} == {"stadt"}
    assert {f.period for f in table.facts} == {"2024-05"} and len(table.facts) == 15
    assert [f.value for f in _facts(table, place="Moorbach")] == [0.0, None, None, None, None]


def test_genesis_stichtage_as_column_groups_and_a_yearbook_jahr_group():
    rows = [["Bevölkerungsstand: Gemeinden, Stichtag, Geschlecht", "", "", "", "", ""],
            ["", "", "31.12.2022", "31.12.2022", "31.12.2023", "31.12.2023"], ["", "", "Insgesamt", "weiblich", "Insgesamt", "weiblich"],
            ["05", "Nordrhein-Westfalen", "18139116", "9250000", "18190422", "9270000"],
            ["05998", "Heideland, Kreis", "101620", "51720", "102110", "51960"],
            ["05998004", "Bergheide, Stadt", "41250", "21040", "41480", "21150"], ["05998012", "Ostwalde", "15300", "-", "15510", "7910"]]
    table = normalise_table(TableGrid("GENESIS", rows))
    women = _facts(table, place="Bergheide", period="2023-12-31", indicator="Bevölkerungsstand: weiblich")
    assert [(f.value, f.place_level) for f in women] == [(21150.0, "other")]
    assert {f.place for f in table.facts if f.place_level == "stadt"} == {"Nordrhein-Westfalen", "Heideland"}
    yearbook = [["Tabelle 2.1: Einwohner nach Stadtbezirken 2021 bis 2023", "", "", "", "", ""],
                ["Stadtbezirk", "Jahr", "", "", "Veränderung 2023 gegenüber 2021", ""],
                ["", "2021", "2022", "2023", "absolut", "in %"],
                ["Westend", "21 430", "21 010", "21 390", "-40", "-0,2"], ["Insgesamt", "29 550", "29 000", "29 410", "-140", "-0,5"]]
    table = normalise_table(TableGrid("Jahrbuch", yearbook, merged=[(1, 1, 1, 3), (1, 4, 1, 5)]))
    assert {f.indicator for f in table.facts} == {"Einwohner", "Veränderung 2023 gegenüber 2021: absolut",
                                                  "Veränderung 2023 gegenüber 2021: in %"}
    change = _facts(table, place="Westend", indicator="Veränderung 2023 gegenüber 2021: absolut")
    assert [(f.value, f.unit) for f in change] == [(-40.0, "Anzahl")]
    assert _facts(table, place_level="stadt", period="2022")[0].value == 29000.0


def test_genesis_dates_as_rows_above_their_areas_and_a_group_printed_once():
    rows = [["Bevölkerungsstand: Gemeinden, Stichtag, Geschlecht", "", "", "", ""], ["Landesdatenbank NRW", "", "", "", ""],
            ["", "", "Bevölkerung", "", ""], ["", "", "Insgesamt", "männlich", "weiblich"], ["", "", "Anzahl", "Anzahl", "Anzahl"],
            ["31.12.2022", "", "", "", ""],
            ["05998000", "Heideland, Kreis", "101620", "49900", "51720"], ["05998004", "Bergheide, Stadt", "41250", "20210", "21040"],
            ["31.12.2023", "", "", "", ""],
            ["05998000", "Heideland, Kreis", "102110", "50150", "51960"], ["05998004", "Bergheide, Stadt", "41480", "20330", "21150"],
            ["__________", "", "", "", ""], ["©  IT.NRW, Düsseldorf, 2024", "", "", "", ""]]
    table = normalise_table(TableGrid("GENESIS", rows, row_numbers=list(range(1, 14))))
    assert [c.label for c in table.value_columns] == ["Bevölkerung: Insgesamt", "Bevölkerung: männlich", "Bevölkerung: weiblich"]
    assert table.periods == ["2022-12-31", "2023-12-31"] and len(table.facts) == 12
    men = _facts(table, place="Bergheide", indicator="Bevölkerung: männlich")
    assert [(f.period, f.value, f.row) for f in men] == [("2022-12-31", 20210.0, 8), ("2023-12-31", 20330.0, 11)]
    assert {f.place_level for f in _facts(table, place="Heideland")} == {"stadt"}


def test_a_headerless_row_numbering_is_no_figure():
    rows = [["3.5 Arbeitslose nach Stadtbezirken 2022 und 2023", "", "", ""], ["", "Stadtbezirk", "2022", "2023"],
            ["1", "Westend", "1290", "1350"], ["2", "Ostheide", "585", "640"], ["3", "Südpark", "870", "910"],
            ["", "Stadt insgesamt", "2745", "2900"]]
    table = normalise_table(TableGrid("3.5", rows))
    assert [c.role for c in table.columns] == ["code", "place", "value", "value"]
    assert len(table.facts) == 8 and {f.indicator for f in table.facts} == {"Arbeitslose"}


def test_the_widest_kind_of_area_is_the_total_without_keys():
    rows = [["Arbeitslose nach Gemeinden", "", ""], ["Region", "Arbeitslose", "Arbeitslosenquote"],
            ["Heideland, Kreis", "3100", "5,2"], ["Bergheide, Stadt", "1200", "6,1"], ["Lindenau, Stadt", "1400", "5,9"],
            ["Ostwalde, Gemeinde", "500", "3,0"]]
    table = normalise_table(TableGrid("BA", rows))
    levels = {f.place: f.place_level for f in table.facts}
    assert levels == {"Heideland": "stadt", "Bergheide": "other", "Lindenau": "other", "Ostwalde": "other"}
    assert {f.unit for f in table.facts if f.indicator == "Arbeitslosenquote"} == {"%"}


def test_a_long_table_whose_merkmal_names_the_figure_takes_no_title_into_its_label():
    grid = [["Sozialdaten nach Ortsteilen", "", "", "", ""], ["Ortsteil", "Merkmal", "Stichtag", "Wert", "Einheit"],
            ["Nordstadt", "SGB-II-Quote", "2023_12_31", "15,0", "%"],
            ["Nordstadt", "Leistungsberechtigte SGB II", "2023_12_31", "1.310", "Personen"],
            ["Südfeld", "SGB-II-Quote", "2023_12_31", "7,6", "%"]]
    table = normalise_table(TableGrid("sozialdaten", grid))
    assert {f.indicator for f in table.facts} == {"SGB-II-Quote", "Leistungsberechtigte SGB II"}
    (quote,) = _facts(table, place="Südfeld")
    assert (quote.value, quote.unit, quote.period) == (7.6, "%", "2023-12-31")


def test_a_title_that_only_names_the_rows_places_is_no_subject_of_an_age_column():
    """ "Tabelle 2: Sozialräume im Stadtbezirk Hagen-Mitte 2018" says whose rows follow; "65+ %" beside "Einwohner" is
    the Einwohner's age group, not a figure called "Sozialräume im Stadtbezirk Hagen-Mitte: 65+"."""
    rows = [["Raum", "Einwohner", "65+ %"], ["Emst", "10.698", "27,5"], ["Hochschulviertel", "12.440", "30,4"]]
    table = normalise_table(TableGrid("Tabelle 2: Sozialräume im Stadtbezirk Hagen-Mitte 2018", rows))
    share = next(f for f in table.facts if f.place == "Emst" and f.unit == "%")
    assert "Sozialräume" not in share.indicator and "65+" in share.indicator


def test_a_constant_city_column_is_the_parent_of_the_rows_that_name_no_coarser_place():
    grid = [["Land", "Stadt", "Datum", "Stadtteil", "insgesamt"],
            ["de-nw", "Wendelbach", "2023_12_31", "Altdorf", "1.220"], ["de-nw", "Wendelbach", "2023_12_31", "Neuhof", "1.648"],
            ["de-nw", "Wendelbach", "2023_12_31", "Wendelbach insgesamt", "2.868"]]
    table = normalise_table(TableGrid("einwohner", grid))
    (altdorf,) = _facts(table, place="Altdorf")
    assert (altdorf.parent_place, altdorf.place_level) == ("Wendelbach", "stadtteil")
    (total,) = _facts(table, place="Wendelbach")
    assert (total.parent_place, total.place_level, total.value) == ("", "stadt", 2868.0)  # the city's own row: no parent


def test_a_constant_column_that_names_no_city_is_no_parent():
    grid = [["Kategorie", "Stadtteil", "Einwohner"], ["Bevoelkerung", "Altdorf", "1220"], ["Bevoelkerung", "Neuhof", "1648"],
            ["Bevoelkerung", "Au", "300"]]
    table = normalise_table(TableGrid("einwohner", grid))
    assert {f.parent_place for f in table.facts} == {""}


def test_a_gemeinde_column_lists_areas_of_a_kreis_and_a_dated_group_label_keeps_no_preposition(tmp_path):
    from assistant.core.settings import IngestSettings
    from ingest.loaders import load_file
    from tests.ingest.tables.statistik_layouts import gemeinden_stichtage

    (table,) = load_file(gemeinden_stichtage(tmp_path), IngestSettings()).tables
    (riedwiese,) = _facts(table, place="Riedwiese", period="2022-12-31", indicator="Bevölkerung: weiblich")
    assert (riedwiese.value, riedwiese.place_level) == (4937.0, "other")  # a Gemeinde of the Kreis, not a city
    assert {f.place_level for f in _facts(table, place="Moorland")} == {"stadt"}  # the Kreis: the total


def test_a_title_that_only_says_where_adds_nothing_to_the_label():
    rows = [["Gemeinde", "Bevölkerung"], ["Torfstadt", "100"], ["Riedwiese", "200"], ["Heidmoor", "300"]]
    table = normalise_table(TableGrid("Bevölkerung der Gemeinden im Kreis Moorland", rows))
    assert {f.indicator for f in table.facts} == {"Bevölkerung"}


def test_years_as_rows_and_places_as_columns_under_a_title_naming_the_figure():
    grid = [["Arbeitslosenquote in den Stadtteilen (in %), jeweils 30.06.", "", "", ""],
            ["Jahr", "Altstadt", "Hafen", "Stadt gesamt"], ["2019", "8,1", "10,4", "7,9"], ["2023", "8,4", "10,9", "8,0"],
            ["Veränderung 2019–2023 (Prozentpunkte)", "+0,3", "+0,5", "+0,1"]]
    table = normalise_table(TableGrid("alq", grid))
    (hafen,) = _facts(table, place="Hafen", period="2023")
    assert (hafen.indicator, hafen.value, hafen.unit, hafen.place_level) == ("Arbeitslosenquote", 10.9, "%", "stadtteil")
    assert {f.place_level for f in _facts(table, place="Stadt gesamt")} == {"stadt"}
    assert {f.period for f in table.facts} == {"2019", "2023"}  # the change row is no period's figure

"""Spreadsheets shaped like the tables of a Statistisches Landesamt or a Kommunalstatistik, written by the tests.

Every layout has the quirks real exports have: title and "Stand" rows, two or three header rows with grouped (merged)
labels, a unit row, "davon"/"darunter" groups, code columns, Bezirk sums and a city total among the rows, footnotes,
secret-value markers, German numbers in text cells, years as columns or a date column, several sheets with a notes
sheet, a transposed table (places as columns), a change column beside the absolute values, age groups as columns.
The place names and figures are invented. Each writer returns the file's path; the tests know the figures.
"""

from __future__ import annotations

from pathlib import Path

# The invented city: two Bezirke with three Stadtteile each.
STADTTEILE = {"Altstadt": "Mitte", "Vorstadt": "Mitte", "Hafenviertel": "Mitte",
              "Nordhafen": "Nord", "Grünwald": "Nord", "Heidekamp": "Nord"}


def _book():
    import openpyxl

    book = openpyxl.Workbook()
    return book, book.active


def _saved(book, path: Path) -> Path:
    """The workbook written to `path`, which the writer returns."""
    book.save(path)
    return path


def bevoelkerung_geschlecht(folder: Path) -> Path:
    """Tabelle 1.3: Stadtteil rows with a code column, 'Einwohner insgesamt' + 'davon männlich/weiblich', a change column,
    a unit row, Bezirk sums ('Bezirk Mitte zusammen'), the city total, a secret marker, footnotes."""
    book, sheet = _book()
    sheet.title = "Tab 1.3"
    sheet.append(["Tabelle 1.3: Bevölkerung mit Hauptwohnsitz¹ nach Stadtteilen und Geschlecht"])
    sheet.merge_cells("A1:F1")
    sheet.append(["Stand: 31.12.2023"])
    sheet.append([])
    sheet.append(["Nr.", "Stadtteil", "Einwohner insgesamt", "davon", None, "Veränderung zum Vorjahr in %"])
    sheet.merge_cells("D4:E4")
    sheet.append([None, None, None, "männlich", "weiblich", None])
    sheet.append([None, None, "Anzahl", "Anzahl", "Anzahl", "%"])
    rows = [("01", "Altstadt", 1234, 600, 634, 1.2), ("02", "Vorstadt", 5678, 2790, 2888, -0.5),
            ("03", "Hafenviertel", 3456, ".", ".", 0.0)]
    for row in rows:  # Excel rows 7–9
        sheet.append(list(row))
    sheet.append([None, "Bezirk Mitte zusammen", 10368, 5100, 5268, 0.1])  # row 10
    for row in [("11", "Nordhafen", 2345, 1170, 1175, 2.3), ("12", "Grünwald", 7890, 3900, 3990, -1.1),
                ("13", "Heidekamp", "4 321", "2 100", "2 221", 0.4)]:  # rows 11–13, Heidekamp as German text numbers
        sheet.append(list(row))
    sheet.append([None, "Bezirk Nord zusammen", 14556, 7170, 7386, 0.2])  # row 14
    sheet.append([None, "Stadt insgesamt", 24924, 12270, 12654, 0.1])  # row 15
    sheet.append([])
    sheet.append(["¹ Ohne Personen mit Nebenwohnsitz."])
    sheet.append([". = Zahlenwert unbekannt oder geheim zu halten"])
    sheet.append(["Quelle: Einwohnermelderegister, eigene Berechnungen"])
    return _saved(book, folder / "bevoelkerung_geschlecht.xlsx")


def arbeitslose_jahre(folder: Path) -> Path:
    """Years as columns (wide) per Stadtbezirk, a 'Veränderung' column in percentage points, a unit line under the title,
    a notes sheet in front and a hidden helper sheet."""
    book, notes = _book()
    notes.title = "Erläuterungen"
    notes.append(["Erläuterungen"])
    notes.append(["Die Arbeitslosenquote bezieht sich auf alle zivilen Erwerbspersonen."])
    notes.append(["Quelle: Statistik der Bundesagentur für Arbeit."])
    sheet = book.create_sheet("Arbeitslosenquote")
    sheet.append(["Arbeitslosenquote nach Stadtbezirken 2019 bis 2023"])
    sheet.append(["in Prozent"])
    sheet.append(["Stadtbezirk", 2019, 2020, 2021, 2022, 2023, "Veränderung 2019–2023 in Prozentpunkten"])
    for row in [("Innenstadt", 9.1, 9.8, 9.5, 8.9, 8.4, -0.7), ("Friedrichsort", 6.2, 6.9, 6.6, 6.4, 6.8, 0.6),
                ("Südufer", 7.5, 8.1, 7.7, 7.9, 8.2, 0.7), ("Ellerbek", 11.3, 12.0, 11.2, 10.8, 10.1, -1.2),
                ("Hassee", 4.4, 4.9, 4.6, 4.5, 4.3, -0.1)]:  # rows 4–8
        sheet.append(list(row))
    sheet.append(["Stadt gesamt", 7.8, 8.4, 8.0, 7.8, 7.6, -0.2])  # row 9
    hidden = book.create_sheet("Hilfsrechnung")
    hidden.append(["Bezirk", "Wert"])
    hidden.append(["Mitte", 99999])
    hidden.sheet_state = "hidden"
    return _saved(book, folder / "arbeitslose_bezirke.xlsx")


def einwohner_zeitreihe(folder: Path) -> Path:
    """A long CSV (Latin-1, ';'): a date column in three spellings, German thousands, a share column, totals rows."""
    lines = ["Einwohnerinnen und Einwohner nach Stadtteilen;;;;", ";;;;",
             "Stichtag;Stadtteil;Einwohner;darunter unter 18 Jahre;Anteil unter 18 Jahre in %"]
    data = {"31.12.2021": [("Altstadt", "1.201", "150", "12,5"), ("Vorstadt", "5.512", "801", "14,5"),
                           ("Nordhafen", "2.298", "402", "17,5")],
            "2022-12-31": [("Altstadt", "1.219", "149", "12,2"), ("Vorstadt", "5.634", "822", "14,6"),
                           ("Nordhafen", "2.310", "410", "17,7")],
            "2023_12_31": [("Altstadt", "1.234", "155", "12,6"), ("Vorstadt", "5.678", "840", "14,8"),
                           ("Nordhafen", "2.345", "421", "18,0")]}
    for stichtag, rows in data.items():
        for name, total, young, share in rows:
            lines.append(f"{stichtag};{name};{total};{young};{share}")
        lines.append(f"{stichtag};Stadt insgesamt;24.000;3.500;14,6")
    lines += [";;;;", "Quelle: Melderegister;;;;"]
    path = folder / "einwohner_zeitreihe.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def sozialdaten_transponiert(folder: Path) -> Path:
    """Transposed: one row per indicator, places as columns (the city total last), a unit column."""
    book, sheet = _book()
    sheet.title = "Sozialdaten"
    sheet.append(["Sozialstrukturdaten der Stadtteile 2023"])
    sheet.append(["Merkmal", "Einheit", "Altstadt", "Vorstadt", "Hafenviertel", "Nordhafen", "Stadt insgesamt"])
    sheet.append(["SGB-II-Quote", "%", 12.1, 9.4, 21.7, 15.0, 11.9])  # row 3
    sheet.append(["Arbeitslose", "Anzahl", 61, 240, 388, 150, 1890])  # row 4
    sheet.append(["Wohngeldhaushalte", "Anzahl", 22, 95, 140, 61, 780])  # row 5
    return _saved(book, folder / "sozialdaten_transponiert.xlsx")


def kita_jahresblaetter(folder: Path) -> Path:
    """One sheet per year (the sheet name is the period), Sozialräume, a quota column; a notes sheet last."""
    book, first = _book()
    figures = {"2022": [("Altstadt-Hafen", 310, 120, 38.7), ("Nordhafen-West", 205, 98, 47.8), ("Grünwald-Süd", 420, 230, 54.8)],
               "2023": [("Altstadt-Hafen", 318, 131, 41.2), ("Nordhafen-West", 199, 101, 50.8), ("Grünwald-Süd", 431, 219, 50.8)]}
    for index, (year, rows) in enumerate(figures.items()):
        sheet = first if index == 0 else book.create_sheet()
        sheet.title = year
        sheet.append([f"Kindertagesbetreuung nach Sozialräumen, 1. März {year}"])
        sheet.append(["Sozialraum", "Kinder unter 3 Jahren", "Betreute Kinder unter 3 Jahren", "Betreuungsquote in %"])
        for row in rows:  # rows 3–5
            sheet.append(list(row))
    notes = book.create_sheet("Hinweise")
    notes.append(["Hinweise zur Tabelle"])
    notes.append(["Betreuungsquote: Anteil der betreuten Kinder an allen Kindern der Altersgruppe."])
    return _saved(book, folder / "kita_sozialraeume.xlsx")


def altersgruppen(folder: Path) -> Path:
    """Age groups as columns under a merged 'davon im Alter von … bis unter … Jahren' group, an 'Insgesamt' column."""
    book, sheet = _book()
    sheet.title = "Alter"
    sheet.append(["Bevölkerung am 31.12.2023 nach Altersgruppen und Stadtteilen"])
    sheet.append([])
    sheet.append(["Stadtteil", "Insgesamt", "davon im Alter von … bis unter … Jahren"])
    sheet.merge_cells("C3:H3")
    sheet.append([None, None, "0 – 3", "3 – 6", "6 – 15", "15 – 18", "18 – 65", "65 und älter"])
    for row in [("Altstadt", 1234, 30, 25, 80, 29, 820, 250), ("Vorstadt", 5678, 160, 150, 420, 110, 3900, 938),
                ("Nordhafen", 2345, 90, 88, 180, 63, 1500, 424)]:  # rows 5–7
        sheet.append(list(row))
    sheet.append(["Stadt insgesamt", 24924, 700, 690, 1900, 610, 16000, 5024])  # row 8
    return _saved(book, folder / "altersgruppen_stadtteile.xlsx")


def sgb2_sozialraeume(folder: Path) -> Path:
    """A ';' CSV with three header rows (group, labels, units), a Bezirk parent column, footnote marks on numbers,
    secret 'x' and '–' cells, a Bezirk sum row and the city total, a legend and a source line."""
    lines = ['"Leistungsberechtigte nach dem SGB II in den Sozialräumen, Dezember 2023";;;;;',
             ";;;;;",
             "Sozialraum;Stadtbezirk;Bedarfsgemeinschaften;Personen in Bedarfsgemeinschaften;;",
             ";;;insgesamt;darunter unter 15 Jahren;SGB-II-Quote",
             ";;Anzahl;Anzahl;Anzahl;%",
             "Altstadt-Hafen;Mitte;412;798;210;14,3",  # line 6
             "Vorstadt-Ring;Mitte;1.105;2.240;655;19,8",  # line 7
             "Nordhafen-West;Nord;233;401;x;7,1¹",  # line 8
             "Grünwald-Süd;Nord;–;–;–;–",  # line 9
             ";Mitte insgesamt;1.517;3.038;865;17,6",  # line 10
             "Stadt insgesamt;;2.950;5.690;1.610;12,4",  # line 11
             ";;;;;",
             "x = Zahlenwert unbekannt oder geheim zu halten;;;;;",
             "– = nichts vorhanden;;;;;",
             "¹ vorläufiger Wert;;;;;",
             "Quelle: Statistik der Bundesagentur für Arbeit;;;;;"]
    path = folder / "sgb2_sozialraeume.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def haushalte_gebiete(folder: Path) -> Path:
    """A generic 'Gebiet' column whose rows are grouped by mid-table Bezirk rows ('Stadtbezirk Nord'), Bezirk totals
    written as 'zusammen', the city as 'Stadt'; a two-row header with a merged group."""
    book, sheet = _book()
    sheet.title = "Haushalte"
    sheet.append(["Privathaushalte nach Haushaltstyp 2023"])
    sheet.append(["Gebiet", "Haushalte", "darunter", None])
    sheet.merge_cells("C2:D2")
    sheet.append([None, "insgesamt", "Einpersonenhaushalte", "mit Kindern"])
    sheet.append(["Stadtbezirk Mitte"])  # row 4
    for row in [("Altstadt", 780, 520, 61), ("Vorstadt", 3010, 1650, 402), ("Hafenviertel", 1900, 880, 310)]:  # 5–7
        sheet.append(list(row))
    sheet.append(["zusammen", 5690, 3050, 773])  # row 8
    sheet.append(["Stadtbezirk Nord"])  # row 9
    for row in [("Nordhafen", 1200, 610, 190), ("Grünwald", 3900, 1500, 720), ("Heidekamp", 2100, 990, 350)]:  # 10–12
        sheet.append(list(row))
    sheet.append(["zusammen", 7200, 3100, 1260])  # row 13
    sheet.append(["Stadt", 12890, 6150, 2033])  # row 14
    return _saved(book, folder / "haushalte_gebiete.xlsx")


def angebote_kategorien(folder: Path) -> Path:
    """Label columns that are no places: a Stadtteil's offers per Themenfeld (the place only in the title), a sheet of
    Träger with their Maßnahmen (no place at all), and an age-group sheet whose place is a heading row."""
    book, sheet = _book()
    sheet.title = "Themenfelder"
    sheet.append(["Angebote und Maßnahmen im Stadtteil Altstadt 2024"])
    sheet.append(["Themenfeld", "Angebote", "davon neu"])
    for row in [("Bildung", 7, 2), ("Armut", 6, 1), ("Jugend", 5, 0), ("Alter und Pflege", 3, 1)]:  # rows 3–6
        sheet.append(list(row))
    traeger = book.create_sheet("Träger")
    traeger.append(["Maßnahmen je Träger 2024"])
    traeger.append(["Träger", "Maßnahmen", "Teilnehmende"])
    for row in [("Diakonie", 4, 120), ("Caritas", 3, 95), ("AWO", 2, 40)]:
        traeger.append(list(row))
    return _saved(book, folder / "angebote_kategorien.xlsx")


def arbeitslose_monate(folder: Path) -> Path:
    """A long CSV of monthly figures: month names as the period ('Januar 2024', 'Feb. 2024'), a tab delimiter, a unit
    line under the header, a Stadt total per month."""
    lines = ["Arbeitslose nach Stadtbezirken (Monatswerte)", "Berichtsmonat\tStadtbezirk\tArbeitslose\tdarunter Langzeitarbeitslose",
             "\t\tAnzahl\tAnzahl"]
    for month, values in [("Januar 2024", (410, 1210)), ("Feb. 2024", (402, 1190)), ("März 2024", (395, 1170))]:
        for name, value in zip(("Hassee", "Ellerbek"), values, strict=True):
            lines.append(f"{month}\t{name}\t{value}\t{value // 3}")
        lines.append(f"{month}\tStadt insgesamt\t{sum(values)}\t{sum(values) // 3}")
    path = folder / "arbeitslose_monate.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def bad_workbook(folder: Path) -> Path:
    """One good sheet among bad ones: empty, header only, 1,000 columns, mixed types, formulas without cached values,
    a hidden sheet. The good sheet must still give its facts."""
    book, good = _book()
    good.title = "Gut"
    good.append(["Stadtteil", "Spielplätze"])
    good.append(["Altstadt", 4])
    good.append(["Vorstadt", 9])
    good.append(["Nordhafen", 6])
    book.create_sheet("leer")
    header = book.create_sheet("nur Kopf")
    header.append(["Stadtteil", "Einwohner", "Haushalte"])
    wide = book.create_sheet("breit")
    wide.append(["Stadtteil"] + [f"Merkmal {n}" for n in range(1, 1000)])
    wide.append(["Altstadt"] + list(range(1, 1000)))
    mixed = book.create_sheet("gemischt")
    mixed.append(["Stadtteil", "Wert"])
    for row in [("Altstadt", 5), ("Vorstadt", "viele"), ("Nordhafen", "ca. 7"), ("Grünwald", 3), ("Heidekamp", 8)]:
        mixed.append(list(row))
    formulas = book.create_sheet("Formeln")
    formulas.append(["Stadtteil", "Einwohner"])
    formulas.append(["Altstadt", 10])
    formulas.append(["Vorstadt", 20])
    formulas.append(["Summe", "=SUM(B2:B3)"])
    hidden = book.create_sheet("versteckt")
    hidden.append(["Stadtteil", "Geheim"])
    hidden.append(["Altstadt", 1])
    hidden.sheet_state = "hidden"
    return _saved(book, folder / "schlechte_mappe.xlsx")


def itnrw_genesis(folder: Path) -> Path:
    """An IT.NRW / GENESIS export (cp1252, ';'): title lines, a header block whose first columns are blank, a Stichtag
    column ('31.12.2023'), an AGS code column, names with their type ('Bergheide, Stadt'), the Kreis as the first row of
    every Stichtag (its AGS ends in 000), markers '-', '.', 'x', '...', and the '____' and '©' footer."""
    lines = ["Bevölkerungsstand: Gemeinden, Stichtag, Geschlecht;;;;;",
             "Fortschreibung des Bevölkerungsstandes;;;;;",
             "Gebietsstand: 01.01.2024;;;;;",
             ";;;;;",
             ";;;Bevölkerung;Bevölkerung;Bevölkerung",
             ";;;Insgesamt;männlich;weiblich"]
    data = {"31.12.2022": [("05998000", "Heideland, Kreis", "101620", "49900", "51720"),
                           ("05998004", "Bergheide, Stadt", "41250", "20210", "21040"),
                           ("05998008", "Lindenau, Stadt", "32870", "16110", "16760"),
                           ("05998012", "Ostwalde", "15300", "-", "."),
                           ("05998016", "Rabenfeld", "12200", "x", "...")],
            "31.12.2023": [("05998000", "Heideland, Kreis", "102110", "50150", "51960"),
                           ("05998004", "Bergheide, Stadt", "41480", "20330", "21150"),
                           ("05998008", "Lindenau, Stadt", "32790", "16080", "16710"),
                           ("05998012", "Ostwalde", "15510", "7600", "7910"),
                           ("05998016", "Rabenfeld", "12330", "6020", "6310")]}
    for stichtag, rows in data.items():  # lines 7–11 and 12–16
        for ags, name, *values in rows:
            lines.append(";".join([stichtag, ags, name, *values]))
    lines += ["__________", "Fortschreibung auf Basis des Zensus 2011.;;;;;", "(C)opyright: siehe Impressum", "©  IT.NRW, Düsseldorf, 2024"]
    path = folder / "itnrw_bevoelkerung.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def ba_arbeitsmarkt(folder: Path) -> Path:
    """A Bundesagentur für Arbeit report: a title block (report, region, Berichtsmonat, Erstellungsdatum), three header rows
    (merged groups, sub-groups with 'absolut'/'in %' below a merged 'Veränderung gegenüber Vorjahresmonat'), a row of
    column numbers, the city first ('Lindenburg, Stadt'), '*' secret and '-' nothing."""
    book, sheet = _book()
    sheet.title = "Tabelle 1"
    sheet.append(["Arbeitsmarkt in Zahlen – Arbeitslose nach Stadtteilen"])
    sheet.append(["Agentur für Arbeit Lindenburg"])
    sheet.append(["Berichtsmonat: Juni 2024"])
    sheet.append(["Erstellungsdatum: 03.07.2024"])
    sheet.append([])
    sheet.append(["Region", "Arbeitslose", None, None, None, "Arbeitslosenquote bezogen auf alle zivilen Erwerbspersonen", None])
    sheet.merge_cells("B6:E6")
    sheet.merge_cells("F6:G6")
    sheet.append([None, "insgesamt", "darunter: Rechtskreis SGB II", "Veränderung gegenüber Vorjahresmonat", None, "insgesamt",
                  "darunter: Rechtskreis SGB II"])
    sheet.merge_cells("D7:E7")
    sheet.append([None, None, None, "absolut", "in %", None, None])
    sheet.append([None, 1, 2, 3, 4, 5, 6])
    rows = [("Lindenburg, Stadt", 8420, 5630, 312, 3.8, 7.4, 4.9),  # row 10
            ("Mühlenberg", 1210, 840, 45, 3.9, 6.8, 4.7),
            ("Kastanienhof", 2950, 2100, 120, 4.2, 9.9, 7.0),
            ("Eichenau", 640, "*", -12, -1.8, 4.1, "*"),
            ("Sandkuhle", 1880, 1310, "-", "-", 8.2, 5.7),
            ("Weidendamm", 1740, 1380, 159, 10.1, 7.7, 6.1)]  # row 15
    for row in rows:
        sheet.append(list(row))
    sheet.append([])
    sheet.append(["* aus Datenschutzgründen und Gründen der statistischen Geheimhaltung anonymisiert"])
    sheet.append(["- nichts vorhanden"])
    sheet.append(["© Statistik der Bundesagentur für Arbeit"])
    return _saved(book, folder / "ba_arbeitsmarkt.xlsx")


def jahrbuch(folder: Path) -> Path:
    """A Statistisches Jahrbuch: an 'Inhalt' sheet, two table sheets with a numbered title ('3.4 …'), years as columns
    with empty spacer columns, Stadtbezirk rows and 'Stadt insgesamt' at the bottom, a 'Veränderung … in %' column,
    footnote marks in cells ('1 234¹)', '1 234 1)'), footnotes below, an 'Erläuterungen' sheet last."""
    book, contents = _book()
    contents.title = "Inhalt"
    contents.append(["Statistisches Jahrbuch 2024 – Kapitel 3: Arbeit und Wirtschaft"])
    contents.append(["3.4 Sozialversicherungspflichtig Beschäftigte am Arbeitsort 2019 bis 2023"])
    contents.append(["3.5 Arbeitslose nach Stadtbezirken 2021 bis 2023"])
    sheet = book.create_sheet("3.4")
    sheet.append(["3.4 Sozialversicherungspflichtig Beschäftigte am Arbeitsort 2019 bis 2023"])
    sheet.append([])
    sheet.append(["Stadtbezirk", None, "2019", "2020", "2021", "2022", "2023", None, "Veränderung 2023 gegenüber 2019 in %"])
    rows = [("Westend", 21430, 21010, 21390, 21980, 22410, 4.6),  # row 4
            ("Ostheide", 8120, 7990, "8 020¹)", 8230, 8310, 2.3),
            ("Südpark", 12640, 12210, 12380, "12 710 1)", 12950, 2.5),
            ("Nordufer", 5310, 5190, 5240, 5360, ".", "."),
            ("Kirchberg 2)", 3020, 2980, 3050, 3110, 3180, 5.3)]  # row 8, a footnote mark on the name
    for name, *values in rows:
        sheet.append([name, None, *values[:5], None, values[5]])
    sheet.append(["Stadt insgesamt", None, 50520, 49380, 50080, 51390, 52330, None, 3.6])  # row 9
    sheet.append([])
    sheet.append(["1) Änderung der Zuordnung von Betrieben zu Stadtbezirken."])
    sheet.append(["2) Ab 2020 einschließlich des Gewerbegebiets Am Kirchberg."])
    sheet.append(["Quelle: Bundesagentur für Arbeit; Stichtag jeweils 30. Juni."])
    second = book.create_sheet("3.5")
    second.append(["3.5 Arbeitslose nach Stadtbezirken 2021 bis 2023"])
    second.append(["Stadtbezirk", None, "2021¹)", 2022, 2023])
    for name, *values in [("Westend", 1320, 1290, 1350), ("Ostheide", 610, 585, 640), ("Südpark", 905, 870, 910),
                          ("Nordufer", 402, 398, 415), ("Kirchberg", 180, 176, 171)]:  # rows 3–7
        second.append([name, None, *values])
    second.append(["Stadt insgesamt", None, 3417, 3319, 3486])  # row 8
    second.append(["Jahresdurchschnitt."])
    second.append(["1) Erstmals mit den Daten der zugelassenen kommunalen Träger."])
    notes = book.create_sheet("Erläuterungen")
    notes.append(["Erläuterungen"])
    notes.append(["Sozialversicherungspflichtig Beschäftigte: Beschäftigte, die kranken-, renten- oder pflegeversichert sind."])
    notes.append(["Zeichenerklärung: . = Zahlenwert unbekannt oder geheim zu halten"])
    return _saved(book, folder / "jahrbuch_kapitel3.xlsx")


def grundsicherung_bezirke(folder: Path) -> Path:
    """The figure named only in the title ('Empfänger/-innen insgesamt' under 'Empfängerinnen und Empfänger von
    Grundsicherung …'), two merged groups over years (the second a 'darunter' group), the unit written once under each
    group's first year, a footnote mark on the newest year, a city total and footnote rows."""
    book, sheet = _book()
    sheet.title = "Tab 4.2"
    sheet.append(["Tabelle 4.2: Empfängerinnen und Empfänger von Grundsicherung im Alter und bei Erwerbsminderung "
                  "(SGB XII, 4. Kapitel) nach Stadtbezirken"])
    sheet.append(["jeweils am 31.12."])
    sheet.append([])
    sheet.append(["Stadtbezirk", "Empfänger/-innen insgesamt", None, None, None, None, "darunter 65 Jahre und älter", None])
    sheet.merge_cells("B4:F4")
    sheet.merge_cells("G4:H4")
    sheet.append([None, "2019", "2020", "2021", "2022", "2023 1)", "2022", "2023 1)"])
    sheet.append([None, "Anzahl", None, None, None, None, "Anzahl", None])
    for row in [("Innenstadt", 2410, 2488, 2532, 2611, 2702, 1420, 1475), ("Friedrichsort", 905, 921, 948, 977, 1003, 561, 580),
                ("Südufer", 612, 630, 641, 655, 671, 402, 415), ("Ellerbek", 388, 391, 402, 417, 425, 251, 262),
                ("Hassee", 1011, 1040, 1066, 1092, 1118, 603, 627)]:  # rows 7–11
        sheet.append(list(row))
    sheet.append(["Stadt Lindenburg insgesamt", 5326, 5470, 5589, 5752, 5919, 3237, 3359])
    sheet.append([])
    sheet.append(["1) vorläufige Werte"])
    sheet.append(["Quelle: Fachbereich Soziales; eigene Auswertung"])
    return _saved(book, folder / "grundsicherung_bezirke.xlsx")


def hauptwohnung_nummern(folder: Path) -> Path:
    """(Another town: not in WRITERS.) The area number in the name cell ('21 Kirchdorf'), dates merged over
    'insgesamt | männlich | weiblich', the figure named 'Bevölkerung am Ort der Hauptwohnung' in the title only, a city
    total and a footnote."""
    book, sheet = _book()
    sheet.title = "Tab 2.1"
    sheet.append(["Bevölkerung am Ort der Hauptwohnung nach Stadtteilen und Geschlecht 2021 bis 2023"])
    sheet.append(["Stand jeweils 31.12.; Quelle: Einwohnermelderegister"])
    sheet.append([])
    sheet.append(["Stadtteil", "31.12.2021", None, None, "31.12.2022", None, None, "31.12.2023", None, None])
    for first in ("B4:D4", "E4:G4", "H4:J4"):
        sheet.merge_cells(first)
    sheet.merge_cells("A4:A5")
    sheet.append([None] + ["insgesamt", "männlich", "weiblich"] * 3)
    for row in [("21 Kirchdorf", 8158, 4152, 4006, 8023, 4069, 3954, 8150, 4286, 3864),  # rows 6–8
                ("22 Mühlenfeld", 4309, 1988, 2321, 4560, 2100, 2460, 4809, 2224, 2585),
                ("23 - Am Deich", 3738, 1906, 1832, 3880, 1934, 1946, 3564, 1812, 1752)]:
        sheet.append(list(row))
    sheet.append(["Stadt insgesamt", 16205, 8046, 8159, 16463, 8103, 8360, 16523, 8322, 8201])
    sheet.append([])
    sheet.append(["1) Ab 2022 bereinigtes Melderegister."])
    return _saved(book, folder / "hauptwohnung_nummern.xlsx")


def sgb2_berichtsmonate(folder: Path) -> Path:
    """(Another town: not in WRITERS.) Three header rows (figure with a 'darunter' group, 'Dez. 2021' months, a unit
    row), the city total as the first data row, a note below; the figure named 'Regelleistungsberechtigte'."""
    book, sheet = _book()
    sheet.title = "SGB II"
    sheet.append(["Leistungsberechtigte nach dem SGB II in den Stadtbezirken"])
    sheet.append(["Quelle: Statistik der Bundesagentur für Arbeit; Berichtsmonat jeweils Dezember"])
    sheet.append([])
    sheet.append(["Gebiet", "Regelleistungsberechtigte", None, None, "darunter unter 15 Jahren", None, None])
    sheet.append([None, "Dez. 2021", "Dez. 2022", "Dez. 2023", "Dez. 2021", "Dez. 2022", "Dez. 2023"])
    sheet.append([None, "Anzahl", None, None, "Anzahl", None, None])
    for cells in ("B4:D4", "E4:G4", "A4:A6"):
        sheet.merge_cells(cells)
    sheet.append(["Stadt insgesamt", 10450, 10890, 11210, 3120, 3290, 3410])  # row 7
    for row in [("Innenstadt", 4210, 4390, 4520, 1290, 1350, 1402), ("Nordost", 2230, 2310, 2365, 650, 690, 712),  # rows 8–11
                ("Südwest", 1980, 2050, 2110, 580, 610, 633), ("Am Fluss", 2030, 2140, 2215, 600, 640, 663)]:
        sheet.append(list(row))
    sheet.append([])
    sheet.append(["Hinweis: Werte ab 2023 vorläufig."])
    return _saved(book, folder / "sgb2_berichtsmonate.xlsx")


def haushalte_kurzdatum(folder: Path) -> Path:
    """(Another town: not in WRITERS.) A long Latin-1 CSV: 'Stichtag' written '31.12.23', a Merkmal column, a totals
    row per date."""
    lines = ["Stichtag;Stadtteil;Merkmal;Anzahl"]
    for day, values in (("31.12.22", (1204, 2210, 870)), ("31.12.23", (1188, 2302, 905))):  # file lines 2–9
        lines += [f"{day};{place};Haushalte mit Kindern;{v}" for place, v in zip(("Altdorf", "Neudorf", "Hafen"), values, strict=True)]
        lines.append(f"{day};Stadt gesamt;Haushalte mit Kindern;{sum(values)}")
    path = folder / "haushalte_kurzdatum.csv"
    path.write_text("\n".join(lines) + "\n", encoding="latin-1")
    return path


def kita_u3_ue3(folder: Path) -> Path:
    """(Another town: not in WRITERS.) One sheet per year named by the year, 'Plätze U3' beside 'Plätze Ü3' (two
    figures that fold alike), the figure's subject ('Kita') only in the title and the file name."""
    book, sheet = _book()
    for index, (year, values) in enumerate((("2022", (312, 198, 141)), ("2023", (335, 205, 150)))):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = year
        sheet.append([f"Kita-Plätze nach Sozialräumen {year}"])
        sheet.append(["Sozialraum", "Plätze U3", "Plätze Ü3"])
        for name, value in zip(("Kernstadt", "Hügelland", "Talaue"), values, strict=True):  # rows 3–5
            sheet.append([name, value, value * 3])
    return _saved(book, folder / "kita_plaetze.xlsx")


def zwei_tabellen_vorlaeufig(folder: Path) -> Path:
    """(Another town: not in WRITERS.) Two tables on one sheet, each under its own title row; a long table with a
    'Jahr' column whose newest year is '2023p', status marks on values ('421 p'), secret and pending cells ('x',
    '...'), a 'dar.' sub-column, a legend line under the second table."""
    book, sheet = _book()
    sheet.title = "Daten"
    sheet.append(["Tabelle 5: Arbeitslose nach Ortsteilen"])
    sheet.append(["Jahr", "Ortsteil", "Arbeitslose", "dar. Langzeitarbeitslose"])
    for row in [(2021, "Oberdorf", 412, 150), (2021, "Unterdorf", 655, 240), (2021, "Mittelfeld", 298, "x"),  # rows 3–5
                (2022, "Oberdorf", 398, 141), (2022, "Unterdorf", 670, 251), (2022, "Mittelfeld", 305, 101),  # rows 6–8
                ("2023p", "Oberdorf", "421 p", "152 p"), ("2023p", "Unterdorf", "688 p", "260 p"),  # rows 9–10
                ("2023p", "Mittelfeld", "...", "...")]:  # row 11
        sheet.append(list(row))
    sheet.append([])
    sheet.append([])
    sheet.append(["Tabelle 6: Bedarfsgemeinschaften nach Ortsteilen 2023"])  # row 14
    sheet.append(["Ortsteil", "Bedarfsgemeinschaften", "darunter mit Kindern"])
    for row in [("Oberdorf", 520, 180), ("Unterdorf", 910, 350), ("Mittelfeld", 380, 120)]:  # rows 16–18
        sheet.append(list(row))
    sheet.append(["p = vorläufig; x = geheim; ... = Angabe fällt später an"])
    return _saved(book, folder / "arbeitsmarkt_ortsteile.xlsx")


def kitas_ohne_stichtag(folder: Path) -> Path:
    """(Another town: not in WRITERS.) A comma-separated list with a byte-order mark and quoted numbers that states
    no date anywhere (nor does its file name)."""
    path = folder / "kitas.csv"
    path.write_text('Stadtteil,Kitas,Plätze,Belegungsquote %\n"Oberdorf",4,"312","96,5"\n"Unterdorf",6,"498","98,1"\n'
                    '"Mittelfeld",2,"140","91,0"\n', encoding="utf-8-sig")  # file lines 2–4
    return path


def gemeinden_stichtage(folder: Path) -> Path:
    """A Landesamt sheet of a Kreis's Gemeinden under a header 'Gemeinde' (areas, not the city), the Kreis first, two
    merged groups 'Bevölkerung am 31.12.2022' / '… 2023' over insgesamt/männlich/weiblich, a key column, footnotes."""
    book, sheet = _book()
    sheet.title = "Bevölkerung"
    sheet.append(["Statistisches Landesamt"])
    sheet.append(["Bevölkerung der Gemeinden im Kreis Moorland nach Geschlecht"])
    sheet.append(["Gebietsstand: 1.1.2024"])
    sheet.append([])
    sheet.append(["Gemeindeschlüssel", "Gemeinde", "Bevölkerung am 31.12.2022", None, None, "Bevölkerung am 31.12.2023", None, None])
    sheet.merge_cells("C5:E5")
    sheet.merge_cells("F5:H5")
    sheet.append([None, None, "insgesamt", "männlich", "weiblich", "insgesamt", "männlich", "weiblich"])
    for row in [("05997", "Moorland, Kreis", 78105, 38401, 39704, 78350, 38520, 39830),  # rows 7–11
                ("05997004", "Torfstadt, Stadt", 24860, 12153, 12707, 25011, 12260, 12751),
                ("05997008", "Birkenhain, Stadt", 31402, 15398, 16004, 31388, 15402, 15986),
                ("05997012", "Riedwiese", 9788, 4851, 4937, 9964, 4912, 5052),
                ("05997016", "Heidmoor", 12055, 5999, 6056, 11987, 5946, 6041)]:
        sheet.append(list(row))
    sheet.append([])
    sheet.append(["1) Fortschreibung auf Basis des Zensus 2011."])
    return _saved(book, folder / "gemeinden_stichtage.xlsx")


def alter_darunter_weiblich(folder: Path) -> Path:
    """A yearbook's age table: per Stadtteil a row 'insgesamt' and a row 'darunter weiblich' in a headerless label
    column (the name only in the first), age groups written '0 – 6' under a merged 'Alter von … bis unter … Jahren'."""
    book, sheet = _book()
    sheet.title = "Alter"
    sheet.append(["Tabelle 1.4 Bevölkerung am 31.12.2023 nach Altersgruppen und Stadtteilen"])
    sheet.append([])
    sheet.append(["Stadtteil", None, "Insgesamt", "Alter von … bis unter … Jahren", None, None, None, None])
    sheet.merge_cells("D3:H3")
    sheet.append([None, None, None, "0 – 6", "6 – 18", "18 – 65", "65 – 80", "80 und mehr"])
    for row in [("Uferhang", "insgesamt", 5120, 310, 520, 3300, 700, 290),  # rows 5–12
                (None, "darunter weiblich", 2640, 150, 250, 1650, 390, 200),
                ("Brückenviertel", "insgesamt", 8230, 610, 1020, 5200, 1000, 400),
                (None, "darunter weiblich", 4190, 300, 500, 2600, 540, 250),
                ("Seeblick", "insgesamt", 4010, 120, 300, 2700, 610, 280),
                (None, "darunter weiblich", 1600, 60, 150, 850, 340, 200),
                ("Stadt insgesamt", "insgesamt", 17360, 1040, 1840, 11200, 2310, 970),
                (None, "darunter weiblich", 8430, 510, 900, 5100, 1270, 650)]:
        sheet.append(list(row))
    return _saved(book, folder / "alter_darunter_weiblich.xlsx")


WRITERS = (bevoelkerung_geschlecht, arbeitslose_jahre, einwohner_zeitreihe, sozialdaten_transponiert, kita_jahresblaetter,
           altersgruppen, sgb2_sozialraeume, haushalte_gebiete, arbeitslose_monate, bad_workbook,
           itnrw_genesis, ba_arbeitsmarkt, jahrbuch, grundsicherung_bezirke)


def write_all(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return {writer.__name__: writer(folder) for writer in WRITERS}

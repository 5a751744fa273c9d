"""End to end on statistics-office layouts: the files ingested into a temporary data directory (fake embedder, real
loaders, SQLite fact store), figure questions answered by the Kennzahlen engine with the right figure and row citation."""

from __future__ import annotations

import pytest

from assistant.bootstrap import build_services
from assistant.core.settings import Settings
from assistant.testing.fakes import FakeEmbedder
from tests.ingest.tables import statistik_layouts as layouts

# (question, figures the answer must show, document, file row one citation must point to)
QUESTIONS = [
    ("Wie viele Frauen leben in Nordhafen?", ["1.175"], "bevoelkerung-geschlecht-xlsx", 11),
    ("Welcher Stadtteil hat die meisten Einwohner?", ["Grünwald", "7.890"], "bevoelkerung-geschlecht-xlsx", 12),
    ("Wie viele Stadtteile haben mehr als 3.000 Einwohner?", ["4 von 6"], "bevoelkerung-geschlecht-xlsx", 9),
    ("Wie viele Einwohner hat Heidekamp?", ["4.321"], "bevoelkerung-geschlecht-xlsx", 13),
    ("Wie hoch war die Arbeitslosenquote 2023 in Ellerbek?", ["10,1 %"], "arbeitslose-bezirke-xlsx", 7),
    ("Welcher Stadtbezirk hatte 2023 die höchste Arbeitslosenquote?", ["Ellerbek", "10,1 %"], "arbeitslose-bezirke-xlsx", 7),
    ("In welchen Stadtbezirken lag die Arbeitslosenquote 2023 über 8 %?", ["Innenstadt", "Südufer", "Ellerbek"],
     "arbeitslose-bezirke-xlsx", 6),
    ("Wie hat sich die Arbeitslosenquote in Friedrichsort seit 2019 entwickelt?", ["6,2 %", "6,8 %"], "arbeitslose-bezirke-xlsx", 5),
    ("Wie viele Einwohner hatte Vorstadt 2022?", ["5.634"], "einwohner-zeitreihe-csv", 9),
    ("Wie hat sich die Einwohnerzahl in Altstadt seit 2021 entwickelt?", ["1.201", "1.234"], "einwohner-zeitreihe-csv", 4),
    ("Wie viele Einwohner unter 18 Jahren hatte Altstadt 2022?", ["149"], "einwohner-zeitreihe-csv", 8),
    ("Wie hoch ist die SGB-II-Quote in Hafenviertel?", ["21,7 %"], "sozialdaten-transponiert-xlsx", 3),
    ("Welcher Stadtteil hat die meisten Arbeitslosen?", ["Hafenviertel", "388"], "sozialdaten-transponiert-xlsx", 4),
    ("Welcher Sozialraum hatte 2023 die höchste Betreuungsquote?", ["50,8 %"], "kita-sozialraeume-xlsx", 4),
    ("Wie viele Kinder unter 3 Jahren gab es 2022 in Grünwald-Süd?", ["420"], "kita-sozialraeume-xlsx", 5),
    ("Wie viele Kinder unter 6 Jahren leben in Vorstadt?", ["310"], "altersgruppen-stadtteile-xlsx", 6),
    ("Wie viele Einwohner ab 65 Jahren leben in Nordhafen?", ["424"], "altersgruppen-stadtteile-xlsx", 7),
    ("Welcher Sozialraum hat die höchste SGB-II-Quote?", ["Vorstadt-Ring", "19,8 %"], "sgb2-sozialraeume-csv", 7),
    ("In wie vielen Sozialräumen liegt die SGB-II-Quote über 10 %?", ["2 von 3"], "sgb2-sozialraeume-csv", 6),
    ("Wie viele Bedarfsgemeinschaften gibt es in Vorstadt-Ring?", ["1.105"], "sgb2-sozialraeume-csv", 7),
    ("Wie viele Einpersonenhaushalte gibt es in Grünwald?", ["1.500"], "haushalte-gebiete-xlsx", 11),
    ("Welcher Stadtteil hat die meisten Haushalte mit Kindern?", ["Grünwald", "720"], "haushalte-gebiete-xlsx", 11),
    ("Wie viele Langzeitarbeitslose gab es in Ellerbek?", ["390"], "arbeitslose-monate-csv", 11),
    ("Welcher Stadtbezirk hat die meisten Langzeitarbeitslosen?", ["Ellerbek", "390"], "arbeitslose-monate-csv", 11),
    ("Wie viele Einwohner hatte Bergheide am 31.12.2023?", ["41.480"], "itnrw-bevoelkerung-csv", 13),
    ("Wie viele Frauen lebten 2022 in Lindenau?", ["16.760"], "itnrw-bevoelkerung-csv", 9),
    ("Welche Gemeinde hatte 2022 die wenigsten Einwohner?", ["Rabenfeld", "12.200"], "itnrw-bevoelkerung-csv", 11),
    ("Wie viele Einwohner hatte der Kreis Heideland 2023?", ["102.110"], "itnrw-bevoelkerung-csv", 12),
    ("Wie viele Arbeitslose gibt es in Kastanienhof?", ["2.950"], "ba-arbeitsmarkt-xlsx", 12),
    ("Welcher Stadtteil hat die höchste Arbeitslosenquote?", ["Kastanienhof", "9,9 %"], "ba-arbeitsmarkt-xlsx", 12),
    ("Wie hoch ist die Arbeitslosenquote in Weidendamm?", ["7,7 %"], "ba-arbeitsmarkt-xlsx", 15),
    ("Wie viele sozialversicherungspflichtig Beschäftigte gab es 2022 in Südpark?", ["12.710"], "jahrbuch-kapitel3-xlsx", 6),
    ("Welcher Stadtbezirk hatte 2023 die meisten sozialversicherungspflichtig Beschäftigten?", ["Westend", "22.410"],
     "jahrbuch-kapitel3-xlsx", 4),
    ("Wie haben sich die Arbeitslosen in Westend seit 2021 entwickelt?", ["1.320", "1.350"], "jahrbuch-kapitel3-xlsx", 3),
    ("Wie hat sich die Zahl der Grundsicherungsempfänger in Südufer seit 2019 entwickelt?", ["612", "671"],
     "grundsicherung-bezirke-xlsx", 9),
    ("Wie viele Empfänger von Grundsicherung ab 65 Jahren gab es 2022 in Ellerbek?", ["251"], "grundsicherung-bezirke-xlsx", 10),
    ("Wie viele Grundsicherungsempfänger gab es 2023?", ["5.919"], "grundsicherung-bezirke-xlsx", 12),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    root = tmp_path_factory.mktemp("statistik")
    layouts.write_all(root / "docs")
    services = build_services(Settings(data_dir=root / "data"), embedder=FakeEmbedder(dim=64))
    report = services.ingestion.ingest([root / "docs"])
    assert not report.failed, report.failed
    return services.answering.kennzahlen


@pytest.mark.parametrize(("question", "figures", "doc", "row"), QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_figure_question_is_answered_with_its_row(engine, question, figures, doc, row):
    answer = engine.answer(question)
    assert answer is not None and not answer.refused, question
    for figure in figures:
        assert figure in answer.text, (figure, answer.text)
    assert (doc, row) in {(c.doc_id, c.row) for c in answer.citations}, answer.citations


def test_hidden_sheet_and_totals_give_no_answers(engine):
    answer = engine.answer("Welcher Stadtteil hat die meisten Einwohner?")
    assert "insgesamt" not in answer.text.split("Eigene Berechnung")[0].lower()
    assert all("99.999" not in (engine.answer(q).text if engine.answer(q) else "") for q in
               ["Wie hoch war die Arbeitslosenquote 2023 in Innenstadt?"])


# Another town's sheet, ingested alone: area numbers in the name cells, the figure named in the title only.
OTHER_TOWN = [
    ("Wie viele Menschen leben in Mühlenfeld?", ["4.809"], 7),
    ("Wie viele Frauen lebten 2022 in Kirchdorf?", ["3.954"], 6),
    ("Wie hat sich die Einwohnerzahl in Am Deich seit 2021 entwickelt?", ["3.738", "3.564"], 8),
    ("Wo leben die wenigsten Menschen?", ["Am Deich", "3.564"], 8),
    ("Wie hoch ist der Frauenanteil in Am Deich?", ["49,2 %"], 8),  # 1.752 ÷ 3.564 of the row, not stated anywhere
    ("Wo ist der Anteil der Frauen am höchsten?", ["Mühlenfeld", "53,8 %"], 7),
    ("Wie viele Regelleistungsberechtigte gab es im Dezember 2023 in Nordost?", ["2.365", "12/2023"], 9, "sgb2-berichtsmonate-xlsx"),
    ("Welcher Bezirk hat die meisten Leistungsberechtigten?", ["Innenstadt", "4.520"], 8, "sgb2-berichtsmonate-xlsx"),
    ("Wie viele Leistungsberechtigte gibt es in der Stadt insgesamt?", ["11.210"], 7, "sgb2-berichtsmonate-xlsx"),
    ("Wie viele Haushalte mit Kindern gab es Ende 2022 in Altdorf?", ["1.204"], 2, "haushalte-kurzdatum-csv"),
    ("Wie hat sich die Zahl der Haushalte mit Kindern in Hafen entwickelt?", ["870", "905"], 8, "haushalte-kurzdatum-csv"),
    ("Welcher Sozialraum hat die meisten Plätze Ü3?", ["Kernstadt", "1.005"], 3, "kita-plaetze-xlsx"),  # not U3's 335
    ("Wie viele Kita-Plätze für unter Dreijährige gibt es in Talaue?", ["150"], 5, "kita-plaetze-xlsx"),
    ("Wie viele Arbeitslose gibt es in Oberdorf?", ["421", "2023"], 9, "arbeitsmarkt-ortsteile-xlsx"),  # '421 p', '2023p'
    ("Wie viele Langzeitarbeitslose gibt es in Unterdorf?", ["260"], 10, "arbeitsmarkt-ortsteile-xlsx"),
    ("Welcher Ortsteil hat die meisten Bedarfsgemeinschaften?", ["Unterdorf", "910"], 17, "arbeitsmarkt-ortsteile-xlsx"),
    ("Wie hat sich die Arbeitslosigkeit in Unterdorf entwickelt?", ["655", "688"], 4, "arbeitsmarkt-ortsteile-xlsx"),
    ("Wie viele Kitas gibt es in Unterdorf?", ["6", "ohne Stichtag"], 3, "kitas-csv"),
    ("Wo gibt es die meisten Kita-Plätze?", ["Unterdorf", "498"], 3, "kitas-csv"),
    ("Gibt es in Kirchdorf mehr Frauen als Männer?", ["3.864", "4.286", "Mehr sind es bei „Männer“"], 6),
    ("Leben 2022 in Mühlenfeld mehr Männer oder Frauen?", ["2.100", "2.460", "Mehr sind es bei „Frauen“"], 7),
    # a Kreis's Gemeinden under the header 'Gemeinde', dated column groups 'Bevölkerung am 31.12.2022'
    ("Welche Gemeinde hat die meisten Einwohner?", ["Birkenhain", "31.388"], 9, "gemeinden-stichtage-xlsx"),
    ("Welche Gemeinden haben mehr als 20.000 Einwohner?", ["Birkenhain", "Torfstadt"], 8, "gemeinden-stichtage-xlsx"),
    ("Wie viele Frauen lebten 2022 in Riedwiese?", ["4.937"], 10, "gemeinden-stichtage-xlsx"),
    ("Wie viele Einwohner hat der Kreis Moorland?", ["78.350"], 7, "gemeinden-stichtage-xlsx"),
    # 'insgesamt' / 'darunter weiblich' rows per Stadtteil, age groups written '0 – 6'
    ("Wie viele Frauen leben in Brückenviertel?", ["4.190"], 8, "alter-darunter-weiblich-xlsx"),
    ("Wie viele Kinder unter 6 leben in Seeblick?", ["120"], 9, "alter-darunter-weiblich-xlsx"),
    ("Wie viele Frauen über 80 leben in Seeblick?", ["200"], 10, "alter-darunter-weiblich-xlsx"),
    ("Wie viele Menschen über 65 leben in Uferhang?", ["990"], 5, "alter-darunter-weiblich-xlsx"),
]


@pytest.fixture(scope="module")
def other_town(tmp_path_factory):
    root = tmp_path_factory.mktemp("andere-stadt")
    (root / "docs").mkdir()
    for writer in (layouts.hauptwohnung_nummern, layouts.sgb2_berichtsmonate, layouts.haushalte_kurzdatum, layouts.kita_u3_ue3,
                   layouts.zwei_tabellen_vorlaeufig, layouts.kitas_ohne_stichtag, layouts.gemeinden_stichtage,
                   layouts.alter_darunter_weiblich):
        writer(root / "docs")
    services = build_services(Settings(data_dir=root / "data"), embedder=FakeEmbedder(dim=64))
    assert not services.ingestion.ingest([root / "docs"]).failed
    return services.answering.kennzahlen


@pytest.mark.parametrize(("question", "figures", "row", "doc"), [(*q, "hauptwohnung-nummern-xlsx")[:4] for q in OTHER_TOWN],
                         ids=[q[0] for q in OTHER_TOWN])
def test_another_towns_sheets_numbered_names_month_headers_and_short_dates(other_town, question, figures, row, doc):
    answer = other_town.answer(question)
    assert answer is not None and not answer.refused, question
    for figure in figures:
        assert figure in answer.text, (figure, answer.text)
    assert "22 Mühlenfeld" not in answer.text.split("|")[0]  # the name a reader asks for, without its number
    assert (doc, row) in {(c.doc_id, c.row) for c in answer.citations}, answer.citations


def test_a_secret_cell_is_said_to_be_withheld_not_answered_from_its_row(other_town):
    answer = other_town.answer("Wie viele Langzeitarbeitslose gab es 2021 in Mittelfeld?")
    assert answer is not None and answer.refused and "„x“" in answer.text and "101" in answer.text  # 2022 offered, labelled


def test_a_year_asked_of_an_undated_table_is_not_presumed(other_town):
    answer = other_town.answer("Wie viele Kitas gab es 2023 in Oberdorf?")
    assert answer.refused and "keinen Stichtag" in answer.text and "4" in answer.text

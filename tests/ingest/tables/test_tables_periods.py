"""Periods in the forms statistics offices write them; impossible dates are reported, never fatal."""

import pytest

from ingest.tables.periods import parse_period, year_in


@pytest.mark.parametrize(
    ("raw", "period"),
    [("2023_12_31", "2023-12-31"), ("31_12_2023", "2023-12-31"), ("31.12.2023", "2023-12-31"), ("2023", "2023"),
     ("2023-06-30", "2023-06-30"), ("12/2023", "2023-12"), (" 2024 ", "2024"),
     ("Dezember 2023", "2023-12"), ("Dez. 2023", "2023-12"), ("März 2024", "2024-03"), ("4. Quartal 2023", "2023-Q4"),
     ("Q1 2024", "2024-Q1"), ("2024 Q2", "2024-Q2")],
)
def test_period_forms(raw, period):
    assert parse_period(raw) == (period, None)


def test_impossible_date_keeps_year_and_warns():
    period, warning = parse_period("2020_12_32")
    assert period == "2020"
    assert warning and "2020_12_32" in warning


@pytest.mark.parametrize("raw", ["Altstadt", "1234567", "", "3", "Mainz 2023", "Julian 2020"])
def test_no_period(raw):
    assert parse_period(raw)[0] is None


def test_year_inside_a_label():
    assert year_in("Einwohnerinnen und Einwohner 2024") == ("2024", "Einwohnerinnen und Einwohner")
    assert year_in("u18 % 2019") == ("2019", "u18 %")
    assert year_in("Einwohner") is None


def test_a_table_without_a_year_holds_the_data_date_the_paragraph_above_names(tmp_path):
    from assistant.core.settings import IngestSettings
    from ingest.loaders import load_file

    path = tmp_path / "protokoll-2025-01.md"
    path.write_text(
        "# Protokoll vom 22.01.2025\n\nDie Sozialplanung stellt die Kennzahlen vor (Stand 31.12.2023). Die Werte zum 31.12.2024 "
        "folgen später.\n\n| Indikator | Altstadt | Vorstadt |\n|---|---|---|\n| Kinderarmut | 47,2 % | 12,0 % |\n\n"
        "Ohne Datum darüber:\n\n| Indikator | Altstadt |\n|---|---|\n| Einwohner | 1.200 |\n",
        encoding="utf-8",
    )
    tables = load_file(path, IngestSettings()).tables
    assert {f.period for f in tables[0].facts} == {"2023-12-31"}
    assert {f.period for f in tables[1].facts} != {"2023-12-31"}


def test_period_of_a_title_line():
    from ingest.tables.periods import period_of_title

    assert period_of_title("Berichtsmonat: Juni 2024") == "2024-06"
    assert period_of_title("Erstellungsdatum: 03.07.2024") is None
    assert period_of_title("Gebietsstand: 01.01.2024") is None
    assert period_of_title("Kindertagesbetreuung nach Sozialräumen, 1. März 2023") == "2023"
    assert period_of_title("Stand: 31.12.2023") == "2023-12-31"


def test_a_german_date_with_a_two_digit_year_is_a_date():
    from ingest.tables.periods import parse_period

    assert parse_period("31.12.23") == ("2023-12-31", None)
    assert parse_period("30.06.99") == ("1999-06-30", None)
    assert parse_period("12,5") == (None, None) and parse_period("1.234") == (None, None)


def test_a_date_cut_from_a_label_takes_its_preposition_along():
    assert year_in("Bevölkerung am 31.12.2022") == ("2022-12-31", "Bevölkerung")
    assert year_in("Einwohner zum 30.06.2023 insgesamt") == ("2023-06-30", "Einwohner insgesamt")
    assert year_in("Haushalte per 31.12.2021") == ("2021-12-31", "Haushalte")

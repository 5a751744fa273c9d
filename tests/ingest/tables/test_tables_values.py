"""Number, marker and unit parsing as German statistics offices write them."""

import pytest

from ingest.tables.values import dot_is_decimal, is_missing, parse_number, strip_unit, unit_of


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1.234,5", 1234.5), ("1 675", 1675.0), ("31.574", 31574.0), ("19,6 %", 19.6), ("-3,2", -3.2), ("12", 12.0),
     ("1.234.567", 1234567.0), ("  42 ", 42.0), ("1\u00a0200 €", 1200.0), ("7*", 7.0), ("±0,0", 0.0), ("+0,2", 0.2)],
)
def test_german_numbers(raw, expected):
    assert parse_number(raw) == pytest.approx(expected)


def test_dot_decimal_column_reads_english_points():
    samples = ["4.0", "16.0", "8.0", "520.0"]
    assert dot_is_decimal(samples)
    assert parse_number("4.0", dot_decimal=True) == 4.0
    assert not dot_is_decimal(["1.234", "31.574", "12"])
    assert parse_number("4.0") == 4.0  # alone, a dot followed by one digit is no German grouping


@pytest.mark.parametrize("raw", ["–", "-", ".", "x", "*", "…", "=SUMME(B2:B9)"])
def test_missing_markers(raw):
    assert is_missing(raw)
    assert parse_number(raw) is None


@pytest.mark.parametrize("text", ["Altstadt", "12a", "1.2.3.4", ""])
def test_text_is_no_number(text):
    assert parse_number(text) is None


def test_units_from_headers():
    assert unit_of("Anteil unter 18 (%)") == "%"
    assert unit_of("Quote in %") == "%"
    assert unit_of("Miete (€)") == "€"
    assert unit_of("Einwohner") == ""
    assert strip_unit("Anteil unter 18 (%)") == "Anteil unter 18"
    assert strip_unit("%") == "%"


def test_counts_written_as_floats_read_german_thousands():
    from ingest.tables.values import grouped_count, integral_column

    assert integral_column(["520.0", "3218.0", "8", "3.536"])
    assert not integral_column(["18.4", "17.0", "20.1", "19.9"])
    assert grouped_count("3.536") == 3536.0 and grouped_count("1.37") == 1370.0 and grouped_count("12.5") == 12500.0
    assert grouped_count("1234.5") is None


def test_control_characters_leave_names():
    from ingest.tables.grid import tidy

    assert tidy("Neumueh\x9dlen/Dietrichsdorf ") == "Neumuehlen/Dietrichsdorf"


@pytest.mark.parametrize(("raw", "value"), [("8 020¹)", 8020.0), ("12 710 1)", 12710.0), ("1 234 2)", 1234.0), ("7,1²", 7.1)])
def test_yearbook_footnote_marks_after_numbers(raw, value):
    assert parse_number(raw) == value


def test_footnote_marks_leave_labels():
    from ingest.tables.values import strip_footnote_mark

    assert [strip_footnote_mark(t) for t in ("2021¹)", "Kirchberg 2)", "Westend*", "Kinder (0 - 6)", "Anteil (%)")] == [
        "2021", "Kirchberg", "Westend", "Kinder (0 - 6)", "Anteil (%)"]
    assert [strip_footnote_mark(t) for t in ("SGB-II-Quote¹⁾", "Quote⁽²⁾")] == ["SGB-II-Quote", "Quote"]  # superscript brackets

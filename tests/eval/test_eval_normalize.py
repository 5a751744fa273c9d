"""Normalisation: umlauts, case, spaces and German number formats."""

from __future__ import annotations

import pytest

from eval.normalize import contains, fact_text, fold, normalize


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Bürgerbefragung", "buergerbefragung"),
        ("BÜRGERBEFRAGUNG", "buergerbefragung"),
        ("Straße  der\nEinheit", "strasse der einheit"),
        ("Eilpe–Dahl", "eilpe-dahl"),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("17,3 %", "17.3 %"),
        ("31.551 Einwohner", "31551 einwohner"),
        ("1.234.567", "1234567"),
        ("1.234,5", "1234.5"),
        ("am 14.11.2023", "am 14.11.2023"),
        ("Version 1.5", "version 1.5"),
    ],
)
def test_numbers(raw, canonical):
    assert normalize(raw) == canonical


def test_fact_text_of_numbers():
    assert fact_text(17.3) == "17.3"
    assert fact_text(5.0) == "5"
    assert fact_text(2024) == "2024"
    assert fact_text("19,6") == "19.6"


def test_contains_respects_number_boundaries_but_allows_inflection():
    text = normalize("Die Quote stieg auf 19,65 %, in Haspe 119,6; die Sozialraumteams tagen. 2024.")
    assert not contains(text, "19.6")
    assert contains(text, "19.65")
    assert contains(text, "2024")
    assert contains(text, "sozialraumteam")
    assert not contains(text, "raumteam")
    assert contains(normalize("12,0 Prozent"), "12")


def test_numbers_in_a_table_row_stay_apart():
    text = normalize("Einwohner 194.776 194.763 198.121")
    assert text == "einwohner 194776 194763 198121"
    assert contains(text, "194776") and contains(text, "198121")
    assert normalize("1\u202f234 Personen") == "1234 personen"

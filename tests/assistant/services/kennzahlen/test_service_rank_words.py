"""Ranks asked in everyday words: a place on a numbered rank ("Platz 2 bei der Kinderarmut"), the biggest or
smallest place (its population), and a "which provider" that asks for no place at all (values from
corpus/src/data/indikatoren.csv)."""

from __future__ import annotations

import re

import pytest
from kennzahlen_fake_store import ask, first_line


@pytest.mark.parametrize("question, start", [
    ("Platz 2 bei der Kinderarmut?", "Den zweithöchsten Wert bei „Kinderarmut"),
    ("Welcher Sozialraum liegt bei der SGB-II-Quote auf Platz 7?", "Den 7.-höchsten Wert bei „SGB-II-Quote“"),
    ("Wer ist auf Rang 1 bei der Kinderarmut unter den Stadtbezirken?", "Den höchsten Wert bei „Kinderarmut"),
])
def test_a_numbered_rank_is_the_place_on_it(engine, question, start):
    line = first_line(ask(engine, question))
    assert line.startswith(start)
    assert "(Rang 1)" not in line


@pytest.mark.parametrize("question, start", [
    ("Welcher Bezirk ist am größten?", "Den höchsten Wert bei „Einwohnerinnen und Einwohner“ unter den 5 Stadtbezirken"),
    ("Welcher Sozialraum ist der kleinste?", "Den niedrigsten Wert bei „Einwohnerinnen und Einwohner“ unter den 18 Sozialräumen"),
])
def test_the_biggest_place_is_the_one_with_most_people(engine, question, start):
    assert first_line(ask(engine, question)).startswith(start)


def test_a_size_of_something_else_is_no_size_of_a_place(engine):
    assert ask(engine, "Welcher Träger ist der größte?") is None


def test_the_top_places_taken_together_are_also_summed(engine):
    line = first_line(ask(engine, "Wie viele Einwohner haben die drei größten Sozialräume zusammen?"))
    values = [int(v.replace(".", "")) for v in re.findall(r"\d\. [^;]+? (\d{1,3}(?:\.\d{3})+) \[", line)]
    assert len(values) == 3 and f"Zusammen: {sum(values):,}.".replace(",", ".") in line


def test_what_the_difference_between_two_places_is_asks_their_values_not_a_definition(engine):
    line = first_line(ask(engine, "Was ist der Unterschied bei der Kinderarmut zwischen Emst und Wehringhausen?"))
    assert line.startswith("Kinderarmut") and "Emst" in line and "Wehringhausen/Villa Post" in line


def test_below_the_average_in_a_short_word_is_below_the_citys_value(engine):
    line = first_line(ask(engine, "Welche Bezirke liegen bei der Arbeitslosenquote unter dem Schnitt?"))
    assert "unter dem Wert der Gesamtstadt" in line

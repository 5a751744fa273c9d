"""Ranks asked in everyday words: a place on a numbered rank ("Platz 2 bei der Kinderarmut"), the biggest or
smallest place (its population), and a "which provider" that asks for no place at all (values from
corpus/src/data/indikatoren.csv)."""

from __future__ import annotations

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

"""Two figures of one place set against each other ("mehr Frauen als Männer"), never a comparison of two places."""

from __future__ import annotations

from assistant.services.kennzahlen.versus import asked_pair


def test_the_two_things_of_a_more_than_question():
    assert asked_pair("Gibt es in Südpark mehr Frauen als Männer?") == ("Frauen", "Männer")
    assert asked_pair("Leben in Haspe mehr Kinder oder mehr Senioren?") == ("Kinder", "Senioren")
    assert asked_pair("Gibt es in Emst mehr Kinder als ältere Menschen?") == ("Kinder", "ältere Menschen")


def test_places_and_numbers_are_no_pair():
    assert asked_pair("Gibt es in Haspe mehr Arbeitslose als in Hohenlimburg?") is None
    assert asked_pair("Welche Stadtteile haben mehr als 8000 Einwohner?") is None

"""Place mentions in questions: exact names, variants and typos, never a level word alone."""

import pytest

from assistant.services.kennzahlen.places import PlaceRef, PlaceResolver


def _resolver():
    return PlaceResolver({"Haspe-Zentrum": "sozialraum", "Sozialraum A": "other", "Hohenlimburg": "bezirk", "Hagen": "stadt"})


def test_level_word_is_no_typo_of_a_longer_name():
    found = _resolver().find("Wie hoch war die Kinderarmut im Sozialraum Haspe-Zentrum 2021?")
    assert [ref.name for ref in found] == ["Haspe-Zentrum"]


def test_typos_within_one_word_still_match():
    assert [ref.name for ref in _resolver().find("Kinderarmut in Hohenlimbrug")] == ["Hohenlimburg"]


def test_a_row_named_only_stadt_is_the_city_of_a_question_that_names_no_place():
    resolver = PlaceResolver({"Altstadt": "stadtteil", "Nord": "bezirk", "Stadt": "stadt"})
    assert [ref.name for ref in resolver.city()] == ["Stadt"]
    assert resolver.find("Arbeitslose in der Stadt") == []  # the word itself names no place


def test_a_bezirk_named_by_its_position_is_found_only_with_its_level_word():
    resolver = PlaceResolver({"Altstadt": "stadtteil", "Nord": "bezirk", "Stadt": "stadt"})
    assert [ref.name for ref in resolver.find("Arbeitslose im Bezirk Nord")] == ["Nord"]
    assert [ref.name for ref in resolver.find("Arbeitslose im Stadtbezirk Nord")] == ["Nord"]
    assert resolver.find("Arbeitslose im Norden der Altstadt") == [PlaceRef("Altstadt", "stadtteil")]


def test_a_totals_row_named_zusammen_or_alle_is_no_place_the_question_names():
    """A table's totals rows ("zusammen", "alle", "Quartiere") name no place: "… in Hagen-Mitte und Haspe zusammen"
    asks for the sum of the two, not for the city's total added to them."""
    resolver = PlaceResolver({"Haspe": "bezirk", "Hagen-Mitte": "bezirk", "zusammen": "stadt", "alle": "stadt",
                              "Quartiere": "stadt"})
    found = resolver.find("Wie viele Menschen leben in Hagen-Mitte und Haspe zusammen?")
    assert [ref.name for ref in found] == ["Hagen-Mitte", "Haspe"]
    assert resolver.find("Welche Quartiere haben alle die höchste Kinderarmut?") == []


_HYPHENATED = {"Kiel": "stadt", "Gaarden-Ost": "stadtteil", "Haspe": "bezirk", "Wehringhausen/Villa Post": "sozialraum",
               "Tafel": "other"}


@pytest.mark.parametrize(("question", "unknown"), [("Wie viele Einwohner hat Kiel-Mitte?", "Kiel-Mitte"),
                                                  ("Arbeitslose in Kiel-Süd 2023", "Kiel-Süd")])
def test_a_known_place_glued_to_an_unknown_name_is_another_place(question, unknown):
    resolver = PlaceResolver(_HYPHENATED)
    assert resolver.find(question) == []
    assert resolver.unknown_compounds(question) == [unknown]


@pytest.mark.parametrize(
    ("question", "found"),
    [
        ("Wie viele Einwohner hat Gaarden-Ost?", ["Gaarden-Ost"]),
        ("Wie viele Einwohner hat Kiel-Gaarden-Ost?", ["Kiel", "Gaarden-Ost"]),  # two places joined
        ("Einwohner Wehringhausen-Villa Post 2024", ["Wehringhausen/Villa Post"]),  # the name goes on after the hyphen
        ("Wie viele Tafel-Kunden gab es?", []),  # no area: a survey row is no place a compound is built on
    ],
)
def test_hyphenated_words_that_are_places_or_no_places_at_all_are_not_unknown(question, found):
    resolver = PlaceResolver(_HYPHENATED)
    assert resolver.unknown_compounds(question) == []
    assert [p.name for p in resolver.find(question)] == found

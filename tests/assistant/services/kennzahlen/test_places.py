"""Place mentions in questions: exact names, variants and typos, never a level word alone."""

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

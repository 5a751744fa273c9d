"""Place mentions in questions: exact names, variants and typos, never a level word alone."""

from assistant.services.kennzahlen.places import PlaceResolver


def _resolver():
    return PlaceResolver({"Haspe-Zentrum": "sozialraum", "Sozialraum A": "other", "Hohenlimburg": "bezirk", "Hagen": "stadt"})


def test_level_word_is_no_typo_of_a_longer_name():
    found = _resolver().find("Wie hoch war die Kinderarmut im Sozialraum Haspe-Zentrum 2021?")
    assert [ref.name for ref in found] == ["Haspe-Zentrum"]


def test_typos_within_one_word_still_match():
    assert [ref.name for ref in _resolver().find("Kinderarmut in Hohenlimbrug")] == ["Hohenlimburg"]

"""Glossary entries are found by their term before the dash; listing lines and sentences are none."""

from __future__ import annotations

from assistant.text.headwords import headword, headwords


def test_a_glossary_line_names_its_term():
    assert headword("Quartier – Überschaubares Wohngebiet, das als zusammengehörig erlebt wird.") == "Quartier"
    assert headword("Kinderarmut / Kinderarmutsquote – Anteil der Minderjährigen …") == "Kinderarmut / Kinderarmutsquote"
    assert headword("SGB-II-Quote: Anteil der Leistungsberechtigten") == "SGB-II-Quote"


def test_lines_that_list_or_state_are_no_entries():
    assert headword("Zum Sozialraum gehören: Mittelstadt, Remberg, Oberhagen.") == ""
    assert headword("Der Sozialraum umfasst die Mittelstadt.") == ""
    assert headwords("Q\n\nQualitätsbericht – Jährlicher Bericht.\nQuartier – Wohngebiet.") == ["Qualitätsbericht", "Quartier"]

"""Indicator matching: an age band is not the whole population."""

from assistant.services.kennzahlen.indicators import IndicatorMatcher
from assistant.text import simple_key


def _matcher():
    labels = ["Einwohner", "bevoelkerung-sozialraeume: unter 18", "bevoelkerung-sozialraeume: 65 und älter", "Kinderarmut"]
    return IndicatorMatcher({simple_key(label): label for label in labels}, {simple_key("Kinderarmut"): "%"})


def test_population_question_gets_the_total_not_an_age_band():
    match = _matcher().match("Wie hat sich die Bevölkerung von Helfe/Fley seit 2018 entwickelt?")
    assert match is not None and match.keys[0] == "einwohner"
    assert simple_key("bevoelkerung-sozialraeume: unter 18") not in match.keys

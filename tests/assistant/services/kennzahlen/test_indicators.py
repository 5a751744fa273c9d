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


def test_a_word_inside_the_named_figure_does_not_ask_for_another_figure():
    # "Alter" of "Grundsicherung im Alter" stems like "Ältere": the asked figure is the benefit, not the people 65+,
    # even though a count was asked and only the benefit's share exists
    labels = {"Ältere Menschen: 65+": "", "Grundsicherung im Alter": "%", "Einwohner": ""}
    matcher = IndicatorMatcher({simple_key(label): label for label in labels},
                               {simple_key(label): unit for label, unit in labels.items()})
    match = matcher.match("Wie viele Menschen in Hagen beziehen Grundsicherung im Alter?")
    assert match is not None and match.keys[0] == simple_key("Grundsicherung im Alter")
    assert simple_key("Ältere Menschen: 65+") not in match.keys
    seniors = matcher.match("Wie viele ältere Menschen leben in Haspe?")
    assert seniors is not None and seniors.keys[0] == simple_key("Ältere Menschen: 65+")

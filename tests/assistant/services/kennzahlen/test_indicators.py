"""Indicator matching: an age band is not the whole population."""

from assistant.services.kennzahlen.indicators import IndicatorMatcher, terms
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


def test_children_in_benefit_households_are_child_poverty_not_the_benefit_rate():
    # "Kinder in Haushalten mit SGB II" is the Kinderarmut figure (minors in SGB-II households), not the SGB-II-Quote
    labels = {"SGB-II-Quote": "%", "Kinderarmut": "%", "Einwohner": ""}
    matcher = IndicatorMatcher({simple_key(label): label for label in labels},
                               {simple_key(label): unit for label, unit in labels.items()})
    for question in ("Wie viele Kinder leben in Haushalten mit SGB II in Haspe?",
                     "Anteil der Kinder in Familien mit Bürgergeld in Eilpe"):
        match = matcher.match(question)
        assert match is not None and match.keys == ["kinderarmut"], question
    rate = matcher.match("Wie hoch ist die SGB-II-Quote in Haspe?")
    assert rate is not None and rate.keys[0] == simple_key("SGB-II-Quote")


def test_the_named_place_does_not_name_the_figure():
    # a caption-named label ("Kinderarmut im Stadtbezirk Haspe") shares only the place with "Haushalte … in Haspe"
    labels = {"Kinderarmut im Stadtbezirk Haspe": "%", "Einwohner": ""}
    matcher = IndicatorMatcher({simple_key(label): label for label in labels},
                               {simple_key(label): unit for label, unit in labels.items()})
    haspe = frozenset(terms("Haspe"))
    assert matcher.match("wieviele haushalte gehn zur tafel in haspe", place_terms=haspe) is None
    poverty = matcher.match("Wie hoch ist die Kinderarmut in Haspe?", place_terms=haspe)
    assert poverty is not None and poverty.keys == [simple_key("Kinderarmut im Stadtbezirk Haspe")]


def test_a_heading_shared_by_several_columns_is_no_one_of_them():
    # "Haushalte" of a table with only "Haushalte: Einpersonen", "Haushalte: Alleinerziehende", … and no total
    labels = ["Haushalte: Einpersonen", "Haushalte: Alleinerziehende", "Haushalte: Paar ohne Kind", "Einwohner insgesamt"]
    matcher = IndicatorMatcher({simple_key(label): label for label in labels})
    whole = matcher.match("Wie viele Haushalte gibt es in Mettenhof?")
    assert whole is not None and sorted(whole.parts) == sorted(simple_key(label) for label in labels[:3])
    single = matcher.match("Wie viele Einpersonenhaushalte gibt es in Mettenhof?")
    assert single is not None and single.keys[0] == simple_key("Haushalte: Einpersonen") and not single.parts

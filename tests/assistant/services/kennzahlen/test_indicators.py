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


def _grundsicherung_matcher():
    labels = {"Grundsicherung im Alter": "%",
              "Empfänger von Grundsicherung im Alter (SGB XII, 4. Kapitel): insgesamt": "Anzahl",
              "Empfänger von Grundsicherung im Alter (SGB XII, 4. Kapitel): 65 Jahre und älter": "Anzahl", "Einwohner": ""}
    return IndicatorMatcher({simple_key(label): label for label in labels},
                            {simple_key(label): unit for label, unit in labels.items()})


def test_a_count_asked_is_answered_by_the_count_of_the_figure_not_its_share():
    matcher = _grundsicherung_matcher()
    share_key = simple_key("Grundsicherung im Alter")
    counted = matcher.match("Wie viele Menschen beziehen Grundsicherung im Alter in Haspe?", asks_count=True)
    assert counted is not None and counted.keys[0] != share_key and share_key not in counted.keys
    # a share asked is the share, beside the counts of the same figure
    rate = matcher.match("Wie hoch ist der Anteil der Grundsicherung im Alter in Haspe?", asks_share=True)
    assert rate is not None and rate.keys == [share_key]


def test_two_columns_under_one_heading_are_two_figures_not_two_names_of_one():
    match = _grundsicherung_matcher().match("Wie viele Empfänger von Grundsicherung gibt es?", asks_count=True)
    assert match is not None and len([k for k in match.keys if k.startswith("empfaenger")]) == 1


def test_a_compound_the_labels_write_as_two_words_is_read_as_both():
    matcher = _grundsicherung_matcher()
    assert matcher.with_compound_parts(["grundsicherungsempfang"]) == ["grundsicherungsempfang", "grundsicher", "empfang"]
    assert matcher.with_compound_parts(["dortmund"]) == ["dortmund"]  # too short, and no known parts
    match = matcher.match("Wie viele Grundsicherungsempfänger gibt es in Haspe?", asks_count=True)
    assert match is not None and match.keys[0].startswith("empfaenger")


def test_a_code_is_never_stemmed_so_ue3_and_u3_stay_two_figures():
    from assistant.services.kennzahlen.indicators import terms

    assert terms("Plätze Ü3") == ["platz", "ue3"] and terms("Plätze U3") == ["platz", "u3"]


def test_one_sex_of_two_figures_is_two_figures_and_one_sex_of_the_population_under_two_names_is_one():
    labels = ["Bevölkerung: Deutsche: männlich", "Ausländer/-innen: männlich", "Ausländer/-innen: weiblich",
              "Bevölkerung: weiblich", "Bevölkerung am Ort der Hauptwohnung: weiblich"]
    matcher = IndicatorMatcher({simple_key(label): label for label in labels})
    foreign = matcher.match("wie viele auslaendische maenner leben in waldhoehe")
    assert foreign is not None and foreign.keys == [simple_key("Ausländer/-innen: männlich")]  # never the Germans' column
    women = matcher.match("wie viele frauen leben in kirchdorf")
    assert women is not None and {simple_key("Bevölkerung: weiblich"), simple_key("Bevölkerung am Ort der Hauptwohnung: weiblich")} \
        <= set(women.keys)


def test_a_feminine_plural_alone_names_women():
    from assistant.services.kennzahlen.indicators import feminine_plural

    assert feminine_plural("Wie viele Ausländerinnen leben in Hafen?") and feminine_plural("Studentinnen in Haspe")
    assert not feminine_plural("Bürgerinnen und Bürger") and not feminine_plural("Bürger*innen")
    assert not feminine_plural("Wann beginnen die Kurse?")


def test_every_article_form_is_no_content_word():
    assert terms("einen Wohngeldanteil") == terms("Wohngeldanteil") and terms("einem Stadtteil") == []

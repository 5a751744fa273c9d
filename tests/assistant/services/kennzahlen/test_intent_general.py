"""Figure intents of questions typed by people who did not write the documents: document years, relative and
range thresholds, top-n without a level word, relative periods, level words without umlauts."""

from __future__ import annotations

import math

import pytest

from assistant.services.kennzahlen.intent import parse_intent


@pytest.mark.parametrize(
    ("question", "years", "noun", "doc_year", "since"),
    [
        ("Wie hoch war die Kinderarmut in Haspe laut Sozialbericht 2019?", [], "sozialbericht", 2019, False),
        ("Wie hoch ist die SGB-II-Quote im Bericht 2024 für Haspe?", [], "bericht", 2024, False),
        ("Wie hat sich die SGB-II-Quote der Gesamtstadt seit dem Sozialbericht 2019 entwickelt?", [], "sozialbericht", 2019, True),
        ("Wie hoch war die Kinderarmut 2019 laut Armutsbericht 2025?", [2019], "armutsbericht", 2025, False),
    ],
)
def test_a_year_naming_a_document_is_not_the_period_asked(question, years, noun, doc_year, since):
    intent = parse_intent(question)
    assert intent.years == years and intent.year_from is None
    assert [(r.noun, r.year, r.since) for r in intent.doc_refs] == [(noun, doc_year, since)]


def test_berichtsjahr_is_a_period_and_a_document_without_year_is_named():
    assert parse_intent("Wie hoch war die SGB-II-Quote im Berichtsjahr 2024?").years == [2024]
    named = parse_intent("Wie hoch ist die Kinderarmut in Haspe laut Armutsbericht?")
    assert [(r.noun, r.year) for r in named.doc_refs] == [("armutsbericht", None)]


@pytest.mark.parametrize(
    ("question", "op", "reference"),
    [
        ("Welche Sozialräume liegen bei der Kinderarmut über dem städtischen Durchschnitt?", ">", "stadt"),
        ("Wo ist die SGB-II-Quote unter dem Durchschnitt?", "<", "stadt"),
        ("Wie viele Stadtbezirke haben eine überdurchschnittliche SGB-II-Quote?", ">", "stadt"),
        ("Welche Sozialräume haben eine höhere Kinderarmut als die Gesamtstadt?", ">", "stadt"),
    ],
)
def test_comparison_with_the_city_is_a_threshold_not_an_average(question, op, reference):
    intent = parse_intent(question)
    assert intent.op in ("filter", "count") and intent.threshold.op == op and intent.threshold.reference == reference
    assert math.isnan(intent.threshold.value) and "average" not in intent.markers


def test_range_and_worded_thresholds():
    between = parse_intent("Welche Sozialräume haben eine Kinderarmut zwischen 20 und 30 %?").threshold
    assert (between.op, between.value, between.high, between.unit) == ("between", 20, 30, "%")
    assert between.holds(20) and between.holds(30) and not between.holds(30.1)
    worded = parse_intent("Wie viele Sozialräume haben mehr als zwanzig Prozent SGB-II-Quote?").threshold
    assert (worded.op, worded.value, worded.unit) == (">", 20, "%")
    at_most = parse_intent("Welche Stadtbezirke haben nicht mehr als 15 % SGB-II-Quote?").threshold
    assert (at_most.op, at_most.value) == ("<=", 15)
    assert parse_intent("Wie hat sich die Quote zwischen 2019 und 2024 entwickelt?").threshold is None


@pytest.mark.parametrize(
    ("question", "top_n", "direction"),
    [
        ("top 3 sozialraume kinderarmut", 3, "desc"),
        ("Top-5 bei der SGB-II-Quote", 5, "desc"),
        ("Nenne die drei niedrigsten Werte der Kinderarmut", 3, "asc"),
    ],
)
def test_top_n_without_a_level_word(question, top_n, direction):
    intent = parse_intent(question)
    assert (intent.op, intent.top_n, intent.direction) == ("rank", top_n, direction)


def test_level_words_without_umlauts_and_relative_periods():
    assert parse_intent("welche sozialraume haben die hoechste kinderarmut").level == "sozialraum"
    assert parse_intent("In welchem Ortsteil leben die meisten Menschen?").level == "stadtteil"
    last = parse_intent("Wie hat sich die SGB-II-Quote in Haspe in den letzten fünf Jahren entwickelt?")
    assert last.op == "trend" and last.last_years == 5 and last.years == []


def test_an_age_named_after_the_persons_is_an_age_band_not_a_threshold():
    intent = parse_intent("Wieviel Prozent der Leute in Vorhalle sind unter 18?")
    assert intent.age_band == (0.0, 18.0) and intent.threshold is None and intent.op == "lookup"
    assert parse_intent("Wie viele Einwohner sind über 65 in Haspe?").age_band == (65.0, float("inf"))
    assert parse_intent("Welche Sozialräume sind unter 18 %?").threshold is not None  # a share, no persons: a threshold


def test_colloquial_superlatives_ask_for_the_highest():
    intent = parse_intent("wo ist die kinderarmut am schlimmsten")
    assert intent.op == "rank" and intent.direction == "desc"


def test_level_word_of_a_named_place_is_no_level_to_rank_over():
    from assistant.services.kennzahlen.intent import parse_intent

    qualified = parse_intent("Wo gibt's die meisten armen Kinder im Bezirk Hagen-Mitte?")
    assert qualified.level == "bezirk" and qualified.level_from_place
    both = parse_intent("Welcher Sozialraum im Bezirk Haspe hat die höchste Kinderarmut?")
    assert both.level == "sozialraum" and not both.level_from_place
    plain = parse_intent("Welcher Stadtbezirk hat die höchste Kinderarmut?")
    assert plain.level == "bezirk" and not plain.level_from_place


def test_ordinal_ranks_bezirksebene_and_im_durchschnitt():
    from assistant.services.kennzahlen.intent import parse_intent

    second = parse_intent("Welcher Sozialraum hat den zweithöchsten Anteil Zugewanderter?")
    assert second.op == "rank" and second.rank_position == 2 and second.direction == "desc"
    third = parse_intent("Welcher Bezirk hat die drittniedrigste Kinderarmut?")
    assert third.rank_position == 3 and third.direction == "asc"
    assert parse_intent("Wo ist die Kinderarmut am höchsten?").rank_position == 1
    above = parse_intent("Wo ist die SGB-II-Quote höher als im städtischen Durchschnitt, auf Bezirksebene?")
    assert above.level == "bezirk" and above.threshold is not None and above.threshold.reference == "stadt"


def test_was_ist_der_durchschnitt_asks_a_value():
    from assistant.services.kennzahlen.intent import parse_intent

    assert "explain" not in parse_intent("Was ist der Durchschnitt der Kinderarmut in den Sozialräumen von Hohenlimburg?").markers
    assert "explain" in parse_intent("Was ist die SGB-II-Quote?").markers


def test_children_without_an_age_are_the_under_18s_but_poor_children_are_child_poverty():
    assert parse_intent("Wie viele Kinder wohnen in Emst?").age_band == (0.0, 18.0)
    assert parse_intent("Welcher Sozialraum hat die meisten Kinder?").age_band == (0.0, 18.0)
    assert parse_intent("Wo gibt's die meisten armen Kinder?").age_band is None
    assert parse_intent("In wie vielen Sozialräumen sind weniger als 15 Prozent der Kinder arm?").age_band is None
    assert parse_intent("Wie viele Kinder unter 6 leben in Eilpe?").age_band == (0.0, 6.0)


def test_an_age_in_words_is_an_age_band():
    from assistant.services.kennzahlen.intent import parse_intent

    assert parse_intent("Wie viele Kita-Plätze für unter Dreijährige gibt es?").age_band == (0.0, 3.0)
    assert parse_intent("Welche Bezirke liegen über dem städtischen Wert?").threshold is not None


@pytest.mark.parametrize("question, band", [
    ("Anteil unter 18 in Vorhalle 2024?", (0.0, 18.0)),
    ("Wo ist der Anteil unter 18 am höchsten?", (0.0, 18.0)),
    ("Anteil über 65 in Haspe", (65.0, math.inf)),
])
def test_an_age_after_anteil_is_the_share_of_that_age_group_not_a_threshold(question, band):
    intent = parse_intent(question)
    assert intent.threshold is None and intent.age_band == band
    assert parse_intent("Wo ist der Anteil unter 18 %?").threshold is not None  # with a unit: a threshold on a share


@pytest.mark.parametrize("question, year_from, year_to", [
    ("Wie hat sich die Kinderarmut in Haspe bis 2026 entwickelt?", None, 2026),
    ("Wie hat sich die Kinderarmut in Haspe seit 2019 bis 2023 entwickelt?", 2019, 2023),
    ("Ist die Kinderarmut in Haspe höher als 2019?", 2019, None),
    ("Anteil unter 18 in Vorhalle: mehr oder weniger als 2018?", 2018, None),
    ("Ist die Kinderarmut 2024 in Haspe höher als 2019?", 2019, 2024),
])
def test_the_years_of_a_development(question, year_from, year_to):
    intent = parse_intent(question)
    assert intent.op == "trend" and (intent.year_from, intent.year_to) == (year_from, year_to)


def test_mehr_als_a_year_shaped_number_of_people_is_no_year_to_compare_with():
    assert parse_intent("Wo leben mehr als 2000 Kinder?").year_from is None


@pytest.mark.parametrize("question, change", [
    ("Hat Hohenlimburg Einwohner verloren?", "down"),
    ("Steigt die Kinderarmut in Haspe?", "up"),
    ("Hat Haspe Einwohner hinzugewonnen?", "up"),
])
def test_everyday_verbs_of_gain_and_loss_ask_for_a_development(question, change):
    intent = parse_intent(question)
    assert intent.op == "trend" and intent.change == change


def test_the_share_of_the_elderly_is_the_65_plus_age_group():
    assert parse_intent("Welcher Stadtbezirk hat den größten Anteil an Älteren?").age_band == (65.0, math.inf)
    assert parse_intent("Anteil der Älteren in Haspe").age_band == (65.0, math.inf)
    assert parse_intent("Wie hoch ist die Kinderarmut bei den älteren Geschwistern?").age_band is None


@pytest.mark.parametrize(
    ("question", "change"),
    [
        ("Ist die Kinderarmut in Eckesey-Nord rückläufig?", "down"),
        ("Ist die Arbeitslosenquote in Haspe steigend?", "up"),
        ("Sind in Hohenlimburg weniger Kinder geworden?", "down"),
        ("Ist die Kinderarmut in Haspe höher geworden?", "up"),
        ("Ist die Zahl der Alleinerziehenden zunehmend?", "up"),
    ],
)
def test_everyday_words_of_change_ask_for_a_trend(question, change):
    intent = parse_intent(question)
    assert "trend" in intent.markers and intent.change == change


def test_a_comparative_without_geworden_is_no_change():
    assert parse_intent("Wo leben mehr Menschen, in Haspe oder in Hohenlimburg?").change is None


@pytest.mark.parametrize("question", ["Wie viele Rentner leben in Wik?", "Wie viele alte Leute wohnen in Eilpe/Dahl?",
                                      "Wie viele ältere Mitbürger gibt es in Haspe?"])
def test_everyday_words_for_the_old_are_the_over_65s(question):
    assert parse_intent(question).age_band == (65.0, math.inf)

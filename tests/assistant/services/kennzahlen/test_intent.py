"""Figure intents of German questions: operation, numbers, years, level and age ranges (no data involved)."""

from __future__ import annotations

import math

import pytest

from assistant.services.kennzahlen.bands import label_band, tiling
from assistant.services.kennzahlen.intent import parse_intent
from assistant.services.kennzahlen.numbers import format_delta, format_value, parse_number


@pytest.mark.parametrize(
    ("question", "op", "direction", "top_n"),
    [
        ("Welcher Sozialraum hat die höchste Kinderarmut?", "rank", "desc", 1),
        ("Wo ist die Arbeitslosigkeit am niedrigsten?", "rank", "asc", 1),
        ("Nenne die drei Sozialräume mit der niedrigsten SGB-II-Quote", "rank", "asc", 3),
        ("An welcher Stelle liegt Haspe-Zentrum bei der Kinderarmut?", "rank", "desc", 1),
        ("Welche Stadtteile liegen über 10 % Arbeitslosigkeit?", "filter", "desc", 1),
        ("Wie viele Sozialräume liegen über 20 % SGB-II-Quote?", "count", "desc", 1),
        ("In wie vielen Stadtteilen leben mehr als 400 Türken?", "count", "desc", 1),
        ("Wie viele Angebote zum Thema Sucht gibt es in Hagen-Mitte?", "inventory_count", "desc", 1),
        ("Wie viele Ausgabestellen der Tafel gibt es?", "inventory_count", "desc", 1),
        ("Wie hat sich die SGB-II-Quote in Haspe seit 2019 entwickelt?", "trend", "desc", 1),
        ("Wie hoch ist die durchschnittliche Arbeitslosenquote der Sozialräume?", "average", "desc", 1),
        ("Wie viele Einwohner haben Haspe und Hohenlimburg zusammen?", "sum", "desc", 1),
        ("Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?", "lookup", "desc", 1),
    ],
)
def test_operation(question, op, direction, top_n):
    intent = parse_intent(question)
    assert (intent.op, intent.direction, intent.top_n) == (op, direction, top_n)


def test_numbers_years_and_level():
    intent = parse_intent("Welche Stadtteile hatten 2023 weniger als 2.000 Einwohner?")
    assert intent.threshold.op == "<" and intent.threshold.value == 2000 and intent.years == [2023] and intent.level == "stadtteil"
    span = parse_intent("Wie hat sich die Einwohnerzahl zwischen 2014 und 2023 entwickelt?")
    assert (span.year_from, span.year_to) == (2014, 2023)
    assert parse_intent("Welche Sozialräume liegen über 10,5 % SGB-II-Quote?").threshold.value == 10.5


@pytest.mark.parametrize(
    ("question", "band"),
    [
        ("Wie viele Kinder unter 6 leben in Eilpe?", (0, 6)),
        ("Wie viele Menschen ab 65 leben in Haspe?", (65, math.inf)),
        ("Wie viele 6- bis 18-Jährige wohnen in der Wik?", (6, 18)),
        ("Wie viele Menschen zwischen 65 und 80 Jahren leben dort?", (65, 80)),
        ("Wie viele Minderjährige lebten 2024 in Hagen?", (0, 18)),
        ("Wie hoch ist die Kinderarmut (Minderjährige in Bedarfsgemeinschaften)?", None),
        ("Wie viele Plätze haben die Seniorenbegegnungsstätten?", None),
        ("Wie viele Senioren leben in Haspe?", (65, math.inf)),
        ("Wie viele Kinder wohnen in Emst?", (0, 18)),
        ("Welcher Stadtteil hat die meisten Haushalte mit Kindern?", None),
        ("Wie viele Paare ohne Kinder gibt es?", None),
        # beside SGB II a person word before "unter 15" makes it an age, a bare number stays the threshold
        ("Wie viele Kinder unter 15 im SGB II gab es 2022 in der Innenstadt?", (0, 15)),
        ("In welchen Sozialräumen ist die SGB-II-Quote unter 15?", None),
        ("Wo liegt die Kinderarmut unter 15?", None),
        ("Welcher Stadtbezirk hat die niedrigste Versorgungsquote bei den U3-Plätzen?", (0, 3)),  # a code of the age
        # the question in the corpus's words ("Einwohner" → "Bevölkerung") still names the persons
        ("Wie viel Prozent der Bevölkerung in Eichberg sind über 80?", (80, math.inf)),
    ],
)
def test_age_bands(question, band):
    assert parse_intent(question).age_band == band


def test_label_bands_and_exact_tiling():
    assert label_band("Einwohner nach Altersgruppen: 0 bis unter 3")[0] == (0, 3)
    assert label_band("80 und aelter")[0] == (80, math.inf)
    assert label_band("Anteil 65-Jährige und Ältere")[0] == (65, math.inf)
    bands = {"a": (0, 3), "b": (3, 6), "c": (6, 10)}
    assert tiling((0, 6), bands) == ["a", "b"]
    assert tiling((0, 5), bands) is None and tiling((1, 6), bands) is None


def test_german_formats():
    assert format_value(32.8, "%", "32,8") == "32,8 %"
    assert format_value(1234.0, "Anzahl", "1234") == "1.234"
    assert format_value(4.5, "", "4.5") == "4,5"
    assert format_value(4.0, "%", "4.0 %") == "4,0 %"
    assert format_value(520.0, "", "520.0") == "520"  # a float-typed export column of counts (Kiel households)
    assert format_delta(2.4, "%") == "+2,4 Prozentpunkte" and format_delta(-162, "") == "−162"
    assert parse_number("20.000") == 20000 and parse_number("10,5") == 10.5


def test_a_count_is_asked_by_wie_viele_by_die_meisten_and_by_a_threshold_no_share_can_reach():
    assert parse_intent("Wie viele Menschen beziehen Grundsicherung in Haspe?").asks_count
    assert parse_intent("Welcher Bezirk hat die meisten Empfänger von Grundsicherung?").asks_count
    assert parse_intent("Welche Bezirke haben mehr als 1000 Empfänger?").asks_count
    assert not parse_intent("Welche Bezirke liegen über 10 % Kinderarmut?").asks_count
    assert not parse_intent("Wie viel Prozent der Menschen beziehen Grundsicherung?").asks_count
    assert not parse_intent("Welcher Bezirk hat die höchste Kinderarmut?").asks_count


def test_a_rise_or_a_fall_is_the_asked_direction_of_a_change():
    assert parse_intent("Wo ist die Kinderarmut am stärksten gestiegen?").change == "up"
    assert parse_intent("Welcher Bezirk hat den größten Anstieg der SGB-II-Quote?").change == "up"
    assert parse_intent("In welchen Stadtteilen ist die Arbeitslosigkeit zurückgegangen?").change == "down"
    assert parse_intent("Wo ist der Rückgang am größten?").change == "down"
    assert parse_intent("Wie hoch ist die Kinderarmut in Haspe?").change is None


def test_a_change_asked_in_per_cent_is_no_share():
    for question in ("Um wie viel Prozent ist die Zahl der Einwohner gestiegen?",
                     "Wie stark hat sich die Zahl der Arbeitslosen von 2022 auf 2023 verändert, in Prozent?"):
        intent = parse_intent(question)
        assert intent.relative_change and not intent.asks_share, question
    assert not parse_intent("Wie viel Prozent der Einwohner sind über 80?").relative_change
    share = parse_intent("Wie hoch ist prozentual die Kinderarmut in Haspe?")  # no development: the share itself
    assert share.asks_share and not share.relative_change


def test_bounds_and_adverbs_that_look_like_superlatives_are_no_ranking():
    """"höchstens 25 %" is a threshold (≤), "wenigstens" a bound, "meistens" an adverb: none asks for the top place."""
    from assistant.services.kennzahlen.intent import parse_intent

    at_most = parse_intent("Welche Sozialräume haben eine Kinderarmut von höchstens 25 %?")
    assert at_most.op == "filter" and at_most.threshold.op == "<=" and "rank" not in at_most.markers
    at_least = parse_intent("Welche Sozialräume haben eine Kinderarmut von wenigstens 25 %?")
    assert at_least.op == "filter" and at_least.threshold.op == ">="
    assert "rank" not in parse_intent("Wo liegt die Kinderarmut meistens über 20 %?").markers
    assert parse_intent("Welcher Sozialraum hat die höchste Kinderarmut?").op == "rank"


def test_comparison_symbols_are_thresholds():
    from assistant.services.kennzahlen.intent import parse_intent

    for typed, op in [("Sozialräume mit Kinderarmut > 30 %", ">"), ("Kinderarmut >30% welche Sozialräume", ">"),
                      ("Welche Bezirke haben eine Arbeitslosenquote <= 8 %?", "<="), ("Kinderarmut ≥ 40 % wo?", ">=")]:
        intent = parse_intent(typed)
        assert intent.op == "filter" and intent.threshold.op == op, typed



def test_an_age_group_written_with_a_dash_is_a_band():
    assert label_band("Alter von … bis unter … Jahren: 0 – 6")[0] == (0.0, 6.0)
    assert label_band("6—18")[0] == (6.0, 18.0) and label_band("6-18")[0] == (6.0, 18.0)

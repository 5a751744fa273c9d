"""Follow-up resolution on the sample corpus: each kind of follow-up, chains, and standalone questions left alone."""

from __future__ import annotations

import pytest

from assistant.core.types import QueryFilters, Turn
from assistant.services.follow_up import FollowUpResolver
from assistant.testing.sample_corpus import sample_setup

INTERNAL = QueryFilters(max_confidentiality="internal")


@pytest.fixture(scope="module")
def setup():
    return sample_setup()


@pytest.fixture(scope="module")
def resolver(setup):
    snapshot = setup.retrieval.snapshot()
    return FollowUpResolver(snapshot.understanding.analyze, snapshot.vocabulary)


def resolved(resolver, previous: str, question: str) -> str:
    return resolver.resolve(question, [Turn(question=previous)]).question


@pytest.mark.parametrize("previous, question, expected", [
    ("Wie hoch ist die Kinderarmut in Haspe?", "Und in Hohenlimburg?", "Wie hoch ist die Kinderarmut in Hohenlimburg?"),
    ("Wie hoch ist die Kinderarmut in Haspe?", "und in hohenlimburg?", "Wie hoch ist die Kinderarmut in Hohenlimburg?"),
    ("Wie hoch ist die SGB-II-Quote in Haspe?", "Wie sieht es in Hohenlimburg aus?", "Wie hoch ist die SGB-II-Quote in Hohenlimburg?"),
    ("Wie hoch ist die SGB-II-Quote in Haspe?", "Was ist mit Hohenlimburg?", "Wie hoch ist die SGB-II-Quote in Hohenlimburg?"),
    ("Wie hoch ist die SGB-II-Quote?", "Und in Haspe?", "Wie hoch ist die SGB-II-Quote in Haspe?"),
])
def test_place_follow_up_replaces_the_place(resolver, previous, question, expected):
    assert resolved(resolver, previous, question) == expected


def test_year_follow_up_replaces_or_adds_the_year(resolver):
    assert resolved(resolver, "Wie hoch war die SGB-II-Quote in Haspe 2019?", "und 2024?") == "Wie hoch war die SGB-II-Quote in Haspe 2024?"
    assert resolved(resolver, "Wie hoch war die SGB-II-Quote in Haspe?", "Und 2024?") == "Wie hoch war die SGB-II-Quote in Haspe 2024?"


def test_topic_follow_up_replaces_the_topic_and_keeps_the_place(resolver):
    previous = "Welche Angebote gibt es in Haspe zum Thema Armut?"
    assert resolved(resolver, previous, "Und zum Thema Sucht?") == "Welche Angebote gibt es in Haspe zum Thema Sucht?"
    assert resolved(resolver, previous, "Und welche zum Thema Sucht?") == "Welche Angebote gibt es in Haspe zum Thema Sucht?"


def test_indicator_follow_up_replaces_the_noun_phrase(resolver):
    previous = "Wie hoch ist die SGB-II-Quote in Haspe?"
    assert resolved(resolver, previous, "Und die Arbeitslosenquote?") == "Wie hoch ist die Arbeitslosenquote in Haspe?"
    assert resolved(resolver, previous, "Und wie hoch ist die Arbeitslosenquote?") == "Wie hoch ist die Arbeitslosenquote in Haspe?"


def test_ranking_direction_is_swapped_with_the_right_ending(resolver):
    assert (resolved(resolver, "Welcher Sozialraum hat die höchste SGB-II-Quote?", "Und die niedrigste?")
            == "Welcher Sozialraum hat die niedrigste SGB-II-Quote?")
    assert (resolved(resolver, "In welchem Bezirk leben die meisten Kinder?", "Und die wenigsten?")
            == "In welchem Bezirk leben die wenigsten Kinder?")


@pytest.mark.parametrize("previous, question, expected", [
    ("Was ist die Steuerungsgruppe?", "Wer leitet das?", "Wer leitet die Steuerungsgruppe?"),
    ("Was ist die Steuerungsgruppe?", "Wann tagt sie?", "Wann tagt die Steuerungsgruppe?"),
    ("Wer sitzt in der Steuerungsgruppe?", "Wann tagt sie?", "Wann tagt die Steuerungsgruppe?"),
    ("Was sind Sozialraumteams?", "Wer sitzt darin?", "Wer sitzt in den Sozialraumteams?"),
    ("Welche Angebote gibt es in Haspe?", "Was gibt es dort für Senioren?", "Was gibt es in Haspe für Senioren?"),
    ("Wann tagt die Stadtteilkonferenz in Haspe?", "Wer leitet sie?", "Wer leitet die Stadtteilkonferenz in Haspe?"),
])
def test_pronouns_point_to_the_previous_entity(resolver, previous, question, expected):
    assert resolved(resolver, previous, question) == expected


@pytest.mark.parametrize("question", [
    "Welche Beteiligungsformate nutzt die Sozialplanung?",
    "Wie hoch ist die SGB-II-Quote in Hohenlimburg 2024?",
    "SGB-II-Quote Hohenlimburg",
    "Was ist ein Sozialraum?",
])
def test_standalone_question_with_history_is_not_changed(resolver, question):
    resolution = resolver.resolve(question, [Turn(question="Wie hoch ist die Kinderarmut in Haspe?")])
    assert resolution.question == question and not resolution.changed


def test_chains_resolve_turn_by_turn_even_without_understood_as(resolver):
    history = [Turn(question="Wie hoch war die SGB-II-Quote in Haspe 2019?"), Turn(question="Und in Hohenlimburg?")]
    assert resolver.resolve("und 2024?", history).question == "Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?"
    understood = [Turn(question="Und in Hohenlimburg?", understood_as="Wie hoch ist die Kinderarmut in Hohenlimburg?")]
    assert resolver.resolve("Und in Eilpe?", understood).question == "Wie hoch ist die Kinderarmut in Eilpe?"


def test_no_history_means_no_change(resolver):
    assert resolver.resolve("Und in Hohenlimburg?", []).question == "Und in Hohenlimburg?"
    assert not resolver.resolve("Und in Hohenlimburg?", None).changed


def test_answering_resolves_a_place_follow_up_and_says_how(setup):
    history = [Turn(question="Welche Partner arbeiten zum Thema Armut in Haspe?")]
    answer = setup.answering.ask("Und in Hohenlimburg?", INTERNAL, history=history)
    assert answer.question == "Und in Hohenlimburg?"
    assert answer.understood_as == "Welche Partner arbeiten zum Thema Armut in Hohenlimburg?"
    assert "Sozialsprechstunde Elsey" in answer.text and "Kleiderkammer" not in answer.text
    assert setup.answering.ask("Und in Hohenlimburg?", INTERNAL).refused  # alone it means nothing


def test_answering_resolves_year_and_topic_follow_ups(setup):
    year = setup.answering.ask("Und 2018?", INTERNAL, history=[Turn(question="Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?")])
    assert year.understood_as == "Wie hoch war die SGB-II-Quote in Hohenlimburg 2018?" and "12,9 %" in year.text
    history = [Turn(question="Welche Partner arbeiten zum Thema Armut in Haspe?")]
    topic = setup.answering.ask("Und zum Thema Schulden?", INTERNAL, history=history)
    assert "Schuldnerberatung Haspe" in topic.text and "Tafel" not in topic.text


def test_standalone_answer_is_understood_as_typed(setup):
    answer = setup.answering.ask("Welche Beteiligungsformate nutzt die Sozialplanung?", INTERNAL,
                                 history=[Turn(question="Wie hoch ist die Kinderarmut in Haspe?")])
    assert answer.understood_as == answer.question == "Welche Beteiligungsformate nutzt die Sozialplanung?"


def test_streamed_final_answer_carries_the_resolution(setup):
    events = list(setup.answering.ask_stream("Und in Hohenlimburg?", INTERNAL,
                                             history=[Turn(question="Welche Partner arbeiten zum Thema Armut in Haspe?")]))
    final = events[-1].answer
    assert final.question == "Und in Hohenlimburg?" and final.understood_as.endswith("in Hohenlimburg?")


@pytest.mark.parametrize("previous, question, expected", [
    ("Wie viele Einwohner hat Haspe?", "Und wie viele sind es in Eilpe?", "Wie viele Einwohner hat Eilpe?"),
    ("Wie hoch ist die Kinderarmut in Haspe?", "Wie ist es in Eilpe?", "Wie hoch ist die Kinderarmut in Eilpe?"),
    ("Wie hoch ist die Kinderarmut in Haspe?", "Wie hoch ist sie in Eilpe?", "Wie hoch ist die Kinderarmut in Eilpe?"),
])
def test_question_words_without_anything_new_are_follow_ups(resolver, previous, question, expected):
    assert resolved(resolver, previous, question) == expected


def test_a_question_with_something_of_its_own_is_not_a_follow_up(resolver):
    assert resolved(resolver, "Wie hoch ist die Kinderarmut in Haspe?", "Wer ist in Haspe zuständig?") == "Wer ist in Haspe zuständig?"
    assert resolved(resolver, "Wie hoch ist die Kinderarmut in Haspe?", "Und die Kinderarmut?") == "Und die Kinderarmut?"


def test_prepositional_additions_replace_their_counterpart_or_are_added(resolver):
    assert (resolved(resolver, "Welche Angebote gibt es für Familien in Haspe?", "Und für Senioren?")
            == "Welche Angebote gibt es für Senioren in Haspe?")
    assert (resolved(resolver, "Welche Angebote gibt es in Haspe zum Thema Armut?", "Und für Senioren?")
            == "Welche Angebote gibt es in Haspe zum Thema Armut für Senioren?")


def test_carried_place_stays_with_the_entity(resolver):
    assert (resolved(resolver, "Wann tagt die Stadtteilkonferenz Haspe?", "Wo findet sie statt?")
            == "Wo findet die Stadtteilkonferenz in Haspe statt?")


@pytest.mark.parametrize("previous, question", [
    ("Welche Träger bieten im Stadtbezirk Hohenlimburg Angebote zum Thema Schulden an?",
     "Welche Angebote im Bereich Alter und Pflege gibt es im Stadtbezirk Eilpe/Dahl?"),
    ("Welche Angebote zum Thema Wohnen gibt es im Stadtbezirk Hagen-Mitte?", "Welche Angebote zum Thema Beschäftigung gibt es in Haspe?"),
    ("Welche Beteiligungsformate gibt es?", "Was sind Sozialraumteams und wer sitzt darin?"),
    ("Warum wurde das Sozialraumteam Hagen-Nord vorgezogen eingerichtet?",
     "Wer moderiert die Stadtteilkonferenz Wehringhausen und wie oft tagt sie?"),
    ("Wie viele Einwohner hat Haspe 2024?", "Was ist die Steuerungsgruppe und wie oft trifft sie sich?"),
    ("Zahl der Pflegebedürftigen in Eilpe/Dahl 2024", "Was ist die AG Wohlfahrt und welche Verbände gehören dazu?"),
])
def test_questions_complete_in_themselves_are_never_rewritten(resolver, previous, question):
    assert resolved(resolver, previous, question) == question


def test_place_level_word_follows_the_new_place(resolver):
    assert (resolved(resolver, "Welche Träger haben Angebote im Sozialraum Elsey gemeldet?", "Und in Hohenlimburg?")
            == "Welche Träger haben Angebote im Stadtbezirk Hohenlimburg gemeldet?")


def test_a_misspelt_place_is_shown_under_its_name(resolver):
    expected = "Wie hoch ist die Kinderarmut in Hohenlimburg?"
    assert resolved(resolver, "Wie hoch ist die Kinderarmut in Haspe?", "und in Hohenlimbrug?") == expected


@pytest.mark.parametrize("previous, question, expected", [
    ("wie hoch ist die sgb2 quote in haspe", "und die arbeitslosenquote?", "wie hoch ist die arbeitslosenquote in haspe"),
    ("wie hoch ist die kinderarmut in haspe", "und was ist mit hohenlimburg", "wie hoch ist die kinderarmut in Hohenlimburg"),
    ("was ist die steuerungsgruppe", "wer leitet das", "wer leitet die steuerungsgruppe"),
    ("was ist die steuerungsgruppe", "wann trifft die sich", "wann trifft die steuerungsgruppe sich"),
    ("welche angebote gibt es in haspe zum thema armut", "und zum thema sucht", "welche angebote gibt es in haspe zum thema sucht"),
])
def test_lower_case_typing_is_resolved_too(resolver, previous, question, expected):
    assert resolved(resolver, previous, question) == expected


@pytest.mark.parametrize("question", ["Und warum?", "Und seit wann?", "Danke!", "und?"])
def test_follow_ups_with_nothing_to_carry_stay_as_typed(resolver, question):
    assert resolved(resolver, "Wie hoch ist die Kinderarmut in Haspe?", question) == question


def test_lower_case_questions_complete_in_themselves_are_never_rewritten(resolver):
    question = "was sind sozialraumteams und wer sitzt darin?"
    assert resolved(resolver, "welche beteiligungsformate gibt es?", question) == question


def test_carried_place_keeps_its_level_word(resolver):
    assert (resolved(resolver, "Welche Angebote gibt es im Stadtbezirk Haspe?", "Und wer bietet sie an?")
            == "Wer bietet die Angebote im Stadtbezirk Haspe an?")


@pytest.mark.parametrize("previous, question, expected", [
    ("Wann tagt die Konferenz Alter und Pflege 2025?", "Und wo?", "Wo tagt die Konferenz Alter und Pflege 2025?"),
    ("Wann tagt die Stadtteilkonferenz Haspe?", "wie oft?", "Wie oft tagt die Stadtteilkonferenz Haspe?"),
    ("Wo ist die Quartierssprechstunde in Haspe?", "Und um wie viel Uhr?", "Um wie viel Uhr ist die Quartierssprechstunde in Haspe?"),
])
def test_a_bare_time_or_place_question_swaps_the_previous_question_phrase(resolver, previous, question, expected):
    assert resolved(resolver, previous, question) == expected


def test_a_bare_question_phrase_after_another_kind_of_question_is_not_swapped(resolver):
    # "Wer moderiert …" → "Und wann?": "Wann moderiert …" would ask something else
    assert not resolved(resolver, "Wer moderiert die Stadtteilkonferenz Haspe?", "Und wann?").startswith("Wann moderiert")


def test_a_pronoun_with_a_genitive_changes_only_the_place(resolver):
    previous = "Wann war die konstituierende Sitzung des Sozialraumteams Haspe-Zentrum?"
    assert resolved(resolver, previous, "Und die des Teams Elsey?") == \
        "Wann war die konstituierende Sitzung des Sozialraumteams Elsey?"
    assert resolved(resolver, "Wie hoch ist die Kinderarmut in Haspe?", "Und die Armut in Elsey?") == \
        "Wie hoch ist die Armut in Elsey?"


def test_a_follow_up_that_names_nothing_asks_about_the_previous_subject(resolver):
    about = resolved(resolver, "Was hat die Ortsbegehung am Hüttenplatz ergeben?", "Und was wurde danach umgesetzt?")
    assert about.startswith("Was wurde danach umgesetzt (zu:") and "Hüttenplatz" in about and "Ortsbegehung" in about
    own = resolved(resolver, "Was hat die Ortsbegehung am Hüttenplatz ergeben?", "Und wer leitet das Sozialraumteam?")
    assert "(zu:" not in own  # it names its own subject

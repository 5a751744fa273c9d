"""Rankings and comparisons of inventory counts over the sample corpus's offers table (10 rows, 6 in Haspe)."""

from __future__ import annotations

import pytest

from assistant.core.types import QueryFilters
from assistant.services.kennzahlen.intent import parse_intent
from assistant.services.kennzahlen.inventory_ranks import rank_inventory
from assistant.testing.sample_corpus import sample_setup

INTERNAL = QueryFilters(max_confidentiality="internal")


@pytest.fixture(scope="module")
def retrieval():
    return sample_setup().retrieval


def ranked(retrieval, question):
    result = retrieval.retrieve(question, filters=INTERNAL)
    return rank_inventory(question, parse_intent(result.analysis.question), result, INTERNAL)


def test_the_bezirk_with_most_offers_is_counted_from_the_rows(retrieval):
    answer = ranked(retrieval, "In welchem Stadtbezirk gibt es die meisten Angebote zum Thema Armut?")
    head = answer.text.splitlines()[0]
    assert head.startswith("Die meisten Einträge (Thema Armut) hat der Stadtbezirk Haspe: 4.")  # Sozialberatung … Tafel
    assert "Hohenlimburg 1" in head and "Eilpe/Dahl 0" in head  # a Bezirk without any entry counts as 0
    assert len(answer.citations) == 4  # the top Bezirk's rows, each cited


def test_two_named_places_are_compared_by_their_counts(retrieval):
    answer = ranked(retrieval, "Gibt es in Haspe-Zentrum mehr Angebote als in Quambusch/Baukloh?")
    assert answer.text.startswith("Mehr Einträge") and "Haspe-Zentrum 3 gegenüber Quambusch/Baukloh 2" in answer.text
    tie = ranked(retrieval, "Hat Quambusch/Baukloh oder Haspe-West/Westerbauer mehr Angebote?")
    assert tie.text.startswith("Gleich viele Einträge")


def test_questions_that_rank_no_inventory_are_left_alone(retrieval):
    assert ranked(retrieval, "Welcher Sozialraum hat die höchste Kinderarmut?") is None
    assert ranked(retrieval, "Welche Angebote gibt es in Haspe?") is None  # a list, not a ranking


def test_the_provider_with_most_offers_is_counted_from_the_rows_per_provider(retrieval):
    answer = ranked(retrieval, "Welcher Träger hat die meisten Angebote zum Thema Armut?")
    head = answer.text.splitlines()[0]
    assert head.startswith("Die meisten Einträge (Thema Armut) entfallen auf „Arbeiterwohlfahrt Unterbezirk Hagen“ (Träger): 3.")
    assert "Caritasverband Hagen e.V. 1" in head  # AWO's three spellings are one provider
    assert len(answer.citations) == 3  # the top provider's rows, each cited


def test_without_a_criterion_every_entry_counts_per_value_of_the_named_column(retrieval):
    answer = ranked(retrieval, "Welche Zielgruppe hat die meisten Angebote?")
    head = answer.text.splitlines()[0]
    assert head.startswith("Die meisten Einträge entfallen auf „Menschen mit geringem Einkommen“ (Zielgruppe): 2.")
    assert "(9 mit mindestens einem Eintrag)" in head


def test_a_ranking_of_the_counted_entries_themselves_groups_nothing(retrieval):
    assert ranked(retrieval, "Welche Angebote gibt es am meisten?") is None

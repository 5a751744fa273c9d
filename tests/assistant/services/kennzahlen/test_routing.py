"""The answering service's hook: figure questions go to the engine first (both modes); others are unchanged."""

from __future__ import annotations

import pytest
from kennzahlen_fake_store import indicator_store

from assistant.core.types import QueryFilters
from assistant.services.answering import AnsweringService
from assistant.services.kennzahlen.service import KennzahlenService
from assistant.testing.fake_chat import FakeChatModel
from assistant.testing.sample_corpus import sample_setup

INTERNAL = QueryFilters(max_confidentiality="internal")


@pytest.fixture(scope="module")
def setup():
    return sample_setup()


def test_figure_question_is_answered_by_the_engine_in_both_modes(setup):
    store = indicator_store()
    engine = KennzahlenService(store, store.document)
    for chat in (None, FakeChatModel()):
        answering = AnsweringService(setup.retrieval, chat, kennzahlen=engine)
        answer = answering.ask("Welcher Sozialraum hat die höchste Kinderarmut?", INTERNAL)
        assert "Wehringhausen/Villa Post" in answer.text.splitlines()[0]
        assert answer.citations[0].doc_id == "kennzahlen-2024"


def test_without_engine_or_for_text_questions_nothing_changes(setup):
    store = indicator_store()
    with_engine = AnsweringService(setup.retrieval, kennzahlen=KennzahlenService(store, store.document))
    question = "Welche Beteiligungsformate nutzt die Sozialplanung?"
    assert with_engine.ask(question, INTERNAL).text == setup.answering.ask(question, INTERNAL).text


def test_inventory_count_counts_every_matching_row(setup):
    store = indicator_store()
    answering = AnsweringService(setup.retrieval, kennzahlen=KennzahlenService(store, store.document))
    listed = setup.answering.ask("Welche Partner arbeiten zum Thema Armut in Haspe?", INTERNAL)
    counted = answering.ask("Wie viele Angebote zum Thema Armut gibt es in Haspe?", INTERNAL)
    assert counted.text.startswith(f"Anzahl: {len(listed.citations)} Einträge")
    assert sorted(c.row for c in counted.citations) == sorted(c.row for c in listed.citations)


def test_how_much_two_places_differ_in_a_figure_is_a_comparison_not_two_definitions(setup, monkeypatch):
    import assistant.services.answering as answering_module

    contrasted: list[str] = []
    real = answering_module.contrast_answer
    monkeypatch.setattr(answering_module, "contrast_answer",
                        lambda question, terms, ask: contrasted.append(question) or real(question, terms, ask))
    store = indicator_store()
    answering = AnsweringService(setup.retrieval, kennzahlen=KennzahlenService(store, store.document))
    answer = answering.ask("Um wie viel Prozentpunkte unterscheidet sich die Kinderarmut in Haspe und Hohenlimburg?", INTERNAL)
    assert not contrasted  # two places' figures, not "Was ist die Kinderarmut in Haspe?" and "Was ist Hohenlimburg?"
    assert answer.citations and all(c.doc_id == "kennzahlen-2024" for c in answer.citations)
    assert "Haspe" in answer.text.splitlines()[0] and "Hohenlimburg" in answer.text.splitlines()[0]
    answering.ask("Was ist der Unterschied zwischen Sozialraum und Stadtbezirk?", INTERNAL)
    assert contrasted  # two terms: each explained on its own

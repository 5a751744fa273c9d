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

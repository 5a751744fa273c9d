"""A question for a time ("seit wann", "in welchem Jahr") is no figure question, unless it also asks a value."""

from __future__ import annotations

from assistant.services.kennzahlen.intent import parse_intent


def test_a_question_for_a_date_is_left_to_the_text(engine):
    service, vocab = engine
    assert "when" in parse_intent("Seit wann gibt es die SGB-II-Quote in Haspe?").markers
    assert service.plan("seit wann sgb-ii-quote in haspe", vocabulary=vocab) is None
    assert service.plan("In welchem Jahr SGB-II-Quote in Haspe?", vocabulary=vocab) is None


def test_a_value_asked_beside_when_still_goes_to_the_engine(engine):
    service, vocab = engine
    assert "when" not in parse_intent("Wie hoch war die SGB-II-Quote in Haspe 2024?").markers
    assert service.plan("Wie hoch war die SGB-II-Quote in Haspe 2024?", vocabulary=vocab) is not None

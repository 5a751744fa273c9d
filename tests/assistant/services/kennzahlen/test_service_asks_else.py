"""A question that names a figure's words but asks something else goes to the text: a rhythm ("wie oft"), a feeling
or judgement a survey found ("fühlen sich einsam"), or a count of the thing a measure is taken of ("Wie viele
Begegnungsstätten …" is no count of their Plätze)."""

from __future__ import annotations

from assistant.services.kennzahlen.intent import parse_intent


def test_how_often_asks_a_rhythm_not_a_count(engine):
    service, vocab = engine
    intent = parse_intent("Wie oft erscheint der Bericht zu Grundsicherung im Alter?")
    assert "how_often" in intent.markers and "how_many" not in intent.markers
    assert service.plan("Wie oft erscheint der Bericht zu Grundsicherung im Alter?", vocabulary=vocab) is None
    assert service.plan("Wie hoch ist die Grundsicherung im Alter in Haspe?", vocabulary=vocab) is not None


def test_a_feeling_the_figure_does_not_name_is_left_to_the_survey_text(engine):
    service, vocab = engine
    assert service.plan("Wie viele Menschen ab 65 fühlen sich in Haspe einsam?", vocabulary=vocab) is None
    assert service.plan("Wie viele Einwohner unter 18 Jahren sind in Haspe unzufrieden?", vocabulary=vocab) is None
    assert service.plan("Wie viele Menschen ab 65 leben in Haspe?", vocabulary=vocab) is not None


def test_a_count_of_the_thing_is_no_count_of_its_places(engine):
    service, vocab = engine
    assert service.plan("Wie viele Seniorenbegegnungsstätten gibt es in Haspe?", vocabulary=vocab) is None
    plan = service.plan("Wie viele Plätze in Seniorenbegegnungsstätten gibt es in Haspe?", vocabulary=vocab)
    assert plan is not None and "Plätze" in plan.indicator_label

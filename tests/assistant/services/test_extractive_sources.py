"""Which further sources an extractive answer cites: only those that add to the answer, not those that repeat its topic."""

from __future__ import annotations

import pytest

from assistant.core.settings import AnsweringSettings
from assistant.services.extractive import Unit, _asked_aspects, _follows, query_weights
from assistant.testing.sample_corpus import sample_setup

PARAMS = AnsweringSettings()


@pytest.fixture(scope="module")
def snapshot():
    return sample_setup().retrieval.snapshot()


def unit(index: int, text: str, score: float, aspects, key: float = 1.0) -> Unit:
    return Unit(index, text, 0, frozenset(aspects), 0.5, score, False, key=key, aspects=frozenset(aspects))


def follows(snapshot, question: str, candidate: Unit, leader_key: float = 1.0, params: AnsweringSettings = PARAMS) -> bool:
    analysis = snapshot.understanding.analyze(question)
    aspects = _asked_aspects(analysis)
    leader = unit(0, "Sozialraumteams sind fachliche Arbeitsgremien auf der Ebene eines Sozialraums.", 1.0, aspects, leader_key)
    return _follows(candidate, [leader], analysis, query_weights(analysis, snapshot), params)


def test_a_further_source_that_only_repeats_the_topic_is_not_cited(snapshot):
    question = "Was sind Sozialraumteams?"
    aspects = _asked_aspects(snapshot.understanding.analyze(question))
    echo = unit(1, "Die Sozialraumteams wurden in der Konferenz vorgestellt.", 0.8, aspects)
    assert not follows(snapshot, question, echo)
    assert follows(snapshot, question, echo, params=PARAMS.model_copy(update={"source_gain_min": 0.0}))  # 0: off


def test_a_near_tie_or_a_weak_leader_keeps_the_further_source(snapshot):
    question = "Was sind Sozialraumteams?"
    aspects = _asked_aspects(snapshot.understanding.analyze(question))
    assert follows(snapshot, question, unit(1, "Sozialraumteams beraten die Lage im Raum.", 0.99, aspects))
    assert follows(snapshot, question, unit(1, "Sozialraumteams beraten die Lage im Raum.", 0.8, aspects), leader_key=0.5)


def test_a_further_source_with_the_asked_kind_of_answer_is_cited(snapshot):
    question = "Wann tagen die Sozialraumteams?"
    aspects = _asked_aspects(snapshot.understanding.analyze(question))
    dated = unit(1, "Die Sozialraumteams tagen am 12. März 2025 im Rathaus.", 0.8, aspects)
    undated = unit(1, "Die Sozialraumteams tagen im Sozialraum.", 0.8, aspects)
    assert follows(snapshot, question, dated)
    assert not follows(snapshot, question, undated)


def test_a_question_that_asks_two_things_may_cite_a_source_per_part(snapshot):
    question = "Was sind Sozialraumteams, und wer sitzt darin?"
    aspects = _asked_aspects(snapshot.understanding.analyze(question))
    assert follows(snapshot, question, unit(1, "In den Sozialraumteams arbeiten viele Stellen zusammen.", 0.8, aspects))

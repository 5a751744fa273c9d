"""The conversation service: records answers as turns, keeps users and levels apart, titles, limits and retention."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from assistant.core.errors import ConversationNotFoundError, InvalidInputError
from assistant.core.settings import ConversationSettings
from assistant.core.types import Answer, Citation
from assistant.services.conversations import ConversationService, title_from
from assistant.testing.fake_conversations import InMemoryConversationStore


class Clock:
    def __init__(self):
        self.now = datetime(2026, 3, 1, tzinfo=UTC)

    def __call__(self):
        return self.now


def _answer(question: str, understood: str = "") -> Answer:
    citation = Citation(number=1, doc_id="sozialbericht-2024", title="Sozialbericht 2024", quote="Die Quote lag bei 14,2 %.", page=3,
                        source_path="/srv/geheim/pfad.pdf")
    return Answer(question=question, text="Die Quote lag bei 14,2 % [1].", citations=[citation], understood_as=understood or question)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def service(clock):
    return ConversationService(InMemoryConversationStore(clock=clock), ConversationSettings(retention_days=30, max_turns=3), clock=clock)


def test_record_without_id_starts_a_conversation_titled_by_the_question(service):
    conversation = service.record(None, _answer("Wie hoch ist die SGB-II-Quote in Hohenlimburg?"), "anna", "internal")
    assert conversation.title == "Wie hoch ist die SGB-II-Quote in Hohenlimburg?"
    service.record(conversation.conversation_id, _answer("Und 2019?", "Wie hoch war die SGB-II-Quote in Hohenlimburg 2019?"),
                   "anna", "internal")
    history = service.history(conversation.conversation_id, "anna", "internal")
    assert [t.question for t in history] == ["Wie hoch ist die SGB-II-Quote in Hohenlimburg?", "Und 2019?"]
    assert history[1].understood_as == "Wie hoch war die SGB-II-Quote in Hohenlimburg 2019?"
    assert history[0].citations[0]["page"] == 3 and "source_path" not in history[0].citations[0]  # server paths stay out


def test_another_user_or_a_lower_level_gets_not_found(service):
    conversation = service.record(None, _answer("Frage?"), "anna", "internal")
    with pytest.raises(ConversationNotFoundError):
        service.history(conversation.conversation_id, "ben", "internal")
    with pytest.raises(ConversationNotFoundError):
        service.record(conversation.conversation_id, _answer("Und?"), "anna", "public")
    with pytest.raises(ConversationNotFoundError):
        service.delete(conversation.conversation_id, "ben", "internal")


def test_rename_checks_the_title(service):
    conversation = service.start("anna", "internal")
    assert service.rename(conversation.conversation_id, "anna", "internal", "  Kinderarmut   Haspe ").title == "Kinderarmut Haspe"
    with pytest.raises(InvalidInputError):
        service.rename(conversation.conversation_id, "anna", "internal", "   ")
    with pytest.raises(InvalidInputError):
        service.rename(conversation.conversation_id, "anna", "internal", "x" * 201)
    with pytest.raises(ConversationNotFoundError):
        service.rename("unbekannt", "anna", "internal", "Titel")


def test_turn_limit_asks_for_a_new_conversation(service):
    conversation = service.record(None, _answer("1?"), "anna", "internal")
    for question in ("2?", "3?"):
        service.record(conversation.conversation_id, _answer(question), "anna", "internal")
    with pytest.raises(InvalidInputError):
        service.history(conversation.conversation_id, "anna", "internal")
    with pytest.raises(InvalidInputError):
        service.record(conversation.conversation_id, _answer("4?"), "anna", "internal")


def test_retention_deletes_conversations_without_recent_activity(service, clock):
    old = service.record(None, _answer("alt?"), "anna", "internal")
    clock.now += timedelta(days=31)
    fresh = service.start("anna", "internal")  # starting a conversation purges on the way
    assert [c.conversation_id for c in service.list("anna", "internal")] == [fresh.conversation_id]
    with pytest.raises(ConversationNotFoundError):
        service.get(old.conversation_id, "anna", "internal")


def test_retention_zero_keeps_everything(clock):
    service = ConversationService(InMemoryConversationStore(clock=clock), ConversationSettings(retention_days=0), clock=clock)
    service.start("anna", "internal")
    clock.now += timedelta(days=3650)
    assert service.purge() == 0 and len(service.list("anna", "internal")) == 1


def test_unknown_level_is_refused(service):
    with pytest.raises(InvalidInputError):
        service.start("anna", "geheim")


def test_title_from_shortens_at_a_word_boundary():
    assert title_from("kurz") == "kurz"
    long = title_from("Wie hoch ist die SGB-II-Quote in den Sozialräumen von Hohenlimburg im Vergleich zu Haspe und Eilpe 2024?", 40)
    assert len(long) <= 40 and long.endswith("…") and " " not in long[-2:]


def test_a_higher_level_may_read_but_not_continue_a_lower_level_conversation(service):
    public = service.record(None, _answer("Frage?"), "anna", "public")
    assert len(service.get(public.conversation_id, "anna", "internal").turns) == 1
    with pytest.raises(InvalidInputError):
        service.history(public.conversation_id, "anna", "internal")
    with pytest.raises(InvalidInputError):
        service.record(public.conversation_id, _answer("Und intern?"), "anna", "internal")
    assert len(service.history(public.conversation_id, "anna", "public")) == 1

"""The ConversationStore contract, run against the SQLite adapter and the in-memory fake: both must behave the same."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from assistant.adapters.sqlite_conversations import SqliteConversationStore
from assistant.core.errors import ConversationNotFoundError
from assistant.core.types import Turn
from assistant.testing.fake_conversations import InMemoryConversationStore


class Clock:
    """A settable clock, so ordering and retention do not depend on the machine's speed."""

    def __init__(self):
        self.now = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture(params=["sqlite", "fake"])
def store(request, tmp_path, clock):
    if request.param == "sqlite":
        return SqliteConversationStore(tmp_path / "conversations.sqlite", clock=clock)
    return InMemoryConversationStore(clock=clock)


CITATIONS = [{"number": 1, "doc_id": "sozialbericht-2024", "title": "Sozialbericht 2024", "quote": "Die Quote lag bei 14,2 %.", "page": 3}]


def test_create_append_get_keeps_turns_in_order_with_citations(store, clock):
    conversation = store.create("anna", "internal", "Kinderarmut")
    assert conversation.conversation_id and conversation.turns == [] and conversation.title == "Kinderarmut"
    clock.advance(seconds=5)
    store.append(conversation.conversation_id, Turn("Wie hoch ist die Kinderarmut in Haspe?", "Sie liegt bei … [1]", citations=CITATIONS))
    clock.advance(seconds=5)
    stored = store.append(conversation.conversation_id, Turn("Und in Hohenlimburg?", "Dort … [1]",
                                                              understood_as="Wie hoch ist die Kinderarmut in Hohenlimburg?"))
    assert stored.created_at.startswith("2026-01-01T09:00:10")
    got = store.get(conversation.conversation_id, "anna", "internal")
    assert [t.question for t in got.turns] == ["Wie hoch ist die Kinderarmut in Haspe?", "Und in Hohenlimburg?"]
    assert got.turns[0].citations == CITATIONS and got.turns[1].understood_as.endswith("in Hohenlimburg?")
    assert got.turn_count == 2 and got.level == "internal" and got.user == "anna"
    assert got.updated_at > got.created_at


def test_append_to_unknown_conversation_fails(store):
    with pytest.raises(ConversationNotFoundError):
        store.append("gibt-es-nicht", Turn("Frage?"))


def test_list_is_per_user_newest_activity_first_without_turns(store, clock):
    first = store.create("anna", "internal", "erste")
    clock.advance(minutes=1)
    second = store.create("anna", "internal", "zweite")
    store.create("ben", "internal", "fremde")
    clock.advance(minutes=1)
    store.append(first.conversation_id, Turn("Frage?", "Antwort."))
    listed = store.list("anna", "internal")
    assert [c.title for c in listed] == ["erste", "zweite"]
    assert listed[0].turn_count == 1 and listed[0].turns == []
    assert second.conversation_id in {c.conversation_id for c in listed}
    assert [c.title for c in store.list("ben", "internal")] == ["fremde"]


def test_level_is_stored_and_a_lower_level_never_sees_a_higher_conversation(store):
    internal = store.create("anna", "internal", "intern")
    public = store.create("anna", "public", "öffentlich")
    assert [c.title for c in store.list("anna", "public")] == ["öffentlich"]
    assert {c.title for c in store.list("anna", "internal")} == {"intern", "öffentlich"}
    assert store.get(internal.conversation_id, "anna", "public") is None
    assert store.get(public.conversation_id, "anna", "internal") is not None
    assert not store.rename(internal.conversation_id, "anna", "public", "x")
    assert not store.delete(internal.conversation_id, "anna", "public")


def test_other_users_cannot_read_rename_or_delete(store):
    conversation = store.create("anna", "internal", "meins")
    assert store.get(conversation.conversation_id, "ben", "internal") is None
    assert not store.rename(conversation.conversation_id, "ben", "internal", "deins")
    assert not store.delete(conversation.conversation_id, "ben", "internal")
    assert store.get(conversation.conversation_id, "anna", "internal").title == "meins"


def test_rename_and_delete(store):
    conversation = store.create("anna", "internal")
    assert store.rename(conversation.conversation_id, "anna", "internal", "Kinderarmut Haspe")
    assert store.get(conversation.conversation_id, "anna", "internal").title == "Kinderarmut Haspe"
    store.append(conversation.conversation_id, Turn("Frage?"))
    assert store.delete(conversation.conversation_id, "anna", "internal")
    assert store.get(conversation.conversation_id, "anna", "internal") is None
    assert not store.delete(conversation.conversation_id, "anna", "internal")
    assert store.list("anna", "internal") == []


def test_delete_older_than_removes_by_last_activity(store, clock):
    old = store.create("anna", "internal", "alt")
    revived = store.create("anna", "internal", "alt, aber weitergeführt")
    clock.advance(days=40)
    store.append(revived.conversation_id, Turn("Noch eine Frage?"))
    fresh = store.create("ben", "public", "neu")
    assert store.delete_older_than(clock.now - timedelta(days=30)) == 1
    assert store.get(old.conversation_id, "anna", "internal") is None
    assert store.get(revived.conversation_id, "anna", "internal") is not None
    assert store.get(fresh.conversation_id, "ben", "public") is not None
    assert store.delete_older_than(clock.now - timedelta(days=30)) == 0


def test_sqlite_store_survives_a_restart(tmp_path, clock):
    path = tmp_path / "conversations.sqlite"
    conversation = SqliteConversationStore(path, clock=clock).create("anna", "internal", "bleibt")
    SqliteConversationStore(path, clock=clock).append(conversation.conversation_id, Turn("Frage?", "Antwort.", citations=CITATIONS))
    reopened = SqliteConversationStore(path, clock=clock).get(conversation.conversation_id, "anna", "internal")
    assert reopened.title == "bleibt" and reopened.turns[0].citations == CITATIONS

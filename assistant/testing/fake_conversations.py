"""An in-memory ConversationStore with the same rules as the SQLite one (user, level, order, retention)."""

from __future__ import annotations

import copy
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from assistant.core.errors import ConversationNotFoundError
from assistant.core.interfaces import ConversationStore
from assistant.core.types import CONFIDENTIALITY_LEVELS, Conversation, Turn, confidentiality_rank


def _readable(conversation: Conversation, user: str, level: str) -> bool:
    rank = CONFIDENTIALITY_LEVELS.index(level) if level in CONFIDENTIALITY_LEVELS else 0
    return conversation.user == user and confidentiality_rank(conversation.level) <= rank


class InMemoryConversationStore(ConversationStore):
    """Conversations in a dict; copies go out, so callers cannot change what is stored behind its back."""

    def __init__(self, clock: Callable[[], datetime] | None = None):
        self._clock = clock or (lambda: datetime.now(UTC))
        self._items: dict[str, Conversation] = {}
        self._order: dict[str, int] = {}
        self._lock = threading.Lock()

    def _now(self) -> str:
        return self._clock().astimezone(UTC).isoformat(timespec="microseconds")

    def create(self, user: str, level: str, title: str = "") -> Conversation:
        now = self._now()
        conversation = Conversation(conversation_id=uuid.uuid4().hex, user=user, level=level, title=title, created_at=now, updated_at=now)
        with self._lock:
            self._items[conversation.conversation_id] = conversation
            self._order[conversation.conversation_id] = len(self._order)
        return copy.deepcopy(conversation)

    def append(self, conversation_id: str, turn: Turn) -> Turn:
        now = self._now()
        with self._lock:
            conversation = self._items.get(conversation_id)
            if conversation is None:
                raise ConversationNotFoundError(conversation_id)
            stored = Turn(question=turn.question, answer_text=turn.answer_text, understood_as=turn.understood_as,
                          citations=copy.deepcopy(list(turn.citations)), created_at=now)
            conversation.turns.append(stored)
            conversation.turn_count = len(conversation.turns)
            conversation.updated_at = now
        return copy.deepcopy(stored)

    def list(self, user: str, level: str) -> list[Conversation]:
        with self._lock:
            found = [c for c in self._items.values() if _readable(c, user, level)]
            found.sort(key=lambda c: (c.updated_at, self._order[c.conversation_id]), reverse=True)
            return [Conversation(**{**copy.deepcopy(c).__dict__, "turns": []}) for c in found]

    def get(self, conversation_id: str, user: str, level: str) -> Conversation | None:
        with self._lock:
            conversation = self._items.get(conversation_id)
            return copy.deepcopy(conversation) if conversation is not None and _readable(conversation, user, level) else None

    def rename(self, conversation_id: str, user: str, level: str, title: str) -> bool:
        with self._lock:
            conversation = self._items.get(conversation_id)
            if conversation is None or not _readable(conversation, user, level):
                return False
            conversation.title = title
            return True

    def delete(self, conversation_id: str, user: str, level: str) -> bool:
        with self._lock:
            conversation = self._items.get(conversation_id)
            if conversation is None or not _readable(conversation, user, level):
                return False
            del self._items[conversation_id]
            return True

    def delete_older_than(self, cutoff: datetime) -> int:
        limit = cutoff.astimezone(UTC).isoformat(timespec="microseconds")
        with self._lock:
            old = [key for key, c in self._items.items() if c.updated_at < limit]
            for key in old:
                del self._items[key]
            return len(old)

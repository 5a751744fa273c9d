"""Conversations on the server: one user's history at one access level, with follow-ups, rename, delete and retention.

The store (core interface ConversationStore) keeps the data; this service adds the rules: who may see what
(user and level), titles from the first question, the turn limit, and deleting conversations older than the
retention setting. Edges (API, CLI, UI) call it; they never talk to the store.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime, timedelta

from assistant.core.errors import ConversationNotFoundError, InvalidInputError
from assistant.core.interfaces import ConversationStore
from assistant.core.settings import ConversationSettings
from assistant.core.types import CONFIDENTIALITY_LEVELS, Answer, Conversation, Turn

MAX_TITLE_CHARS = 200
_CITATION_FIELDS = ("number", "doc_id", "title", "quote", "page", "row", "section", "date")


def title_from(question: str, limit: int = 80) -> str:
    """A conversation's default title: its first question, shortened at a word boundary."""
    text = " ".join(question.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def turn_of(answer: Answer) -> Turn:
    """The turn to store for an answer: what was typed, how it was understood, the answer and its citations."""
    citations = [{k: v for k, v in asdict(c).items() if k in _CITATION_FIELDS and v not in (None, "")} for c in answer.citations]
    return Turn(question=answer.question, answer_text=answer.text, understood_as=answer.understood_as or answer.question,
                citations=citations)


class ConversationService:
    """Per-user conversations within the access level.

    Args:
        store: where conversations live (SqliteConversationStore in production).
        settings: retention and turn limit.
        clock: the current time (UTC); tests pass their own.
    """

    def __init__(self, store: ConversationStore, settings: ConversationSettings | None = None, clock=None):
        self._store = store
        self.settings = settings or ConversationSettings()
        self._clock = clock or (lambda: datetime.now(UTC))

    def start(self, user: str, level: str, title: str = "") -> Conversation:
        """A new conversation (old ones past the retention period are removed on the way)."""
        _check_level(level)
        self.purge()
        return self._store.create(user, level, _title(title))

    def get(self, conversation_id: str, user: str, level: str) -> Conversation:
        """The user's conversation with its turns; ConversationNotFoundError for unknown ids, others' or higher levels'."""
        conversation = self._store.get(conversation_id, user, level)
        if conversation is None:
            raise ConversationNotFoundError(conversation_id)
        return conversation

    def list(self, user: str, level: str) -> list[Conversation]:
        return self._store.list(user, level)

    def history(self, conversation_id: str | None, user: str, level: str) -> list[Turn]:
        """Earlier turns of a conversation that the next question will be added to ([] without an id).

        Checked before answering, so a conversation that cannot be continued fails before any work is done."""
        return self._continuable(conversation_id, user, level).turns if conversation_id else []

    def record(self, conversation_id: str | None, answer: Answer, user: str, level: str) -> Conversation:
        """Append the answer as a turn (a new conversation, titled by its question, when there is no id)."""
        if conversation_id:
            conversation = self._continuable(conversation_id, user, level)
        else:
            conversation = self.start(user, level, title_from(answer.question))
        turn = self._store.append(conversation.conversation_id, turn_of(answer))
        conversation.turns.append(turn)
        conversation.turn_count = len(conversation.turns)
        return conversation

    def _continuable(self, conversation_id: str, user: str, level: str) -> Conversation:
        conversation = self.get(conversation_id, user, level)
        if conversation.level != level:  # answers at a higher level must never land where a lower level reads them
            raise InvalidInputError(conversation_id, message_de="Diese Unterhaltung wurde mit einer anderen Zugriffsstufe geführt; "
                                    "bitte eine neue beginnen.",
                                    message_en="This conversation was held at another access level; please start a new one.")
        if len(conversation.turns) >= self.settings.max_turns:
            raise InvalidInputError(conversation_id, message_de="Diese Unterhaltung ist sehr lang; bitte eine neue beginnen.",
                                    message_en="This conversation is too long; please start a new one.")
        return conversation

    def rename(self, conversation_id: str, user: str, level: str, title: str) -> Conversation:
        title = _title(title)
        if not title:
            raise InvalidInputError(message_de="Der Titel ist leer.", message_en="The title is empty.")
        if not self._store.rename(conversation_id, user, level, title):
            raise ConversationNotFoundError(conversation_id)
        return self.get(conversation_id, user, level)

    def delete(self, conversation_id: str, user: str, level: str) -> None:
        if not self._store.delete(conversation_id, user, level):
            raise ConversationNotFoundError(conversation_id)

    def purge(self) -> int:
        """Delete conversations without activity for `retention_days` (0 keeps everything); returns how many."""
        days = self.settings.retention_days
        if days <= 0:
            return 0
        return self._store.delete_older_than(self._clock() - timedelta(days=days))


def _title(title: str) -> str:
    title = " ".join((title or "").split())
    if len(title) > MAX_TITLE_CHARS:
        raise InvalidInputError(f"{len(title)} Zeichen", message_de=f"Der Titel ist zu lang (höchstens {MAX_TITLE_CHARS} Zeichen)",
                                message_en=f"The title is too long (at most {MAX_TITLE_CHARS} characters)")
    return title


def _check_level(level: str) -> None:
    if level not in CONFIDENTIALITY_LEVELS:
        raise InvalidInputError(level, message_de="Unbekannte Vertraulichkeitsstufe", message_en="Unknown confidentiality level")

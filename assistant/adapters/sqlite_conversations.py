"""Conversations in one SQLite file (<data_dir>/conversations.sqlite): survives restarts, no server, easy to back up."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from assistant.adapters.sqlite_open import SqliteFile
from assistant.core.errors import ConversationNotFoundError
from assistant.core.interfaces import ConversationStore
from assistant.core.types import CONFIDENTIALITY_LEVELS, Conversation, Turn, confidentiality_rank

SCHEMA_VERSION = 1

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS conversations (
        id          TEXT PRIMARY KEY,
        user        TEXT NOT NULL,
        level_rank  INTEGER NOT NULL,
        level       TEXT NOT NULL,
        title       TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS conversations_user ON conversations (user, updated_at)",
    "CREATE INDEX IF NOT EXISTS conversations_updated ON conversations (updated_at)",
    """CREATE TABLE IF NOT EXISTS turns (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        created_at      TEXT NOT NULL,
        question        TEXT NOT NULL,
        understood_as   TEXT NOT NULL DEFAULT '',
        answer_text     TEXT NOT NULL DEFAULT '',
        citations       TEXT NOT NULL DEFAULT '[]'
    )""",
    "CREATE INDEX IF NOT EXISTS turns_conversation ON turns (conversation_id, id)",
)
_CONVERSATION = "id, user, level, title, created_at, updated_at, (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id)"


def _now_iso(clock: Callable[[], datetime]) -> str:
    return clock().astimezone(UTC).isoformat(timespec="microseconds")


class SqliteConversationStore(ConversationStore):
    """One short connection per call (safe from any thread); a lock serialises writers inside the process."""

    def __init__(self, path: Path, clock: Callable[[], datetime] | None = None):
        self.path = Path(path)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._file = SqliteFile(self.path, schema=_SCHEMA, version=SCHEMA_VERSION, pragmas=("foreign_keys=ON",))

    # --- interface -----------------------------------------------------------------------------------------------

    def create(self, user: str, level: str, title: str = "") -> Conversation:
        now = _now_iso(self._clock)
        conversation_id = uuid.uuid4().hex
        with self._file.write() as conn:
            conn.execute("INSERT INTO conversations (id, user, level_rank, level, title, created_at, updated_at)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (conversation_id, user, confidentiality_rank(level), level, title, now, now))
        return Conversation(conversation_id=conversation_id, user=user, level=level, title=title, created_at=now, updated_at=now)

    def append(self, conversation_id: str, turn: Turn) -> Turn:
        now = _now_iso(self._clock)
        with self._file.write() as conn:
            if conn.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id)).rowcount == 0:
                raise ConversationNotFoundError(conversation_id)
            conn.execute("INSERT INTO turns (conversation_id, created_at, question, understood_as, answer_text, citations)"
                         " VALUES (?, ?, ?, ?, ?, ?)",
                         (conversation_id, now, turn.question, turn.understood_as, turn.answer_text,
                          json.dumps(list(turn.citations), ensure_ascii=False)))
        return Turn(question=turn.question, answer_text=turn.answer_text, understood_as=turn.understood_as,
                    citations=list(turn.citations), created_at=now)

    def list(self, user: str, level: str) -> list[Conversation]:
        rows = self._file.read(f"SELECT {_CONVERSATION} FROM conversations c WHERE user = ? AND level_rank <= ?"
                          " ORDER BY updated_at DESC, rowid DESC", (user, _rank(level)))
        return [_conversation(row) for row in rows]

    def get(self, conversation_id: str, user: str, level: str) -> Conversation | None:
        rows = self._file.read(f"SELECT {_CONVERSATION} FROM conversations c WHERE id = ? AND user = ? AND level_rank <= ?",
                          (conversation_id, user, _rank(level)))
        if not rows:
            return None
        conversation = _conversation(rows[0])
        turns = self._file.read("SELECT question, understood_as, answer_text, citations, created_at FROM turns"
                           " WHERE conversation_id = ? ORDER BY id", (conversation_id,))
        conversation.turns = [Turn(question=q, understood_as=u, answer_text=a, citations=json.loads(c), created_at=t)
                              for q, u, a, c, t in turns]
        return conversation

    def rename(self, conversation_id: str, user: str, level: str, title: str) -> bool:
        with self._file.write() as conn:
            cursor = conn.execute("UPDATE conversations SET title = ? WHERE id = ? AND user = ? AND level_rank <= ?",
                                  (title, conversation_id, user, _rank(level)))
            return cursor.rowcount > 0

    def delete(self, conversation_id: str, user: str, level: str) -> bool:
        with self._file.write() as conn:
            cursor = conn.execute("DELETE FROM conversations WHERE id = ? AND user = ? AND level_rank <= ?",
                                  (conversation_id, user, _rank(level)))
            return cursor.rowcount > 0

    def delete_older_than(self, cutoff: datetime) -> int:
        with self._file.write() as conn:
            limit = cutoff.astimezone(UTC).isoformat(timespec="microseconds")
            return conn.execute("DELETE FROM conversations WHERE updated_at < ?", (limit,)).rowcount


def _rank(level: str) -> int:
    """Rank of the caller's level; an unknown level reads nothing above the lowest."""
    return CONFIDENTIALITY_LEVELS.index(level) if level in CONFIDENTIALITY_LEVELS else 0


def _conversation(row: tuple) -> Conversation:
    conversation_id, user, level, title, created_at, updated_at, count = row
    return Conversation(conversation_id=conversation_id, user=user, level=level, title=title, created_at=created_at,
                        updated_at=updated_at, turn_count=count)

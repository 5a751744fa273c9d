"""Thumbs up/down on answers, kept locally: the raw material for new eval cases (`planwissen eval --from-feedback`)."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import asdict, dataclass, is_dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from assistant.core.errors import InvalidInputError, NotFoundError
from assistant.core.types import CONFIDENTIALITY_LEVELS, Citation

Rating = Literal["up", "down"]
RATINGS: tuple[str, ...] = ("up", "down")
MAX_QUESTION_CHARS = 4_000
MAX_ANSWER_CHARS = 50_000
MAX_COMMENT_CHARS = 2_000
MAX_CITATIONS = 50
_CITATION_FIELDS = ("number", "doc_id", "title", "quote", "page", "row", "section", "chunk_id", "date")


class FeedbackNotFoundError(NotFoundError):
    code = "feedback_not_found"
    message_de = "Diese Rückmeldung gibt es nicht (mehr) oder sie stammt nicht von Ihnen."
    message_en = "This feedback does not exist (any more) or is not yours."


@dataclass(frozen=True)
class FeedbackEntry:
    """One rating of one answer, with the evidence the user saw (citations as plain dicts)."""

    rating: Rating
    question: str
    answer: str
    citations: tuple[dict, ...] = ()
    comment: str = ""
    source: str = "api"
    level: str = "public"
    created_at: str = ""
    entry_id: int | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["citations"] = list(self.citations)
        return data


class FeedbackStore(ABC):
    """Where feedback is kept (SQLite in production, see assistant/adapters/sqlite_feedback.py)."""

    @abstractmethod
    def add(self, entry: FeedbackEntry) -> FeedbackEntry:
        """Store an entry; returns it with its id."""

    @abstractmethod
    def entries(self, rating: str | None = None, limit: int | None = None) -> list[FeedbackEntry]:
        """Entries, oldest first, optionally only one rating."""

    @abstractmethod
    def get(self, entry_id: int) -> FeedbackEntry | None:
        """One entry by id."""

    @abstractmethod
    def delete(self, entry_id: int) -> bool:
        """Remove one entry; False when there was none."""

    @abstractmethod
    def delete_older_than(self, cutoff: str) -> int:
        """Remove entries created before `cutoff` (ISO-8601 UTC, as created_at); returns how many (retention)."""


def _citation_dict(citation: Citation | dict) -> dict:
    data = asdict(citation) if is_dataclass(citation) else dict(citation)
    return {key: data.get(key) for key in _CITATION_FIELDS if data.get(key) not in (None, "")}


def _bounded(value: str, limit: int, what: str) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidInputError(what, message_de=f"Der Text ist zu lang (höchstens {limit} Zeichen)",
                                message_en=f"The text is too long (at most {limit} characters)")
    return value


class FeedbackService:
    """Validates and records feedback; lists and exports it for the eval."""

    def __init__(self, store: FeedbackStore):
        self._store = store

    def record(self, *, rating: str, question: str, answer: str, citations: Sequence[Citation | dict] = (), comment: str = "",
               source: str = "api", level: str = "public") -> FeedbackEntry:
        if rating not in RATINGS:
            raise InvalidInputError(rating, message_de="Bewertung muss 'up' oder 'down' sein", message_en="Rating must be 'up' or 'down'")
        if level not in CONFIDENTIALITY_LEVELS:
            raise InvalidInputError(level, message_de="Unbekannte Vertraulichkeitsstufe", message_en="Unknown confidentiality level")
        question = _bounded(question, MAX_QUESTION_CHARS, "question")
        if not question:
            raise InvalidInputError(message_de="Die Frage zur Bewertung fehlt.", message_en="The rated question is missing.")
        if len(citations) > MAX_CITATIONS:
            raise InvalidInputError("citations", message_de="Zu viele Quellen", message_en="Too many citations")
        entry = FeedbackEntry(
            rating=rating,  # type: ignore[arg-type]
            question=question,
            answer=_bounded(answer, MAX_ANSWER_CHARS, "answer"),
            citations=tuple(_citation_dict(c) for c in citations),
            comment=_bounded(comment, MAX_COMMENT_CHARS, "comment"),
            source=source,
            level=level,
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        return self._store.add(entry)

    def list(self, rating: str | None = None, limit: int | None = None) -> list[FeedbackEntry]:
        """Stored feedback, oldest first (rating: 'up', 'down' or None for both)."""
        return self._store.entries(rating=rating, limit=limit)

    def delete_own(self, entry_id: int, source: str) -> None:
        """Delete an entry the caller gave (same `source`); someone else's entry counts as not found."""
        entry = self._store.get(entry_id)
        if entry is None or entry.source != source or not self._store.delete(entry_id):
            raise FeedbackNotFoundError(str(entry_id))

    def purge(self, retention_days: int, now: datetime | None = None) -> int:
        """Delete feedback older than `retention_days` (0 keeps everything); returns how many."""
        if retention_days <= 0:
            return 0
        cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
        return self._store.delete_older_than(cutoff.isoformat(timespec="seconds"))

    def export_jsonl(self, path: Path, rating: str | None = None) -> int:
        """Write one JSON object per line (see FeedbackEntry.to_dict); returns how many."""
        entries = self.list(rating=rating)
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as handle:
            for entry in entries:
                handle.write(json.dumps(entry.to_dict(), ensure_ascii=False) + "\n")
        return len(entries)


__all__ = ["FeedbackEntry", "FeedbackNotFoundError", "FeedbackService", "FeedbackStore", "RATINGS"]

"""Checks on free text from callers (questions, search queries), shared by every edge (CLI, API, UI)."""

from __future__ import annotations

import unicodedata

from assistant.core.errors import InvalidInputError
from assistant.core.types import CONFIDENTIALITY_LEVELS, QueryFilters

MAX_QUESTION_CHARS = 4_000
_DROPPED = ("Cf", "Cs", "Co", "Cn")  # invisible format characters, lone surrogates, private use, unassigned


def clean_question(text: str | None, what: str = "Frage") -> str:
    """The question with control characters removed and whitespace folded; 422-style errors for empty, too long or unreadable."""
    if text is None or not text.strip():
        raise InvalidInputError(message_de=f"Die {what} ist leer.", message_en=f"The {_EN.get(what, 'text')} is empty.")
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidInputError(f"{len(text)} Zeichen",
                                message_de=f"Die {what} ist zu lang (höchstens {MAX_QUESTION_CHARS} Zeichen)",
                                message_en=f"The {_EN.get(what, 'text')} is too long (at most {MAX_QUESTION_CHARS} characters)")
    kept = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text if unicodedata.category(ch) not in _DROPPED)
    cleaned = " ".join(kept.split())
    if not any(ch.isalnum() for ch in cleaned):
        raise InvalidInputError(message_de=f"Die {what} enthält keinen lesbaren Text (nur Steuer- oder Sonderzeichen).",
                                message_en=f"The {_EN.get(what, 'text')} contains no readable text (only control or special characters).")
    return cleaned


_EN = {"Frage": "question", "Suchanfrage": "search query"}


def checked_filters(filters: QueryFilters | None) -> QueryFilters:
    """The filters, or none; an unknown confidentiality level is refused rather than guessed (a typo must not open
    internal documents). The one check every store (real and fake) runs before it looks at a level."""
    filters = filters or QueryFilters()
    if filters.max_confidentiality not in CONFIDENTIALITY_LEVELS:
        raise InvalidInputError(
            filters.max_confidentiality, message_de="Unbekannte Vertraulichkeitsstufe", message_en="Unknown confidentiality level"
        )
    return filters

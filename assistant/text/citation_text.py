"""The plain-text form of a citation ("[2] Sozialraumprofil Haspe, S. 4: „…“"), one renderer for the terminal and the
OpenAI-compatible API so both show a source the same way (the UI renders HTML from the same fields)."""

from __future__ import annotations

from assistant.core.types import Citation

QUOTE_CHARS = 300


def short_quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """The quote on one line, cut with '…' beyond `limit` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def source_heading(citation: Citation) -> str:
    """'[n] Title, place' — the place (page, row, section) left out when it is empty or just repeats the title."""
    place = f", {citation.location}" if citation.location and citation.location != citation.title else ""
    return f"[{citation.number}] {citation.title}{place}"


def source_line(citation: Citation, limit: int = QUOTE_CHARS) -> str:
    """'[n] Title, place: „quote“'."""
    return f"{source_heading(citation)}: „{short_quote(citation.quote, limit)}“"

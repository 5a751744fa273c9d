"""Glossary entries: a line that opens with its term, then a dash or a colon, then what the term means
("Quartier – Überschaubares Wohngebiet …", "Kinderarmut / Kinderarmutsquote – Anteil …"). A definition question is
answered best by the entry of its own term, wherever the glossary's chunking put it."""

from __future__ import annotations

import re

_HEADWORD = re.compile(r"^\W*(?P<term>[^\W\d][\w\-/ ]{1,40}?)\s*(?:[–-]\s|:\s)")


def headword(line: str) -> str:
    """The term a glossary-style line defines, or "": nouns only ("Zum Sozialraum gehören: …" lists, it defines not)."""
    match = _HEADWORD.match(line)
    if not match:
        return ""
    term = match.group("term").strip()
    return term if all(w[:1].isupper() or w in ("/", "und") for w in term.split()) else ""


def headwords(text: str) -> list[str]:
    """The terms of every glossary-style line of a text."""
    return [term for line in text.splitlines() if (term := headword(line))]

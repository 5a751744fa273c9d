"""German display labels for internal ids and citation places, derived from the documents themselves.

Ids such as "alter-und-pflege" or "qualitaetsbericht" are ASCII slugs; the right spelling ("Qualitätsbericht")
usually appears in the titles of the documents, so the labels are looked up there (no hand-made word list).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.core.types import Citation

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SMALL = {"und", "oder", "der", "die", "das", "des", "dem", "den", "in", "im", "von", "vom", "für", "mit", "zu", "zur", "zum",
          "an", "am", "auf", "bei", "nach", "aus", "über", "ohne", "gegen", "als", "ein", "eine", "einer"}
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")
_PATH_SEPARATOR = " > "


def fold(text: str) -> str:
    """Lower case with umlauts written out: the form the slugs use."""
    return text.lower().translate(_FOLD)


def spellings(texts: Iterable[str]) -> dict[str, str]:
    """Folded word -> the word as written (first seen), from titles or other German text."""
    found: dict[str, str] = {}
    for text in texts:
        for word in _WORD.findall(text or ""):
            for part in [word, *word.split("-")]:
                found.setdefault(fold(part), part)
    return found


def id_label(slug: str, known: dict[str, str]) -> str:
    """'alter-und-pflege' -> 'Alter und Pflege'; 'qualitaetsbericht' -> 'Qualitätsbericht' when a title spells it so."""
    if not slug:
        return ""
    whole = known.get(fold(slug))
    if whole:
        return whole[0].upper() + whole[1:]
    words = []
    for i, part in enumerate(re.split(r"[-_]+", slug)):
        word = known.get(part, part)
        if word.lower() in _SMALL and i:
            words.append(word.lower())
        else:
            words.append(word[0].upper() + word[1:] if word else word)
    return " ".join(w for w in words if w)


def choices(slugs: Iterable[str], known: dict[str, str]) -> list[tuple[str, str]]:
    """(label, id) pairs for a Gradio dropdown, sorted by label."""
    return sorted(((id_label(s, known), s) for s in slugs), key=lambda pair: fold(pair[0]))


def _calm(part: str) -> str:
    """A heading in capitals ('SOZIALRAUMTEAM HAGEN-NORD') in normal case; other headings unchanged."""
    letters = [c for c in part if c.isalpha()]
    if len(letters) < 4 or not all(c.isupper() for c in letters):
        return part
    words = []
    for i, word in enumerate(part.split(" ")):
        low = word.lower()
        words.append(low if i and low in _SMALL else "-".join(w[:1].upper() + w[1:] for w in low.split("-")))
    return " ".join(words)


def _same(a: str, b: str) -> bool:
    a, b = fold(re.sub(r"\W+", " ", a)).strip(), fold(re.sub(r"\W+", " ", b)).strip()
    return bool(a and b) and (a == b or a in b or b in a)


def section_label(citation: Citation) -> str:
    """The deepest heading of the citation's section path, without the document title, file ids or capitals."""
    parts = [p.strip() for p in (citation.section or "").split(_PATH_SEPARATOR) if p.strip()]
    parts = [p for p in parts if not _SLUG.match(p) and p != citation.doc_id and not _same(p, citation.title)]
    return _calm(parts[-1]) if parts else ""


def place_label(citation: Citation) -> str:
    """'S. 4 · 2.1 Leitziel', 'Zeile 271' or just the heading; never the title again."""
    section = section_label(citation)
    parts = [citation.location if citation.location != citation.section else "", section]
    return " · ".join(p for p in parts if p)

"""Hyphenated place names in questions ("Kiel-Mitte", "Hagen-Süd", "Hagen-Haspe"): a known place glued to a word that
is no place names another place, one the documents may not know — never the known part alone."""

from __future__ import annotations

from collections.abc import Callable

from assistant.text import simple_key

_PUNCTUATION = ".,;:!?()[]\"'„“”"


def hyphen_units(raw: list[str], words: list[str]) -> list[int]:
    """Per folded word, the index of the hyphenated token it comes from ("Kiel-Mitte"), -1 for any other word; all -1
    when the tokens do not line up with the words."""
    units: list[int] = []
    for index, token in enumerate(raw):
        parts = simple_key(token).split()
        units += [index if "-" in token.strip("-") and len(parts) > 1 else -1] * len(parts)
    return units if len(units) == len(words) else [-1] * len(words)


def part_of_another_name(start: int, end: int, words: list[str], glued: list[int], is_key: Callable[[str], bool]) -> bool:
    """True when the phrase is one part of a hyphenated name whose other part is no place ("Kiel" of "Kiel-Mitte").
    "Hagen-Haspe" (two places joined) still names Haspe."""
    for unit in {glued[i] for i in range(start, end) if glued[i] >= 0}:
        rest = [w for i, w in enumerate(words) if glued[i] == unit and not start <= i < end]
        if rest and not is_key(" ".join(rest)):
            return True
    return False


def unknown_compounds(question: str, is_key: Callable[[str], bool], is_area: Callable[[str], bool], max_words: int = 4) -> list[str]:
    """Hyphenated names the question writes that are no place, though a part of them is an area (`is_area`: a city,
    Bezirk, Sozialraum or Stadtteil) and the rest is no place: "Kiel-Mitte", "Hagen-Süd". A name that goes on after
    the hyphenated word ("Wehringhausen-Villa Post") is judged whole; `is_key` says whether folded words name a place."""
    words = simple_key(question).split()
    raw = question.split()
    glued = hyphen_units(raw, words)
    spans = [(i, j) for i in range(len(words)) for j in range(i + 1, min(len(words), i + max_words) + 1) if is_key(" ".join(words[i:j]))]
    found = []
    for unit in sorted(set(glued) - {-1}):
        where = [i for i, u in enumerate(glued) if u == unit]
        first, last = where[0], where[-1]
        if any(i <= first and last < j for i, j in spans):
            continue  # the whole hyphenated word is (part of) a place name
        token = raw[unit].strip(_PUNCTUATION)
        if not all(part[:1].isupper() for part in token.split("-") if part):
            continue  # "Haspe-typisch" is no name
        inside = [(i, j) for i, j in spans if first <= i and j <= last + 1 and is_area(" ".join(words[i:j]))]
        if any(part_of_another_name(i, j, words, glued, is_key) for i, j in inside):
            found.append(token)
    return found

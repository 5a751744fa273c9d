"""Spelling normalisation for German search: umlauts and ß folded, gender forms reduced to the base word.

Both the indexed text and the question go through the same functions, so "Bürger*innen", "Buerger" and
"BÜRGER" all meet at "buerger".
"""

from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})

# "Bürger*innen", "Bürger:innen", "Bürger_innen", "Bürger/innen", "Bürger/-innen", "Bürger(innen)", singular "*in".
_GENDER_MARK = re.compile(r"(?<=[^\W\d_])(?:[*:_/·]-?|\()(innen|in)\)?(?![^\W\d_])")
# Binnen-I: "BürgerInnen", "PlanerIn" (a lowercase letter right before the capital I).
_BINNEN_I = re.compile(r"(?<=[a-zäöüß])(Innen|In)(?![^\W\d_])")


def fold(text: str) -> str:
    """Lowercase, umlauts as ae/oe/ue, ß as ss, other accents dropped (é → e)."""
    text = unicodedata.normalize("NFC", text).lower().translate(_FOLD)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def degender(text: str) -> str:
    """Reduce gender-inclusive spellings to the base word ("Planer:innen" → "Planer"); case-sensitive, so call before fold."""
    text = _GENDER_MARK.sub("", text)
    return _BINNEN_I.sub("", text)


def normalize(text: str) -> str:
    """degender then fold: the canonical spelling used for matching names, topics and terms."""
    return fold(degender(text))


def simple_key(text: str) -> str:
    """Spelling-insensitive key of a name: normalised, punctuation as single spaces ("Eilpe / Dahl" → "eilpe dahl")."""
    return " ".join(re.findall(r"[^\W_]+", normalize(text)))

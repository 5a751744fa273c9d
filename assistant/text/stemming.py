"""Snowball German stemming (PyStemmer), one stemmer per thread because PyStemmer objects are not thread-safe.

The German Snowball algorithm treats "ae/oe/ue" like "ä/ö/ü", so folded and unfolded spellings share a stem.
"""

from __future__ import annotations

import threading
from functools import lru_cache

import Stemmer

_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("german")
    return stemmer


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem of one folded, lowercase word ("armutsbekaempfung" → "armutsbekampf")."""
    return _stemmer().stemWord(word)

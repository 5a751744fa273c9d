"""Which words a corpus writes as nouns or names: German capitalises them, so a word written capitalised in most of
its occurrences inside sentences (not at their start) is one. A question typed all in lower case is read with this."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from assistant.text.normalize import fold

WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)*")
#: A word right after these starts a sentence or a line: its capital says nothing about it.
_STARTS = frozenset(".!?:;\n•-–*|#>\"„(")
#: Share of a word's occurrences inside sentences that must be capitalised for it to count as a noun or name.
NOUN_SHARE = 0.8
#: Fewer occurrences than this inside sentences: too rare to tell.
MIN_SEEN = 2


def written_words(texts: Iterable[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(nouns, other words): folded words the texts write capitalised inside sentences, and those they write mostly
    in lower case ("passiert", "kommt", "hintereinander"); words seen too rarely are in neither."""
    upper: dict[str, int] = defaultdict(int)
    seen: dict[str, int] = defaultdict(int)
    for text in texts:
        for match in WORD.finditer(text):
            before = text[: match.start()].rstrip(" \t")
            if not before or before[-1] in _STARTS:
                continue
            word = fold(match.group(0))
            seen[word] += 1
            if match.group(0)[:1].isupper():
                upper[word] += 1
    nouns = frozenset(w for w, n in seen.items() if n >= MIN_SEEN and upper[w] >= NOUN_SHARE * n)
    lower = frozenset(w for w, n in seen.items() if n >= MIN_SEEN and upper[w] <= (1 - NOUN_SHARE) * n)
    return nouns, lower

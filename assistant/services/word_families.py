"""Verb forms and the noun they share a base with: "fördert", "gefördert" and "Förderung" are one word family.

The stemmer leaves them apart ("fordert", "gefordert", "forder"), so a question asking "Seit wann fördert die Stadt …"
would not meet the record line "Förderung durch die Stadt seit 1997". General German inflection, no vocabulary.
"""

from __future__ import annotations

#: Shortest base a verb form is reduced to: shorter ones ("leit", "kost") are shared by unrelated words.
_FAMILY_MIN = 6


def word_family(term: str) -> str:
    """The base a verb form shares with its noun ("fordert" (fördert), "gefordert" and "forder" (Förderung) →
    "forder"): "Seit wann fördert die Stadt …" is answered by "Förderung durch die Stadt seit 1997". General German
    inflection: the participle's "ge-" and the "-t"/"-et" of the third person; bases shorter than _FAMILY_MIN stay whole."""
    base = term[2:] if term.startswith("ge") and len(term) - 2 >= _FAMILY_MIN else term
    for ending in ("et", "t"):
        if base.endswith(ending) and len(base) - len(ending) >= _FAMILY_MIN:
            return base[: -len(ending)]
    return base

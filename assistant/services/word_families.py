"""Verb forms and the noun they share a base with: "fördert", "gefördert" and "Förderung" are one word family.

The stemmer leaves them apart ("fordert", "gefordert", "forder"), so a question asking "Seit wann fördert die Stadt …"
would not meet the record line "Förderung durch die Stadt seit 1997". General German inflection, no vocabulary.
"""

from __future__ import annotations

#: Shortest base a verb form is reduced to: shorter ones ("leit", "kost") are shared by unrelated words.
_FAMILY_MIN = 6
#: Separable verb prefixes (stemmed, umlauts folded) whose participle puts "ge" after them ("ein-ge-richtet").
_SEPARABLE = ("zusammen", "zuruck", "statt", "teil", "nach", "fort", "auf", "aus", "bei", "ein", "mit", "vor", "weg",
              "dar", "her", "hin", "los", "ab", "an", "um", "zu")
#: Shortest rest after prefix and "ge" ("ein-ge-lad", stemmed): shorter rests are nouns ("Umgebung" stays).
_INFIX_REST = 3


#: Spoken short forms of separable prefixes in a participle ("rausgegeben" for "(her)ausgegeben", "reingekommen").
_SPOKEN_PREFIXES = {"raus": "aus", "rein": "ein", "rauf": "auf", "runter": "unter", "rum": "um", "ran": "an", "rueber": "uber"}


def word_family(term: str) -> str:
    """The base a verb form shares with its noun ("fordert" (fördert), "gefordert" and "forder" (Förderung) →
    "forder"): "Seit wann fördert die Stadt …" is answered by "Förderung durch die Stadt seit 1997". General German
    inflection: the participle's "ge-" and the "-t"/"-et" of the third person; bases shorter than _FAMILY_MIN stay whole."""
    for spoken, prefix in _SPOKEN_PREFIXES.items():
        if term.startswith(spoken + "ge") and len(term) - len(spoken) - 2 >= _INFIX_REST:
            term = prefix + term[len(spoken):]  # "rausgegeben" is "ausgegeben"
            break
    base = term[2:] if term.startswith("ge") and len(term) - 2 >= _FAMILY_MIN else term
    for prefix in _SEPARABLE:  # "eingerichtet" / "Einrichtung", "vorgestellt" / "Vorstellung": the "ge" after the prefix
        if base.startswith(prefix + "ge") and len(base) - len(prefix) - 2 >= _INFIX_REST:
            base = prefix + base[len(prefix) + 2 :]
            break
    for ending in ("et", "t"):
        if base.endswith(ending) and len(base) - len(ending) >= _FAMILY_MIN:
            return base[: -len(ending)]
    return base


#: Shortest asked word found inside a longer compound, and the shortest rest of that compound.
_PART_MIN, _REST_MIN = 4, 5


def in_compound(term: str, terms: frozenset[str] | set[str]) -> bool:
    """True when a word of `terms` is a compound beginning or ending with the asked term: "Krise" in
    "Krisenintervention", "Beratung" in "Seniorenberatung", where the corpus knows the parts too rarely for the
    compound splitter to cut them. A head shorter than a modifier must be longer to count ("berat" ends "seniorenberat")."""
    if len(term) < _PART_MIN:
        return False
    return any(len(word) - len(term) >= _REST_MIN and (word.startswith(term) or (len(term) > _PART_MIN and word.endswith(term)))
               for word in terms)


#: Endings that make an adjective of a noun ("städtisch" of "Stadt", "ärztlich" of "Arzt", "schulisch" of "Schule").
_ADJECTIVE_ENDINGS = ("isch", "lich")
#: Shortest noun base an adjective is reduced to.
_ADJECTIVE_BASE_MIN = 4


def adjective_base(term: str) -> str:
    """The noun a derived adjective is made of, as a stemmed term ("stadtisch" → "stadt": umlauts are folded by the
    stemmer), or "" when the term is no such adjective: "von der Stadt gefördert" is answered by "in der städtischen
    Förderung"."""
    for ending in _ADJECTIVE_ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= _ADJECTIVE_BASE_MIN:
            return term[: -len(ending)]
    return ""

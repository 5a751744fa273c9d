"""Which places a question names, in the store's own spelling: the store's places, the vocabulary's variants
(alias file), folded umlauts/transliterations ("Duesternbrook") and small typos."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.services.place_compounds import hyphen_units, part_of_another_name, unknown_compounds
from assistant.services.query_understanding import edit_distance
from assistant.services.vocabulary import Vocabulary
from assistant.text import simple_key

#: Generic words that are never place names on their own, even if a table has such a row.
_NOT_PLACES = frozenset("insgesamt gesamt summe zusammen total alle stadt mitte nord sued ost west zentrum die der das und im in "
                        "stadtbezirk bezirk sozialraum stadtteil ortsteil quartier stadtbezirke bezirke sozialraeume stadtteile "
                        "ortsteile quartiere angebote".split())

#: Words of a direction or centre that name a place only after a preposition of place ("in Mitte", "aus Nord"):
#: alone they are a time ("Mitte 2023") or a part of another name.
_DIRECTION_NAMES = frozenset("mitte nord sued ost west zentrum".split())
_PLACE_PREPOSITIONS = ("in", "im", "aus", "fuer", "nach", "von")

#: The words a question puts before a place of that level ("im Bezirk Nord", "Stadtteil Mitte").
_LEVEL_WORDS = {"bezirk": ("bezirk", "stadtbezirk"), "stadtteil": ("stadtteil", "ortsteil"), "sozialraum": ("sozialraum",),
                "ortsteil": ("ortsteil", "stadtteil")}


@dataclass(frozen=True)
class PlaceRef:
    """A place as the store names it, with its level."""

    name: str
    level: str


def _fuzzy_limit(key: str) -> int:
    return 0 if len(key) < 5 else (1 if len(key) < 10 else 2)


class PlaceResolver:
    """Finds place mentions in a question.

    Args:
        places: the store's place → level.
        vocabulary: the corpus vocabulary (variants from the alias file); optional.
    """

    def __init__(self, places: dict[str, str], vocabulary: Vocabulary | None = None):
        self.places = places
        self.keys: dict[str, set[str]] = {}
        #: The city's own rows ("Hagen", "Gesamtstadt"): the place of a figure question that names none.
        #: (A row named only "Stadt" is one too: "Stadt insgesamt" under another town's Stadtteile.)
        #: A bare 'Gesamt' row counts only when no row names the city: a survey's 'alle' never does.
        cities = [n for n, lvl in places.items() if lvl == "stadt" and simple_key(n) != "alle"]
        self.city_names: list[str] = sorted(n for n in cities if simple_key(n) != "gesamt") or sorted(cities)
        for name in places:
            key = simple_key(name)
            if key and key not in _NOT_PLACES:
                self.keys.setdefault(key, set()).add(name)
            elif key and places[name] in _LEVEL_WORDS:  # "Nord" ('Bezirk Nord zusammen'): only with its level word
                for word in _LEVEL_WORDS[places[name]]:
                    self.keys.setdefault(f"{word} {key}", set()).add(name)
                if key in _DIRECTION_NAMES:  # … or after a preposition of place ("Wie viele leben in Mitte?")
                    for word in _PLACE_PREPOSITIONS:
                        self.keys.setdefault(f"{word} {key}", set()).add(name)
        if vocabulary is not None:
            by_key = {simple_key(n): n for n in places}
            for variant, canonical in vocabulary.place_keys.items():
                target = by_key.get(simple_key(canonical))
                if target and variant not in self.keys and variant not in _NOT_PLACES:
                    self.keys[variant] = {target}
            city_words = {*vocabulary.city_keys, *vocabulary.citywide_keys}
            stadt = {n for n, lvl in places.items() if lvl == "stadt" and simple_key(n) in city_words}
            for city in city_words:
                if stadt:  # "Gesamtstadt", "Stadt Hagen", "Hagen": every city-level row, whatever a table calls it
                    self.keys[city] = self.keys.get(city, set()) | stadt
            # a table of another town ("Stadt insgesamt" under its Stadtteile): its own total is the city's figure
            self.city_names = sorted(stadt) or self.city_names
        self.max_words = max((len(k.split()) for k in self.keys), default=1)
        self._fuzzy: dict[str, list[str]] = {}
        for key in self.keys:
            if len(key) >= 5:
                self._fuzzy.setdefault(key[0], []).append(key)

    def find(self, question: str) -> list[PlaceRef]:
        """Places named in the question, in order of mention (longest names first, typos within 1–2 letters)."""
        words = simple_key(question).split()
        raw = question.split()
        glued = hyphen_units(raw, words)
        capitalised = {simple_key(w) for w in raw[1:] if w[:1].isupper()}
        if not capitalised:  # typed all in lower case ("kinderarmut hohenlimbrug"): every word may be a misspelt name
            capitalised = {simple_key(w) for w in raw}
        found: list[PlaceRef] = []
        used = [False] * len(words)
        for size in range(min(self.max_words, len(words)), 0, -1):
            for start in range(0, len(words) - size + 1):
                if any(used[start:start + size]):
                    continue
                phrase = " ".join(words[start:start + size])
                names = self.keys.get(phrase)
                if not names and all(any(w in c.split() for c in capitalised) for w in phrase.split()):
                    names = self._typo(phrase)
                if not names or part_of_another_name(start, start + size, words, glued, self.keys.__contains__):
                    continue
                for i in range(start, start + size):
                    used[i] = True
                for name in sorted(names):
                    found.append((start, PlaceRef(name, self.places[name])))
        found.sort(key=lambda item: item[0])
        seen: set[str] = set()
        result = []
        for _, ref in found:
            if ref.name not in seen:
                seen.add(ref.name)
                result.append(ref)
        return result

    def unknown_compounds(self, question: str) -> list[str]:
        """Hyphenated names of the question that are no place of the tables, though a part is an area of theirs
        ("Kiel-Mitte"): see services/place_compounds.py."""
        return unknown_compounds(question, self.keys.__contains__, self._is_area, self.max_words)

    def _is_area(self, key: str) -> bool:
        """True for a key of a city, Bezirk, Sozialraum or Stadtteil (not a survey row the tables give as a place)."""
        return any(self.places.get(name) in ("stadt", "bezirk", "sozialraum", "stadtteil") for name in self.keys.get(key, ()))

    def city(self) -> list[PlaceRef]:
        """The city as a whole, as the store names it (empty when no table has a city row)."""
        return [PlaceRef(n, self.places[n]) for n in self.city_names]

    def _typo(self, phrase: str) -> set[str] | None:
        limit = _fuzzy_limit(phrase) if len(phrase) >= 6 else 0
        if not limit:
            return None
        best: tuple[int, str] | None = None
        words = len(phrase.split())
        for key in self._fuzzy.get(phrase[0], ()):
            if abs(len(key) - len(phrase)) > limit or len(key.split()) != words:
                continue  # a typo changes letters, not words: 'Sozialraum' is no misspelt 'Sozialraum A'

            distance = edit_distance(phrase, key, limit)
            if distance <= limit and (best is None or distance < best[0]):
                best = (distance, key)
        return self.keys[best[1]] if best else None


#: Levels of the areas a smaller place may lie in, largest last.
_AREA_LEVELS = ("sozialraum", "bezirk")


def named_after(place: PlaceRef, places: dict[str, str]) -> list[PlaceRef]:
    """The Sozialräume and Stadtbezirke whose names contain the place's name as a part ("Eilpe" →
    "Eilpe/Delstern/Selbecke", "Eilpe/Dahl"), smaller level first; empty for an area itself."""
    if place.level in _AREA_LEVELS or place.level == "stadt":
        return []
    key = simple_key(place.name)
    found = [
        PlaceRef(name, level) for name, level in places.items()
        if level in _AREA_LEVELS and name != place.name and key in re.split(r"[/\s,–-]+", simple_key(name))
    ]
    return sorted(found, key=lambda p: (_AREA_LEVELS.index(p.level), p.name))

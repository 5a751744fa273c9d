"""Places and their level: which column names places, which rows are totals (the city, a Bezirk), folded keys.

Levels come from the column header ("Stadtteil", "Sozialraum", "Stadtbezirk"); a totals row ("Kiel insgesamt",
"Gesamtstadt", "Summe", "Bezirk Haspe gesamt") is another level, never one more place. Names keep their
spelling; `place_key` folds umlauts and transliterations so "Düsternbrook" and "Duesternbrook" match.
"""

from __future__ import annotations

import re

from assistant.text.normalize import simple_key

#: Header words of place columns, finest level first (header text is folded before matching).
_LEVEL_WORDS: tuple[tuple[str, str], ...] = (
    ("stadtteil", "stadtteil"),
    ("ortsteil", "stadtteil"),
    ("quartier", "stadtteil"),
    ("wohnbezirk", "stadtteil"),
    ("sozialraum", "sozialraum"),
    ("sozialraeume", "sozialraum"),
    ("planungsraum", "sozialraum"),
    ("stadtbezirk", "bezirk"),
    ("bezirk", "bezirk"),
    ("gemeinde", "other"),  # the Gemeinden of a Kreis: areas of their own, not the city
    ("kommune", "stadt"),
    ("kreis", "stadt"),
)
#: Header words of place columns whose level the header does not say.
_GENERIC_PLACE_WORDS = ("raum", "gebiet", "ort", "region", "bereich", "standort", "lage")
_LEVEL_RANK = {"stadtteil": 0, "sozialraum": 0, "other": 1, "bezirk": 2, "stadt": 3}

#: Words that make a row label a total ("Summe", "Kiel insgesamt", "Bezirk Mitte gesamt", "Hagen (Stadt)").
_TOTAL_WORDS = re.compile(r"\b(insgesamt|gesamt|summe|zusammen|total|alle|gesamtstadt|stadt\s*gesamt|gesamtstaedtisch|stadtweit)\b")
#: The district of an employment agency ('Agentur für Arbeit Lindenburg', 'Agenturbezirk …'): the Federal Agency's
#: tables list it first, over the Kreise, Städte and Stadtteile it covers.
_AGENCY_AREA = re.compile(r"^(agentur fuer arbeit|agenturbezirk|arbeitsagentur|bezirk der agentur fuer arbeit)\b")
_CITY_WORDS = re.compile(r"\b(gesamtstadt|stadtweit|gesamtstaedtisch|stadt|kommune)\b")
BEZIRK_WORDS = re.compile(r"\b(stadtbezirk|bezirk)\b")
_BEZIRK_WORDS = BEZIRK_WORDS
_CONTEXT_PLACE = re.compile(r"\b(Stadtbezirk|Bezirk|Sozialraum|Stadtteil|Ortsteil|Quartier|Stadt|Sozialraum-Steckbrief|Steckbrief)\s+(.+)$",
                            re.IGNORECASE)


#: The kind of area official statistics write after a region's name ('Hagen, krfr. Stadt', 'Olpe, Kreis', 'Bergheide, Stadt').
_REGION_TYPE = re.compile(r",\s*((?:krfr\.|kreisfreie|kreisangehörige|große|gr\.)?\s*(?:stadt|kreis|landkreis|stadtkreis|kreisstadt|"
                          r"hansestadt|landeshauptstadt|gemeinde|markt|samtgemeinde|verbandsgemeinde|regierungsbezirk|reg\.-bez\.))\s*$",
                          re.IGNORECASE)


def split_region_type(name: str) -> tuple[str, str]:
    """('Hagen', 'krfr. Stadt') for 'Hagen, krfr. Stadt': the name a reader asks for and the kind of area; (name, '')."""
    match = _REGION_TYPE.search(name)
    if not match or not name[: match.start()].strip():
        return name, ""
    return name[: match.start()].strip(), match.group(1)


#: A statistics office's area number before the name ('01 Altstadt', '3.2 Südpark', '012 - Am Hafen').
_CODE_PREFIX = re.compile(r"^\d{1,4}(?:\.\d{1,3})*\.?\s*[-–:)]?\s+(?=[A-ZÄÖÜ][^\W\d_])")


def strip_code(name: str) -> str:
    """'Altstadt' for '01 Altstadt': the name a reader asks for, without the area number the table writes before it."""
    return _CODE_PREFIX.sub("", name, count=1)


def region_rank(region_type: str) -> int:
    """How wide a kind of area is: Regierungsbezirk 3, Kreis and kreisfreie Stadt 2, Stadt and Gemeinde 1, none 0."""
    key = simple_key(region_type)
    if not key:
        return 0
    if "regierungsbezirk" in key or key.startswith("reg bez"):
        return 3
    if "kreis" in key.replace("kreisstadt", "").replace("kreisangehoerige", "") or "krfr" in key or "kreisfreie" in key:
        return 2
    return 1


def aggregate_codes(codes: set[str]) -> set[str]:
    """Area keys that stand for the sum of others in the table: an AGS/ARS whose trailing zeros cover other keys
    ('05998000' over '05998004', '05998008') or a shorter key that begins longer ones ('05998' over '05998004') is the
    Kreis or city whose parts are listed with it. Keys one digit apart ('1', '10', '11') are a numbering, no hierarchy."""
    found = set()
    for code in codes:
        stem = code.rstrip("0") if len(code) >= 5 and len(code) - len(code.rstrip("0")) >= 3 else code
        if len(stem) >= 2 and any(o != code and len(o) >= len(stem) + 2 and o.startswith(stem) for o in codes):
            found.add(code)
    return found


def place_key(name: str) -> str:
    """Spelling-insensitive key: 'Düsternbrook' and 'Duesternbrook' both → 'duesternbrook'."""
    return simple_key(name)


def level_of_header(header: str) -> str | None:
    """'stadtteil' for a 'Stadtteile' column, 'other' for 'Raum', None when the header names no place."""
    key = simple_key(header)
    words = key.split()
    for word, level in _LEVEL_WORDS:
        if any(w == word or w.startswith(word) for w in words):
            return level
    if any(w in _GENERIC_PLACE_WORDS for w in words):
        return "other"
    return None


def is_city_header(header: str) -> bool:
    """True for a column that names the town itself ('Stadt', 'Gemeinde', 'Kommune'), not its parts ('Stadtteil')."""
    return simple_key(header) in ("stadt", "stadtname", "kommune", "gemeinde", "gemeindename")


def finer(level_a: str, level_b: str) -> bool:
    """True when level_a is finer than level_b (a Sozialraum is finer than a Bezirk)."""
    return _LEVEL_RANK.get(level_a, 1) < _LEVEL_RANK.get(level_b, 1)


def total_level(label: str, *, city_names: set[str], parent_names: set[str]) -> tuple[str, str] | None:
    """(level, place) when a row label is a total: ('stadt', 'Kiel') for 'Kiel insgesamt', ('bezirk', 'Mitte') …

    `city_names` are folded names of the city (from constant columns such as Stadt = Kiel), `parent_names`
    the folded values of the table's coarser place column.
    """
    key = simple_key(label)
    if not key:
        return None
    if key in city_names or key in ("stadt", "gesamtstadt", "stadtgebiet") or _AGENCY_AREA.match(key):
        return "stadt", label
    has_total_word = bool(_TOTAL_WORDS.search(key))
    rest = " ".join(w for w in _TOTAL_WORDS.sub(" ", key).split() if w not in ("der", "die", "des", "aller", "in"))
    city_marked = re.fullmatch(r"(stadt \S+|\S+ stadt)", key) is not None and not key.startswith("stadtteil")
    if not has_total_word and not city_marked:
        return None
    if _BEZIRK_WORDS.search(rest) or (rest and rest in parent_names):
        name = " ".join(w for w in rest.split() if not _BEZIRK_WORDS.fullmatch(w))
        return "bezirk", _written(label, name) or label
    if not rest or _CITY_WORDS.search(key) or rest in city_names:
        name = " ".join(w for w in rest.split() if w not in ("stadt", "kommune"))
        return "stadt", _written(label, name) or _written(label, rest) or label
    return "stadt", _written(label, rest) or label  # "Hagen gesamt": a total whose name is not a Bezirk of the table


def _written(label: str, folded_rest: str) -> str:
    """The words of `label` whose folded form makes up `folded_rest`, in their written spelling."""
    wanted = set(folded_rest.split())
    words = [w for w in re.findall(r"[^\s]+", label) if simple_key(w) and set(simple_key(w).split()) <= wanted]
    return " ".join(words).strip(" :,-–()")


#: Plural level nouns: a title that breaks its rows down by them ('nach Stadtteilen', 'der Sozialräume'); a singular
#: ('im Stadtbezirk Mitte') names one place, not what the rows are.
_LEVEL_IN_TITLE = re.compile(r"\b(stadtteile|ortsteile|sozialraeume|planungsraeume|stadtbezirke|bezirke)n?\b")


#: A caption naming one place of a level ('Kinderarmut im Stadtbezirk Haspe'): its rows lie inside that place.
_ONE_PLACE_IN_TITLE = re.compile(r"\b(?:im|in|des|der)\s+(?:stadtbezirk|bezirk|sozialraum|stadtteil|ortsteil)\s+[a-z]")


def level_named_in(context: tuple[str, ...]) -> str:
    """The one place level a title breaks its rows down by ('… nach Stadtteilen', 'Daten der Sozialräume'), '' when none
    or several. A caption that names one place ('… im Stadtbezirk Haspe') before any plural settles it as none: the
    chapter heading above ('Die Stadtbezirke') then says what the chapter is about, not what the rows are."""
    for text in context:
        key = simple_key(text or "")
        if _LEVEL_IN_TITLE.search(key):
            break
        if _ONE_PLACE_IN_TITLE.search(key):
            return ""
    levels = {level_of_header(match.group(1)) for text in context for match in _LEVEL_IN_TITLE.finditer(simple_key(text or ""))}
    levels.discard(None)
    return levels.pop() if len(levels) == 1 else ""  # type: ignore[return-value]


def context_place(context: tuple[str, ...]) -> tuple[str, str] | None:
    """(place, level) named by a caption or heading above the table: 'Sozialraum Haspe-Zentrum' → ('Haspe-Zentrum', …)."""
    for text in context:
        match = _CONTEXT_PLACE.search(text)
        if match:
            word = match.group(1).lower()
            level = "stadt" if word == "stadt" else level_of_header(word) or "other"
            name = re.split(r"\s+(?:19|20)\d\d\b|[:(–,;]|\s-\s|\s+(?:und|oder|im|in|nach|mit)\s", match.group(2))[0].strip(" ,.")
            if name and len(name) <= 60 and name[0].isupper():
                return name, level
    return None


def known_levels(city: str, citywide: list[str], bezirke: dict[str, list[str]],
                 sozialraeume: dict[str, tuple[str, list[str]]]) -> dict[str, str]:
    """place_key → level from the maintained alias file (city name and citywide words → 'stadt')."""
    levels: dict[str, str] = {}
    for name, (_, variants) in sozialraeume.items():
        for spelling in (name, *variants):
            levels.setdefault(place_key(spelling), "sozialraum")
    for name, variants in bezirke.items():
        for spelling in (name, *variants):
            levels[place_key(spelling)] = "bezirk"
    for spelling in (city, *citywide):
        if spelling:
            levels[place_key(spelling)] = "stadt"
    return levels


_AREA_LEVELS = ("bezirk", "sozialraum")


def relevel(level: str, key: str, known: dict[str, str]) -> str:
    """A table's level for a place, corrected by the alias file: the city's own name is always the city; a place in a
    column whose header names no level ('Raum') takes the level the alias file gives it."""
    found = known.get(key)
    if found == "stadt" or (found and level == "other"):
        return found
    if found in _AREA_LEVELS and level in _AREA_LEVELS:
        return found  # "Mitte", "Haspe" as columns under a page heading on Sozialräume: the alias file knows them as Bezirke
    return level

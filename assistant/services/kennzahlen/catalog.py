"""What the fact store holds, as the question side needs it: indicator labels and units, places and levels —
read once per store version (FactStore.doc_versions) and access level, so a warm query reads no vocabulary."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

from assistant.core.interfaces import FactStore
from assistant.core.types import Fact, FactQuery, TableRow
from assistant.services.kennzahlen.indicators import IndicatorMatcher, SynonymGroups
from assistant.services.kennzahlen.places import PlaceResolver
from assistant.services.vocabulary import Vocabulary
from assistant.text import simple_key


@dataclass
class Catalog:
    labels: dict[str, str]
    units: dict[str, str]
    places: dict[str, str]
    matcher: IndicatorMatcher
    resolver: PlaceResolver
    #: Parent areas the tables name only as a column (a Sozialraum's Bezirk) → their child places.
    children: dict[str, set[str]] = field(default_factory=dict)
    store: FactStore | None = None
    level: str = "public"
    #: Documents that hold facts (for "laut Sozialbericht 2019").
    doc_ids: frozenset[str] = frozenset()
    #: Names of the inventory's topics ("armut", "wohnen"): a column so named counts offers.
    topic_keys: frozenset[str] = frozenset()
    #: (doc_id, table) of survey tables (a sample-size column "n"): their figures describe respondents, not residents.
    sample_tables: frozenset[tuple[str, str]] = frozenset()
    #: Facts per indicator key and raw rows per table, read once per store version (warm queries read nothing).
    #: A table's name for a place that the alias file calls a variant of another place of the same level
    #: ("Wehringhausen" → "Wehringhausen/Villa Post"): (name, place_key) of that place, so its values are pooled.
    same_as: dict[str, tuple[str, str]] = field(default_factory=dict)
    _facts: dict[str, list[Fact]] = field(default_factory=dict)
    _rows: dict[tuple[str, str], list[TableRow]] = field(default_factory=dict)
    _levels: dict[str, list[Fact]] = field(default_factory=dict)

    def facts_for(self, keys: list[str]) -> list[Fact]:
        missing = [k for k in keys if k not in self._facts]
        if missing and self.store is not None:
            fetched: dict[str, list[Fact]] = {k: [] for k in missing}
            for fact in self.store.query(FactQuery(indicator_keys=missing, max_confidentiality=self.level)):
                fetched.setdefault(fact.indicator_key, []).append(self.canonical(fact))
            self._facts.update(fetched)
        return [f for k in dict.fromkeys(keys) for f in self._facts.get(k, [])]

    def facts_at(self, level: str) -> list[Fact]:
        """Every fact of one place level ("sozialraum"), read once per store version ("Wie viele Sozialräume …")."""
        if level not in self._levels and self.store is not None:
            facts = self.store.query(FactQuery(place_levels=[level], max_confidentiality=self.level))
            self._levels[level] = [self.canonical(f) for f in facts]
        return self._levels.get(level, [])

    def canonical(self, fact: Fact) -> Fact:
        """The fact under its place's canonical name (unchanged for most facts)."""
        target = self.same_as.get(fact.place)
        return fact if target is None else replace(fact, place=target[0], place_key=target[1])

    def rows_for(self, doc_id: str, table: str) -> list[TableRow]:
        key = (doc_id, table)
        if key not in self._rows and self.store is not None:
            self._rows[key] = self.store.rows(doc_id, table, max_confidentiality=self.level)
        return self._rows.get(key, [])

    @property
    def empty(self) -> bool:
        return not self.labels


#: Indicator keys of a sample-size column: a table with one reports on survey respondents ("Anteil 65+" of the
#: volunteers who answered), not on the population of its places.
SAMPLE_SIZE_KEYS = frozenset({"n", "befragte", "anzahl befragte", "auswertbare fragebogen", "stichprobe", "fallzahl"})
#: Facts read once per store version to learn units and parent areas (a city's tables hold far fewer).
MAX_SCAN = 2_000_000


class CatalogCache:
    """Catalogs keyed by (store version, access level, vocabulary identity)."""

    def __init__(self, store: FactStore, synonyms: SynonymGroups | None = None):
        self.store = store
        self.synonyms = synonyms
        self._lock = threading.Lock()
        self._cache: dict[tuple, Catalog] = {}

    def get(self, max_confidentiality: str, vocabulary: Vocabulary | None) -> Catalog:
        version = tuple(sorted(self.store.doc_versions().items()))
        key = (hash(version), max_confidentiality, id(vocabulary))
        with self._lock:
            catalog = self._cache.get(key)
            if catalog is None:
                catalog = self._build(max_confidentiality, vocabulary)
                self._cache = {key: catalog}  # one version at a time
            return catalog

    def _build(self, level: str, vocabulary: Vocabulary | None) -> Catalog:
        labels = self.store.indicators(max_confidentiality=level)
        units: dict[str, str] = {}
        children: dict[str, set[str]] = {}
        doc_ids: set[str] = set()
        sample_tables: set[tuple[str, str]] = set()
        table_parents: dict[tuple[str, str], set[str]] = {}
        places = dict(self.store.places(max_confidentiality=level))
        keys: dict[str, str] = {}
        for fact in self.store.query(FactQuery(max_confidentiality=level, limit=MAX_SCAN)):
            keys.setdefault(fact.place, fact.place_key)
            units.setdefault(fact.indicator_key, fact.unit)
            doc_ids.add(fact.doc_id)
            if fact.indicator_key in SAMPLE_SIZE_KEYS:
                sample_tables.add((fact.doc_id, fact.table))
            if fact.parent_place:
                children.setdefault(fact.parent_place, set()).add(fact.place)
                table_parents.setdefault((fact.doc_id, fact.table), set()).add(fact.parent_place)
        same_as = _variants(places, keys, vocabulary)
        places = {name: lvl for name, lvl in places.items() if name not in same_as}
        resolvable = {**places, **_parent_levels(children, table_parents, places)}
        # a column headed by a place name (a table with the Bezirke as columns) names no figure: a question naming
        # that place must not match it as its indicator
        place_keys = {simple_key(name) for name in resolvable}
        matchable = {key: label for key, label in labels.items() if simple_key(label) not in place_keys}
        return Catalog(labels, units, places, IndicatorMatcher(matchable, units, self.synonyms), PlaceResolver(resolvable, vocabulary),
                       children, self.store, level, frozenset(doc_ids), _topic_keys(vocabulary), frozenset(sample_tables),
                       same_as)


def _parent_levels(children: dict[str, set[str]], table_parents: dict[tuple[str, str], set[str]],
                   places: dict[str, str]) -> dict[str, str]:
    """The level of each parent place: the city ('stadt') when it is the one parent of every table it heads (the column
    'Stadt' = 'Kiel' beside the Stadtteile), else a Bezirk (one of the Stadtbezirke beside their Sozialräume, or a
    place some table gives as a Bezirk, or one named so: 'Stadtbezirk Mitte' over its Sozialräume)."""
    shared = {parent for parents in table_parents.values() if len(parents) > 1 for parent in parents}
    levels: dict[str, str] = {}
    for parent, kids in children.items():
        bezirk = parent in shared or len(kids) < 3 or places.get(parent) == "bezirk" or "bezirk" in simple_key(parent)
        levels[parent] = "bezirk" if bezirk else "stadt"
    return levels


def _variants(places: dict[str, str], keys: dict[str, str], vocabulary: Vocabulary | None) -> dict[str, tuple[str, str]]:
    """Store places that the alias file names as a variant of another store place of the same level: a report's
    "Wehringhausen" is the Sozialraum "Wehringhausen/Villa Post", whose newest figures another table holds. A place
    of another level ("Eilpe", a survey's Stadtteil, vs the Bezirk "Eilpe/Dahl") stays itself."""
    if vocabulary is None:
        return {}
    by_key = {simple_key(name): name for name in places}
    found: dict[str, tuple[str, str]] = {}
    for name, level in places.items():
        canonical = by_key.get(simple_key(vocabulary.place_keys.get(simple_key(name), "")))
        if canonical and canonical != name and places[canonical] == level and level in ("sozialraum", "bezirk"):
            found[name] = (canonical, keys.get(canonical) or simple_key(canonical))
    return found


def _topic_keys(vocabulary: Vocabulary | None) -> frozenset[str]:
    if vocabulary is None:
        return frozenset()
    names = [*vocabulary.topic_labels.values(), *(t.replace("-", " ") for t in vocabulary.topic_labels)]
    return frozenset(simple_key(n) for n in names if n)


#: Word stems that ask about a survey's respondents rather than about residents.
_RESPONDENT_STEMS = ("befrag", "umfrage", "respondent", "teilnehm", "ruecklauf", "stichprobe", "fragebog", "geantwortet",
                     "antwortend", "ehrenamtlich", "engagiert")


def asks_about_respondents(question: str) -> bool:
    """True when the question is about who answered a survey ("Anteil der Befragten ab 65", "der Ehrenamtlichen")."""
    return any(stem in word for word in simple_key(question).split() for stem in _RESPONDENT_STEMS)


#: Word stems of a forecast: its figures are not the current state ("Pflegebedürftige: Vorausschätzung" 2030).
_FORECAST_STEMS = ("vorausschaetz", "prognos", "vorausberechn", "erwartet", "voraussichtlich", "kuenftig", "zukuenftig")


def is_forecast(label: str) -> bool:
    """True for a forecast column's label."""
    return any(stem in word for word in simple_key(label).split() for stem in _FORECAST_STEMS[:3])


def asks_forecast(question: str) -> bool:
    """True when the question asks for a forecast ("erwartet", "Prognose", "voraussichtlich")."""
    return any(stem in word for word in simple_key(question).split() for stem in _FORECAST_STEMS)

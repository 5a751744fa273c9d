"""Vocabularies for query understanding, learned from the indexed documents plus a small alias file.

Names of Stadtbezirke and Sozialräume come from document metadata and from table columns whose values are
place names; which Sozialraum lies in which Bezirk from table rows that name both; partners from partner
columns; topics, kinds and years from document metadata. The alias file (assistant/resources/aliases.yaml)
adds what the documents cannot teach: spelling variants, other names of partners, topic synonyms.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from assistant.core.types import Chunk, DocumentMeta
from assistant.services.resource_files import read_yaml_resource
from assistant.text import GermanAnalyzer, simple_key

#: Document metadata values that mean "the whole city", not a place in it.
_CITYWIDE_DEFAULT = ("gesamtstadt", "stadtweit")
#: Words that make a partner's name longer without making it another partner.
_ORG_FILLER = frozenset("e v ev ggmbh gmbh aoer aor kreisverband unterbezirk ortsverein bezirksverband der die das zu nrw".split())

_plain = GermanAnalyzer()


def phrase_terms(text: str) -> tuple[str, ...]:
    """Search terms of a short phrase (no compound parts): "Menschen ab 65" → ('mensch', 'ab', '65')."""
    return tuple(_plain.terms(text))


@dataclass(frozen=True)
class Place:
    """A Stadtbezirk or a Sozialraum under its canonical name; a Sozialraum knows its Bezirk."""

    name: str
    level: str  # "bezirk" | "sozialraum"
    bezirk: str = ""

    @property
    def district(self) -> str:
        """The Stadtbezirk this place lies in (itself for a Bezirk)."""
        return self.name if self.level == "bezirk" else self.bezirk


@dataclass
class Aliases:
    """The maintained alias file, parsed."""

    city: str = ""
    citywide: list[str] = field(default_factory=list)
    bezirke: dict[str, list[str]] = field(default_factory=dict)
    sozialraeume: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    partners: dict[str, list[str]] = field(default_factory=dict)
    topics: dict[str, list[str]] = field(default_factory=dict)
    kinds: dict[str, list[str]] = field(default_factory=dict)
    target_groups: dict[str, list[str]] = field(default_factory=dict)
    #: Target-group words that name only part of their group ("Alleinerziehende" of "Familien").
    narrower_targets: list[str] = field(default_factory=list)
    #: Everyday word → the words documents use for it ("Leute" → Einwohner, Menschen, Befragte).
    synonyms: dict[str, list[str]] = field(default_factory=dict)


def load_aliases(path: Path | None = None) -> Aliases:
    """Read the alias file (default: the one shipped with planwissen); a broken file is a configuration error."""
    data = read_yaml_resource("aliases.yaml", path, "Die Alias-Datei ist nicht lesbar", "The alias file cannot be read")

    def mapping(value) -> dict[str, list[str]]:
        return {str(k): [str(v) for v in (vs or [])] for k, vs in (value or {}).items()}

    places = data.get("places") or {}
    sozialraeume = {}
    for name, entry in (places.get("sozialraeume") or {}).items():
        entry = entry or {}
        sozialraeume[str(name)] = (str(entry.get("bezirk", "")), [str(v) for v in entry.get("variants") or []])
    return Aliases(
        city=str(data.get("city") or ""),
        citywide=[str(v) for v in data.get("citywide") or []],
        bezirke=mapping(places.get("bezirke")),
        sozialraeume=sozialraeume,
        partners=mapping(data.get("partners")),
        topics=mapping(data.get("topics")),
        kinds=mapping(data.get("kinds")),
        target_groups=mapping(data.get("target_groups")),
        narrower_targets=[str(v) for v in data.get("narrower_target_groups") or []],
        synonyms=mapping(data.get("synonyms")),
    )


@dataclass
class Vocabulary:
    """Everything query understanding and table matching look names up in."""

    places: dict[str, Place] = field(default_factory=dict)
    #: simple_key of a name or variant → canonical place name.
    place_keys: dict[str, str] = field(default_factory=dict)
    citywide_keys: set[str] = field(default_factory=set)
    city_keys: set[str] = field(default_factory=set)
    #: topic id → synonym phrases (as term tuples); labels for display.
    topics: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    topic_labels: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    target_groups: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    narrower_targets: set[tuple[str, ...]] = field(default_factory=set)
    #: search term of an everyday word → the words documents use for it (as written in the alias file).
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: partner key → alias keys (simple keys without filler words); display names learned from the tables.
    partner_aliases: dict[str, list[str]] = field(default_factory=dict)
    partner_names: dict[str, str] = field(default_factory=dict)
    years: set[int] = field(default_factory=set)

    # --- places ------------------------------------------------------------------------------------------

    def add_place(self, name: str, level: str, bezirk: str = "", variants: Iterable[str] = (), *, override: bool = False) -> None:
        """Register a place and its variants; explicit variants (alias file) beat derived ones."""
        name = name.strip()
        if not name or simple_key(name) in self.citywide_keys:
            return
        known = self.places.get(name)
        if known is None or override or (known.level == level == "sozialraum" and bezirk and not known.bezirk):
            self.places[name] = Place(name, level, bezirk if level == "sozialraum" else "")
        self._key(name, name, override=True)
        for variant in variants:
            self._key(variant, name, override=override)
        # "Boele/Kabel" is also found as "Boele" and "Kabel": slash parts are derived variants.
        if "/" in name:
            for part in name.split("/"):
                if len(part.strip()) >= 4:
                    self._key(part, name, override=False)

    def _key(self, text: str, name: str, *, override: bool) -> None:
        key = simple_key(text)
        if not key or key in self.city_keys:
            return
        current = self.place_keys.get(key)
        if current is None or override:
            self.place_keys[key] = name
        elif current != name and self.places[name].level == "bezirk" and self.places[current].level != "bezirk":
            self.place_keys[key] = name  # an ambiguous derived variant means the broader place

    def resolve_place(self, text: str) -> Place | None:
        """The place a cell value or a phrase names exactly (after spelling normalisation), or None."""
        name = self.place_keys.get(simple_key(text))
        return self.places.get(name) if name else None

    def is_citywide(self, text: str) -> bool:
        """True for "Gesamtstadt", "stadtweit", the city's own name and the like."""
        key = simple_key(text)
        return key in self.citywide_keys or key in self.city_keys

    # --- partners ----------------------------------------------------------------------------------------

    def partner_key(self, name: str) -> str:
        """Key of a partner: "AWO Unterbezirk Hagen", "awo Hagen" and "Arbeiterwohlfahrt" all give "awo"."""
        core = _partner_core(name, frozenset(self.city_keys))
        best, found = "", core
        for key, aliases in self.partner_aliases.items():
            for alias in aliases:
                if (core == alias or core.startswith(alias + " ")) and len(alias) > len(best):
                    best, found = alias, key
        return found

    def partner_mentions(self, text: str) -> list[str]:
        """Partner keys whose name or alias occurs in a text (whole words)."""
        words = simple_key(text).split()
        padded = f" {' '.join(words)} "
        # genitive and plural -s ("des Jobcenters", "der Caritasverbands") also name the partner
        stripped = f" {' '.join(w[:-1] if len(w) > 4 and w.endswith('s') else w for w in words)} "
        hits = []
        for key, aliases in self.partner_aliases.items():
            if any(len(alias) >= 3 and (f" {alias} " in padded or f" {alias} " in stripped) for alias in aliases):
                hits.append(key)
        return hits

    def partner_display(self, key: str) -> str:
        """Readable name of a partner group (the spelling the documents use most)."""
        return self.partner_names.get(key, key)


def _partner_core(name: str, city_keys: frozenset[str]) -> str:
    words = [w for w in simple_key(name).split() if w not in _ORG_FILLER and w not in city_keys]
    return " ".join(words)


def build_vocabulary(documents: Iterable[DocumentMeta], aliases: Aliases) -> Vocabulary:
    """The vocabulary from document metadata and the alias file; `learn_from_tables` adds what the tables teach."""
    documents = list(documents)
    vocab = Vocabulary()
    if aliases.city:
        city = simple_key(aliases.city)
        vocab.city_keys = {city, city + "er", f"stadt {city}"}
    vocab.citywide_keys = {simple_key(v) for v in (*_CITYWIDE_DEFAULT, *aliases.citywide)} | {simple_key(f"stadt {aliases.city}")}

    for name, variants in aliases.bezirke.items():
        vocab.add_place(name, "bezirk", variants=variants, override=True)
    for name, (bezirk, variants) in aliases.sozialraeume.items():
        vocab.add_place(name, "sozialraum", bezirk=bezirk, variants=variants, override=True)
    for doc in documents:
        for name in doc.districts:
            vocab.add_place(name, "bezirk")
        for name in doc.sozialraeume:
            vocab.add_place(name, "sozialraum")
        if doc.year:
            vocab.years.add(doc.year)

    topic_ids = {t for doc in documents for t in doc.topics} | set(aliases.topics)
    for topic in sorted(topic_ids):
        label = topic.replace("-", " ")
        phrases = {phrase_terms(label)} if not any(ch.isdigit() for ch in label) else set()
        phrases |= {phrase_terms(s) for s in aliases.topics.get(topic, [])}
        vocab.topics[topic] = sorted(p for p in phrases if p)
        vocab.topic_labels[topic] = (aliases.topics.get(topic) or [label.capitalize()])[0]

    kinds = {doc.kind for doc in documents if doc.kind} | set(aliases.kinds)
    for kind in sorted(kinds):
        vocab.kinds[kind] = sorted({p for p in {phrase_terms(kind), *(phrase_terms(s) for s in aliases.kinds.get(kind, []))} if p})

    for word, others in aliases.synonyms.items():
        for term in phrase_terms(word):
            vocab.synonyms[term] = tuple(dict.fromkeys((*vocab.synonyms.get(term, ()), *others)))
    for group, words in aliases.target_groups.items():
        vocab.target_groups[group] = sorted({p for p in (phrase_terms(w) for w in [group, *words]) if p})
    vocab.narrower_targets = {p for p in (phrase_terms(w) for w in aliases.narrower_targets) if p}

    city = frozenset(vocab.city_keys)
    for name, others in aliases.partners.items():
        key = _partner_core(name, city)
        vocab.partner_aliases[key] = sorted({key, *(_partner_core(o, city) for o in others)} - {""}, key=len, reverse=True)
        vocab.partner_names[key] = name
    return vocab


def add_equivalents(vocab: Vocabulary, groups: Iterable[Iterable[str]]) -> None:
    """Groups of equivalent words (synonyms.yaml): each word stands for the others when the evidence is judged."""
    for group in groups:
        words = list(group)
        for word in words:
            others = [w for w in words if w != word]
            for term in phrase_terms(word):
                vocab.synonyms[term] = tuple(dict.fromkeys((*vocab.synonyms.get(term, ()), *others)))


def learn_partners(vocab: Vocabulary, names: Iterable[str]) -> None:
    """Add the partners of a partner column: each group is shown under the spelling used most often."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for name in names:
        name = re.sub(r"\s+", " ", name).strip()
        if name:
            spellings[vocab.partner_key(name)][name] += 1
    for key, counter in spellings.items():
        if not key:
            continue
        display = max(counter.items(), key=lambda item: (item[1], item[0][:1].isupper(), len(item[0])))[0]
        vocab.partner_names[key] = display
        if key not in vocab.partner_aliases:
            vocab.partner_aliases[key] = [key]


@lru_cache(maxsize=1)
def default_aliases() -> Aliases:
    """The shipped alias file, read once."""
    return load_aliases(None)


def table_row_chunks(chunks: Iterable[Chunk]) -> list[Chunk]:
    """The chunks that are table rows with a record (the material of structured answers)."""
    return [c for c in chunks if c.kind == "table_row" and c.record]

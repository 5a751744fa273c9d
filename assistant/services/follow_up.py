"""Follow-up questions resolved against the conversation: "Und in Hohenlimburg?" after a question about Haspe.

Deterministic and German. The previous turn's question (as it was understood) is the base; a follow-up is
  * a fragment without its own question word ("Und in Hohenlimburg?", "Und die niedrigste?", "und 2024?",
    "Und zum Thema Sucht?", "Und die Arbeitslosenquote?"): what it names replaces the same kind of thing in the
    previous question — place, year, topic, ranking direction (a superlative) or indicator (a noun phrase) —
    and everything else carries over;
  * a full question with a pronoun that points back ("Wer leitet das?", "Wann tagt sie?", "Was gibt es dort?"):
    the pronoun becomes the previous question's entity (its last noun phrase) or place, and the place carries over;
  * a full question starting with "und" without a place of its own: the previous place carries over.
A question with its own subject and no back-reference stays as it is. What counts as a place or a topic comes from
the question's analysis (the vocabulary learned from the documents), never from lists of particular questions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.core.types import Turn
from assistant.services.query_understanding import QueryAnalysis
from assistant.services.vocabulary import Vocabulary
from assistant.text import GERMAN_STOPWORDS, fold, simple_key

Analyze = Callable[[str], QueryAnalysis]

#: Earlier turns looked at (the newest ones): a follow-up refers to the last few, never to the whole history.
MAX_TURNS = 10

_WORD = re.compile(r"[^\W_]+(?:[-/][^\W_]+)*")
_YEAR = re.compile(r"^(?:19[5-9]\d|20\d\d)$")
#: Leading words that only connect a follow-up to what came before.
_CONNECTORS = frozenset({"und", "aber", "auch", "sowie", "dann", "jetzt", "nun", "ok", "okay", "gut", "bitte"})
#: "Was ist mit …", "Wie sieht es in … aus?": lead-ins of an ellipsis, removed before the rest is read.
_LEAD_IN_MIT = re.compile(r"^(?:was|wie)\s+(?:ist|war|steht|verhält\s+sich)\s+(?:es\s+|das\s+)?(?:denn\s+)?mit\s+", re.IGNORECASE)
_LEAD_IN_AUS = re.compile(r"^wie\s+(?:sieht|sah)\s+(?:es|das)\s+(?:denn\s+)?(.+?)\s+aus\s*([?!.]*)\s*$", re.IGNORECASE)
#: Question words that make a full question; "welche…" is a determiner and may stand in a fragment ("Und welche in Eilpe?").
_QUESTION_WORDS = frozenset(
    """wer wen wem wessen was wie wann wo woher wohin warum wieso weshalb wozu womit wofür wofuer worum worüber worueber
    wieviel wieviele""".split()
)
#: A time or place asked of the same thing ("Wann tagt die Konferenz?" → "Und wo?"): a bare question phrase of this
#: family swaps with the previous question's own; the verb ("tagt", "findet statt") fits both.
_WHEN_WHERE = re.compile(r"(?:(?:seit|bis|ab)\s+)?wann|wo|wie\s+oft|in\s+welchem\s+rhythmus|um\s+wie\s?viel\s+uhr|"
                         r"um\s+welche\s+uhrzeit|an\s+welchem\s+(?:ort|tag)|wie\s+lange", re.IGNORECASE)
#: At most this many nouns of the previous question name the subject a bare follow-up asks about.
_SUBJECT_WORDS = 4
_MONTHS = frozenset("januar februar maerz april mai juni juli august september oktober november dezember".split())
#: "die des …", "der der …": a pronoun for the previous question's noun, and a genitive after it.
_PRONOUN_GENITIVE = re.compile(r"^\s*(?:die|der|das|den|dem)\s+(?:des|der)\s", re.IGNORECASE)
_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer"})
_PREPOSITIONS = frozenset("in im fuer für bei beim von vom zu zum zur aus an am auf nach mit seit ab bis".split())
_TOPIC_CUES = frozenset({"thema", "themen", "themenfeld", "bereich", "handlungsfeld"})
#: A superlative adjective (höchste, niedrigsten, meisten, größte …): the ranking direction of a question.
_SUPERLATIVE = re.compile(r"^[a-zäöüß]{2,}?e?st(?:e|en|er|es|em)$")
#: Pronouns that point back to the previous question's entity; the article they stand for comes from their case.
_PRONOUN_ARTICLE = {"sie": "die", "er": "der", "ihn": "den", "ihm": "dem", "ihnen": "den"}
_DEMONSTRATIVES = frozenset({"das", "die", "der", "dies", "diese", "dieser", "dieses", "diesen", "diesem"})
#: da-compounds: the preposition they contain and whether it takes the dative.
_DA_COMPOUNDS = {
    "darin": ("in", True), "dazu": ("zu", True), "davon": ("von", True), "dabei": ("bei", True), "damit": ("mit", True),
    "daran": ("an", True), "darauf": ("auf", True), "dafür": ("für", False), "dafuer": ("für", False), "darüber": ("über", False),
    "darueber": ("über", False),
}
_PLACE_WORDS = frozenset({"dort", "dorthin", "da"})
#: Words that name the level of the place after them ("im Stadtbezirk Haspe"); they follow the new place's level.
_LEVEL_WORDS = {"stadtbezirk": "bezirk", "bezirk": "bezirk", "sozialraum": "sozialraum", "stadtteil": "sozialraum"}
_LEVEL_NAMES = {"bezirk": "Stadtbezirk", "sozialraum": "Sozialraum"}
_COPULA = frozenset({"ist", "sind", "war", "waren", "heisst", "bedeutet", "bedeuten"})
_DATIVE = {"der": "dem", "das": "dem", "die": "der", "den": "den"}


@dataclass(frozen=True)
class Resolution:
    """How a question was understood: the resolved text and which kind of follow-up it was ("" when it stood alone)."""

    question: str
    kind: str = ""

    @property
    def changed(self) -> bool:
        return bool(self.kind)


@dataclass
class _Word:
    surface: str
    start: int
    end: int

    @property
    def folded(self) -> str:
        return fold(self.surface)

    @property
    def capitalised(self) -> bool:
        return self.surface[:1].isupper()


@dataclass
class _Parts:
    """The slots of one question, as word index spans."""

    words: list[_Word]
    places: list[tuple[int, int]]
    years: list[int]
    topic_object: tuple[int, int] | None
    superlatives: list[int]
    nouns: list[int]  # indices of noun words that are none of the above
    #: Typed all in lower case: capital letters tell no nouns, so every content word may be one.
    lowercase: bool = False

    def used(self) -> set[int]:
        taken = {i for a, b in self.places for i in range(a, b)} | set(self.years) | set(self.superlatives)
        if self.topic_object:
            taken |= set(range(*self.topic_object))
        return taken


class FollowUpResolver:
    """Resolves follow-ups against earlier turns.

    Args:
        analyze: the question analysis of the current corpus (QueryUnderstanding.analyze).
        vocabulary: the same corpus's vocabulary, to find where a place stands in a question.
    """

    def __init__(self, analyze: Analyze, vocabulary: Vocabulary):
        self.analyze = analyze
        self.vocab = vocabulary
        self._max_place_words = max((len(k.split()) for k in vocabulary.place_keys), default=1)

    def resolve(self, question: str, history: Sequence[Turn] | None) -> Resolution:
        """The question as meant after the earlier turns (unchanged when it stands on its own or there is no history).

        Turns without `understood_as` (a client's own history) are resolved in order first, so chains work:
        Haspe → "Und in Hohenlimburg?" → "und 2024?".
        """
        previous = ""
        for turn in list(history or [])[-MAX_TURNS:]:
            text = " ".join((turn.understood_as or "").split()) or self._against(turn.question, previous).question
            previous = text or previous
        return self._against(question, previous)

    def _against(self, question: str, previous: str) -> Resolution:
        question = " ".join((question or "").split())
        if not previous or not question:
            return Resolution(question)
        words = _words(question)
        rest = _strip_connectors(question)
        connected = rest != question
        rest = _strip_lead_in(rest)
        elliptic = connected or rest != _strip_connectors(question)
        rest_words = _words(rest)
        if not rest_words:
            return Resolution(question)
        swapped = _swap_question_phrase(rest, previous)
        if swapped:
            return Resolution(swapped, "question")
        base = self._parts(previous)
        if rest_words[0].folded not in _QUESTION_WORDS:
            return self._fragment(rest, previous, base, elliptic) or Resolution(question)
        if not self._new_content(rest, previous if elliptic else ""):
            # "Und wie viele sind es in Eilpe?", "Wie ist es 2019?": a question word, but nothing asked of its own
            return self._fragment(rest, previous, base, elliptic=True) or Resolution(question)
        return self._full(question, words, previous, base, connected) or self._about_the_same(rest, previous, connected) \
            or Resolution(question)

    def _about_the_same(self, rest: str, previous: str, connected: bool) -> Resolution | None:
        """"Und was wurde danach umgesetzt?" names nothing of its own: it asks about the previous question's subject, whose
        nouns and places are added ("… (zu: Hasper Kreisel, Hüttenplatz)"); None when the question names a thing itself."""
        own = _words(rest)
        if not connected or any(w.capitalised for w in own[1:]) or self._parts(rest).places:
            return None
        # the nouns nearest the previous question's end are what it asked about ("… um den Hasper Kreisel und den
        # Hüttenplatz gegangen …"), not the people listed at its start
        subject = [w.surface for w in _words(previous)[1:] if w.capitalised and w.folded not in GERMAN_STOPWORDS
                   and w.folded not in _MONTHS]
        subject = list(dict.fromkeys(subject))[-_SUBJECT_WORDS:]
        if not subject:
            return None
        question = rest.rstrip(" ?!.")
        return Resolution(f"{question[:1].upper()}{question[1:]} (zu: {', '.join(subject)})?", "bezug")

    def _new_content(self, text: str, previous: str) -> bool:
        """True when a question names something beyond grammar, slots and the words of the previous question."""
        own = self._parts(text)
        used = own.used()
        seen = {w.folded for w in _words(previous)}
        return any(i not in used and w.folded not in GERMAN_STOPWORDS and w.folded not in _QUESTION_WORDS and w.folded not in seen
                   and w.folded not in _CONNECTORS and w.folded not in _PLACE_WORDS and w.folded not in _DA_COMPOUNDS
                   and w.surface not in _PRONOUN_ARTICLE for i, w in enumerate(own.words))

    # --- fragments ------------------------------------------------------------------------------------------

    def _fragment(self, rest: str, previous: str, base: _Parts, elliptic: bool) -> Resolution | None:
        own = self._parts(rest)
        used = own.used()
        noun_words = [i for i in own.nouns if i not in used]
        seen = {w.folded for w in base.words} if elliptic else set()
        if own.places and _PRONOUN_GENITIVE.match(rest):
            # "Und die des Teams Eilpe?" after "… Sitzung des Sozialraumteams Altenhagen": "die" stands for the Sitzung,
            # and the compound's tail "Teams" is the Sozialraumteam again: only the place changes
            seen |= {w.folded for w in own.words if len(w.folded) >= 4 and any(b.endswith(w.folded) for b in seen)}
        content = [i for i, w in enumerate(own.words) if i not in used and w.folded not in GERMAN_STOPWORDS
                   and w.folded not in _CONNECTORS and w.folded not in _PLACE_WORDS and w.folded not in _TOPIC_CUES
                   and w.folded not in _QUESTION_WORDS and w.folded not in seen and w.folded not in _DA_COMPOUNDS
                   and w.surface not in _PRONOUN_ARTICLE and w.folded not in _PREPOSITIONS]
        # "im Vergleich zu 2019", "mit Stand 2023": a noun that only frames a year is no subject of its own
        content = [i for i in content if not (i + 2 < len(own.words) and own.words[i + 1].folded in _PREPOSITIONS | {"zu"}
                                              and (i + 2) in own.years)]
        if not (own.places or own.years or own.topic_object or own.superlatives or content):
            return None
        if content and not elliptic:
            return None  # a keyword query or a sentence of its own, not a continuation
        edits: list[tuple[int, int, str]] = []
        appends: list[str] = []
        kinds: list[str] = []
        if own.places:
            kinds.append("ort")
            self._replace_places(previous, base, rest, own, edits, appends)
        if own.years:
            kinds.append("jahr")
            self._replace_years(previous, base, own, edits, appends)
        if own.superlatives and base.superlatives:
            kinds.append("rangfolge")
            edits.append(_span_edit(base, base.superlatives[0], base.superlatives[0] + 1,
                                    _inflect(own.words[own.superlatives[0]].surface, base.words[base.superlatives[0]].surface)))
        modifiers = self._modifiers(own, [i for i in noun_words if i in content] or content)
        in_modifier = {i for a, b in modifiers for i in range(a, b)}
        plain = [i for i in content if i not in in_modifier]
        topic_words = own.topic_object or (None if not plain else self._topic_span(rest, own, plain))
        if topic_words and base.topic_object:
            kinds.append("thema")
            edits.append(_span_edit(base, *base.topic_object, _text(rest, own.words, *topic_words)))
            content = [i for i in content if not topic_words[0] <= i < topic_words[1]]
        elif own.topic_object:
            kinds.append("thema")
            start = own.topic_object[0] - 1
            while start > 0 and own.words[start - 1].folded in _PREPOSITIONS | _ARTICLES:
                start -= 1
            appends.append(_text(rest, own.words, start, own.topic_object[1]))
        nouns = [i for i in noun_words if i in content] or content
        for phrase in modifiers:
            kinds.append("zusatz")
            edits_or_append = self._modifier_edit(previous, base, rest, own, phrase)
            if isinstance(edits_or_append, tuple):
                edits.append(edits_or_append)
            else:
                appends.append(edits_or_append)
            nouns = [i for i in nouns if not phrase[0] <= i < phrase[1]]
        if nouns:
            chain = _last_chain(base)
            if chain is None:
                return None
            kinds.append("kennzahl")
            edits.append(self._noun_edit(base, chain, rest, own, nouns))
        if not kinds:
            return None
        return Resolution(_apply(previous, edits, appends), "+".join(kinds))

    @staticmethod
    def _modifiers(own: _Parts, nouns: list[int]) -> list[tuple[int, int]]:
        """Noun phrases the fragment introduces with a preposition ("für Senioren", "bei den Alleinerziehenden")."""
        phrases = []
        for i in nouns:
            for back in (1, 2, 3):
                j = i - back
                if j < 0:
                    break
                folded = own.words[j].folded
                if folded in _PREPOSITIONS:
                    phrases.append((j, i + 1))
                    break
                if own.words[j].capitalised or j in nouns:
                    break
        return phrases

    def _modifier_edit(self, previous: str, base: _Parts, rest: str, own: _Parts, phrase: tuple[int, int]):
        """Replace the previous question's phrase with the same preposition ("für Familien" → "für Senioren"), else append."""
        new = _text(rest, own.words, *phrase)
        preposition = own.words[phrase[0]].folded
        in_place = {i for a, b in base.places for i in range(a, b)}
        for j, word in enumerate(base.words):
            if word.folded != preposition:
                continue
            for k in range(j + 1, min(j + 4, len(base.words))):
                if k in in_place or _YEAR.match(base.words[k].surface):
                    break
                if base.words[k].capitalised:
                    return _span_edit(base, j, k + 1, new)
        return new

    def _topic_span(self, rest: str, own: _Parts, content: list[int]) -> tuple[int, int] | None:
        """The content words of a fragment, when together they name a topic of the vocabulary ("Und Wohnungslosigkeit?")."""
        analysis = self.analyze(rest)
        if not analysis.topics or analysis.places:
            return None
        return (content[0], content[-1] + 1) if content == list(range(content[0], content[-1] + 1)) else None

    def _replace_places(self, previous: str, base: _Parts, rest: str, own: _Parts, edits, appends) -> None:
        new = " und ".join(self._place_text(rest, own.words, a, b) for a, b in own.places)
        if base.places:
            first, *others = base.places
            edits.append(_span_edit(base, *first, new))
            level_word = base.words[first[0] - 1] if first[0] > 0 else None
            name = self.vocab.place_keys.get(simple_key(_text(rest, own.words, *own.places[0])))
            level = self.vocab.places[name].level if name in self.vocab.places else ""
            if level_word is not None and level_word.folded in _LEVEL_WORDS and _LEVEL_WORDS[level_word.folded] != level and level:
                edits.append(_span_edit(base, first[0] - 1, first[0], _LEVEL_NAMES[level]))
            for a, b in others:  # "in Haspe und Eilpe" → one new place: drop the others with their joiner
                start = a - 1 if a > 0 and base.words[a - 1].folded in ("und", "oder", "sowie") else a
                edits.append(_span_edit(base, start, b, ""))
            return
        a = own.places[0][0]
        preposition = own.words[a - 1].surface.lower() if a > 0 and own.words[a - 1].folded in _PREPOSITIONS else "in"
        appends.append(f"{preposition} {new}")

    def _place_text(self, text: str, words: list[_Word], a: int, b: int) -> str:
        """The place as typed, or its canonical name when typed in lower case or misspelt ("hohenlimbrug" → "Hohenlimburg")."""
        surface = _text(text, words, a, b)
        name = self.vocab.place_keys.get(simple_key(surface))
        if name is None:  # a typo the analysis tolerates ("Hohenlimbrug"): say which place it was taken for
            found = self.analyze(surface).places
            return found[0].name if found else surface
        return name if surface.islower() else surface

    def _replace_years(self, previous: str, base: _Parts, own: _Parts, edits, appends) -> None:
        new_years = [own.words[i].surface for i in own.years]
        if base.years:
            for index, position in enumerate(base.years):
                edits.append(_span_edit(base, position, position + 1, new_years[min(index, len(new_years) - 1)]))
            return
        appends.append(" und ".join(new_years))

    def _noun_edit(self, base: _Parts, chain: tuple[int, int], rest: str, own: _Parts, nouns: list[int]) -> tuple[int, int, str]:
        """Replace the previous question's indicator (its last noun phrase) with the fragment's noun phrase."""
        start, end = chain
        first = nouns[0]
        new_start = first
        before = own.words[first - 1].folded if first > 0 else ""
        if before in _ARTICLES and not (first > 1 and own.words[first - 2].folded in _PREPOSITIONS):
            new_start = first - 1
            if start > 0 and base.words[start - 1].folded in _ARTICLES:
                start -= 1  # the fragment brings its own article: it replaces the previous one
        return _span_edit(base, start, end, _text(rest, own.words, new_start, nouns[-1] + 1))

    # --- full questions ----------------------------------------------------------------------------------------

    def _full(self, question: str, words: list[_Word], previous: str, base: _Parts, connected: bool) -> Resolution | None:
        edits: list[tuple[int, int, str]] = []
        kinds: list[str] = []
        own = self._parts(question)
        chain = _last_chain(base)
        for index, word in enumerate(words):
            folded = word.folded
            nxt = words[index + 1] if index + 1 < len(words) else None
            if folded in _PLACE_WORDS and folded != "da" and base.places and not own.places:
                edits.append((word.start, word.end, self._place_phrase(previous, base)))
                kinds.append("ort")
            elif chain is None or index == 0:
                continue
            elif any(i < index and (not own.lowercase or _after_article(own, i) or own.words[i - 1].folded in _COPULA) for i in own.nouns):
                continue  # "Wer moderiert die Stadtteilkonferenz und wie oft tagt sie?": the pronoun points inside
            elif word.surface in _PRONOUN_ARTICLE or (folded in _DEMONSTRATIVES and not _starts_noun(words, index + 1, own.lowercase)):
                article = _PRONOUN_ARTICLE.get(word.surface) or _nominative(base, chain)
                edits.append((word.start, word.end, _phrase(article, base, chain, previous)))
                kinds.append("bezug")
            elif folded in _DA_COMPOUNDS and (nxt is None or not nxt.capitalised):
                preposition, dative = _DA_COMPOUNDS[folded]
                article = _nominative(base, chain)
                article = _DATIVE.get(article, article) if dative else ("den" if article == "der" else article)
                if dative and article == "der" and _plural_noun(base.words[chain[1] - 1].surface):
                    article = "den"
                edits.append((word.start, word.end, f"{preposition} {_phrase(article, base, chain, previous)}"))
                kinds.append("bezug")
        appends: list[str] = []
        if (kinds or connected) and base.places and not own.places and "ort" not in kinds:
            place = self._place_phrase(previous, base)
            if edits:  # right after the entity it belongs to: "Wo findet die Stadtteilkonferenz in Haspe statt?"
                start, end, replacement = edits[0]
                edits[0] = (start, end, f"{replacement} {place}")
            else:
                appends.append(place)
            kinds.append("ort")
        if not kinds:
            return None
        text = _apply(question, edits, appends)
        if connected:
            text = _strip_connectors(text)
            text = text[:1].upper() + text[1:]
        return Resolution(text, "+".join(dict.fromkeys(kinds)))

    def _place_phrase(self, previous: str, base: _Parts) -> str:
        """The previous question's place with its preposition: "in Haspe", "im Stadtbezirk Haspe"."""
        a, b = base.places[0][0], base.places[-1][1]
        if a > 0 and base.words[a - 1].folded in _LEVEL_WORDS:
            a -= 1
        if a > 0 and base.words[a - 1].folded in _PREPOSITIONS:
            a -= 1
        text = _text(previous, base.words, a, b)
        return text if base.words[a].folded in _PREPOSITIONS else f"in {text}"

    # --- analysis of one question ----------------------------------------------------------------------------

    def _parts(self, text: str) -> _Parts:
        words = _words(text)
        lowercase = not any(w.capitalised or _is_abbreviation(w.surface) for w in words[1:])
        places = self._place_spans(words, lowercase)
        if not places:
            places = self._fuzzy_place_spans(text, words)
        in_place = {i for a, b in places for i in range(a, b)}
        years = [i for i, w in enumerate(words) if _YEAR.match(w.surface)]
        topic_object = None
        for i, w in enumerate(words):
            if w.folded in _TOPIC_CUES and i + 1 < len(words):
                end = i + 1
                def noun(k: int) -> bool:
                    return words[k].capitalised or (lowercase and words[k].folded not in GERMAN_STOPWORDS | _PREPOSITIONS)

                while end < len(words) and (noun(end) or (words[end].folded == "und" and end + 1 < len(words) and noun(end + 1))) \
                        and end not in in_place and not _YEAR.match(words[end].surface):
                    end += 1
                if end > i + 1:
                    topic_object = (i + 1, end)
                break
        superlatives = [i for i, w in enumerate(words) if not w.capitalised and _SUPERLATIVE.match(w.surface)
                        and w.folded not in GERMAN_STOPWORDS]
        taken = in_place | set(years) | set(superlatives) | (set(range(*topic_object)) if topic_object else set())
        place_starts = {a for a, _ in places}
        nouns = [i for i, w in enumerate(words) if i not in taken and i > 0 and (w.capitalised or _is_abbreviation(w.surface) or lowercase)
                 and w.folded not in _TOPIC_CUES and w.folded not in _PREPOSITIONS and w.folded not in _QUESTION_WORDS
                 and w.folded not in _DEMONSTRATIVES and w.folded not in _DA_COMPOUNDS and w.folded not in _PLACE_WORDS
                 and w.surface not in _PRONOUN_ARTICLE and w.folded not in GERMAN_STOPWORDS and w.folded not in _CONNECTORS
                 and simple_key(w.surface) not in self.vocab.city_keys and not self.vocab.is_citywide(w.surface)
                 and not ((i + 1) in years and words[i - 1].folded in _PREPOSITIONS)  # "im Jahr 2035" is a time
                 and not ((i + 1) in place_starts and w.folded in _LEVEL_WORDS)]
        return _Parts(words, places, years, topic_object, superlatives, nouns, lowercase)

    def _place_spans(self, words: list[_Word], lowercase: bool = False) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            for size in range(min(self._max_place_words, len(words) - i), 0, -1):
                key = simple_key(" ".join(w.surface for w in words[i : i + size]))
                name = self.vocab.place_keys.get(key)
                variant_before_year = (size == 1 and key != simple_key(name or "") and i + 1 < len(words)
                                       and _YEAR.match(words[i + 1].surface))  # "Mitte 2023" is a time
                plausible = size > 1 or words[i].capitalised or lowercase or len(key) > 5 or key == simple_key(name or "")
                if name and not variant_before_year and plausible:
                    spans.append((i, i + size))
                    i += size
                    break
            else:
                i += 1
        return spans

    def _fuzzy_place_spans(self, text: str, words: list[_Word]) -> list[tuple[int, int]]:
        """Places the analysis found by spelling tolerance ("Hohenlimbrug"): the word closest to the name."""
        analysis = self.analyze(text)
        spans = []
        for place in analysis.places:
            target = simple_key(place.name)
            best = min(range(len(words)), key=lambda i: _distance(words[i].folded, target), default=None)
            if best is not None and _distance(words[best].folded, target) <= 2:
                spans.append((best, best + 1))
        return sorted(set(spans))


# --- helpers -------------------------------------------------------------------------------------------------------


def _swap_question_phrase(rest: str, previous: str) -> str:
    """"Wo tagt die Konferenz Alter und Pflege 2025?" for "Und wo?" after "Wann tagt …?"; "" unless both ask a time or
    place (_WHEN_WHERE) and the follow-up is nothing but its question phrase."""
    own = re.fullmatch(r"\s*(" + _WHEN_WHERE.pattern + r")\s*(?:denn|genau|eigentlich)?\s*[?!.]*\s*", rest, re.IGNORECASE)
    earlier = re.match(r"\s*(?:" + _WHEN_WHERE.pattern + r")(?![\w])", previous, re.IGNORECASE)
    if not own or not earlier:
        return ""
    phrase = " ".join(own.group(1).split())
    return phrase[:1].upper() + phrase[1:] + previous[earlier.end():]


def _words(text: str) -> list[_Word]:
    return [_Word(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]


def _strip_connectors(text: str) -> str:
    words = _words(text)
    index = 0
    while index < len(words) and words[index].folded in _CONNECTORS:
        index += 1
    if index == 0:
        return text
    if index == len(words):
        return text
    return text[words[index].start :].strip()


def _strip_lead_in(text: str) -> str:
    """ "Was ist mit Eilpe?" → "Eilpe?"; "Wie sieht es in Eilpe aus?" → "in Eilpe?"; anything else unchanged."""
    if match := _LEAD_IN_MIT.match(text):
        return text[match.end() :].strip()
    if match := _LEAD_IN_AUS.match(text):
        return (match.group(1) + match.group(2)).strip()
    return text


def _is_abbreviation(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


def _starts_noun(words: list[_Word], index: int, lowercase: bool = False) -> bool:
    """True when a noun (optionally after one adjective) follows: 'das Stadtteilbüro', 'das neue Büro'.

    In lower-case text any content word after it counts ('die gruppe'), but not grammar ('wann trifft die sich')."""
    for offset in (0, 1):
        if index + offset < len(words) and words[index + offset].capitalised:
            return True
    return lowercase and index < len(words) and words[index].folded not in GERMAN_STOPWORDS | _PREPOSITIONS


def _last_chain(parts: _Parts) -> tuple[int, int] | None:
    """The last noun phrase of a question: its nouns joined by articles ('der Anteil der Kinder'), list words last resort."""
    from assistant.services.query_understanding import _LIST_NOUNS
    from assistant.text import stem

    def is_list_noun(i: int) -> bool:
        return stem(parts.words[i].folded) in _LIST_NOUNS

    candidates = [i for i in parts.nouns if not is_list_noun(i)] or list(parts.nouns)
    if parts.lowercase:  # without capitals, a word after an article is the safest noun ("wann wurde die gruppe gegründet")
        candidates = [i for i in candidates if _after_article(parts, i)] or candidates
    if not candidates:
        return None
    end = candidates[-1] + 1
    start = candidates[-1]
    while True:
        if start >= 1 and (start - 1) in parts.nouns:  # "sgb2 quote", "AG Wohlfahrt"
            start -= 1
        elif start >= 2 and parts.words[start - 1].folded in ("der", "des", "von") and (start - 2) in candidates:
            start -= 2
        else:
            return start, end


def _after_article(parts: _Parts, index: int) -> bool:
    return any(index - back >= 0 and parts.words[index - back].folded in _ARTICLES | {"im", "zum", "zur", "beim", "vom"}
               for back in (1, 2))


def _nominative(parts: _Parts, chain: tuple[int, int]) -> str:
    """The nominative article of the chain's head ('in der Steuerungsgruppe' → 'die'); '' without an article."""
    start = chain[0]
    for back in (1, 2):
        if start - back < 0:
            break
        folded = parts.words[start - back].folded
        if folded in _ARTICLES:
            after_preposition = start - back - 1 >= 0 and parts.words[start - back - 1].folded in _PREPOSITIONS
            if after_preposition:
                return {"der": "die", "dem": "das", "den": "die"}.get(folded, folded)
            return "der" if folded == "den" else folded
        if folded in ("im", "zum", "beim", "vom"):
            return "das"
        if folded == "zur":
            return "die"
        if parts.words[start - back].capitalised:
            break
    return "die" if _plural_noun(parts.words[chain[1] - 1].surface) else ""


def _plural_noun(surface: str) -> bool:
    return surface.endswith(("s", "en", "er")) and not surface.endswith(("ung", "heit", "keit", "schaft", "nis"))


def _phrase(article: str, parts: _Parts, chain: tuple[int, int], text: str) -> str:
    noun = _text(text, parts.words, *chain)
    return f"{article} {noun}" if article else noun


def _text(text: str, words: list[_Word], start: int, end: int) -> str:
    return text[words[start].start : words[end - 1].end]


def _span_edit(parts: _Parts, start: int, end: int, replacement: str) -> tuple[int, int, str]:
    return parts.words[start].start, parts.words[end - 1].end, replacement


def _inflect(new: str, old: str) -> str:
    """The new superlative with the old one's ending ('niedrigste' for 'höchsten' → 'niedrigsten')."""
    stem_new = re.sub(r"(?:e|en|er|es|em)$", "", new)
    ending = re.search(r"(?:e|en|er|es|em)$", old)
    return stem_new + (ending.group(0) if ending else "")


def _apply(text: str, edits: list[tuple[int, int, str]], appends: list[str]) -> str:
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        text = text[:start] + replacement + text[end:]
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([?!.,])", r"\1", text)
    if appends:
        match = re.search(r"[?!.]+$", text)
        mark = match.group(0) if match else "?"
        body = text[: match.start()] if match else text
        text = f"{body} {' '.join(appends)}{mark}"
    return text


def _distance(a: str, b: str) -> int:
    from assistant.services.query_understanding import edit_distance

    return edit_distance(a, b, 2)

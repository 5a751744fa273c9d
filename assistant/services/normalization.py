"""The user's words normalised to the corpus's words, before a question is analysed and searched.

One rewrite serves query understanding, the BM25 query, the dense query and the evidence check alike:
- abbreviations with numbers in the form the corpus writes them ("sgb2", "SGB 2", "SGB-II", "sgb ii" → "SGB II"),
  learned from the corpus's own "ABBR ROMAN" pairs;
- colloquial phrases from the maintained resource (assistant/resources/synonyms.yaml: "trifft sich" → "tagt");
- a word the corpus does not know replaced by its corpus spelling: restored umlauts ("Burger" → "Bürger"),
  typos within a length-dependent edit distance, or the word of its equivalence group the corpus uses;
gender forms are reduced by the analyzer itself (degender), so "Ansprechpartner*innen" already meets "Ansprechpartner".
Words that stay unknown are reported: a capitalised one is a candidate unknown name (services/constraints.py).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from assistant.services.resource_files import read_yaml_resource
from assistant.text import GERMAN_STOPWORDS, degender, fold
from assistant.text.distance import edit_distance

_WORD = re.compile(r"[^\W\d_]+")
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X", 11: "XI", 12: "XII"}
_FROM_ROMAN = {v: k for k, v in _ROMAN.items()}
#: "SGB II", "SGB-VIII" in the corpus: an abbreviation followed by a Roman numeral.
_ABBR_ROMAN = re.compile(r"\b([A-ZÄÖÜ]{2,5})[\s-]((?:X{0,1}I{1,3})|IV|VI{0,3}|IX|X|XI{0,2})\b")
#: The same in a question, in any case, with an Arabic or Roman number, with or without space or hyphen.
_QUESTION_ABBR = re.compile(r"\b([A-Za-zÄÖÜäöü]{2,5})[\s-]?(\d{1,2}|[IVXivx]{1,4})(?![\w])")
#: Simple vowels a user may type for an umlaut ("Burger" for "Bürger").
_UMLAUT_OF = {"a": "ä", "o": "ö", "u": "ü"}


@dataclass
class SynonymRules:
    """The maintained resource, parsed: phrase rewrites and groups of equivalent words."""

    rewrite: dict[tuple[str, ...], str] = field(default_factory=dict)
    equivalents: list[tuple[str, ...]] = field(default_factory=list)
    #: Folded words that never name the asked thing of a question ("bekommt", "teilgenommen"), only how it is asked.
    no_focus: frozenset[str] = frozenset()


def load_synonyms(path: Path | None = None) -> SynonymRules:
    """Read synonyms.yaml (default: the shipped one); a broken file is a configuration error."""
    data = read_yaml_resource("synonyms.yaml", path, "Die Synonym-Datei ist nicht lesbar", "The synonym file cannot be read")
    rewrite = {tuple(fold(w) for w in _WORD.findall(str(k))): str(v) for k, v in (data.get("rewrite") or {}).items()}
    groups = [tuple(str(w) for w in group) for group in data.get("equivalents") or [] if group]
    no_focus = frozenset(fold(str(w)) for w in data.get("no_focus") or [])
    return SynonymRules({k: v for k, v in rewrite.items() if k}, groups, no_focus)


@lru_cache(maxsize=1)
def default_synonyms() -> SynonymRules:
    """The shipped synonym file, read once."""
    return load_synonyms(None)


def surface_forms(texts: Iterable[str]) -> dict[str, str]:
    """Folded word → the spelling the corpus uses most ("buerger" → "Bürger"), for words of four letters or more."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for word in _WORD.findall(degender(text)):
            if len(word) >= 4:
                counts[fold(word)][word] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in counts.items()}


def abbreviation_numbers(texts: Iterable[str]) -> dict[str, set[int]]:
    """Abbreviations the corpus writes with a Roman numeral: "SGB" → {2, 8, 12}."""
    found: dict[str, set[int]] = defaultdict(set)
    for text in texts:
        for abbr, roman in _ABBR_ROMAN.findall(text):
            if roman in _FROM_ROMAN:
                found[abbr].add(_FROM_ROMAN[roman])
    return dict(found)


@dataclass
class Normalized:
    """A question in the corpus's words, and the words that stayed unknown."""

    text: str
    #: Words (as typed) that neither the corpus nor a correction knows.
    unknown: list[str] = field(default_factory=list)
    #: Replacements made (typed → corpus word), for "Verstanden als …" and tests.
    changes: list[tuple[str, str]] = field(default_factory=list)


class QuestionNormalizer:
    """Rewrites questions into the corpus's words.

    Args:
        word_counts: folded corpus word → count (the vocabulary to correct towards).
        surfaces: folded corpus word → its usual spelling (see surface_forms).
        abbreviations: abbreviation → the numbers the corpus writes after it (see abbreviation_numbers).
        rules: the maintained phrase rewrites and equivalence groups.
        typo_min_length: shortest word corrected by edit distance; typo_long_length: from here two edits, below one.
        min_count: a corpus word must occur this often to be a correction target.
    """

    def __init__(
        self,
        word_counts: dict[str, int],
        surfaces: dict[str, str] | None = None,
        abbreviations: dict[str, set[int]] | None = None,
        rules: SynonymRules | None = None,
        *,
        typo_min_length: int = 5,
        typo_long_length: int = 12,
        min_count: int = 2,
    ):
        self.counts = word_counts
        self.surfaces = surfaces or {}
        self.abbreviations = {k.lower(): (k, v) for k, v in (abbreviations or {}).items()}
        self.rules = rules or SynonymRules()
        self.typo_min_length = typo_min_length
        self.typo_long_length = typo_long_length
        self.min_count = min_count
        self._by_initial: dict[str, list[str]] | None = None
        self._equivalent: dict[str, tuple[str, ...]] = {}
        for group in self.rules.equivalents:
            for word in group:
                self._equivalent[fold(word)] = group

    # --- public ---------------------------------------------------------------------------------------------

    def normalize(self, question: str) -> Normalized:
        """The question in the corpus's words (unchanged where nothing applies)."""
        result = Normalized(question)
        text = self._abbreviations(question, result)
        text = self._split_compounds(text, result)
        text = self._separable(text, result)
        text = self._phrases(text, result)
        result.text = self._words(text, result)
        return result

    def equivalents(self, word: str) -> tuple[str, ...]:
        """The words of the synonym file's group of a word ("Umfrage" → Befragung, Umfrage, Erhebung), else none."""
        return self._equivalent.get(fold(word), ())

    def known(self, word: str) -> bool:
        """True when the corpus uses the (folded) word."""
        return self.counts.get(fold(word), 0) > 0

    def correction(self, word: str, typos: bool = True) -> str | None:
        """The corpus word a typed word most likely means: restored umlauts, else the nearest frequent corpus word
        (one edit below typo_long_length letters, two from there), else the equivalent the corpus uses; None if none."""
        folded = fold(word)
        if len(folded) < 4:
            return None
        for candidate in _umlaut_variants(word.lower()):
            if self.counts.get(fold(candidate), 0) > 0:  # a restored umlaut is specific: one use is enough
                return fold(candidate)
        group = self._equivalent.get(folded)
        if group:
            used = max(group, key=lambda w: self.counts.get(fold(w), 0))
            if self.counts.get(fold(used), 0) > 0:
                return fold(used)
        spoken = _spoken_infinitive(folded)  # "stehn", "gehn": the e of -en dropped as it is spoken
        if spoken and (self.counts.get(spoken, 0) >= self.min_count or spoken in GERMAN_STOPWORDS):
            return spoken
        if not typos or len(folded) < self.typo_min_length:
            return None
        limit = 1 if len(folded) < self.typo_long_length else 2
        best: tuple[int, int, str] | None = None
        for candidate in self._candidates(folded):
            if abs(len(candidate) - len(folded)) > limit or self.counts[candidate] < self.min_count:
                continue
            distance = edit_distance(folded, candidate, limit)
            if distance <= limit:
                rank = (distance, -self.counts[candidate], candidate)
                best = rank if best is None or rank < best else best
        if best and not best[2].startswith(folded) and self._stem_of_known(folded):
            return None  # another word, and the typed one is a real stem ("Versehen" of "versehentlich", not "Verstehen")
        if best is None:  # a typo of a word the corpus never writes but the synonym file knows ("Ehrenmatler")
            for word, group in self._equivalent.items():
                if abs(len(word) - len(folded)) <= limit and edit_distance(folded, word, limit) <= limit:
                    used = max(group, key=lambda w: self.counts.get(fold(w), 0))
                    if self.counts.get(fold(used), 0) >= self.min_count:
                        return fold(used)
        return best[2] if best else None

    # --- steps ----------------------------------------------------------------------------------------------

    def _abbreviations(self, text: str, result: Normalized) -> str:
        def replace(match: re.Match) -> str:
            letters, number = match.group(1), match.group(2)
            known = self.abbreviations.get(letters.lower())
            if known is None and match.group(0).isalpha():  # "SGBII" reads as "SGBI" + "I" first: try the other splits
                whole = match.group(0)
                split = next((i for i in range(2, len(whole)) if whole[:i].lower() in self.abbreviations
                              and _FROM_ROMAN.get(whole[i:].upper())), None)
                if split is not None:
                    letters, number = whole[:split], whole[split:]
                    known = self.abbreviations.get(letters.lower())
            if known is None:
                return match.group(0)
            value = int(number) if number.isdigit() else _FROM_ROMAN.get(number.upper())
            if value not in known[1]:
                return match.group(0)
            canonical = f"{known[0]} {_ROMAN[value]}"
            if canonical != match.group(0):
                result.changes.append((match.group(0), canonical))
            return canonical

        return _QUESTION_ABBR.sub(replace, text)

    def _split_compounds(self, text: str, result: Normalized) -> str:
        """A compound typed as two words ("Sozialraum Team", "steuerungs gruppe") is joined when the corpus writes the
        joined word (at least `min_count` times); two words that are each something else stay apart."""
        matches = list(_WORD.finditer(text))
        pieces: list[str] = []
        last = 0
        i = 0
        while i + 1 < len(matches):
            first, second = matches[i], matches[i + 1]
            gap = text[first.end() : second.start()]
            a, b = first.group(0), second.group(0)
            joined = fold(a + b)
            if gap == " " and len(a) >= 3 and len(b) >= 3 and fold(a) not in GERMAN_STOPWORDS \
                    and fold(b) not in GERMAN_STOPWORDS and self._compound_count(joined) >= self.min_count:
                spelled = a + b.lower()
                pieces.append(text[last : first.start()])
                pieces.append(spelled)
                result.changes.append((f"{a} {b}", spelled))
                last = second.end()
                i += 2
                continue
            i += 1
        pieces.append(text[last:])
        return "".join(pieces)

    def _compound_count(self, joined: str) -> int:
        """How often the corpus writes a joined compound in any declined form ("Sozialraumteam", "-teams")."""
        return sum(self.counts.get(joined + ending, 0) for ending in _ENDINGS)

    def _phrases(self, text: str, result: Normalized) -> str:
        if not self.rules.rewrite:
            return text
        matches = list(_WORD.finditer(text))
        folded = [fold(m.group(0)) for m in matches]
        pieces: list[str] = []
        last = 0
        i = 0
        longest = max(len(k) for k in self.rules.rewrite)
        # an all-lowercase question stays lowercase: a capitalised replacement ("wie viel Zuschuss") would make the
        # typed nouns look like other words to query understanding, which reads capitals as nouns
        lowercase_only = not any(m.group(0)[:1].isupper() for m in matches[1:])
        while i < len(matches):
            for size in range(min(longest, len(matches) - i), 0, -1):
                replacement = self.rules.rewrite.get(tuple(folded[i : i + size]))
                if replacement is not None and size == 1 and replacement and len(folded[i]) >= _OWN_WORD_MIN \
                        and self.counts.get(folded[i], 0) >= self.min_count:
                    replacement = None  # the documents write the typed word themselves ("mitmachen" in a table header)
                if replacement is not None and not (i and _qualified_noun(folded[i - 1], replacement)):
                    start, end = matches[i].start(), matches[i + size - 1].end()
                    pieces.append(text[last:start])
                    pieces.append(replacement.lower() if lowercase_only else replacement)
                    result.changes.append((text[start:end], replacement.lower() if lowercase_only else replacement))
                    last = end
                    i += size
                    break
            else:
                i += 1
        pieces.append(text[last:])
        return "".join(pieces)

    def _separable(self, text: str, result: Normalized) -> str:
        """A separable verb split around its object ("Wie oft kommt die Konferenz im Jahr zusammen?") is rewritten like
        the joined phrase ("kommt zusammen" → "tagt"): the verb takes the replacement, the particle at the end goes."""
        matches = list(_WORD.finditer(text))
        if len(matches) < 3:
            return text
        last = matches[-1]
        particle = fold(last.group(0))
        if particle not in _PARTICLES or text[last.end() :].strip(" ?.!"):
            return text
        for verb in matches[:-2]:
            replacement = self.rules.rewrite.get((fold(verb.group(0)), particle))
            if replacement is not None:
                result.changes.append((f"{verb.group(0)} … {last.group(0)}", replacement))
                return text[: verb.start()] + replacement + text[verb.end() : last.start()].rstrip() + text[last.end() :]
        return text

    def _words(self, text: str, result: Normalized) -> str:
        # In a question with capitals a lowercase word is a verb or adjective the corpus may just not use ("aufgeteilt"):
        # only umlauts and equivalents are restored there, typos are corrected in nouns and all-lowercase questions.
        lowercase_only = not any(w[:1].isupper() for w in _WORD.findall(text)[1:])

        def replace(match: re.Match) -> str:
            word = match.group(0)
            folded = fold(word)
            if len(folded) < 4 or folded in GERMAN_STOPWORDS or word.isupper():
                return word
            if self.counts.get(folded, 0) > 0:
                return self._umlaut_spelling(word, folded, result)
            corrected = self.correction(word, typos=lowercase_only or word[:1].isupper() or match.start() == 0)
            if corrected is None:
                result.unknown.append(word)
                return word
            spelled = self.surfaces.get(corrected, corrected)
            spelled = spelled[:1].upper() + spelled[1:] if word[:1].isupper() else spelled[:1].lower() + spelled[1:]
            result.changes.append((word, spelled))
            return spelled

        return _WORD.sub(replace, degender(text))

    def _umlaut_spelling(self, word: str, folded: str, result: Normalized) -> str:
        """A corpus word typed with "ae/oe/ue/ss" ("Foerderung", "plaetze") in the corpus's spelling ("Förderung"): the
        lexical side folds both alike, but the dense model reads letters, and "Förderung" is what it knows."""
        spelled = self.surfaces.get(folded)
        if spelled is None or spelled.lower() == word.lower() or fold(spelled) != folded or spelled.isascii():
            return word
        spelled = spelled[:1].upper() + spelled[1:] if word[:1].isupper() else spelled[:1].lower() + spelled[1:]
        result.changes.append((word, spelled))
        return spelled

    def _stem_of_known(self, folded: str) -> bool:
        """True when the word begins a longer corpus word ("versehen" in "versehentlich"): a real word of the language in
        another form — "aus Versehen" must not become "aus Verstehen". A cut-off typo ("Sozialraumte") is still completed."""
        if len(folded) < STEM_MIN_LENGTH:
            return False
        return any(
            len(word) >= len(folded) + STEM_MIN_EXTRA and word.startswith(folded) for word in self._candidates(folded)
        )

    def _candidates(self, folded: str) -> list[str]:
        if self._by_initial is None:
            index: dict[str, list[str]] = defaultdict(list)
            for word in self.counts:
                if word.isalpha() and len(word) >= self.typo_min_length - 1:
                    index[word[:1]].append(word)
            self._by_initial = dict(index)
        return self._by_initial.get(folded[:1], [])


#: A typed word of at least this many letters that begins a corpus word longer by STEM_MIN_EXTRA letters or more is a
#: form of that word's stem, never typo-corrected (a typo that cuts off letters cuts one or two, not a suffix).
STEM_MIN_LENGTH = 6
STEM_MIN_EXTRA = 3
#: Particles of separable verbs that stand at the end of a question ("… kommt … zusammen?", "… macht … mit?").
#: Shortest typed word kept as typed when the documents write it (spoken short forms like "nix", "is" are rewritten).
_OWN_WORD_MIN = 6
#: Declension endings a joined compound may carry in the corpus ("Sozialraumteam" / "Sozialraumteams").
_ENDINGS = ("", "s", "e", "n", "en", "es", "er", "ern")
_PARTICLES = frozenset("zusammen mit teil an auf aus ein vor zu los dabei statt".split())
#: Words before a noun that count or point, not qualify ("wie viele Leute wohnen" is about all inhabitants).
_QUANTIFIERS = frozenset("viele wieviele wenige alle manche mehrere einige diese jene welche solche keine meine unsere".split())


def _qualified_noun(previous: str, replacement: str) -> bool:
    """True when a rewrite that replaces a noun ("Menschen leben" → "Einwohner leben") follows an attributive
    adjective ("wohnungslose Menschen leben"): the adjective narrows the group, so it is not the population."""
    if not replacement[:1].isupper() or previous in _QUANTIFIERS or previous in GERMAN_STOPWORDS or len(previous) < 4:
        return False
    return previous.endswith(("e", "en", "er", "es", "em"))


def _spoken_infinitive(folded: str) -> str:
    """"stehn" → "stehen", "sehn" → "sehen": the spoken -n for -en after a vowel or h (not "-ern", "-eln")."""
    if len(folded) >= 4 and folded.endswith("n") and folded[-2] in "haeiouy" and not folded.endswith("en"):
        return folded[:-1] + "en"
    return ""


def _umlaut_variants(word: str) -> list[str]:
    """The word with one or two plain vowels read as umlauts ("burgerbefragung" → "bürgerbefragung", …)."""
    positions = [i for i, ch in enumerate(word) if ch in _UMLAUT_OF and word[i + 1 : i + 2] != "e"]
    variants = []
    for a in positions:
        variants.append(word[:a] + _UMLAUT_OF[word[a]] + word[a + 1 :])
    for x, a in enumerate(positions):
        for b in positions[x + 1 :]:
            variants.append(word[:a] + _UMLAUT_OF[word[a]] + word[a + 1 : b] + _UMLAUT_OF[word[b]] + word[b + 1 :])
    return variants

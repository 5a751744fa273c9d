"""Which indicator a question asks for: the labels learned from the store, matched by their words, by the
maintained synonym groups (assistant/resources/indicator_synonyms.yaml) and by age bands."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from assistant.services.kennzahlen.bands import Band, label_band
from assistant.services.resource_files import read_yaml_resource
from assistant.text import simple_key
from assistant.text.distance import edit_distance
from assistant.text.stemming import stem

#: Words that never tell one indicator from another.
_STOP = frozenset(
    """der die das des dem den ein eine einer eines einen einem im in am an auf aus bei mit nach von vom zu zum zur und oder als je
    ist sind war waren hat hatte haben gibt gab es wie viel viele hoch hoehe welche welcher welches welchen wo wann was
    jahr jahre jahren jahres stand stichtag anzahl anteil prozent quote wert werte zahl tabelle raum insgesamt gesamt
    nenne zeige liste bitte mir uns sich seit bis zwischen ueber unter mehr weniger liegt liegen lag lagen dort hier
    stadt stadtteil stadtteile stadtteilen sozialraum sozialraeume sozialraeumen bezirk bezirke stadtbezirk stadtbezirke
    kiel hagen entwicklung entwickelt hoechste hoechsten niedrigste niedrigsten meisten wenigsten am vergleich aktuell
    heute derzeit ca rund etwa alle allen jeweils sowie pro wohnen wohnt wohnten leben lebt lebten lebte wieviel wieviele
    wievielen vs versus""".split()
)
#: Synonym groups that only name an age group: sharing one does not make two labels the same figure.
AGE_GROUPS = frozenset({"minderjaehrige", "aeltere", "hochaltrige"})
#: Synonym groups of one sex: a split of a figure, no figure of its own ("Deutsche: männlich" ≠ "Ausländer: männlich").
SEX_GROUPS = frozenset({"maennlich", "weiblich"})
#: Units that may be asked for: an indicator whose unit differs from the asked one ranks lower.
SHARE_UNITS = ("%",)


#: Tails of compounds that say "a share of" and are no term of their own ("Altenanteil", "Frauenanteil").
_FIGURE_TAILS = ("anteil", "anteils", "quot", "quote", "quoten")  # stemmed words end so too ("quot")


def terms(text: str) -> list[str]:
    """Stemmed content words of a label or question ("SGB-II-Quote 2024 (%)" → ['sgb', 'ii', 'quot'])."""
    words = simple_key(text).split()
    # a word with digits is a code, never stemmed: "Ü3" (ue3) and "U3" are two figures
    return [w if any(c.isdigit() for c in w) else stem(w) for w in words if w not in _STOP and not re.fullmatch(r"(?:19|20)\d\d", w)]


@dataclass(frozen=True)
class SynonymGroups:
    """Phrase groups: phrase term tuple → group ids, and group id → all its terms."""

    phrases: dict[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    group_terms: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Groups that only name who is counted (population, households): weaker evidence for an indicator.
    generic: frozenset[str] = frozenset()

    def groups_in(self, text_terms: list[str]) -> set[str]:
        """Groups one of whose phrases occurs (as consecutive terms) in the text."""
        return {group for _start, _end, groups in self._matches(text_terms) for group in groups}

    def groups_written(self, text: str) -> set[str]:
        """Groups whose phrases a question writes, read word by word and as figure terms ("Frauen" → weiblich); a
        feminine plural alone ("Ausländerinnen", not "Ausländer*innen") asks for women."""
        found = self.groups_in([stem(w) for w in simple_key(text).split()]) | self.groups_in(terms(text))
        return found | ({"weiblich"} if feminine_plural(text) and "weiblich" in self.group_terms else set())

    def shadowed(self, text_terms: list[str]) -> set[str]:
        """Groups found only inside a longer phrase of another group: in "Grundsicherung im Alter" the word "Alter"
        (stemmed like "Ältere") is part of the longer name, not a second figure the question asks for."""
        matches = self._matches(text_terms)
        inside: set[str] = set()
        alone: set[str] = set()
        for start, end, groups in matches:
            covered = any(s <= start and end <= e and (e - s) > (end - start) and not groups <= g for s, e, g in matches)
            (inside if covered else alone).update(groups)
        return inside - alone

    def covered_terms(self, text_terms: list[str], groups: set[str]) -> set[str]:
        """The text's terms that belong to a phrase of one of these groups ("grundsicher", "alt" of "Grundsicherung im Alter")."""
        return {t for start, end, found in self._matches(text_terms) if found & groups for t in text_terms[start:end]}

    def _matches(self, text_terms: list[str]) -> list[tuple[int, int, frozenset[str]]]:
        """(start, end, groups) of every phrase occurrence, in term positions."""
        found = []
        for phrase, groups in self.phrases.items():
            n = len(phrase)
            for start in range(len(text_terms) - n + 1):
                if tuple(text_terms[start:start + n]) == phrase:
                    found.append((start, start + n, groups))
        return found


#: Endings of German person nouns that take "-innen" for women ("Ausländer", "Senior", "Student", "Migrant", "Jurist").
_PERSON_BASE = re.compile(r"(?:er|or|ent|ant|ist|eur)$")


def feminine_plural(text: str) -> bool:
    """True when the text names women by a feminine plural ("Ausländerinnen", "Rentnerinnen") without its masculine
    beside it ("Bürgerinnen und Bürger": everyone); gender-inclusive spellings ("Bürger*innen") are degendered first."""
    words = simple_key(text).split()
    for word in words:
        base = word[:-5]
        if word.endswith("innen") and len(base) >= 4 and _PERSON_BASE.search(base) \
                and not any(w != word and w.startswith(base) for w in words):
            return True
    return False


def load_synonyms(path: Path | None = None) -> SynonymGroups:
    """Read the synonym resource (default: the one shipped with planwissen)."""
    data = read_yaml_resource("indicator_synonyms.yaml", path, "Die Synonymdatei der Kennzahlen ist nicht lesbar",
                              "The indicator synonym file cannot be read")
    phrases: dict[tuple[str, ...], set[str]] = {}
    group_terms: dict[str, frozenset[str]] = {}
    for group, words in (data.get("groups") or {}).items():
        all_terms: set[str] = set()
        for word in words or []:
            phrase = tuple(terms(str(word))) or tuple(stem(w) for w in simple_key(str(word)).split())
            if phrase:
                phrases.setdefault(phrase, set()).add(str(group))
                all_terms |= set(phrase)
        group_terms[str(group)] = frozenset(all_terms)
    generic = frozenset(str(g) for g in data.get("generic") or [])
    return SynonymGroups({p: frozenset(g) for p, g in phrases.items()}, group_terms, generic)


@lru_cache(maxsize=1)
def default_synonyms() -> SynonymGroups:
    return load_synonyms(None)


@dataclass(frozen=True)
class IndicatorInfo:
    """One indicator of the store as the matcher sees it."""

    key: str
    label: str
    terms: frozenset[str]
    groups: frozenset[str]
    band: Band | None = None
    band_group: str = ""  # the label without its band ("einwohner nach altersgruppen")
    unit: str = ""
    #: Terms only in the label's parentheses ("(SGB XII, 4. Kapitel)"): a reference, no word a question must say.
    aside: frozenset[str] = frozenset()


@dataclass
class IndicatorMatch:
    """The indicators a question asks for, best first, with scores; `band` set when an age range was asked."""

    keys: list[str]
    score: float
    band_keys: list[str] = field(default_factory=list)  # keys to sum for an age range (eigene Berechnung)
    band: Band | None = None
    #: The question names only what several columns of one table share ("Haushalte" of "Haushalte: Einpersonen",
    #: "Haushalte: Alleinerziehende", …): parts of a whole the tables give no total of. Answering with one of them
    #: would be another figure.
    parts: list[str] = field(default_factory=list)


#: A label's parenthesised part ("(SGB XII, 4. Kapitel)", "(%)").
_PARENTHESES = re.compile(r"\([^)]*\)")
#: How much a share loses against a count of the same figure when the question asks "wie viele".
COUNT_OVER_SHARE = 2.0


class IndicatorMatcher:
    """Matches questions against the store's indicator labels."""

    def __init__(self, labels: dict[str, str], units: dict[str, str] | None = None, synonyms: SynonymGroups | None = None):
        self.synonyms = synonyms or default_synonyms()
        self._generic_terms = frozenset(t for g in self.synonyms.generic for t in self.synonyms.group_terms.get(g, ()))
        #: The terms of the groups that only name who is counted (Einwohner, Haushalte).
        self.generic_terms = self._generic_terms
        units = units or {}
        self.infos: dict[str, IndicatorInfo] = {}
        for key, label in labels.items():
            label_terms = terms(label)
            band = label_band(label)
            groups = frozenset(self.synonyms.groups_in(label_terms) | self.synonyms.groups_in([stem(w) for w in simple_key(label).split()]))
            band_group = " ".join(terms(band[1])) if band else ""
            outside = set(terms(_PARENTHESES.sub(" ", label)))
            self.infos[key] = IndicatorInfo(key, label, frozenset(label_terms), groups, band[0] if band else None, band_group,
                                            units.get(key, ""), frozenset(label_terms) - outside)
        #: Every term some label writes as a word of its own ("haushalt"): such a question word names those labels.
        self._label_words = frozenset(t for i in self.infos.values() for t in i.terms)
        #: Every term a label or a synonym phrase has: a question's typo ("Kinderarmutt") is read as the nearest one.
        self.known_terms = frozenset(t for i in self.infos.values() for t in i.terms) | frozenset(
            t for phrase in self.synonyms.phrases for t in phrase)
        #: Per label, its compounds whose tail another label or synonym names: "wohngeldhaushalt" → (wohngeld, haushalt).
        self._splits: dict[str, dict[str, tuple[str, str]]] = {}
        for key, info in self.infos.items():
            found = {t: parts for t in info.terms if (parts := self._label_compound(t))}
            if found:
                self._splits[key] = found
                # "Privathaushalte: mit Kindern" is in the synonym group of "Haushalte mit Kindern"
                split = [p for t in terms(info.label) for p in (found.get(t) or (t,))]
                self.infos[key] = replace(info, groups=info.groups | frozenset(self.synonyms.groups_in(split)))
        self._by_first: dict[str, list[str]] = {}
        for term in self.known_terms:
            if len(term) >= 5:
                self._by_first.setdefault(term[:1], []).append(term)

    def correct(self, words: list[str]) -> list[str]:
        """Stemmed question words with typos replaced by the one known term within 1 letter (2 from 10 letters);
        a word near two terms stays as it is."""
        out = []
        for word in words:
            if word in self.known_terms or len(word) < 6 or not word.isalpha():
                out.append(word)
                continue
            limit = 1 if len(word) < 10 else 2
            near = [t for t in self._by_first.get(word[:1], ()) if edit_distance(word, t, limit) <= limit]
            best = min((edit_distance(word, t, limit) for t in near), default=None)
            closest = [t for t in near if edit_distance(word, t, limit) == best]
            out.append(closest[0] if len(closest) == 1 else word)
        return out

    def _label_compound(self, term: str) -> tuple[str, str] | None:
        """A label's compound as (head, tail) when its tail is a term the labels or synonyms know ("Wohngeldhaushalte"
        → wohngeld + haushalt); the head need not be known."""
        if len(term) < 9 or not term.isalpha():
            return None
        for cut in range(4, len(term) - 4):
            head, tail = term[:cut], term[cut:]
            if tail in self.known_terms and tail != term:
                return (stem(head[:-1]) if head.endswith("s") and len(head) > 5 else stem(head)), tail
        return None

    def label_terms(self, info: IndicatorInfo) -> frozenset[str]:
        """A label's terms with the parts of its compounds ("Privathaushalte" is also "Haushalte")."""
        parts = self._splits.get(info.key, {})
        return info.terms | frozenset(p for pair in parts.values() for p in pair)

    def with_compound_parts(self, words: list[str]) -> list[str]:
        """Stemmed words, each unknown compound followed by its two known parts ("Grundsicherungsempfänger" →
        grundsicher + empfang): a question may join what a table's header writes as two words."""
        out: list[str] = []
        for word in words:
            out.append(word)
            if word not in self.known_terms and len(word) >= 9 and word.isalpha():
                out.extend(self._compound_parts(word))
        return out

    def _compound_parts(self, word: str) -> list[str]:
        for figure in _FIGURE_TAILS:  # "Altenanteil", "Zuwanderungsquote": the head names the figure, the tail a share
            head = word[: -len(figure)]
            if word.endswith(figure) and len(head) >= 4:
                return next(([t] for t in (head, stem(head), head[:-1] if head.endswith("s") else "") if t in self.known_terms), [])
        for cut in range(len(word) - 4, 3, -1):  # the longest known tail first ("…empfang", not "…fang")
            head, tail = word[:cut], word[cut:]
            if tail not in self.known_terms:
                continue
            for joint in (head, head[:-1] if head.endswith("s") else ""):  # the linking s: "Grundsicherungs|empfänger"
                if len(joint) >= 4 and (found := next((t for t in (joint, stem(joint)) if t in self.known_terms), None)):
                    return [found, tail]
        return []

    def score(self, info: IndicatorInfo, question_terms: set[str], groups: set[str], expanded: set[str], band: Band | None,
              tail_words: set[str] = frozenset()) -> float:
        label_terms = info.terms
        if band is not None and info.band is not None:
            label_terms = frozenset(terms(info.band_group)) if info.band_group else frozenset()
        direct = len(label_terms & question_terms)
        via = len((label_terms - question_terms) & expanded)
        missing = len(label_terms - question_terms - expanded - info.aside)
        asked = question_terms | expanded
        for whole, (head, tail) in self._splits.get(info.key, {}).items():
            if whole in label_terms and whole not in asked and tail in asked and tail not in label_terms:
                missing -= 1  # "Privathaushalte" are "Haushalte": the compound is no word the question lacks …
                direct += 1 if head in asked else 0  # … and "Haushalte … Wohngeld" asks for "Wohngeldhaushalte"
        for whole in label_terms - asked:
            if _tail_named(frozenset({whole}), tail_words - label_terms):
                missing -= 1  # "Leistungsberechtigte" asks for "Regelleistungsberechtigte": a kind of them, head-final
                direct += 1
        shared = info.groups & groups
        specific = len(shared - self.synonyms.generic)
        return 2.0 * direct + 1.0 * via + 3.0 * specific + 1.0 * (len(shared) - specific) - 0.7 * missing

    def match(self, residue: str, band: Band | None = None, asks_share: bool = False,
              place_terms: frozenset[str] = frozenset(), asks_count: bool = False) -> IndicatorMatch | None:
        """The best-matching indicators for a question (its residue after numbers are cut), or None.

        `place_terms` are the words of the places the question names: they place the figure, they never name it
        ("Haushalte … in Haspe" is no "Kinderarmut im Stadtbezirk Haspe"). `asks_count` ("Wie viele Menschen
        beziehen …"): a count of the figure beats its share; a share still answers when no count fits."""
        residue_terms = self.with_compound_parts(self.correct(terms(residue)))
        question_terms = set(residue_terms)
        all_words = self.correct([stem(w) for w in simple_key(residue).split()])
        # "Kinder in Haspe arm": a place between a phrase's words does not part them ("Kinder arm")
        unplaced = [t for t in residue_terms if t not in place_terms]
        groups = (self.synonyms.groups_in(residue_terms) | self.synonyms.groups_in(all_words) | self.synonyms.groups_in(unplaced)) \
            - self.synonyms.shadowed(residue_terms)
        if feminine_plural(residue) and "weiblich" in self.synonyms.group_terms:
            groups.add("weiblich")  # "Ausländerinnen": the women among them
        expanded: set[str] = set()
        for group in groups:
            expanded |= self.synonyms.group_terms.get(group, frozenset())
        if band is not None:
            # an asked age range is answered by banded columns or not at all (never by the total)
            # words besides the age group's own phrase ("Grundsicherung" of "ältere Menschen beziehen Grundsicherung")
            age_words = {t for g in AGE_GROUPS for t in self.synonyms.group_terms.get(g, ())}  # "Kinder", "Senioren"
            aside = question_terms - self._generic_terms - age_words - self.synonyms.covered_terms(residue_terms, groups & AGE_GROUPS)
            return self._match_band(question_terms, groups, expanded, band, asks_share, aside)
        specific = groups - self.synonyms.generic
        # words of the named figure's own phrase do not make another indicator fit ("Alter" of "Grundsicherung im Alter")
        own_words = question_terms - self._generic_terms - self.synonyms.covered_terms(residue_terms, specific)
        scored = self._scored(question_terms, groups, expanded, specific, own_words, band, asks_share, asks_count, place_terms)
        if not scored:  # no label word nor synonym fits: a question word that ends a label's compound names it
            scored = self._scored(question_terms, groups, expanded, specific, own_words, band, asks_share, asks_count,
                                  place_terms, tails=True)
        if not scored:
            return None
        # a tie goes to the label whose words the question lacks only name who is counted ("Bevölkerung: weiblich" over
        # "Ausländer: weiblich" for "Frauen")
        scored.sort(key=lambda item: (-round(item[0], 2), len(self.infos[item[1]].terms - question_terms - self._generic_terms), item[1]))
        best = scored[0][0]
        top = scored[0][1]
        keys = [k for s, k in scored if s >= best - 0.01 or self._same_meaning(k, top) or (s >= best * 0.75 and self._similar(k, top))]
        return IndicatorMatch(keys=keys, score=best, parts=self._parts([k for s, k in scored if s >= best - 0.01]))

    def _scored(self, question_terms: set[str], groups: set[str], expanded: set[str], specific: set[str], own_words: set[str],
                band: Band | None, asks_share: bool, asks_count: bool, place_terms: frozenset[str],
                tails: bool = False) -> list[tuple[float, str]]:
        """(score, key) of the labels that fit the question well enough (above 1.0)."""
        tail_words = question_terms - place_terms - self._label_words if tails else set()
        scored = []
        for info in self.infos.values():
            if specific and not (info.groups & specific) and not (self.label_terms(info) & own_words):
                continue  # the question names a figure (e.g. Kinderarmut) this indicator is not: never answer with another
            if info.band is not None and band is None and not (info.terms & question_terms - self._generic_terms) \
                    and not (info.groups & specific):
                continue  # an age band ('Bevölkerung: unter 18') is not the population a question asks for
            if band is not None and info.band is not None:
                continue  # a banded label that does not fit the asked band is another figure
            s = self.score(info, question_terms, groups, expanded, None, tail_words)
            if asks_share and info.unit and info.unit != "%":
                s -= 1.5
            if not asks_share and info.unit == "%" and "einwohner" in groups:
                s -= 1.5
            if asks_count and not asks_share and info.unit == "%":
                s -= COUNT_OVER_SHARE
            if (self.label_terms(info) & question_terms - place_terms) or (info.groups & groups) or \
                    _tail_named(self.label_terms(info), tail_words):
                scored.append((s, info.key))
        return [(s, k) for s, k in scored if s > 1.0]

    def _parts(self, tied: list[str]) -> list[str]:
        """Equally good labels that are different columns under one heading ("Haushalte: Einpersonen",
        "Haushalte: Alleinerziehende"): the question named the heading only. Empty when there is one figure."""
        heads: dict[str, list[str]] = {}
        for key in tied:
            label = self.infos[key].label
            if ":" in label and not self.infos[key].band:
                heads.setdefault(simple_key(label.split(":")[0]), []).append(key)
        for head, keys in heads.items():
            if len(keys) >= 2 and not all(self._same_meaning(k, keys[0]) for k in keys[1:]):
                return [k for k, info in self.infos.items()
                        if ":" in info.label and not info.band and simple_key(info.label.split(":")[0]) == head]
        return []

    def _same_meaning(self, key: str, best_key: str) -> bool:
        """Two labels of one figure in different tables ("SGB-II-Quote", "SGB II"): a shared specific synonym group,
        the same unit and band."""
        a, b = self.infos[key], self.infos[best_key]
        same_band = a.band == b.band or a.band is None or b.band is None  # "Grundsicherung im Alter" = "GruSi 65+"
        if _same_unit(a.unit, b.unit) and a.band is None and b.band is None and a.groups & SEX_GROUPS == b.groups & SEX_GROUPS \
                and self._counted_only(a) & self._counted_only(b):
            # "Bevölkerung: Insgesamt" (a GENESIS export) and "Einwohner insgesamt": the whole population (of one sex:
            # "Bevölkerung: weiblich" and "Bevölkerung am Ort der Hauptwohnung: weiblich")
            return True
        figure = (a.groups & b.groups) - self.synonyms.generic - AGE_GROUPS - SEX_GROUPS  # a sex alone names no figure
        return bool(figure) and _same_unit(a.unit, b.unit) and same_band and not self._siblings(a, b)

    def _counted_only(self, info: IndicatorInfo) -> set[str]:
        """The generic groups a label is nothing but, its sex aside ("Bevölkerung: Insgesamt", "Bevölkerung: weiblich"
        → einwohner): it counts all of them."""
        sex_terms = {t for g in info.groups & SEX_GROUPS for t in self.synonyms.group_terms.get(g, frozenset())}
        rest = info.terms - sex_terms
        return {group for group in info.groups & self.synonyms.generic
                if rest and rest <= self.synonyms.group_terms.get(group, frozenset())}

    def _similar(self, key: str, best_key: str) -> bool:
        """Two labels sharing a synonym group that names a figure (a sex alone names none), of one unit and band."""
        a, b = self.infos[key], self.infos[best_key]
        shared = (a.groups & b.groups) - SEX_GROUPS
        return bool(shared) and _same_unit(a.unit, b.unit) and a.band == b.band and not self._siblings(a, b)

    @staticmethod
    def _siblings(a: IndicatorInfo, b: IndicatorInfo) -> bool:
        """Two columns under one heading ("Empfänger …: insgesamt", "Empfänger …: 65 Jahre und älter"): two figures,
        never one figure's two names."""
        head_a, _, tail_a = a.label.rpartition(":")
        head_b, _, tail_b = b.label.rpartition(":")
        return bool(head_a) and simple_key(head_a) == simple_key(head_b) and simple_key(tail_a) != simple_key(tail_b)

    def _match_band(
        self, question_terms: set[str], groups: set[str], expanded: set[str], band: Band, asks_share: bool,
        aside: set[str] = frozenset(),
    ) -> IndicatorMatch | None:
        banded = [i for i in self.infos.values() if i.band is not None]
        if not banded:
            return None
        # candidates grouped by (band group, unit): the group whose words fit the question best
        families: dict[tuple[str, str], list[IndicatorInfo]] = {}
        for info in banded:
            families.setdefault((info.band_group, info.unit), []).append(info)
        # a figure the question names ("Grundsicherung" of the over-65s, by its synonym or by a word its labels write
        # beside the age band: `aside`) is answered by its banded labels, whatever their unit, never by the age group's
        # head count
        specific = groups - self.synonyms.generic - AGE_GROUPS
        named = {k: infos for k, infos in families.items()
                 if any(i.groups & specific or frozenset(i.band_group.split()) & aside for i in infos)}
        every_family, families = families, named or families
        best: tuple[float, list[str], list[str]] | None = None
        exact_families: list[tuple[float, str, list[IndicatorInfo]]] = []
        from assistant.services.kennzahlen.bands import tiling

        for (_group, unit), infos in families.items():
            s = self.score(infos[0], question_terms, groups, expanded, band)
            if asks_share != (unit == "%"):
                s -= 6.0
            exact = [i.key for i in infos if i.band == band]
            if exact:
                candidate = (s + 1.0, exact, [])
                exact_families.append((s + 1.0, unit, [i for i in infos if i.band == band]))
            elif unit != "%":
                tiles = tiling(band, {i.key: i.band for i in infos if i.band is not None})
                if not tiles:
                    continue
                candidate = (s, [], tiles)
            else:
                continue
            if best is None or candidate[0] > best[0]:
                best = candidate
        if best is None:
            return None
        if best[1]:
            # the same age band under other labels of the same unit ("65 und älter", "Einwohner 65+") is the same figure,
            # unless a label names another figure the question does not ("GruSi 65+")
            unit = self.infos[best[1][0]].unit
            keys = list(best[1])
            # a figure's own synonym group the chosen label has ("Grundsicherung 65+" = "GruSi 65+") is asked with it;
            # the age group's own head count or share ("Anteil 65+") is then another figure
            figure = {g for k in keys for g in self.infos[k].groups - self.synonyms.generic - AGE_GROUPS}
            exact_families += [(0.0, unit_, [i for i in infos if i.band == band]) for (_g, unit_), infos in every_family.items()
                               if (_g, unit_) not in families]  # a name of the figure the question did not write ("GruSi")
            for _score, other_unit, infos in sorted(exact_families, key=lambda item: -item[0]):
                for info in infos:
                    own = info.groups - self.synonyms.generic - AGE_GROUPS
                    same = own & figure and own <= groups | figure if figure else own <= groups
                    if _same_unit(other_unit, unit) and same and info.key not in keys:
                        keys.append(info.key)
            return IndicatorMatch(keys=keys, score=best[0], band=band)
        return IndicatorMatch(keys=best[1], score=best[0], band_keys=best[2], band=band)


#: A question word this long that ends a label's compound names it ("Leistungsberechtigte" in "Regelleistungs…").
MIN_TAIL = 8


def _tail_named(label_terms: frozenset[str], question_terms: set[str]) -> bool:
    """True when a question word of MIN_TAIL letters or more ends a label word (German compounds end in what they are).
    Callers pass only words no label writes alone: "Haushalte" asks for "Haushalte", not for "Einpersonenhaushalte"."""
    return any(len(q) >= MIN_TAIL and whole != q and whole.endswith(q) for whole in label_terms for q in question_terms)


def _same_unit(a: str, b: str) -> bool:
    """One unit, where a count may be written 'Anzahl' in one table and not at all in another."""
    return a == b or {a, b} <= {"", "Anzahl"}

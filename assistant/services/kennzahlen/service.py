"""The Kennzahlen service: a German figure question → KennzahlPlan → facts from the FactStore → a cited answer.

`plan()` is the intent detector the answering service routes by: it returns a plan only when an indicator of the
store AND a figure intent (rank, threshold, count, sum, average, comparison, development, or a lookup with a place)
are recognised; otherwise the question goes the text path unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.core.interfaces import FactStore
from assistant.core.types import Answer, DocumentMeta, QueryFilters
from assistant.services.kennzahlen.answers import run_plan
from assistant.services.kennzahlen.areas import count_areas
from assistant.services.kennzahlen.band_gap import missing_band
from assistant.services.kennzahlen.catalog import Catalog, CatalogCache
from assistant.services.kennzahlen.coverage import (
    asks_an_opinion,
    asks_more_than_a_figure,
    counts_another_thing,
    narrower_figure,
    unexplained_nouns,
    unqualified_population,
)
from assistant.services.kennzahlen.indicators import AGE_GROUPS, SynonymGroups, terms
from assistant.services.kennzahlen.intent import (
    INVENTORY_WORDS,
    PLACE_REFERENCE,
    POPULATION_WORD,
    Threshold,
    grows_alone,
    parse_intent,
    sized_alone,
    without_trend_words,
)
from assistant.services.kennzahlen.parts_gap import parts_only, sex_pair
from assistant.services.kennzahlen.places import PlaceRef, named_after
from assistant.services.kennzahlen.plan import KennzahlPlan
from assistant.services.kennzahlen.sex_gap import SEX_GROUPS, missing_sex
from assistant.services.kennzahlen.versus import versus_answer
from assistant.services.vocabulary import Vocabulary
from assistant.text import simple_key
from assistant.text.stemming import stem

#: Comparatives of less: "Welcher Stadtteil hat weniger Arbeitslose?" ranks the lowest first.
_FEWER = re.compile(r"\b(?:weniger|niedriger\w*|kleiner\w*|geringer\w*)\b")
#: Operations that are figure questions even without a place (they run over a whole level).
LEVEL_OPS = {"rank", "filter", "count", "average", "change"}
#: Operations that, without a place named, ask about the city as a whole.
CITY_OPS = {"lookup", "trend"}
#: Markers that ask a value even beside "wann" ("Wann war die Arbeitslosigkeit am höchsten?").
VALUE_MARKERS = frozenset({"how_many", "how_much", "rank", "top", "trend", "threshold", "compare", "comparative", "average", "sum"})


#: Formats whose document is a table: its title names the figures it holds.
SHEET_FORMATS = frozenset({"csv", "xlsx", "xls", "ods", "tsv"})


def _than_place(folded: str, place: str) -> bool:
    """True when the question compares with the place ("… als Haspe", "… als in Haspe") instead of asking about it."""
    return bool(re.search(r"\bals\s+(?:in\s+|im\s+|der\s+|dem\s+)?" + re.escape(simple_key(place)) + r"\b", simple_key(folded)))


def city_parts(catalog: Catalog, vocabulary: Vocabulary | None) -> set[str]:
    """The Bezirke whose parts the tables list, when they are all the city's Bezirke (the vocabulary's); else none."""
    known = {name for name, place in (vocabulary.places.items() if vocabulary is not None else []) if place.level == "bezirk"}
    listed = {parent for parent in catalog.children if parent in known}
    return listed if known and listed == known else set()


class KennzahlenService:
    """Answers figure questions from the fact store, deterministically.

    Args:
        store: the FactStore filled at ingestion.
        documents: doc_id → DocumentMeta (titles and dates for citations and "newest first").
        synonyms: indicator synonym groups (default: assistant/resources/indicator_synonyms.yaml).
    """

    def __init__(self, store: FactStore, documents: Callable[[str], DocumentMeta | None] | None = None,
                 synonyms: SynonymGroups | None = None):
        self.store = store
        self.documents = documents or (lambda doc_id: None)
        self.catalogs = CatalogCache(store, synonyms)

    def catalog(self, filters: QueryFilters | None = None, vocabulary: Vocabulary | None = None) -> Catalog:
        return self.catalogs.get((filters or QueryFilters()).max_confidentiality, vocabulary)

    def unknown_compounds(self, question: str, filters: QueryFilters | None = None, vocabulary: Vocabulary | None = None) -> list[str]:
        """Hyphenated place names of the question that the tables do not know, though a part is a place of theirs
        ("Kiel-Mitte"): asked is that place, not the known part."""
        catalog = self.catalog(filters, vocabulary)
        return [] if catalog.empty else catalog.resolver.unknown_compounds(question)

    def plan(self, question: str, filters: QueryFilters | None = None, vocabulary: Vocabulary | None = None) -> KennzahlPlan | None:
        """The structured query of a figure question, or None when it is not one (or names no known indicator)."""
        catalog = self.catalog(filters, vocabulary)
        if catalog.empty:
            return None
        intent = parse_intent(question)
        if intent.op == "inventory_count":
            return None
        doc_ids: frozenset[str] = frozenset()
        if intent.doc_refs:
            doc_ids = self._documents_named(intent, catalog, question)
            if not doc_ids:
                return None  # the named document has no table figures: its text may state them, the tables cannot
        places = catalog.resolver.find(question)
        place_terms = frozenset(t for p in places for t in terms(p.name))
        residue = _without_title(intent.residue, self._title_terms(doc_ids)) if doc_ids else intent.residue
        match = None
        if "trend" in intent.markers:  # the figure named without the words that ask for its change
            match = catalog.matcher.match(without_trend_words(residue), intent.age_band, intent.asks_share, place_terms,
                                          asks_count=intent.asks_count)
        if match is None or not (match.keys or match.band_keys):
            match = catalog.matcher.match(residue, intent.age_band, intent.asks_share, place_terms,
                                          asks_count=intent.asks_count)
        if (match is None or not (match.keys or match.band_keys)) and (places or intent.level) \
                and grows_alone(intent.folded, residue, place_terms):
            # "Wächst Boele/Kabel?", "Ist Emst geschrumpft?", "Welche Sozialräume sind gewachsen?": a place that grows
            # or shrinks does so in people
            match = catalog.matcher.match(POPULATION_WORD, None, False, place_terms, asks_count=True)
        if (match is None or not (match.keys or match.band_keys)) and intent.level and not places and intent.op == "rank" \
                and sized_alone(intent.folded, residue):
            match = catalog.matcher.match(POPULATION_WORD, None, False, place_terms, asks_count=True)  # "der größte Bezirk"
        if match is None or not (match.keys or match.band_keys):
            return None
        if match.parts and not match.band_keys:
            match.keys = match.parts  # no total: the answer names the parts, it picks none of them
        matched = match.keys or match.band_keys
        if _names_another_figure(question, residue, catalog, matched, self._titles_of(catalog, matched)):
            return None  # "Wie viele Kinder leben in Haspe von ALG II?": no head count of the age group
        assumed_city = False
        compared: list = []  # a place whose own value is the threshold: named by the question, asked about not
        if not places and intent.op in CITY_OPS and intent.level is None and (
                intent.op == "trend" or intent.markers & {"how_many", "how_much"}):
            places, assumed_city = catalog.resolver.city(), True  # "Wie hoch ist die SGB-II-Quote?": the city as a whole
        if assumed_city:  # several totals (a Kreis, a city): the ones that hold the asked figure
            held = catalog.facts_for(match.keys or match.band_keys)
            holding = {f.place for f in held}
            # none of them: the table's own total row ("alle", "Gesamt" of a survey's table by Bezirk)
            totals = sorted({f.place for f in held if f.place_level == "stadt"})
            places = [p for p in places if p.name in holding] or [PlaceRef(t, "stadt") for t in totals[:1]] or places
        if len(places) == 1 and intent.level and intent.op in ("lookup", "compare") and "comparative" in intent.markers \
                and _than_place(intent.folded, places[0].name):
            # "Welcher Stadtbezirk hat mehr Einwohner als Haspe?": the places of that level above Haspe's own value
            op = "<" if _FEWER.search(intent.folded) else ">"
            intent.op, intent.threshold = "filter", Threshold(op, 0.0, reference=PLACE_REFERENCE + places[0].name)
            compared, places = places, []
        if not places and intent.level and intent.op == "lookup" and "comparative" in intent.markers and not intent.years:
            # "Welcher Bezirk hat mehr Arbeitslose?": the places of that level ranked, the one with more first
            intent.op, intent.direction = "rank", ("asc" if _FEWER.search(intent.folded) else "desc")
        if not places and intent.change and intent.op in ("rank", "trend", "count") and intent.threshold is None:
            # "Wo ist die Kinderarmut am stärksten gestiegen?", "Wie viele Sozialräume haben Einwohner gewonnen?":
            # the places' changes, ranked, picked or counted
            intent.op = "change"
        if not places and intent.op not in LEVEL_OPS:
            return None
        if intent.op == "rank" and not intent.level and re.search(r"\bwelche[rsmn]?\s+(?:" + INVENTORY_WORDS + r")\b", intent.folded):
            return None  # "Welcher Träger ist der größte?" asks which entry, not which place
        if "explain" in intent.markers:
            return None  # "Was ist / wie wird … berechnet?" asks for an explanation, not a value
        if intent.markers & {"when", "how_often"} and not intent.markers & VALUE_MARKERS:
            return None  # "Seit wann fördert die Stadt die Begegnungsstätte Elsey?" asks a date, not a figure of Elsey
        cues = {"how_many", "how_much", "terse"} | ({"comparative"} if len(places) >= 2 else set())
        if places and intent.op == "lookup" and not (intent.markers & cues or intent.years):
            return None  # a lookup needs a figure cue ("wie hoch", "wie viele", a year, or a terse "Kinderarmut in Haspe?")
        if intent.op == "trend" and not places:
            return None
        if catalog.topic_keys and not intent.inventory:
            # a column named by an inventory topic ("Armut", "Wohnen") counts offers: it is no figure of that topic
            match.keys = [k for k in match.keys if simple_key(catalog.labels.get(k, "")) not in catalog.topic_keys]
            match.band_keys = [k for k in match.band_keys if simple_key(catalog.labels.get(k, "")) not in catalog.topic_keys]
            if not (match.keys or match.band_keys):
                return None
        if intent.asks_count and match.keys:  # "Wie viele Begegnungsstätten …" is no count of their Plätze
            match.keys = counts_another_thing(question, catalog.matcher, match.keys)
            if not (match.keys or match.band_keys):
                return None
        keys = match.keys or match.band_keys
        shown = match.keys
        if doc_ids and match.keys:  # the named document's own label, not another table's for the same figure
            held = {f.indicator_key for f in catalog.facts_for(match.keys) if f.doc_id in doc_ids}
            shown = [k for k in match.keys if k in held] or match.keys
        label = _display_label(question, shown, catalog) if match.keys else catalog.labels.get(keys[0], keys[0])
        if match.band_keys:
            from assistant.services.kennzahlen.bands import band_text

            prefix = label.split(":")[0].strip() if ":" in label else "Einwohner"
            label = f"{prefix}, {band_text(match.band)}"
        # the words of the figure's tables and spreadsheet files ("kita-plaetze-2023.xlsx" over "Plätze U3") explain the
        # question's too; a report's title does not (a protocol's "Stadtteilkonferenz" is no word of its Einwohner table)
        held = catalog.facts_for(keys)[:200]
        sheets = frozenset(f.doc_id for f in held if (doc := self.documents(f.doc_id)) is not None and doc.format in SHEET_FORMATS)
        table_words = self._title_terms(sheets) | frozenset(stem(w) for f in held for w in simple_key(f.table).split() if len(w) >= 4)
        named = [] if assumed_city else places + compared
        if (asks_more_than_a_figure(question) or unexplained_nouns(question, catalog.matcher, keys, places + compared,
                                                                   self._title_terms(doc_ids) | table_words, named)
                or asks_an_opinion(question, catalog.matcher, keys)):
            return None  # the question is about something besides this figure: the text path answers it
        asked_group = without_trend_words(intent.residue)  # "rückläufig" says how it changed, not whom it counts
        if not match.band_keys and unqualified_population(asked_group, catalog.matcher, keys, places + compared, table_words):
            return None  # "Wie viele wohnungslose Menschen …": never the total population for a group it is not
        if _asks_an_age(intent.folded) and all(k in catalog.matcher.infos and catalog.matcher.infos[k].band is not None for k in keys):
            return None  # "Wie alt sind die Menschen in Gaarden-Ost?" asks an age in years, not a head count of the old
        if len(places) == 1 and intent.op == "rank" and "when" in intent.markers and not intent.level and not intent.years:
            intent.op = "peak"  # "Wann war die Arbeitslosenquote in Altstadt am höchsten?": the year, not a place
        if len(places) == 1 and intent.op == "average" and not intent.level:
            intent.op = "lookup"  # "Kinderarmut in Haspe im Durchschnitt": the place's own value, not the mean of all places
        if len(places) >= 2 and intent.op == "lookup":
            intent.op = "compare"
        rollups = {p.name: catalog.children[p.name] for p in places if p.name in catalog.children}
        bezirke = city_parts(catalog, vocabulary)
        for city in [p for p in places if p.level == "stadt" and p.name not in rollups]:
            if bezirke:  # a table of every Bezirk's Sozialräume sums up to the city where it has no row of its own
                rollups[city.name] = set(bezirke)
                rollups.update({b: catalog.children[b] for b in bezirke})
        level = intent.level
        if intent.level_from_place and intent.op in LEVEL_OPS and any(p.level == level for p in places):
            level = None  # "Wo … am meisten … im Bezirk Hagen-Mitte?": over the places inside Hagen-Mitte
        return KennzahlPlan(intent=intent, indicator_keys=match.keys, indicator_label=label, unit=catalog.units.get(keys[0], ""),
                            parts=bool(match.parts and not match.band_keys),
                            band_keys=match.band_keys, band=match.band, places=places, level=level, rollups=rollups,
                            doc_ids=doc_ids, assumed_city=assumed_city)

    def _documents_named(self, intent, catalog: Catalog, question: str = "") -> frozenset[str]:
        """The fact-holding documents every named document reference fits (noun in its id or title, and its year)."""
        found: set[str] = set()
        for ref in intent.doc_refs:
            noun = stem(ref.noun)
            for doc_id in catalog.doc_ids:
                doc = self.documents(doc_id)
                key = simple_key(doc_id + " " + (doc.title if doc else ""))
                if noun in key.replace(" ", "") and (ref.year is None or str(ref.year) in key.split()):
                    found.add(doc_id)
        asked = frozenset(stem(w) for w in simple_key(question).split() if len(w) >= 4) - {stem(r.noun) for r in intent.doc_refs}
        return self._best_titled(asked, found)

    def _best_titled(self, asked: frozenset[str], doc_ids: set[str]) -> frozenset[str]:
        """Of the documents a noun fits ("laut Bericht …"), the ones whose title has most of the question's other words
        ("… Alter und Pflege"); all of them when no title has any."""
        scores = {d: len(asked & self._title_terms(frozenset({d}))) for d in doc_ids}
        best = max(scores.values(), default=0)
        return frozenset(d for d, n in scores.items() if n == best) if best else frozenset(doc_ids)

    def _titles_of(self, catalog: Catalog, keys: list[str]) -> str:
        """The titles of the documents and the names of the tables that hold these figures."""
        held = catalog.facts_for(keys)[:200]
        docs = [doc.title for doc_id in sorted({f.doc_id for f in held}) if (doc := self.documents(doc_id)) is not None]
        return " ".join([*docs, *sorted({f.table for f in held})])

    def _title_terms(self, doc_ids: frozenset[str]) -> frozenset[str]:
        """Stemmed words of the documents' titles: a question naming a document by its title asks nothing with them."""
        found: set[str] = set()
        for doc_id in doc_ids:
            doc = self.documents(doc_id)
            if doc is not None:
                found |= {stem(w) for w in simple_key(doc.title).split() if len(w) >= 4}
        return frozenset(found)

    def answer(self, question: str, filters: QueryFilters | None = None, vocabulary: Vocabulary | None = None) -> Answer | None:
        """The engine's answer, or None when the question is not a figure question it can take."""
        catalog = self.catalog(filters, vocabulary)
        counted = count_areas(question, catalog, self.documents) if not catalog.empty else None
        if counted is not None:
            return counted
        versus = versus_answer(question, lambda q: self.plan(q, filters, vocabulary), catalog, self.documents)
        if versus is not None:  # "Gibt es in Südpark mehr Frauen als Männer?": two figures of one place
            return versus
        plan = self.plan(question, filters, vocabulary)
        if plan is None:
            intent = parse_intent(question)
            return missing_band(question, intent, catalog) or missing_sex(question, intent, catalog, None)
        narrower = self._narrower_only(question, plan, catalog)
        if narrower is not None:  # "Wie viele Haushalte leben in Mitte?" over "Haushalte mit Wohngeld"
            return narrower
        unsplit = missing_sex(question, plan.intent, catalog, plan.indicator_keys or plan.band_keys)
        if unsplit is not None:  # "Arbeitslosenquote der Frauen": the value for everyone is none for women
            return unsplit
        if plan.parts and not plan.intent.asks_share and (sexes := sex_pair(plan, catalog)):
            # "Wie viele Ausländer …" over "Ausländer/-innen: männlich" and "… weiblich": their sum, said so
            head = catalog.labels.get(sexes[0], sexes[0]).rsplit(":", 1)[0].strip()
            plan = replace(plan, band_keys=sexes, indicator_keys=[], parts=False, indicator_label=head, band=None)
        if plan.parts:
            return parts_only(question, plan, catalog)
        answer = run_plan(question, plan, catalog, self.documents)
        if answer is None and plan.op in ("lookup", "compare") and len(plan.places) == 1:
            answer = self._named_after(question, plan, catalog)
        return answer

    def _narrower_only(self, question: str, plan: KennzahlPlan, catalog: Catalog) -> Answer | None:
        """A refusal when the question asks only who is counted and the tables count only a part of them: the part's
        values follow, labelled as such and cited, never given as the whole; None otherwise."""
        if plan.band_keys or plan.intent.age_band is not None or plan.parts:
            return None  # an asked age range accounts for the label's age words; parts are named by parts_only
        place_terms = frozenset(t for p in plan.places for t in terms(p.name))
        narrower = narrower_figure(without_trend_words(plan.intent.residue), catalog.matcher, plan.indicator_keys, place_terms)
        if not narrower:
            return None
        asked = " ".join(w for w in question.rstrip("?").split()[1:] if w[:1].isupper() and not place_terms & set(terms(w)))
        text = (f"Eine Gesamtzahl zu „{asked or plan.indicator_label}“ nennen die Tabellen nicht; sie nennen nur „{narrower}“, "
                "also einen Teil davon.")
        part = run_plan(question, plan, catalog, self.documents)
        if part is None or part.refused:
            return Answer(question=question, text=text, refused=True, mode="extractive")
        return Answer(question=question, text=text + "\n" + part.text, refused=True, citations=part.citations, mode="extractive")

    def _named_after(self, question: str, plan: KennzahlPlan, catalog: Catalog) -> Answer | None:
        """A place the tables hold no value of ("Eilpe", a Stadtteil of a survey table) answered by the areas whose
        names contain it ("Eilpe/Delstern/Selbecke", "Eilpe/Dahl"), said to be those, never presented as the place."""
        asked = plan.places[0]
        if not _after_preposition(question, asked.name):
            return None  # "Begegnungsstätte Eilpe": the place names an institution, whose figures are no area's
        wider = named_after(asked, catalog.places)
        if not wider:
            return None
        wider = [p for p in wider if p.level == wider[0].level]  # the smallest: a Bezirk holds its Sozialraum, no rival
        answer = run_plan(question, replace(plan, places=wider), catalog, self.documents)
        if answer is None or answer.refused:
            return answer
        names = " und ".join(f"„{p.name}“" for p in wider)
        lead = f"Für „{asked.name}“ selbst enthalten die Tabellen keinen Wert zu {plan.indicator_label}; die Werte gelten für {names}:"
        return replace(answer, text=f"{lead}\n{answer.text}")


_AGE_ASKED = re.compile(r"\bwie alt\b|\b(?:durchschnitts|mittleres?\s+)alter\b|\baltersdurchschnitt\b")


def _asks_an_age(folded: str) -> bool:
    """True for "Wie alt sind …?", "Durchschnittsalter": an age in years is asked."""
    return bool(_AGE_ASKED.search(folded))


def _names_another_figure(question: str, residue: str, catalog: Catalog, band_keys: list[str], titles: str = "") -> bool:
    """True when the question names a figure of its own (a synonym group: "ALG II", "Kinderarmut", "allein lebend")
    besides the age group it matched: it asks for that figure of the group, not for a head count — also when no
    table holds that figure ("Wie viele Senioren wohnen allein?" is no question about all over-65s). The residue
    (the question without its age range) joins the words the range parts ("Kinder unter 18 sind arm": "Kinder arm").
    `titles`: the titles of the documents and tables holding the bands, whose figure they count ("SGB II" in
    "Leistungsberechtigte nach dem SGB II": its "unter 15 Jahren" is the Bürgergeld of the under-15s)."""
    matcher = catalog.matcher
    if not all(k in matcher.infos and matcher.infos[k].band is not None for k in band_keys):
        return False  # the match is a figure of its own, not a head count of an age group
    asked = (matcher.synonyms.groups_written(question) | matcher.synonyms.groups_in(terms(residue))) - matcher.synonyms.generic
    own = {g for k in band_keys if k in matcher.infos for g in matcher.infos[k].groups} | matcher.synonyms.groups_written(titles)
    return bool(asked - own - SEX_GROUPS - AGE_GROUPS)


_PLACE_PREPOSITIONS = frozenset("in im aus fuer von vom nach bei".split())


def _after_preposition(question: str, name: str) -> bool:
    """True when the place is named as a place ("in Eilpe"), not as a part of an institution's name."""
    words = simple_key(question).split()
    key = simple_key(name).split()
    for i in range(1, len(words) - len(key) + 1):
        if words[i : i + len(key)] == key:
            return words[i - 1] in _PLACE_PREPOSITIONS
    return False


_TITLE_JOINERS = frozenset("und der die das des fuer im in zur zum von".split())


def _without_title(residue: str, title: frozenset[str]) -> str:
    """The residue without a run of the named document's title words ("laut Bericht Alter und Pflege": "alter und
    pflege"): they name where to read, not the figure. A single title word stays ("Grundsicherung im Alter")."""
    words = residue.split()
    keep = [True] * len(words)
    i = 0
    while i < len(words):
        if stem(words[i]) not in title:
            i += 1
            continue
        j, last, hits = i, i, 0
        while j < len(words) and (stem(words[j]) in title or words[j] in _TITLE_JOINERS):
            if stem(words[j]) in title:
                last, hits = j, hits + 1
            j += 1
        if hits >= 2:
            keep[i : last + 1] = [False] * (last + 1 - i)
        i = last + 1
    return " ".join(w for w, k in zip(words, keep, strict=True) if k)


def _display_label(question: str, keys: list[str], catalog: Catalog) -> str:
    """The name the answer gives the figure: the label the question itself uses, when one of the matched labels is
    named in it ("SGB-II-Quote" rather than a table's "SGB II"); else the best match's."""
    asked = " " + simple_key(question) + " "
    named = [catalog.labels[k] for k in keys if k in catalog.labels and " " + simple_key(catalog.labels[k]) + " " in asked]
    return max(named, key=len) if named else catalog.labels.get(keys[0], keys[0])

"""The Kennzahlen service: a German figure question → KennzahlPlan → facts from the FactStore → a cited answer.

`plan()` is the intent detector the answering service routes by: it returns a plan only when an indicator of the
store AND a figure intent (rank, threshold, count, sum, average, comparison, development, or a lookup with a place)
are recognised; otherwise the question goes the text path unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.core.interfaces import FactStore
from assistant.core.types import Answer, DocumentMeta, QueryFilters
from assistant.services.kennzahlen.answers import run_plan
from assistant.services.kennzahlen.catalog import Catalog, CatalogCache
from assistant.services.kennzahlen.coverage import asks_more_than_a_figure, unexplained_nouns
from assistant.services.kennzahlen.indicators import SynonymGroups
from assistant.services.kennzahlen.intent import parse_intent
from assistant.services.kennzahlen.plan import KennzahlPlan
from assistant.services.vocabulary import Vocabulary

#: Operations that are figure questions even without a place (they run over a whole level).
LEVEL_OPS = {"rank", "filter", "count", "average"}


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

    def plan(self, question: str, filters: QueryFilters | None = None, vocabulary: Vocabulary | None = None) -> KennzahlPlan | None:
        """The structured query of a figure question, or None when it is not one (or names no known indicator)."""
        catalog = self.catalog(filters, vocabulary)
        if catalog.empty:
            return None
        intent = parse_intent(question)
        if intent.op == "inventory_count":
            return None
        places = catalog.resolver.find(question)
        match = catalog.matcher.match(intent.residue, intent.age_band, intent.asks_share)
        if match is None or not (match.keys or match.band_keys):
            return None
        if not places and intent.op not in LEVEL_OPS:
            return None
        if "explain" in intent.markers:
            return None  # "Was ist / wie wird … berechnet?" asks for an explanation, not a value
        if places and intent.op == "lookup" and not (intent.markers & {"how_many", "how_much", "terse"} or intent.years):
            return None  # a lookup needs a figure cue ("wie hoch", "wie viele", a year, or a terse "Kinderarmut in Haspe?")
        if intent.op == "trend" and not places:
            return None
        keys = match.keys or match.band_keys
        label = catalog.labels.get(keys[0], keys[0])
        if match.band_keys:
            from assistant.services.kennzahlen.bands import band_text

            prefix = label.split(":")[0].strip() if ":" in label else "Einwohner"
            label = f"{prefix}, {band_text(match.band)}"
        if asks_more_than_a_figure(question) or unexplained_nouns(question, catalog.matcher, keys, places):
            return None  # the question is about something besides this figure: the text path answers it
        if len(places) >= 2 and intent.op == "lookup":
            intent.op = "compare"
        rollups = {p.name: catalog.children[p.name] for p in places if p.name in catalog.children}
        return KennzahlPlan(intent=intent, indicator_keys=match.keys, indicator_label=label, unit=catalog.units.get(keys[0], ""),
                            band_keys=match.band_keys, band=match.band, places=places, level=intent.level, rollups=rollups)

    def answer(self, question: str, filters: QueryFilters | None = None, vocabulary: Vocabulary | None = None) -> Answer | None:
        """The engine's answer, or None when the question is not a figure question it can take."""
        plan = self.plan(question, filters, vocabulary)
        if plan is None:
            return None
        return run_plan(question, plan, self.catalog(filters, vocabulary), self.documents)

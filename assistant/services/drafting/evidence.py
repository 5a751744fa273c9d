"""Collects sourced evidence for a place and topic: figures, offers and partners, voices, open points, tensions.

Everything comes from the retrieval service's corpus snapshot (documents, chunks, table rows, vocabulary)
and its hybrid search; nothing is recomputed except labelled counts and differences. Sentences are quoted
verbatim with the chunk they stand in, so every statement can be checked against its source.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from assistant.core.types import CONFIDENTIALITY_LEVELS, Chunk, DocumentMeta, Passage, QueryFilters
from assistant.services.drafting.fact_figures import FactFigures
from assistant.services.drafting.figures import row_figures, text_table_figures
from assistant.services.drafting.quotable import COMPLETE, REJECT, shape, strip_bullet
from assistant.services.drafting.types import Figure, SourceRef
from assistant.services.query_understanding import QueryAnalysis
from assistant.services.retrieval import CorpusSnapshot, RetrievalService
from assistant.services.tables import RowMatch, dedupe_rows, row_in_places
from assistant.services.vocabulary import Place
from assistant.text import split_sentences

#: Document kinds whose sentences are "what people said" (surveys, minutes, workshops, interviews).
VOICE_KINDS = ("befragung", "protokoll", "workshop", "interview")
OPEN_CUES = re.compile(r"\b(offene Fragen?|noch offen|bleibt offen|ist offen|ungeklärt|unklar|noch nicht|fehl(?:t|en|ende)|Lücke\w*|"
                       r"zu klären|klären|prüfen|geprüft werden|ausstehend)\b", re.IGNORECASE)
PERCEIVED_CUES = re.compile(r"\b(wahrgenommen\w*|Wahrnehmung|Gefühl\w*|\w*gefühl|empfinden|Empfinden|eingeschätzt|subjektiv\w*|Eindruck)\b",
                            re.IGNORECASE)
RECORDED_CUES = re.compile(r"\b(registriert\w*|Fallzahlen|Statistik\w*|Daten|Zahlen|Kennzahlen|Indikator\w*|Polizei\w*)\b", re.IGNORECASE)
FORMAT_CUES = re.compile(r"(konferenz|befragung|beteiligung|forum|werkstatt|sozialraumteam|ortsbegehung|sprechstunde|workshop|jugendrat|"
                         r"beirat)", re.IGNORECASE)
MAX_SENTENCE_CHARS = 400


#: One row of an offer inventory and the partner group it belongs to (the table answer's type).
OfferRow = RowMatch


@dataclass(frozen=True)
class Quote:
    """A sentence as it stands in a chunk, with its source."""

    text: str
    source: SourceRef
    document: DocumentMeta


def ref_for(chunk: Chunk, doc: DocumentMeta, section: str = "") -> SourceRef:
    """Where a chunk stands: page for paged documents, row for table rows, else its section."""
    rows = (chunk.row,) if chunk.page is None and chunk.row is not None else ()
    section = section or chunk.section.split(" > ")[-1]
    return SourceRef(doc.doc_id, doc.title, (chunk.chunk_id,), page=chunk.page, rows=rows, section=section, date=doc.date)


class EvidenceCollector:
    """Finds sourced material for drafts; built on the RetrievalService (snapshot and search only)."""

    def __init__(self, retrieval: RetrievalService, facts: FactFigures | None = None):
        self.retrieval = retrieval
        self.facts = facts
        self._figures: tuple[str, list[Figure]] | None = None

    # --- places and topics -----------------------------------------------------------------------------

    def snapshot(self) -> CorpusSnapshot:
        return self.retrieval.snapshot()

    def analyze(self, text: str) -> QueryAnalysis:
        """What a request names (places, topics, years) in the vocabulary's canonical names."""
        return self.snapshot().understanding.analyze(text)

    def place(self, text: str) -> Place | None:
        """The Stadtbezirk or Sozialraum a text names (exact, then as query understanding reads it)."""
        vocab = self.snapshot().vocabulary
        found = vocab.resolve_place(text)
        if found:
            return found
        places = self.analyze(text).places
        return places[0] if places else None

    def places_within(self, place: Place) -> list[str]:
        """The place and, for a Bezirk, its Sozialräume (canonical names)."""
        names = [place.name]
        if place.level == "bezirk":
            places = self.snapshot().vocabulary.places.values()
            names += sorted(p.name for p in places if p.level == "sozialraum" and p.bezirk == place.name)
        return names

    def mentions(self, text: str, place: Place) -> bool:
        """True when a text names the place or (for a Bezirk) one of its Sozialräume."""
        return bool(self.snapshot().places_in_text(text) & set(self.places_within(place)))

    # --- figures ------------------------------------------------------------------------------------------

    def all_figures(self) -> list[Figure]:
        """Every figure of the corpus: the Kennzahlen engine's facts when it holds any, else parsed from the texts.

        Built once per corpus version; callers filter by confidentiality (figures()).
        """
        snapshot = self.snapshot()
        if self._figures and self._figures[0] == snapshot.fingerprint:
            return self._figures[1]
        if self.facts is not None:
            from_facts = self.facts.figures(snapshot.fingerprint, CONFIDENTIALITY_LEVELS[-1], snapshot.documents,
                                            snapshot.chunks.values(), snapshot.vocabulary)
            if from_facts:
                self._figures = (snapshot.fingerprint, from_facts)
                return from_facts
        by_doc: dict[str, list[Chunk]] = defaultdict(list)
        for chunk in snapshot.chunks.values():
            if chunk.kind == "text":
                by_doc[chunk.doc_id].append(chunk)
        figures: list[Figure] = []
        for doc_id, chunks in sorted(by_doc.items()):
            figures += text_table_figures(snapshot.documents[doc_id], chunks, snapshot.vocabulary)
        for table in snapshot.tables.tables:
            figures += row_figures(table, snapshot.vocabulary)
        self._figures = (snapshot.fingerprint, figures)
        return figures

    def figures(self, places: list[str], filters: QueryFilters) -> list[Figure]:
        """Figures for these places from documents the caller may read."""
        docs = self.snapshot().documents
        wanted = set(places)
        return [f for f in self.all_figures() if f.place in wanted and f.source.doc_id in docs and filters.allows(docs[f.source.doc_id])]

    # --- table rows ----------------------------------------------------------------------------------------

    def offers(self, place: Place, filters: QueryFilters, topics: list[str] | None = None) -> list[OfferRow]:
        """Rows of offer inventories (tables with name, partner, place and topic columns) in the place, one per offer.

        Selected here rather than through the table answer's matcher (which answers only list questions): a draft
        wants every row of the place. The place rule and the duplicate rule are the table answer's own.
        """
        snapshot = self.snapshot()
        vocab = snapshot.vocabulary
        phrases = [p for t in (topics or []) for p in vocab.topics.get(t, [])]
        found: list[OfferRow] = []
        for table in snapshot.tables.tables:
            if not {"partner", "topic", "name"} <= table.roles.keys() or not {"district", "sozialraum"} & table.roles.keys():
                continue
            if not filters.allows(table.document):
                continue
            for row in table.rows:
                if not row_in_places(table, row, [place], vocab):
                    continue
                if phrases and not any(set(p) <= row.terms.get(table.roles["topic"], frozenset()) for p in phrases):
                    continue
                partner = table.cell(row, "partner")
                found.append(OfferRow(table, row, vocab.partner_key(partner) if partner else ""))
        return sorted(dedupe_rows(found, vocab), key=lambda m: (m.table.cell(m.row, "sozialraum"), m.table.cell(m.row, "name")))

    @staticmethod
    def row_ref(match: OfferRow) -> SourceRef:
        return ref_for(match.row.chunk, match.row.document, section=match.table.name)

    # --- sentences -------------------------------------------------------------------------------------------

    def quotes(self, query: str, filters: QueryFilters, place: Place | None, *, kinds: tuple[str, ...] = (), cue: re.Pattern | None = None,
               cue2: re.Pattern | None = None, k: int = 40, limit: int = 6, exclude: set[str] | None = None) -> list[Quote]:
        """Sentences of the best passages that concern the place and match the cues (verbatim, one per chunk).

        Complete sentences come first (in the order of their passages); list items that stand on their own fill
        up only when there are too few; headings and pieces of sentences are never quoted. `exclude` holds texts
        already quoted elsewhere in the same draft.
        """
        search_filters = QueryFilters(**{**filters.__dict__, "kinds": list(kinds) or filters.kinds})
        passages = self.retrieval.search(query, search_filters, k=k)
        found: list[tuple[int, int, Quote]] = []
        seen: set[str] = set(exclude or ())
        for order, passage in enumerate(passages):
            if passage.chunk.kind != "text":
                continue
            best = self._best_sentence(passage, place, cue, cue2, seen)
            if best:
                found.append((-best[0], order, best[1]))
                seen.add(best[1].text)
            if sum(1 for rank, _, _ in found if -rank == COMPLETE) >= limit:
                break
        return [quote for _, _, quote in sorted(found, key=lambda item: item[:2])[:limit]]

    def _best_sentence(self, passage: Passage, place: Place | None, cue, cue2, seen: set[str]) -> tuple[int, Quote] | None:
        """The chunk's first complete sentence that qualifies, else its first usable list item (with its shape)."""
        chunk, doc = passage.chunk, passage.document
        local = place is not None and _about_only(doc, place, self)
        headings = (*chunk.section.split(" > "), doc.title)
        fallback: tuple[int, Quote] | None = None
        for sentence in split_sentences(chunk.text):
            text = strip_bullet(sentence.text)
            flat = " ".join(text.split())
            if len(flat) < 30 or len(flat) > MAX_SENTENCE_CHARS or text in seen:
                continue
            rank = shape(text, headings)
            if rank == REJECT or (fallback is not None and rank <= fallback[0]):
                continue
            if cue is not None and not cue.search(flat):
                continue
            if cue2 is not None and not cue2.search(flat):
                continue
            if place is not None and not (local or self.mentions(flat, place)):
                continue
            if text not in chunk.text:
                continue
            fallback = (rank, Quote(text=text, source=ref_for(chunk, doc), document=doc))
            if rank == COMPLETE:
                break
        return fallback

    def documents_about(self, place: Place, filters: QueryFilters, kinds: tuple[str, ...] = ()) -> list[DocumentMeta]:
        """Documents whose metadata names the place (or its Sozialräume), newest first."""
        names = set(self.places_within(place))
        docs = [d for d in self.snapshot().documents.values() if filters.allows(d) and (not kinds or d.kind in kinds)
                and (names & set(d.districts) or names & set(d.sozialraeume)) and len(d.districts) == 1]
        return sorted(docs, key=lambda d: (d.date, d.doc_id), reverse=True)

    def first_chunk(self, doc: DocumentMeta) -> Chunk | None:
        chunks = [c for c in self.snapshot().chunks.values() if c.doc_id == doc.doc_id]
        return min(chunks, key=lambda c: c.ordinal) if chunks else None


def _about_only(doc: DocumentMeta, place: Place, collector: EvidenceCollector) -> bool:
    """A document about this place alone (its metadata names no other Bezirk)."""
    return list(doc.districts) == [place.district]

"""Quote selection: complete sentences first, list items that stand alone second, headings and pieces never."""

import hashlib

import pytest

from assistant.core.settings import RetrievalSettings
from assistant.core.types import Chunk, DocumentMeta, QueryFilters
from assistant.services.drafting.draft import DraftingService
from assistant.services.drafting.quotable import COMPLETE, FRAGMENT, REJECT, shape
from assistant.services.retrieval import RetrievalService
from assistant.testing.fake_lexical import FakeLexicalIndex
from assistant.testing.fakes import FakeEmbedder, InMemoryVectorStore
from assistant.testing.sample_corpus import fill_store


@pytest.mark.parametrize(("text", "expected"), [
    ("Das Quartiersbüro berät Familien an drei Tagen in der Woche.", COMPLETE),
    ("- Die Beratung im Quartier wird gut angenommen.", COMPLETE),
    ("„Wir fühlen uns abends im Park nicht sicher.“", COMPLETE),
    ("Sie trifft sich viermal im Jahr im Rathaus.", FRAGMENT),  # points back to the sentence before
    ("- Finanzierung der Beratung ab 2027 ist noch offen", FRAGMENT),
    ("3.1 Ziele und Aufgaben der Quartiersarbeit", REJECT),
    ("TOP 4 Verschiedenes und Termine 2026", REJECT),
    ("Tabelle 7: Bevölkerung nach Altersgruppen im Quartier", REJECT),
    ("Leitlinien der Quartiersarbeit im Stadtbezirk Nord", REJECT),
    ("Jahresplanung der Quartiersarbeit 2026 (Stand Mai).", REJECT),
    ("Koordination des Netzwerks Frühe Hilfen (Sitzungen, Protokolle, Einladungen),", REJECT),
    ("Ansprechpartner:", REJECT),
    ("und die Träger haben ihre Beteiligung noch nicht zugesagt.", REJECT),
    ("Quartiersbüro Nord Hauptstraße 12, 58000 Musterstadt Sozialdienst", REJECT),
    ("Termine für die Befragung im Quartier vereinbaren", REJECT),
])
def test_shape(text, expected):
    assert shape(text) == expected


def test_a_heading_equal_to_the_section_title_is_never_a_sentence():
    assert shape("Wie die Beteiligung in die Planung einfließt.", headings=("Wie die Beteiligung in die Planung einfließt",)) == REJECT


def _doc(doc_id: str, chunks: list[tuple[str, str]]) -> tuple[DocumentMeta, list[Chunk]]:
    meta = DocumentMeta(doc_id=doc_id, title=f"Dokument {doc_id}", source_path=f"/corpus/{doc_id}.md", content_hash=doc_id, format="md",
                        kind="konzept", date="2024-01-01", districts=("Gesamtstadt",), chunk_count=len(chunks))
    return meta, [Chunk(chunk_id=hashlib.sha256(f"{doc_id}{i}".encode()).hexdigest()[:16], doc_id=doc_id, ordinal=i, text=text,
                        section=section) for i, (section, text) in enumerate(chunks)]


@pytest.fixture
def drafting() -> DraftingService:
    docs = [
        _doc("a", [("Beteiligungsformate im Quartier", "Beteiligungsformate im Quartier\n\nStadtteilkonferenz und Quartiersforum\n"
                                                       "- Beteiligungsformate Stadtteilkonferenz Quartiersforum Termine abstimmen")]),
        _doc("b", [("Formate", "Als Beteiligungsformate gibt es im Quartier die Stadtteilkonferenz und das Quartiersforum.")]),
        _doc("c", [("Formate", "- Die Beteiligungsformate Stadtteilkonferenz und Quartiersforum sind noch nicht ausgewertet")]),
    ]
    embedder, store = FakeEmbedder(dim=256), InMemoryVectorStore()
    fill_store(store, embedder, docs)
    retrieval = RetrievalService(embedder, store, FakeLexicalIndex(), RetrievalSettings(min_dense_score=0.0), check_interval_s=0.0)
    return DraftingService(retrieval)


def test_quotes_prefer_complete_sentences_and_skip_headings(drafting):
    quotes = drafting.evidence.quotes("Beteiligungsformate Stadtteilkonferenz Quartiersforum", QueryFilters(), None, limit=3)
    texts = [q.text for q in quotes]
    assert texts[0] == "Als Beteiligungsformate gibt es im Quartier die Stadtteilkonferenz und das Quartiersforum."
    assert texts[1:] == ["Die Beteiligungsformate Stadtteilkonferenz und Quartiersforum sind noch nicht ausgewertet"]  # without bullet
    assert all(q.text in drafting.evidence.snapshot().chunks[q.source.chunk_ids[0]].text for q in quotes)


def test_quotes_leave_out_what_the_draft_already_quoted(drafting):
    first = drafting.evidence.quotes("Beteiligungsformate Stadtteilkonferenz Quartiersforum", QueryFilters(), None, limit=1)
    again = drafting.evidence.quotes("Beteiligungsformate Stadtteilkonferenz Quartiersforum", QueryFilters(), None, limit=3,
                                     exclude={first[0].text})
    assert first and first[0].text not in [q.text for q in again]


def test_onboarding_quotes_each_sentence_once(make_drafting):
    overview = make_drafting().onboarding()
    texts = [s.text for s in overview.statements()]
    assert texts and len(texts) == len(set(texts))


def test_glossary_reads_dash_entries_under_letter_headings():
    text = ("A\n\nAusgleichsleistung – Zahlung, die einen Nachteil im Quartier ausgleicht. Mehr dazu im Anhang.\n\n"
            "Aktivierende Befragung – Befragung, die Bewohner zur Mitarbeit gewinnt.")
    meta, chunks = _doc("g", [("Glossar > A", text)])
    meta = DocumentMeta(**{**meta.__dict__, "kind": "glossar", "title": "Glossar"})
    embedder, store = FakeEmbedder(dim=64), InMemoryVectorStore()
    fill_store(store, embedder, [(meta, chunks)])
    drafting = DraftingService(RetrievalService(embedder, store, FakeLexicalIndex(), check_interval_s=0.0))
    draft = drafting.glossary()
    assert [s.text for s in draft.statements()] == ["Ausgleichsleistung: Zahlung, die einen Nachteil im Quartier ausgleicht.",
                                                     "Aktivierende Befragung: Befragung, die Bewohner zur Mitarbeit gewinnt."]
    assert drafting.verify(draft).share == 1.0

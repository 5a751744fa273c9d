"""The retrieval snapshot reads a chunk's places with its document title (a table on page 2 of a report on one
place is about that place), and a year before a one-word place variant makes it a time ("Mitte 2024")."""

from __future__ import annotations

import dataclasses

from assistant.core.types import Chunk, DocumentMeta
from assistant.testing.sample_corpus import sample_setup


def test_places_of_a_chunk_include_those_in_its_document_title():
    snap = sample_setup().retrieval.snapshot()
    doc = DocumentMeta(
        doc_id="qb", title="Qualitätsbericht Begegnungsstätte Westerbauer 2023", source_path="q.pdf", content_hash="q", format="pdf"
    )
    snap = dataclasses.replace(snap, documents={**snap.documents, "qb": doc})
    chunk = Chunk(chunk_id="qb-2", doc_id="qb", ordinal=2, text="Besuchskontakte gesamt 8.450 9.720", section="4 Besucherzahlen")
    assert snap.places_in(chunk) == {"Haspe-West/Westerbauer"}
    assert snap.places_in_text("Besuchskontakte gesamt 8.450 9.720") == frozenset()


def test_a_one_word_variant_before_a_year_is_a_time_in_sentences_only():
    snap = sample_setup().retrieval.snapshot()
    assert snap.places_in_text("Mitte 2024 lebten in Hagen 198.121 Menschen.", sentence=True) == frozenset()
    assert snap.places_in_text("Mitte 2024 lebten in Hagen 198.121 Menschen.") == {"Hagen-Mitte"}
    assert snap.places_in_text("In Hagen-Mitte 2024 lebten 60.000 Menschen.", sentence=True) == {"Hagen-Mitte"}

"""A record's line that dates something ("Förderung durch die Stadt Hagen seit 1997") states it; a heading does not."""

from __future__ import annotations

from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.extractive import looks_like_heading

DOC = DocumentMeta(doc_id="d", title="Qualitätsbericht 2023", source_path="d.md", content_hash="h", format="md", date="2024-03-01")
PASSAGE = Passage(Chunk(chunk_id="c", doc_id="d", ordinal=0, text="", section="1 Stammdaten"), DOC, 1.0)


def test_a_dated_record_line_is_a_statement():
    assert not looks_like_heading("Förderung durch die Stadt Hagen seit 1997", PASSAGE)
    assert not looks_like_heading("In der städtischen Förderung seit 1987", PASSAGE)


def test_a_labelled_line_of_a_list_of_facts_is_a_statement():
    assert not looks_like_heading("Vorlagen für Ausschüsse: mindestens sechs Wochen Vorlauf", PASSAGE)
    assert looks_like_heading("Kapitel Ergebnisse", PASSAGE) and looks_like_heading("Fazit: Ausblick", PASSAGE)


def test_short_headings_with_a_year_stay_headings():
    assert looks_like_heading("Entwicklung seit 2019", PASSAGE)
    assert looks_like_heading("Ergebnisse der Befragung 2023", PASSAGE)


def test_a_sentence_holding_the_asked_kind_under_a_heading_that_names_it_is_kept():
    from assistant.services.extractive import compose_extractive
    from assistant.testing.sample_corpus import sample_setup

    snapshot = sample_setup().retrieval.snapshot()
    analysis = snapshot.understanding.analyze("Welche Öffnungszeiten hat der Seniorentreff Haspe?")
    chunk = Chunk(chunk_id="h", doc_id="d", ordinal=1, text="Montag bis Freitag, 10:00–16:30 Uhr.",
                  section="Seniorentreff Haspe > Öffnungszeiten")
    answer = compose_extractive(analysis.question, analysis, [Passage(chunk, DOC, 1.0)], snapshot)
    assert not answer.refused and "10:00–16:30 Uhr" in answer.text

"""The answering service on the sample corpus: table route only for inventory questions, cited sentences, refusals."""

from __future__ import annotations

import pytest

from assistant.core.types import QueryFilters
from assistant.services.extractive import figures, looks_like_heading
from assistant.testing.sample_corpus import sample_setup

INTERNAL = QueryFilters(max_confidentiality="internal")


@pytest.fixture(scope="module")
def answering():
    return sample_setup().answering


def test_format_question_is_answered_from_prose_not_from_table_rows(answering):
    answer = answering.ask("Welche Beteiligungsformate nutzt die Sozialplanung?", INTERNAL)
    assert not answer.refused
    assert "Stadtteilkonferenzen, Bürgerbefragungen und Planungswerkstätten" in answer.text
    assert "passende Einträge" not in answer.text
    assert all(c.row is None for c in answer.citations) and answer.citations[0].page == 2


def test_inventory_question_lists_every_row(answering):
    answer = answering.ask("Welche Partner arbeiten zum Thema Armut in Haspe?", INTERNAL)
    assert sorted(c.row for c in answer.citations) == [1, 2, 4, 5]


def test_refuses_when_a_key_term_is_nowhere_in_the_evidence(answering):
    assert answering.ask("Wie viele Kita-Plätze gibt es in Haspe?", INTERNAL).refused
    assert answering.ask("Wie hoch war die SGB-II-Quote in Haspe im Jahr 2010?", INTERNAL).refused  # a year no document covers
    assert not answering.ask("Wie hoch war die SGB-II-Quote in Haspe 2024?", INTERNAL).refused


def test_newest_figure_leads_and_older_different_figure_is_noted(answering):
    answer = answering.ask("Wie hoch war die SGB-II-Quote in Hohenlimburg?", INTERNAL)
    assert "14,2 %" in answer.text
    assert any("Sozialbericht 2019" in note and "12,9 %" in note for note in answer.notes)


def test_headings_and_captions_are_not_quoted():
    from assistant.core.types import Chunk, DocumentMeta, Passage

    doc = DocumentMeta(doc_id="d", title="Sozialbericht 2024", source_path="d.pdf", content_hash="h", format="pdf")
    passage = Passage(Chunk(chunk_id="c", doc_id="d", ordinal=0, text="", section="Kapitel > Armut und Transferleistungen"), doc, 1.0)
    assert looks_like_heading("Tabelle 4: Pflegebedürftige nach Stadtbezirk 2018–2024", passage)
    assert looks_like_heading("Armut und Transferleistungen", passage)
    assert looks_like_heading("Handlungsfeld Sozialraumteams und Datenbasis", passage)
    assert looks_like_heading("TOP 6 Jugendliche in Haspe: Freitagsöffnung und Ergebnisse der Jugendbefragung.", passage)  # agenda item
    assert not looks_like_heading("Die SGB-II-Quote lag 2024 bei 14,2 %.", passage)
    assert not looks_like_heading("Vollstationäre Pflegeeinrichtungen 26 2.310", passage)


def test_figures_ignore_years():
    assert figures("SGB-II-Quote 2024: 11,6 % (2019: 11,4 %)") == {"11,6", "11,4"}


def test_a_refusal_names_the_lacking_kind_and_the_constraint(answering):
    answer = answering.ask("Unter welcher Telefonnummer erreiche ich die Schuldnerberatung in Gevelsberg?", INTERNAL)
    assert answer.refused and "Gevelsberg" in answer.text
    year = answering.ask("Wie hoch war die SGB-II-Quote in Haspe im Jahr 2012?", INTERNAL)
    assert year.refused and year.text == "Für 2012 enthalten die Dokumente keine Angaben."


def test_kind_refusal_names_the_met_constraints():
    from assistant.services.answering import kind_refusal

    assert kind_refusal("phone", ["Begegnungsstätte Eilpe"]) == "Für „Begegnungsstätte Eilpe“ nennen die Dokumente keine Telefonnummer."
    assert kind_refusal("person", []) == "Die Dokumente nennen dazu keinen Namen."
    assert kind_refusal("", ["Haspe"]) == ""  # the general refusal text is chosen by the caller


def test_the_one_passage_on_the_asked_focus_may_rank_below_the_top(answering):
    import dataclasses

    from assistant.core.types import Chunk, DocumentMeta, Passage
    from assistant.services.retrieval import RetrievalResult

    snapshot = answering.retrieval.snapshot()
    doc = DocumentMeta(doc_id="qb", title="Qualitätsbericht Seniorentreff Haspe", source_path="q.md", content_hash="q", format="md")

    def passage(n: int, text: str) -> Passage:
        return Passage(Chunk(f"focus-{n}", "qb", n, text, section="Bericht"), doc, 1.0 - n / 100, dense_score=0.9)

    question = "Wie viele Gäste hatte das Sommerfest in Haspe?"
    top = [passage(n, f"In Haspe trafen sich 2023 wieder viele Gruppen ({n}. Abschnitt).") for n in range(8)]
    below = passage(20, "In Haspe fand 2023 ein Sommerfest mit 140 Gästen statt.")
    analysis = snapshot.understanding.analyze(question)
    result = RetrievalResult(question, analysis, list(top), 0.9, dataclasses.replace(snapshot), [*top, below])
    assert answering._decide(question, result, INTERNAL) is None  # composed from the passages, not refused
    assert result.passages[0] == below  # the passage that states it leads


def test_a_figure_refusal_stands_when_the_text_has_only_the_rows_the_engine_read():
    from assistant.core.types import Answer, Chunk, Citation, DocumentMeta, Passage
    from assistant.services.answering import _rows_read

    doc = DocumentMeta(doc_id="sd", title="Sozialdaten", source_path="sd.csv", content_hash="sd", format="csv")
    other = DocumentMeta(doc_id="pr", title="Protokoll", source_path="pr.md", content_hash="pr", format="md")
    row = Passage(Chunk("r1", "sd", 1, "Ortsteil: Oststeig; Stichtag: 2022_12_31; Wert: –", kind="table_row"), doc, 1.0)
    text = Passage(Chunk("t1", "pr", 1, "2022 lag die Quote in Oststeig bei 2,9 Prozent."), other, 0.9)
    refusal = Answer(question="q", text="Für 2022 nennt die Tabelle …", refused=True,
                     citations=[Citation(number=1, doc_id="sd", title="Sozialdaten", quote="Wert: –")])
    assert _rows_read(refusal, [row])
    assert not _rows_read(refusal, [row, text])  # a sentence may state what the table withholds
    assert not _rows_read(refusal, [])


def test_a_figure_refusal_for_a_year_stands_unless_a_sentence_gives_a_figure_of_that_year():
    from assistant.core.types import Chunk, DocumentMeta, Passage
    from assistant.services.answering import _states_year_figure

    doc = DocumentMeta(doc_id="ab", title="Armutsbericht 2025 (Entwurf)", source_path="ab.docx", content_hash="ab", format="docx")
    vague = Passage(Chunk("t1", "ab", 1, "Die Kinderarmut ist in Hagen 2025 räumlich ungleich verteilt."), doc, 1.0)
    stated = Passage(Chunk("t2", "ab", 2, "Im Jahr 2025 lag die Kinderarmut in Hagen bei 29,0 %."), doc, 0.9)
    asked = "Kinderarmut in Hagen 2025?"
    assert not _states_year_figure(asked, [vague])
    assert _states_year_figure(asked, [vague, stated])
    assert _states_year_figure("Wie hoch ist die Kinderarmut in Hagen?", [vague])  # no year asked: the other checks judge


def test_a_known_place_glued_to_a_name_no_document_writes_is_refused_not_answered_for_the_known_part(answering):
    answer = answering.ask("Wie hoch ist die SGB-II-Quote in Hohenlimburg-Berchum?", INTERNAL)
    assert answer.refused and "Hohenlimburg-Berchum" in answer.text
    assert not answering.ask("Wie hoch ist die SGB-II-Quote in Hagen-Hohenlimburg?", INTERNAL).refused  # two places joined


def test_a_refusal_names_the_asked_thing_not_the_verb_that_asks_for_its_count(answering):
    answer = answering.ask("Wie viele Italiener leben in Haspe?", INTERNAL)
    assert answer.refused and "„Italiener“" in answer.text and "leben" not in answer.text

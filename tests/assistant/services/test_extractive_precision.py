"""The extractive composer's precision rules: list items after an intro, trimmed table rows, defining sentences."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.services.extractive import defines, list_items, trim_row
from assistant.testing.sample_corpus import sample_setup


@pytest.fixture(scope="module")
def snapshot():
    return sample_setup().retrieval.snapshot()


def test_lowercase_lines_after_a_colon_are_the_intro_s_items():
    pieces = ["(1) Jedes Team hat eine feste Besetzung:", "die Sozialplanung (Moderation),", "das Jobcenter Hagen,"]
    pieces.append("Neuer Absatz mit Punkt.")
    assert list_items(pieces, 0) == ["die Sozialplanung (Moderation),", "das Jobcenter Hagen,"]
    assert list_items(["Ein ganzer Satz.", "die Fortsetzung"], 0) == []


def test_figure_question_quotes_only_the_asked_cells_of_a_row(snapshot):
    analysis = snapshot.understanding.analyze("Wie hoch war die SGB-II-Quote in Haspe 2024?")
    row = "Stadtbezirk: Haspe; SGB-II-Quote 2024: 20,1 %; Kinderarmut 2024: 30,2 %; Einwohner: 31000; Veränderung: +0,5."
    trimmed = trim_row(row, analysis, snapshot)
    assert "20,1" in trimmed and "Stadtbezirk: Haspe" in trimmed
    assert "30,2" not in trimmed and "31000" not in trimmed
    assert trim_row("Stadtbezirk: Haspe; Einwohner: 31000.", analysis, snapshot) == "Stadtbezirk: Haspe; Einwohner: 31000."


def test_a_defining_sentence_is_recognised_a_form_field_is_not(snapshot):
    analysis = snapshot.understanding.analyze("Was sind Sozialraumteams?")
    assert defines("Sozialraumteams sind Arbeitsgremien der Fachkräfte in einem Sozialraum.", analysis, snapshot)
    assert not defines("Die Sitzung fand im Rathaus statt, es kamen zwölf Personen.", analysis, snapshot)


def test_sentences_about_the_document_itself_are_no_answer():
    from assistant.services.extractive import META_SENTENCE

    assert META_SENTENCE.search("Diese Übersicht beschreibt, wozu die Formate dienen und wer daran teilnimmt.")
    assert META_SENTENCE.search("Sie richtet sich an Fachkräfte, Ehrenamtliche und Politik.")
    assert not META_SENTENCE.search("Die Sozialplanung nutzt vier feste Beteiligungsformate.")


def test_a_multi_document_answer_has_one_labelled_line_per_source():
    from assistant.core.types import Chunk, DocumentMeta, Passage
    from assistant.services.extractive import Unit, per_source_lines

    titles = (("a", "Bericht A"), ("b", "Protokoll B"))
    docs = [DocumentMeta(doc_id=d, title=t, source_path=f"{d}.md", content_hash=d, format="md") for d, t in titles]
    passages = [Passage(Chunk(f"{d.doc_id}0", d.doc_id, 0, "x"), d, 1.0) for d in docs]
    units = [
        Unit(0, "Die Tagespflege fehlt", 0, frozenset(), 1, 1, False),
        Unit(1, "Das Team berichtet dazu.", 0, frozenset(), 1, 1, False),
    ]
    expected = "Bericht A: Die Tagespflege fehlt. [1]\nProtokoll B: Das Team berichtet dazu. [2]"
    assert per_source_lines(units, passages, {0: 1, 1: 2}) == expected


def test_a_sentence_s_score_does_not_depend_on_the_order_the_passages_come_in(snapshot):
    """Widened evidence is ordered by key support, not by rank: the rank share is taken from the best passage."""
    from assistant.core.types import Chunk, DocumentMeta, Passage
    from assistant.services.extractive import _units

    analysis = snapshot.understanding.analyze("Wie oft tagt die Steuerungsgruppe?")
    doc = DocumentMeta("d", "Konzept", "d.md", "h", "md")
    low = Passage(Chunk("d0", "d", 0, "Die Steuerungsgruppe tagt vierteljährlich im Rathaus."), doc, 0.01)
    high = Passage(Chunk("d1", "d", 1, "Die Steuerungsgruppe beschließt die Themen der Analysen."), doc, 0.05)
    ranked = {u.text: u.score for u in _units([high, low], analysis, snapshot)}
    widened = {u.text: u.score for u in _units([low, high], analysis, snapshot)}
    assert ranked == pytest.approx(widened)
    assert max(widened.values()) < 1.0


def test_a_pointer_to_another_document_after_a_label_is_a_meta_sentence():
    from assistant.services.extractive import is_meta

    assert is_meta("Projektbericht „Zusammen im Quartier“ (2021): Hier ist nachzulesen, wie die Räume ausgewählt wurden.")
    assert not is_meta("Schwerpunkträume: Zentrum/Remberg, Haspe-Zentrum und Eilpe/Delstern/Selbecke.")


def test_a_document_date_line_and_a_letterhead_are_meta_a_dated_event_is_not():
    """"Wann tagt …?" must not be answered with the date the protocol was written."""
    from assistant.services.extractive import is_meta

    assert is_meta("Stand: 22. Januar 2025") and is_meta("Stand: 11.12.2024")
    assert is_meta("Stadt Hagen, FB 55 – Sozialplanung (Geschäftsführung der Steuerungsgruppe)")
    assert not is_meta("Die Steuerungsgruppe tagt am 11.12.2024.")
    assert not is_meta("Stand: 22. Januar 2025: 412 Fragebögen sind eingegangen.")


def test_a_designation_defines_the_term_it_gives(snapshot):
    analysis = snapshot.understanding.analyze("Was sind Sozialraumteams?")
    assert defines("Die fünf Gremien werden im Folgenden als Sozialraumteams bezeichnet.", analysis, snapshot)
    assert not defines("Die fünf Gremien werden im Folgenden als Arbeitskreise bezeichnet.", analysis, snapshot)


def test_a_leading_sentence_that_answers_a_one_thing_question_alone_gets_no_padding_from_other_passages(snapshot):
    from assistant.services.extractive import Unit, _answers_alone

    analysis = snapshot.understanding.analyze("Was kostet der Mittagstisch?")
    price = Unit(0, "Eine Mahlzeit beim Mittagstisch kostet 4,50 Euro.", 0, frozenset({"mittagstisch"}), 1, 1, True, key=1.0)
    assert _answers_alone(price, {"amount"}, analysis)
    # a leader missing an asked word may be the wrong sentence: another passage may still answer
    assert not _answers_alone(dataclasses.replace(price, key=0.6), {"amount"}, analysis)
    # a leader without the asked kind, or a question asking two things, keeps the other passages
    assert not _answers_alone(price, {"date"}, analysis)
    two = snapshot.understanding.analyze("Was kostet der Mittagstisch, und wann findet er statt?")
    assert not _answers_alone(price, {"amount"}, two)


def test_an_adjective_of_an_asked_noun_names_it_so_the_answering_passage_stands_alone(snapshot):
    """'von der Stadt gefördert' is answered by 'In der städtischen Förderung seit 1987': that sentence names every
    asked thing and holds the date, so a second passage on the same place only pads the answer."""
    from assistant.core.types import Chunk, DocumentMeta, Passage
    from assistant.services.extractive import compose_extractive

    question = "Seit wann wird die Begegnungsstätte Westerbauer von der Stadt gefördert?"
    report = DocumentMeta(doc_id="qb", title="Qualitätsbericht 2023 – AWO-Begegnungsstätte Westerbauer", source_path="qb.pdf",
                          content_hash="q", format="pdf")
    protocol = DocumentMeta(doc_id="pk", title="Protokoll der Konferenz Alter und Pflege", source_path="pk.pdf",
                            content_hash="p", format="pdf")
    passages = [
        Passage(Chunk("qb0", "qb", 0, "In der städtischen Förderung seit 1987.", section="1 Angaben zur Einrichtung"), report, 1.0),
        Passage(Chunk("pk0", "pk", 0, "In der AWO-Begegnungsstätte Westerbauer wurde der Besuchswert von 2019 übertroffen."),
                protocol, 0.9),
    ]
    answer = compose_extractive(question, snapshot.understanding.analyze(question), passages, snapshot)
    assert "seit 1987" in answer.text and [c.doc_id for c in answer.citations] == ["qb"]

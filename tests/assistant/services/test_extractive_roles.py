""""Wer leitet / moderiert / koordiniert …": only a sentence that states that role for the asked body (and place)
answers; a sentence on another body's moderation, a task list or a member list under the body's heading does not."""

from __future__ import annotations

import pytest

from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.extractive import compose_extractive
from assistant.services.question_types import asked_deed, states_deed
from assistant.testing.sample_corpus import sample_setup

CONCEPT = DocumentMeta(doc_id="k", title="Planungskonzept Sozialplanung", source_path="k.md", content_hash="k", format="md")
MINUTES = DocumentMeta(
    doc_id="p", title="Ergebnisprotokoll der Steuerungsgruppe Sozialplanung", source_path="p.md", content_hash="p", format="md"
)


def passage(text: str, doc: DocumentMeta, n: int = 0, section: str = "", kind: str = "text") -> Passage:
    chunk = Chunk(chunk_id=f"{doc.doc_id}{n}", doc_id=doc.doc_id, ordinal=n, text=text, kind=kind, section=section)
    return Passage(chunk, doc, 1.0 - n / 10)


@pytest.fixture(scope="module")
def snapshot():
    return sample_setup().retrieval.snapshot()


def test_the_role_verb_is_read_with_its_word_family():
    deed = asked_deed("Wer leitet die Steuerungsgruppe?")
    assert deed is not None and deed.clause == "die Steuerungsgruppe leitet"
    assert states_deed(deed.stems, "Vorsitz: Fachbereichsleitung Jugend und Soziales")
    assert states_deed(deed.stems, "Die Konferenz wird vom Quartiersmanagement moderiert.")
    assert not states_deed(deed.stems, "Der Leitfaden wird von der Sozialplanung begleitet.")
    assert asked_deed("Wer ist Träger der Begegnungsstätte?") is None
    assert asked_deed("Wer nimmt an der Steuerungsgruppe teil?") is None


def answer(question: str, passages: list[Passage], snapshot) -> str:
    analysis = snapshot.understanding.analyze(question)
    return compose_extractive(question, analysis, passages, snapshot).text


def test_another_bodys_moderation_does_not_say_who_leads_the_asked_one(snapshot):
    other = passage("In Hagen bestehen sechs Stadtteilkonferenzen: in Haspe moderiert von der Diakonie.", CONCEPT)
    text = answer("Wer leitet die Sozialplanung?", [other], snapshot)
    assert "Diakonie" not in text
    assert "steht nicht in den Dokumenten" in text


def test_a_field_of_the_bodys_own_record_answers_but_a_task_or_member_line_does_not(snapshot):
    chair = passage("Vorsitz: Fachbereichsleitung Jugend und Soziales (FB 55)", MINUTES, 0, section="Teilnehmende")
    task = passage("Nr.: 1; Aufgabe: Ergänzung der Geschäftsordnung (rotierende Moderation); Verantwortlich: Sozialplanung",
                   MINUTES, 1, section="Aufgaben der Steuerungsgruppe")
    member = passage("Leitung des Allgemeinen Sozialen Dienstes (ASD).", MINUTES, 2, section="Mitglieder der Steuerungsgruppe")
    text = answer("Wer leitet die Steuerungsgruppe?", [task, member, chair], snapshot)
    assert "Fachbereichsleitung" in text
    assert "Geschäftsordnung" not in text
    assert "ASD" not in text


def test_the_asked_place_must_be_named_where_the_role_is_stated(snapshot):
    elsewhere = passage("Die Stadtteilkonferenz Wehringhausen wird vom Quartiersmanagement moderiert.", CONCEPT)
    here = passage("Die Stadtteilkonferenz in Haspe wird von der Diakonie Mark-Ruhr moderiert.", CONCEPT, 1)
    assert "Quartiersmanagement" not in answer("Wer moderiert die Stadtteilkonferenz in Haspe?", [elsewhere, here], snapshot)
    assert "Diakonie" in answer("Wer moderiert die Stadtteilkonferenz in Haspe?", [elsewhere, here], snapshot)

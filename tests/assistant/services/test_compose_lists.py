"""Answers by question type that are lists in the documents: members, tasks, kinds — complete, cited, no meta sentences."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.core.types import Answer, Chunk, Citation, DocumentMeta, Passage
from assistant.services.compose_lists import asks_for_rows, combine, compose_list
from assistant.testing.sample_corpus import sample_setup

DOC = DocumentMeta(doc_id="konzept", title="Planungskonzept Sozialplanung", source_path="k.md", content_hash="h", format="md")
OVERVIEW = DocumentMeta(doc_id="formate", title="Übersicht der Formate", source_path="f.md", content_hash="f", format="md")

STEERING = "Konzept > 5.3 Steuerungsgruppe Sozialplanung"
CHUNKS = [
    Chunk("k0", "konzept", 0, "Zur Steuerung wird eine Steuerungsgruppe eingerichtet.\n\nMitglieder:\n\nFachbereichsleitung (Vorsitz)\n"
          "Sozialplanung (Geschäftsführung)\nJugendhilfeplanung", section=STEERING),
    Chunk("k1", "konzept", 1, "Jobcenter Hagen\n\nAuftrag:\n\n1. Festlegung der Arbeitsschwerpunkte,\n"
          "2. Beschluss über Sozialraumanalysen,\n3. Freigabe von Berichten.", section=STEERING),
    Chunk("k2", "konzept", 2, "Ein Sozialraumteam ist ein fachliches Arbeitsgremium auf der Ebene eines Sozialraums.\n"
          "(1) Das Sozialraumteam hat insbesondere folgende Aufgaben:\na) die Lage im Sozialraum zu beschreiben,\n"
          "b) Angebote abzustimmen,\nc) Anliegen weiterzugeben.", section="Konzept > § 4 Aufgaben"),
    Chunk("f0", "formate", 0, "Diese Übersicht beschreibt, wozu die Formate dienen und wer daran teilnimmt.", section="Übersicht"),
    Chunk("f1", "formate", 1, "Die Konferenz tagt zweimal im Jahr.", section="Übersicht > Die festen Beteiligungsformate > Konferenz"),
    Chunk("f2", "formate", 2, "Die Teams tagen alle acht Wochen.", section="Übersicht > Die festen Beteiligungsformate > Sozialraumteams"),
    Chunk("f3", "formate", 3, "Der Rat tagt monatlich.", section="Übersicht > Die festen Beteiligungsformate > Stadtjugendrat"),
]
PROTOCOL = DocumentMeta(doc_id="prot", title="Protokoll der Steuerungsgruppe", source_path="p.md", content_hash="p", format="md")
ACTIONS = Chunk("p0", "prot", 0, "Aufgaben\nNr. Aufgabe Verantwortlich Termin\n1 Entwurf der Geschäftsordnung Sozialplanung 30.08.2023\n"
                "2 Einladung der Kämmerei Geschäftsführung Septembersitzung", section="Aufgaben")
TABLE = [
    Chunk(f"t{i}", "tabelle", i, f"Format: {name}; Art: {kind}", kind="table_row", section="Tabelle > Auf einen Blick",
          record={"Format": name, "Art": kind})
    for i, (name, kind) in enumerate([("Konferenz", "fest"), ("Workshops", "anlassbezogen"), ("Befragungen", "anlassbezogen")])
]
TABLE_DOC = DocumentMeta(doc_id="tabelle", title="Formate auf einen Blick", source_path="t.csv", content_hash="t", format="csv")


@pytest.fixture(scope="module")
def snapshot():
    snap = sample_setup().retrieval.snapshot()
    documents = {**snap.documents, DOC.doc_id: DOC, OVERVIEW.doc_id: OVERVIEW, TABLE_DOC.doc_id: TABLE_DOC, PROTOCOL.doc_id: PROTOCOL}
    chunks = {**snap.chunks, **{c.chunk_id: c for c in [*CHUNKS, *TABLE, ACTIONS]}}
    return dataclasses.replace(snap, documents=documents, chunks=chunks)


def passages_of(snapshot, *ids: str) -> list[Passage]:
    return [Passage(snapshot.chunks[i], snapshot.documents[snapshot.chunks[i].doc_id], 1.0 - n / 10) for n, i in enumerate(ids)]


def test_who_sits_in_a_body_gets_its_member_list_across_chunks_up_to_the_next_label(snapshot):
    analysis = snapshot.understanding.analyze("Wer sitzt alles in der Steuerungsgruppe?")
    answer = compose_list(analysis.question, analysis, passages_of(snapshot, "k0"), snapshot)
    assert answer is not None and answer.text.startswith("Mitglieder (5.3 Steuerungsgruppe Sozialplanung): [1]")
    assert "- Jugendhilfeplanung" in answer.text and "- Jobcenter Hagen" in answer.text
    assert "Festlegung" not in answer.text  # the task list below is another block
    assert answer.citations[0].chunk_id == "k0"


@pytest.mark.parametrize("question", ["Welche Aufgaben hat die Steuerungsgruppe?", "Wozu gibt es die Steuerungsgruppe?",
                                      "Was ist die Aufgabe der Steuerungsgruppe?"])
def test_tasks_of_a_body_come_from_its_task_block(snapshot, question):
    analysis = snapshot.understanding.analyze(question)
    answer = compose_list(analysis.question, analysis, passages_of(snapshot, "k0", "k1"), snapshot)
    assert answer is not None
    assert answer.text.splitlines()[1:] == ["- Festlegung der Arbeitsschwerpunkte", "- Beschluss über Sozialraumanalysen",
                                            "- Freigabe von Berichten."]


def test_a_protocols_action_items_are_no_duties_of_the_body(snapshot):
    analysis = snapshot.understanding.analyze("Welche Aufgaben hat die Steuerungsgruppe?")
    answer = compose_list(analysis.question, analysis, passages_of(snapshot, "p0", "k0", "k1"), snapshot)
    assert answer is not None and "Kämmerei" not in answer.text and "- Freigabe von Berichten." in answer.text


def test_what_does_a_team_do_is_answered_by_its_rules_not_by_offer_rows(snapshot):
    analysis = snapshot.understanding.analyze("Was macht eigentlich ein Sozialraumteam?")
    assert not asks_for_rows(analysis)
    answer = compose_list(analysis.question, analysis, passages_of(snapshot, "k2"), snapshot)
    assert answer is not None and answer.text.startswith("Das Sozialraumteam hat insbesondere folgende Aufgaben (§ 4 Aufgaben): [1]")
    assert "- Angebote abzustimmen" in answer.text


def test_which_kinds_exist_lists_the_subsections_not_the_meta_sentence(snapshot):
    analysis = snapshot.understanding.analyze("Welche Beteiligungsformate gibt es?")
    answer = compose_list(analysis.question, analysis, passages_of(snapshot, "f0"), snapshot)
    assert answer is not None
    assert answer.text.splitlines() == ["Die festen Beteiligungsformate (Übersicht der Formate): [1]", "- Konferenz", "- Sozialraumteams",
                                        "- Stadtjugendrat"]
    assert "beschreibt" not in answer.text


def test_which_kinds_exist_lists_every_row_of_the_table_that_names_them(snapshot):
    analysis = snapshot.understanding.analyze("Welche Beteiligungsformate gibt es?")
    answer = compose_list(analysis.question, analysis, passages_of(snapshot, "t1"), snapshot)
    assert answer is not None
    assert answer.text.splitlines()[1:] == ["- Konferenz (fest)", "- Workshops (anlassbezogen)", "- Befragungen (anlassbezogen)"]


def test_a_register_longer_than_a_list_is_never_listed_from_its_first_rows(snapshot):
    register = [Chunk(f"r{i}", "register", i, f"Angebot: Kurs {i}; Ort: Mitte", kind="table_row", section="Register",
                      record={"Angebot": f"Kurs {i}", "Ort": "Mitte"}) for i in range(25)]
    doc = DocumentMeta(doc_id="register", title="Register", source_path="r.csv", content_hash="r", format="csv")
    snap = dataclasses.replace(snapshot, documents={**snapshot.documents, "register": doc},
                               chunks={**snapshot.chunks, **{c.chunk_id: c for c in register}})
    analysis = snap.understanding.analyze("Welche Freizeitangebote gibt es?")
    assert compose_list(analysis.question, analysis, passages_of(snap, "r3"), snap) is None


def test_offer_questions_still_go_to_the_inventory_and_single_or_superlative_questions_get_no_list(snapshot):
    assert asks_for_rows(snapshot.understanding.analyze("Welche Partner arbeiten zum Thema Armut in Haspe?"))
    assert asks_for_rows(snapshot.understanding.analyze("Wer bietet in Haspe Schuldnerberatung an?"))
    assert not asks_for_rows(snapshot.understanding.analyze("Wer moderiert die Stadtteilkonferenz in Haspe?"))
    superlative = snapshot.understanding.analyze("Welche Sozialräume haben die höchste Kinderarmut?")
    assert compose_list(superlative.question, superlative, passages_of(snapshot, "f0", "t1"), snapshot) is None


def test_a_two_part_question_gets_the_sentences_then_the_list_with_one_numbering():
    first = Answer(question="q", text="Ein Team ist ein Gremium. [1]",
                   citations=[Citation(number=1, doc_id="a", title="A", quote="Ein Team ist ein Gremium.", chunk_id="a0")])
    listed = Answer(question="q", text="Mitglieder: [1]\n- X\n- Y",
                    citations=[Citation(number=1, doc_id="b", title="B", quote="Mitglieder: … X … Y", chunk_id="b0")])
    combined = combine(first, listed)
    assert combined.text == "Ein Team ist ein Gremium. [1]\nMitglieder: [2]\n- X\n- Y"
    assert [c.number for c in combined.citations] == [1, 2]

"""Composition rules for survey questions and padding: result tables under a survey question, method sentences,
pointer sentences, agenda headings."""

from __future__ import annotations

from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.extractive import META_SENTENCE, introduces_results, looks_like_heading, result_lines, with_item_bodies
from assistant.services.question_types import METHOD, asks_findings


def _passage(section: str = "TOP 5 Jugendforum 2024") -> Passage:
    doc = DocumentMeta("p", "Protokoll", "p.md", "h", "md")
    return Passage(Chunk("p0", "p", 0, "x", section=section), doc, 1.0)


def test_result_lines_after_the_stated_question_are_its_items():
    pieces = ["Die wichtigste Frage war: „Was fehlt dir am meisten?“", "(bis zu drei Antworten).", "Was fehlt im Stadtteil?",
              "Anteil", "ein Treffpunkt am Wochenende 64 %", "überdachte Orte draußen 48 %", "Neuer Absatz ohne Zahl."]
    assert result_lines(pieces, 0) == ["ein Treffpunkt am Wochenende 64 %", "überdachte Orte draußen 48 %"]


def test_a_result_line_or_a_lone_line_brings_no_items():
    pieces = ["Am häufigsten genannt:", "Hauptbahnhof 58 %", "Volkspark 31 %", "Bushaltestellen 24 %"]
    assert len(result_lines(pieces, 0)) == 3
    assert not introduces_results("Hauptbahnhof 58 %", findings=True)
    assert result_lines(["Intro:", "Hauptbahnhof 58 %", "Ein ganzer Satz ohne Anteil."], 0) == []


def test_a_stated_question_introduces_results_only_when_findings_are_asked():
    assert introduces_results("Die wichtigste Frage war: „Was fehlt?“", findings=True)
    assert not introduces_results("Die wichtigste Frage war: „Was fehlt?“", findings=False)
    assert introduces_results("Als Gründe werden genannt:", findings=False)


def test_survey_compounds_ask_for_findings_method_questions_do_not():
    assert asks_findings("Was fehlt den Jugendlichen laut der Jugendbefragung 2024 am meisten?")
    assert asks_findings("Wie zufrieden sind die Befragten der Bürgerbefragung?")
    assert not asks_findings("Wie viele haben an der Bürgerbefragung teilgenommen?")


def test_question_restating_and_request_sentences_are_method():
    assert METHOD.search("Die wichtigste Frage war: „Was fehlt dir in deinem Stadtteil am meisten?“")
    assert METHOD.search("Die Befragten wurden gebeten einzuschätzen, wie groß das Problem ist.")
    assert not METHOD.search("64 Prozent vermissen einen Treffpunkt am Wochenende.")


def test_pointers_to_another_document_are_meta_sentences():
    assert META_SENTENCE.search("Die ausführlichen Ergebnisse sind im Bericht „Senioren im Quartier“ (2020) dokumentiert.")
    assert META_SENTENCE.search("Hier ist nachzulesen, wie die Schwerpunkträume ausgewählt wurden.")
    assert not META_SENTENCE.search("23 Prozent fühlen sich oft oder immer einsam.")


def test_an_agenda_item_is_a_heading_even_with_a_year():
    assert looks_like_heading("TOP 5 Jugendforum 2024.", _passage("Tagesordnung"))
    assert not looks_like_heading("Das Jugendforum findet am 21.09.2024 im CVJM-Jugendzentrum statt.", _passage("Tagesordnung"))


def test_a_numbered_item_s_short_title_carries_the_sentence_that_states_it():
    pieces = ["Daraus ergeben sich unsere Forderungen:", "3. Licht und Sauberkeit.", "Bessere Beleuchtung am Busbahnhof.",
              "4. Halt auf Wunsch.", "5. Kostenlose Angebote.", "Sport ohne Eintritt."]
    assert with_item_bodies(pieces) == ["Daraus ergeben sich unsere Forderungen:",
                                        "3. Licht und Sauberkeit. Bessere Beleuchtung am Busbahnhof.",
                                        "4. Halt auf Wunsch.",  # the next piece is an item of its own
                                        "5. Kostenlose Angebote. Sport ohne Eintritt."]
    long_item = ["1. Die Teams treffen sich alle acht Wochen im Rathaus.", "Danach folgt die Auswertung."]
    assert with_item_bodies(long_item) == long_item  # a whole sentence is no title

"""Each part of a multi-part question gets its sentence; the sentence holding the asked kind of answer leads."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass

import pytest

from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.compose_parts import (
    counts_asked,
    kind_leader,
    neighbour_with_kind,
    part_sentences,
    preferred_kinds,
    question_parts,
    refers_back,
)
from assistant.services.extractive import compose_extractive, multi_part
from assistant.testing.sample_corpus import sample_setup


@dataclass(eq=False)
class U:
    text: str
    score: float
    passage_index: int = 0
    order: int = 0
    terms: frozenset[str] = frozenset()


def terms_of(text: str) -> list[str]:
    return [w.lower().strip(".,?") for w in text.split()]


def test_a_question_is_split_into_its_parts_and_a_short_cue_joins_the_next_part():
    assert question_parts("Welche Lücke besteht in Reh seit der Schließung, und was wurde 2024 dagegen unternommen?") == [
        "Welche Lücke besteht in Reh seit der Schließung",
        "was wurde 2024 dagegen unternommen?",
    ]
    assert question_parts("Wann und wo fand das Jugendforum statt, und wie viele Jugendliche nahmen teil?") == [
        "Wann und wo fand das Jugendforum statt",
        "wie viele Jugendliche nahmen teil?",
    ]
    assert question_parts("Was ist ein Sozialraumteam?") == ["Was ist ein Sozialraumteam?"]


def test_a_question_word_behind_its_preposition_starts_a_part_too():
    question = "Ab wann sollte die Sprechstunde stattfinden, und wie viele Personen kamen im vierten Quartal?"
    assert multi_part(question)
    assert question_parts(question) == ["Ab wann sollte die Sprechstunde stattfinden", "wie viele Personen kamen im vierten Quartal?"]
    parts = question_parts("Wann wurde beraten, und in welchen Konferenzen wurde es vorgestellt?")
    assert parts == ["Wann wurde beraten", "in welchen Konferenzen wurde es vorgestellt?"]
    assert multi_part("Um wie viel ist die Zahl gestiegen, und wen nahm die Ausgabestelle nicht mehr auf?")
    assert not multi_part("Mit welchen Stellen arbeitet die Sozialplanung am engsten zusammen?")
    assert not multi_part("Was bietet die Begegnungsstätte in Eilpe an?")  # "in Eilpe" is no question word


def test_a_part_that_points_back_to_the_first_part_s_subject_is_recognised():
    assert refers_back("wie viele Jugendliche nahmen daran teil?")
    assert refers_back("wer trägt es")
    assert refers_back("wie viele Mängel wurden dabei festgehalten?")
    assert not refers_back("wie viele Ehrenamtliche der Tafel fühlen sich überlastet?")


def test_colloquial_quantity_questions_ask_for_a_count_or_a_sum():
    assert preferred_kinds("wie viele leute waren bei der konferenz") == {"count"}
    assert preferred_kinds("wie viel zuschuss gibt es im fonds") == {"amount"}
    assert preferred_kinds("Was kostet das Mittagessen?") == {"amount"}
    assert preferred_kinds("Wer moderiert die Konferenz?") == set()  # too unspecific to reorder by


def test_the_sentence_with_the_asked_kind_leads_when_it_scores_close_enough():
    top = U("Mehrere Teilnehmende betonen, der Stadtteil sei lebendig.", 0.86)
    count = U("Teilnehmende: 44 Personen, davon 13 Bewohner.", 0.77)
    year = U("Die Konferenz tagte am 12.02.2025 im Jahr 2025.", 0.80)
    assert kind_leader([top, year, count], {"count"}, 0.6) is count  # a date or a year is no count
    assert kind_leader([top, year, count], {"count"}, 0.95) is None  # too far below the top one
    assert kind_leader([count, top], {"count"}, 0.6) is None  # the top one holds it already


def test_among_sentences_with_a_sum_the_one_naming_the_asked_thing_wins():
    row = U("Antrag: Sprachcafé; Betrag: 1.400 €", 0.76)
    fund = U("Das QM berichtet über den Verfügungsfonds 2023 (30.000 Euro).", 0.73)
    top = U("Im Jahr 2023 standen vier Themen im Mittelpunkt.", 0.87)
    focus = {id(fund): 0.5, id(row): 0.0}
    assert kind_leader([top, row, fund], {"amount"}, 0.6, lambda u: focus.get(id(u), 0.0)) is fund
    assert kind_leader([top, row, fund], {"amount"}, 0.6) is row


def test_a_count_counts_an_asked_word_not_a_share_or_a_year():
    asked = {"jugendliche", "personen"}
    assert counts_asked("Im Schnitt kamen 17 Jugendliche zwischen 13 und 18 Jahren.", asked, terms_of)
    assert not counts_asked("71 Prozent der Jugendliche vermissen einen Treffpunkt.", asked, terms_of)
    assert not counts_asked("Die Befragung 2024 jugendliche Stimmen.", asked, terms_of)


def test_the_neighbour_after_the_leader_gives_the_count_it_lacks():
    leader = U("Streetwork berichtet über die Freitagsöffnung im Jugendkeller der ev.", 0.7, 0, 0)
    neighbour = U("Im Schnitt kamen 17 Jugendliche.", 0.4, 0, 2)
    far = U("Es kamen 30 Eltern.", 0.4, 0, 5)
    other = U("Anderswo kamen 25 Jugendliche.", 0.5, 1, 1)
    assert neighbour_with_kind([leader, other, neighbour, far], [leader], {"count"}) is neighbour
    assert neighbour_with_kind([leader, neighbour], [leader, other], {"count"}) is None  # a chosen one holds a count


def test_each_part_without_a_sentence_gets_its_best_one():
    question = "Wie viele Haushalte versorgt die Tafel, und wie viele Ehrenamtliche fühlen sich überlastet?"
    weights = {t: 1.0 for t in terms_of(question)}
    chosen = U("Die Tafel versorgt etwa 190 Haushalte pro Woche.", 0.7, 0, 0, frozenset(terms_of("die tafel versorgt 190 haushalte")))
    burden = U("38 Prozent der Ehrenamtlichen fühlen sich überlastet.", 0.3, 1, 0,
               frozenset(terms_of("38 prozent der ehrenamtliche fühlen sich überlastet")))
    vague = U("Ehrenamtliche sind wichtig.", 0.5, 2, 0, frozenset(terms_of("ehrenamtliche sind wichtig")))
    never = lambda a, b: False  # noqa: E731
    assert part_sentences([chosen, vague, burden], [chosen], question, weights, terms_of, 0.3, never) == [burden]
    assert part_sentences([chosen, vague, burden], [chosen, burden], question, weights, terms_of, 0.3, never) == []
    assert part_sentences([chosen, burden], [chosen], "Wie viele Haushalte versorgt die Tafel?", weights, terms_of, 0.3, never) == []


def test_a_count_part_is_answered_by_the_number_that_counts_its_word_not_by_any_number_beside_it():
    question = "Wann fand das Jugendforum statt, und wie viele Jugendliche nahmen daran teil?"
    weights = {t: 1.0 for t in ("jugendforum", "statt", "jugendliche", "teil")}
    date = U("Das Jugendforum findet am 21.09.2024 statt.", 0.9, 0, 0, frozenset(terms_of("das jugendforum findet am 21.09.2024 statt")))
    decision = U("Beschluss 7: Jugendliche stimmen dem Termin zu.", 0.8, 0, 1,
                 frozenset(terms_of("beschluss 7: jugendliche stimmen dem termin zu")))
    counted = U("Beim Jugendforum diskutierten 104 Jugendliche.", 0.3, 1, 0,
                frozenset(terms_of("beim jugendforum diskutierten 104 jugendliche")))
    never = lambda a, b: False  # noqa: E731
    assert part_sentences([date, decision, counted], [date], question, weights, terms_of, 0.3, never) == [counted]
    # without a sentence that counts the part's word, a number beside it still answers (as before) ...
    beside = U("Jugendliche aus 7 Stadtteilen stimmen dem Termin zu.", 0.8, 0, 1,
               frozenset(terms_of("jugendliche aus 7 stadtteilen stimmen dem termin zu")))
    assert part_sentences([date, beside], [date], question, weights, terms_of, 0.3, never) == [beside]
    # ... but a resolution's number counts nothing at all, so it answers no count part
    assert part_sentences([date, decision], [date], question, weights, terms_of, 0.3, never) == []


def test_a_part_pointing_back_is_answered_beside_the_sentence_that_names_its_subject():
    question = "Wohin schickt die Ausgabestelle ihre Kunden, und wann hat dieses Angebot angefangen?"
    weights = {t: 1.0 for t in ("ausgabestelle", "kunden", "angebot", "angefangen")}
    chosen = U("Die Ausgabestelle schickt Kunden in die Sprechstunde im Seniorentreff.", 0.9, 0, 1,
               frozenset(terms_of("die ausgabestelle schickt kunden in die sprechstunde im seniorentreff")))
    started = U("Die Sprechstunden sind im April 2024 gestartet.", 0.4, 0, 0,
                frozenset(terms_of("die sprechstunden sind im april 2024 gestartet")))
    other = U("Angebot: Ausgabestelle; angefangen: 2008.", 0.6, 1, 0, frozenset({"angebot", "ausgabestelle", "angefangen", "2008"}))
    never = lambda a, b: False  # noqa: E731
    assert part_sentences([chosen, started, other], [chosen], question, weights, terms_of, 0.3, never) == [started]
    # a part that does not point back is answered by the sentence with its own words
    plain = "Wohin schickt die Ausgabestelle ihre Kunden, und wann hat das Angebot angefangen?"
    assert part_sentences([chosen, started, other], [chosen], plain, weights, terms_of, 0.3, never) == [other]


DOC = DocumentMeta(doc_id="p", title="Protokoll der Stadtteilkonferenz", source_path="p.md", content_hash="h", format="md",
                   date="2025-02-12")


@pytest.fixture(scope="module")
def snapshot():
    snap = sample_setup().retrieval.snapshot()
    doc_freq = Counter(snap.doc_freq)
    doc_freq.update(snap.analyzer.terms("Stadtteilkonferenz Teilnehmende Personen Leute Diskussion"))
    return dataclasses.replace(snap, doc_freq=doc_freq)


def test_a_count_question_is_answered_by_the_sentence_with_the_count(snapshot):
    text = ("Diskussion: Mehrere Teilnehmende der Stadtteilkonferenz betonen, die Stadtteilkonferenz sei lebendig und die Leute "
            "engagiert. Teilnehmende: 44 Personen, davon 13 Bewohnerinnen und Bewohner.")
    passage = Passage(Chunk(chunk_id="p0", doc_id="p", ordinal=0, text=text), DOC, 1.0)
    analysis = snapshot.understanding.analyze("wie viele leute waren bei der stadtteilkonferenz")
    answer = compose_extractive(analysis.question, analysis, [passage], snapshot)
    assert "44 Personen" in answer.text

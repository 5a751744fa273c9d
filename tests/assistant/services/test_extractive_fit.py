"""Evidence fit rules of the extractive composer: the asked place at the asked level, multi-part questions,
and the answer type a question needs (a figure, an amount, a name) next to the thing it asks about."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.answer_type import answer_type_missing
from assistant.services.extractive import compose_extractive, multi_part, place_fit
from assistant.testing.sample_corpus import sample_setup

DOC = DocumentMeta(doc_id="d", title="Sozialbericht", source_path="d.md", content_hash="h", format="md", date="2024-06-01")
OLD = DocumentMeta(doc_id="o", title="Sozialbericht alt", source_path="o.md", content_hash="o", format="md", date="2019-06-01")


def passage(text: str, doc: DocumentMeta = DOC, n: int = 0, kind: str = "text") -> Passage:
    return Passage(Chunk(chunk_id=f"{doc.doc_id}{n}", doc_id=doc.doc_id, ordinal=n, text=text, kind=kind), doc, 1.0 - n / 10)


#: Words the small sample corpus lacks; the answer-type check only judges things the corpus knows.
KNOWN = "Kita Plätze Kita-Plätze Tag Tagespflege Leute Einwohner"


@pytest.fixture(scope="module")
def snapshot():
    snap = sample_setup().retrieval.snapshot()
    doc_freq = Counter(snap.doc_freq)
    doc_freq.update(snap.analyzer.terms(KNOWN))
    return dataclasses.replace(snap, doc_freq=doc_freq)


def test_a_bezirk_question_prefers_the_bezirk_over_its_sozialraeume_and_other_places(snapshot):
    analysis = snapshot.understanding.analyze("Wie hoch war die Kinderarmut im Stadtbezirk Haspe 2024?")

    def fit(text: str) -> float:
        return place_fit(snapshot.places_in_text(text, sentence=True), analysis, snapshot, False)

    exact = fit("Stadtbezirk: Haspe; Kinderarmut 2024: 30,1 %.")
    part = fit("Sozialraum: Haspe-Zentrum; Stadtbezirk: Haspe; Kinderarmut 2024: 46,9 %.")
    other = fit("Stadtbezirk: Hohenlimburg; Kinderarmut 2024: 17,2 %.")
    assert exact > 0 > part > other


def test_a_citywide_figure_question_is_not_answered_by_a_district(snapshot):
    analysis = snapshot.understanding.analyze("Wie viele Menschen lebten 2024 in Hagen?")
    district = snapshot.places_in_text("In Haspe lebten 2024 31.000 Menschen.", sentence=True)
    assert place_fit(district, analysis, snapshot, True) < 0
    assert place_fit(frozenset(), analysis, snapshot, True) == 0
    assert snapshot.places_in_text("Mitte 2024 lebten in Hagen 198.121 Menschen.", sentence=True) == frozenset()


def test_questions_that_ask_two_things_are_recognised():
    assert multi_part("Was ist der Verfügungsfonds und wie viel Geld steht jährlich zur Verfügung?")
    assert multi_part("Wie hoch ist die Kinderarmut in Eckesey-Nord, und welches Sozialraumteam ist zuständig?")
    assert not multi_part("Wie hoch war die Kinderarmut im Stadtbezirk Haspe 2024?")


def test_a_count_needs_a_number_next_to_the_asked_thing(snapshot):
    analysis = snapshot.understanding.analyze("Wie viele Kita-Plätze gibt es im Sozialraum Emst?")
    near = [passage("Im Sozialraum Emst gibt es 12 Angebote für Kita-Kinder."), passage("Die Begegnungsstätte hat 60 Plätze.", n=1)]
    assert answer_type_missing(analysis, near, snapshot)
    assert not answer_type_missing(analysis, [passage("In Emst gibt es 240 Kita-Plätze in fünf Einrichtungen.")], snapshot)


def test_a_price_needs_an_amount_and_a_synonym_counts_for_the_thing(snapshot):
    price = snapshot.understanding.analyze("Was kostet ein Tag in der Tagespflege?")
    assert answer_type_missing(price, [passage("Die Tagespflege ist gut ausgelastet, 14 Gäste kommen täglich.")], snapshot)
    assert not answer_type_missing(price, [passage("Ein Tag in der Tagespflege kostet 25 Euro Eigenanteil.")], snapshot)
    people = snapshot.understanding.analyze("Wie viele Leute wohnen in Haspe?")
    assert not answer_type_missing(people, [passage("Im Stadtbezirk Haspe leben 31.551 Einwohner.")], snapshot)


def test_addresses_and_codes_are_no_figures_and_an_adjective_narrows_the_asked_thing(snapshot):
    count = snapshot.understanding.analyze("Wie viele Kita-Plätze gibt es in Emst?")
    address = passage("Kita-Plätze vermittelt das Familienbüro, Emster Straße 28, 58093 Hagen; Kürzel: K-12.")
    assert answer_type_missing(count, [address], snapshot)
    narrowed = snapshot.understanding.analyze("Wie viele schwierige Menschen leben in Haspe?")
    rare = dataclasses.replace(snapshot, doc_freq=Counter(snapshot.doc_freq) + Counter({"mensch": 100}))
    assert answer_type_missing(narrowed, [passage("In Haspe leben 31.551 Menschen.")], rare)
    assert not answer_type_missing(narrowed, [passage("In Haspe leben 1.200 schwierige Menschen.")], rare)
    common = dataclasses.replace(snapshot, doc_freq=Counter(snapshot.doc_freq) + Counter({"schwierig": 100, "mensch": 100}))
    assert not answer_type_missing(narrowed, [passage("In Haspe leben 31.551 Menschen.")], common)  # a common adjective


def test_a_further_source_joins_a_figure_answer_only_when_it_adds_something(snapshot):
    analysis = snapshot.understanding.analyze("Wie hoch war die SGB-II-Quote in Haspe 2024?")
    passages = [
        passage("Die SGB-II-Quote in Haspe lag 2024 bei 20,1 %."),
        passage("Auch 2024 lag die SGB-II-Quote in Haspe hoch, bei 20,1 % der Menschen.", n=1),
    ]
    answer = compose_extractive(analysis.question, analysis, passages, snapshot)
    assert len(answer.citations) == 1 and "20,1" in answer.text


def test_an_older_figure_is_noted_only_for_the_same_place(snapshot):
    analysis = snapshot.understanding.analyze("Wie hoch war die SGB-II-Quote?")
    same = [passage("Die SGB-II-Quote in Haspe lag bei 20,1 %."), passage("Die SGB-II-Quote in Haspe lag bei 19,4 %.", OLD, 1)]
    assert any("Älterer Stand" in n for n in compose_extractive(analysis.question, analysis, same, snapshot).notes)
    other = [same[0], passage("Die SGB-II-Quote in Hohenlimburg lag bei 11,4 %.", OLD, 1)]
    assert not any("Älterer Stand" in n for n in compose_extractive(analysis.question, analysis, other, snapshot).notes)


def test_a_name_question_needs_a_name_not_only_the_role(snapshot):
    common = Counter(snapshot.doc_freq)
    common.update({term: 50 for term in snapshot.analyzer.terms("Leiterin Vorlage")})  # ordinary words of a big corpus
    snapshot = dataclasses.replace(snapshot, doc_freq=common)
    analysis = snapshot.understanding.analyze("Wie heißt die Leiterin der Sozialplanung?")
    role_only = [passage("Die Leiterin der Sozialplanung unterschreibt die Vorlage.")]
    named = [passage("Die Leiterin der Sozialplanung ist Frau Kowalczyk-Brandt.")]
    assert answer_type_missing(analysis, role_only, snapshot)
    assert not answer_type_missing(analysis, named, snapshot)


def test_an_intro_whose_list_is_elsewhere_is_not_quoted(snapshot):
    analysis = snapshot.understanding.analyze("Welche Dokumente soll ich in der Sozialplanung zuerst lesen?")
    passages = [
        passage("Bitte lesen Sie in der Sozialplanung diese Dokumente zuerst:"),
        passage("Das Planungskonzept der Sozialplanung ist die Grundlage.", n=1),
    ]
    answer = compose_extractive(analysis.question, analysis, passages, snapshot)
    assert "Bitte lesen" not in answer.text and "Planungskonzept" in answer.text


def test_the_alias_file_s_synonyms_reach_the_vocabulary(snapshot):
    synonyms = snapshot.vocabulary.synonyms
    assert "Einwohner" in synonyms[snapshot.analyzer.terms("Leute")[0]]
    assert "Befragung" in synonyms[snapshot.analyzer.terms("Umfrage")[0]]


def test_a_bezirk_figure_prefers_the_bezirk_document_over_a_sozialraum_steckbrief(snapshot):
    steckbrief = dataclasses.replace(DOC, doc_id="s", title="Sozialraum-Steckbrief Haspe-Zentrum 2024")
    profil = dataclasses.replace(DOC, doc_id="p", title="Sozialraumprofil Haspe 2024")
    analysis = snapshot.understanding.analyze("Wie hoch war die SGB-II-Quote in Haspe 2024?")
    passages = [passage("SGB-II-Quote (%) 27,6 19,6 18,4 3 von 18.", steckbrief, 0), passage("SGB-II-Quote 2024 19,6 %.", profil, 1)]
    answer = compose_extractive(analysis.question, analysis, passages, snapshot)
    assert answer.citations[0].doc_id == "p"


def test_a_count_widened_to_must_count_the_asked_thing_itself(snapshot):
    from assistant.services.answer_type import counts_asked_thing

    analysis = snapshot.understanding.analyze("Wie viele Leute wohnen in Haspe?")
    assert counts_asked_thing(analysis, snapshot, passage("Im Stadtbezirk Haspe leben 31.551 Leute."))
    assert counts_asked_thing(analysis, snapshot, passage("In Haspe leben einige tausend Menschen, genau: drei Leute mehr als 2023."))
    assert counts_asked_thing(analysis, snapshot, passage("Haspe hat 31.551 Einwohnerinnen."))  # the documents' word
    assert not counts_asked_thing(analysis, snapshot, passage("Haspe hat 12 Leuchttürme und viele Leute."))
    assert not counts_asked_thing(analysis, snapshot, passage("Die Leute in Haspe kennen den Kreisel seit 1975."))


def test_a_sentence_of_a_document_on_the_asked_place_fits_it_unnamed(snapshot):
    from assistant.services.extractive import _on_asked_place

    haspe = DocumentMeta(doc_id="p", title="Protokoll der Stadtteilkonferenz Haspe", source_path="p.md", content_hash="p", format="md")
    two = DocumentMeta(doc_id="q", title="Haspe und Hohenlimburg im Vergleich", source_path="q.md", content_hash="q", format="md")
    assert _on_asked_place(passage("Teilnehmende: 47 Personen.", haspe), {"Haspe"}, snapshot)
    assert not _on_asked_place(passage("Teilnehmende: 47 Personen.", two), {"Haspe"}, snapshot)
    assert not _on_asked_place(passage("Teilnehmende: 47 Personen."), {"Haspe"}, snapshot)


def test_since_when_in_a_bezirk_is_answered_by_its_sozialraum_but_its_figure_is_not(snapshot):
    def fit(question: str, text: str) -> float:
        analysis = snapshot.understanding.analyze(question)
        return place_fit(snapshot.places_in_text(text, sentence=True), analysis, snapshot, False)

    sentence = "Die Sprechstunde in Haspe-Zentrum läuft seit dem 09.04.2024 mit 20 Kontakten je Termin."
    assert fit("Seit wann gibt es die Sprechstunde in Haspe?", sentence) > 0
    assert fit("Wie viele Kontakte hat die Sprechstunde in Haspe?", sentence) < 0

"""A quoted sentence brings what it needs to answer: its antecedent, the rest of its list, its FAQ question."""

from __future__ import annotations

import pytest

from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.sentence_context import antecedent_order, faq_question, points_back, run_on_items


@pytest.mark.parametrize(
    "text",
    ["Das entspricht rechnerisch rund 95 Vollzeitstellen.", "Sie legt die Arbeitsschwerpunkte fest.", "Dies zeigt den Bedarf.",
     "Damit gibt es zehn Teams.", "Diese Bedarfe lassen sich nicht von einem Fachbereich decken."],
)
def test_pronouns_and_demonstratives_point_back(text):
    assert points_back(text)


@pytest.mark.parametrize(
    "text",
    ["Das Team tagt alle acht Wochen.", "Das neue Team tagt monatlich.", "Es gibt 39 Wohnbezirke.",
     "Sie werden schnell merken, dass vieles in Gremien passiert.", "Die Steuerungsgruppe tagt vierteljährlich."],
)
def test_articles_expletives_and_the_formal_address_do_not(text):
    assert not points_back(text)


def test_the_antecedent_is_the_sentence_before_unless_it_is_quoted_a_heading_or_an_intro():
    pieces = ["Es ergibt sich ein Umfang von 15.000 Stunden im Monat.", "Das entspricht rund 95 Vollzeitstellen."]
    assert antecedent_order(1, pieces, set(), lambda t: False) == 0
    assert antecedent_order(1, pieces, {0}, lambda t: False) is None
    assert antecedent_order(1, pieces, set(), lambda t: True) is None
    assert antecedent_order(0, pieces, set(), lambda t: False) is None
    assert antecedent_order(1, ["Die Ziele lauten:", "Das entspricht dem Plan."], set(), lambda t: False) is None


def test_a_faq_answer_comes_with_its_question():
    pieces = ["Wer entscheidet über neue Mitglieder eines Sozialraumteams?", "Das Team selbst, auf Vorschlag eines Mitglieds."]
    assert faq_question(1, pieces) == pieces[0]
    assert antecedent_order(1, pieces, set(), lambda t: False) == 0
    assert faq_question(1, ["Warum?", "Weil es so ist."]) == ""  # a question of fewer than three words is no FAQ entry
    assert faq_question(0, pieces) == ""
    assert faq_question(1, ["3.1 Was fehlt am meisten?", "Ein Treffpunkt am Wochenende."]) == ""  # a numbered heading
    assert antecedent_order(1, pieces, set(), lambda t: True) is None  # a heading with a question mark


def _chunk(ordinal: int, text: str, section: str = "5.2 Aufgabenteilung", doc: str = "k") -> Chunk:
    return Chunk(f"{doc}{ordinal}", doc, ordinal, text, section=section)


def test_a_list_runs_on_into_the_next_chunk_of_its_section_only():
    intro = _chunk(0, "Die Aufgabenteilung ist wie folgt geregelt:")
    following = _chunk(1, "Die Sozialplanung verantwortet die Profile.\nDie Jugendhilfeplanung verantwortet die Kita-Planung.")
    other = _chunk(1, "Die Sozialplanung verantwortet die Profile.\nDie Jugendhilfeplanung plant.", section="6 Daten")
    assert run_on_items(intro, [intro, following]) == following.text.splitlines()
    assert run_on_items(intro, [intro, other]) == []
    numbered = _chunk(1, "4. Beratung: monatlich.\n5. Ehrenamt: Treffen.\nDer Bericht folgt im Herbst.")
    numbered_items = run_on_items(intro, [intro, numbered], lambda line: line[:1].isdigit(), least=1)
    assert numbered_items == ["4. Beratung: monatlich.", "5. Ehrenamt: Treffen."]


def test_the_composer_quotes_the_antecedent_before_a_pointing_back_sentence():
    from assistant.services.extractive import compose_extractive
    from assistant.testing.sample_corpus import sample_setup

    snapshot = sample_setup().retrieval.snapshot()
    analysis = snapshot.understanding.analyze("Wie viele Vollzeitstellen leisten die Ehrenamtlichen?")
    doc = DocumentMeta("b", "Befragung der Ehrenamtlichen", "b.md", "h", "md")
    text = "Hochgerechnet ergibt sich ein Umfang von etwa 15.000 Stunden im Monat. Das entspricht rund 95 Vollzeitstellen."
    answer = compose_extractive(analysis.question, analysis, [Passage(_chunk(0, text, "3 Umfang", "b"), doc, 1.0)], snapshot)
    assert "15.000 Stunden" in answer.text and "95 Vollzeitstellen" in answer.text
    assert answer.text.index("15.000") < answer.text.index("95")


def test_a_counted_set_with_the_definite_article_points_back():
    assert points_back("Die fünf Sozialräume, die bereits ausgewählt wurden, gehören weiterhin dazu.")
    assert points_back("Die beiden Teams tagen gemeinsam.")
    assert points_back("Beide stimmen die Tagesordnung miteinander ab.")
    assert not points_back("Die Sozialräume liegen in fünf Stadtbezirken.")


def test_a_designation_brings_the_sentence_that_describes_what_it_names():
    pieces = [
        "Auf Grundlage der Kinderarmut wurden fünf Sozialräume als belastet ausgewiesen: Zentrum, Haspe und Eilpe.",
        "Die aktuellen Daten bestätigen diese Auswahl.",
        "Eine Ausnahme bildet ein kleiner Sozialraum.",
        "Die fünf Sozialräume werden im Folgenden als Schwerpunkträume bezeichnet.",
    ]
    assert antecedent_order(3, pieces, set(), lambda t: False) == 0
    assert antecedent_order(3, pieces, {0}, lambda t: False) is None


def test_an_intro_runs_on_into_the_result_table_rows_of_its_section():
    intro = _chunk(0, "Die Antworten lassen sich fünf Gruppen zuordnen (Mehrfachnennungen):", section="3.10 Änderungen")
    rows = [Chunk(f"k{i}", "k", i, f"Vorschlag: Vorschlag {i}; Zahl der Interviews: {11 - i}", section="3.10 Änderungen",
                  kind="table_row") for i in (1, 2, 3)]
    assert run_on_items(intro, [intro, *rows]) == [r.text for r in rows]
    assert run_on_items(intro, [intro, rows[0]]) == []  # one row is no table

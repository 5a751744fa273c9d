"""Changes asked in everyday words: counted ("Wie viele Sozialräume haben Einwohner gewonnen?"), of no place at
all ("In welchem Bezirk ist … gefallen?" when none fell), of a place itself ("Wächst Boele/Kabel?"), a figure
written as "…quote", and an age band written under two labels of one count (values from corpus/src/data)."""

from __future__ import annotations

import pytest
from kennzahlen_fake_store import MemoryFactStore, ask

from assistant.core.types import DocumentMeta, Fact
from assistant.services.kennzahlen.service import KennzahlenService
from assistant.services.vocabulary import build_vocabulary, default_aliases
from assistant.text import simple_key


def test_a_count_of_places_that_gained_counts_the_risen_ones(engine):
    answer = ask(engine, "Wie viele Sozialräume haben seit 2019 Einwohner gewonnen?")
    first = answer.text.splitlines()[0]
    assert first.startswith("In ") and " von 18 Sozialräumen ist „" in first and "von 2019 bis 2024 gestiegen" in first
    assert "Zentrum/Remberg" in first  # 22.424 → 23.357


def test_when_no_place_moved_that_way_all_places_values_are_the_cited_evidence(engine):
    answer = ask(engine, "In welchem Stadtbezirk ist die SGB II Quote zwischen 2019 und 2024 gefallen?")
    assert answer.text.startswith("In keinem der 5 Stadtbezirke ist „SGB-II-Quote“ von 2019 bis 2024 gesunken.")
    assert answer.citations and "| Haspe | 18,6 % | 19,6 % |" in answer.text


def test_a_place_that_grows_grows_in_people(engine):
    answer = ask(engine, "Wächst Boele/Kabel?")
    assert answer.text.startswith("Entwicklung Einwohner") and "Boele/Kabel" in answer.text.splitlines()[0]
    assert ask(engine, "Wächst das Angebot in Haspe?") is None  # something else grows there


def test_a_quote_compound_names_its_figure(engine):
    answer = ask(engine, "Wie hoch ist die Zuwanderungsquote in Haspe?")
    assert "Zuwanderung" in answer.text.splitlines()[0] and "46,1 %" in answer.text.splitlines()[0]


def test_one_age_band_under_two_labels_of_a_count_is_one_figure():
    """'Altersgruppen: unter 18' (Anzahl, 2024 only) and 'Einwohner: unter 18' (no unit written, 2018–2024)."""
    store = MemoryFactStore()
    doc = DocumentMeta(doc_id="bev", title="Bevölkerung", source_path="bev.csv", content_hash="b1", format="csv", date="2024-12-31")
    facts = [Fact(doc_id="bev", table="t1", place="Haspe", place_level="bezirk", indicator="Altersgruppen: unter 18",
                  indicator_key=simple_key("Altersgruppen: unter 18"), period="2024", value=5898.0, raw="5.898", unit="Anzahl",
                  row=2, column="unter 18")]
    for row, (year, value) in enumerate([("2018", 5559), ("2024", 5898)], start=2):
        facts.append(Fact(doc_id="bev", table="t2", place="Haspe", place_level="bezirk", indicator="Einwohner: unter 18",
                          indicator_key=simple_key("Einwohner: unter 18"), period=year, value=float(value), raw=str(value),
                          unit="", row=row, column="unter 18"))
    store.replace_document(doc, facts, [])
    service = KennzahlenService(store, store.document)
    answer = service.answer("Ist die Zahl der Kinder unter 18 in Haspe seit 2018 gewachsen?",
                            vocabulary=build_vocabulary([], default_aliases()))
    assert not answer.refused and "2018 5.559" in answer.text.splitlines()[0]


def test_a_figure_named_for_an_age_group_is_that_figure_not_the_head_count():
    """'GruSi 65+' (a rate) beside 'Einwohner 65 und älter' (a count): asked for the count of over-65s on
    Grundsicherung, the answer is the rate, labelled as such, never the number of over-65s."""
    store = MemoryFactStore()
    doc = DocumentMeta(doc_id="alt", title="Alter", source_path="alt.csv", content_hash="a1", format="csv", date="2024-12-31")
    facts = [Fact(doc_id="alt", table="t", place="Haspe", place_level="bezirk", indicator=label, indicator_key=simple_key(label),
                  period="2024", value=value, raw=raw, unit=unit, row=2, column=label)
             for label, value, raw, unit in [("Einwohner 65 und älter", 7038.0, "7.038", "Anzahl"), ("GruSi 65+", 8.0, "8,0", "%")]]
    store.replace_document(doc, facts, [])
    answer = KennzahlenService(store, store.document).answer(
        "Wie viele Senioren bekommen Grundsicherung im Alter in Haspe?", vocabulary=build_vocabulary([], default_aliases()))
    first = answer.text.splitlines()[0]
    assert "8,0 %" in first and "7.038" not in answer.text and "nur den Anteil" in first


@pytest.mark.parametrize("question", ["Sind die Einwohnerzahlen in Emst rückläufig?", "Sind in Emst weniger Einwohner geworden?"])
def test_a_population_said_to_shrink_in_everyday_words_is_its_trend(engine, question):
    answer = ask(engine, question)
    assert answer is not None and answer.text.startswith("Entwicklung Einwohner") and "Emst" in answer.text.splitlines()[0]


def test_the_average_of_one_named_place_is_its_own_value_not_the_mean_of_all_places(engine):
    answer = ask(engine, "Wie hoch ist die Kinderarmut in Haspe im Durchschnitt?")
    first = answer.text.splitlines()[0]
    assert first.startswith("Kinderarmut") and "Haspe (Stadtbezirk)" in first and "über die" not in first


def test_the_average_over_a_level_says_over_how_many_places(engine):
    answer = ask(engine, "Wie hoch ist die Kinderarmut der Sozialräume im Durchschnitt?")
    assert "über die 18 Sozialräume" in answer.text.splitlines()[0]


def test_when_a_place_was_highest_is_the_year_of_its_highest_value_with_every_year_shown(engine):
    answer = ask(engine, "Wann war die Kinderarmut in Haspe am höchsten?")
    first = answer.text.splitlines()[0]
    assert first.startswith("Am höchsten war „Kinderarmut") and "Haspe (Stadtbezirk) 2023" in first and "33,0 %" in first
    assert "| 2018 |" in answer.text and "| 2024 |" in answer.text
    lowest = ask(engine, "In welchem Jahr war die Kinderarmut in Haspe am niedrigsten?")
    assert "Am niedrigsten" in lowest.text and "2019" in lowest.text.splitlines()[0]


def test_how_much_a_place_shrank_is_its_population_trend(engine):
    answer = ask(engine, "Um wie viel ist Hohenlimburg seit 2018 geschrumpft?")
    assert answer is not None and answer.text.startswith("Entwicklung Einwohner") and "Hohenlimburg" in answer.text.splitlines()[0]


def test_the_places_that_grew_most_are_ranked_by_their_population_change(engine):
    answer = ask(engine, "Welche drei Sozialräume sind seit 2018 am stärksten gewachsen?")
    first = answer.text.splitlines()[0]
    assert first.startswith("Am stärksten gestiegen ist „Einwohnerinnen und Einwohner“ von 2018 bis 2024 in: Zentrum/Remberg")
    assert first.count("→") == 3


@pytest.mark.parametrize("question", ["Einwohner Haspe 2018 vs 2024", "Wieviel Prozent mehr Einwohner hat Haspe als 2018?"])
def test_two_years_set_against_each_other_are_the_development_between_them(engine, question):
    first = ask(engine, question).text.splitlines()[0]
    assert first.startswith("Entwicklung Einwohnerinnen und Einwohner: Haspe") and "2018" in first and "2024" in first


def test_a_percent_more_than_a_year_is_the_relative_change(engine):
    assert " %)" in ask(engine, "Wieviel Prozent mehr Einwohner hat Haspe als 2018?").text.splitlines()[0]


@pytest.mark.parametrize("question, label", [("Wie hoch ist der Kinderanteil in Haspe?", "Anteil unter 18"),
                                             ("Wie hat sich die Kinderzahl in Emst entwickelt?", "Entwicklung Einwohner unter 18"),
                                             ("Wie hoch ist der Seniorenanteil in Emst?", "65")])
def test_a_compound_of_an_age_group_names_that_groups_figure(engine, question, label):
    first = ask(engine, question).text.splitlines()[0]
    assert label in first and ("Haspe" in first or "Emst" in first)


def test_doubling_asks_for_the_development(engine):
    first = ask(engine, "Hat sich die Kinderarmut in Haspe seit 2018 verdoppelt?").text.splitlines()[0]
    assert first.startswith("Entwicklung Kinderarmut") and "Haspe" in first

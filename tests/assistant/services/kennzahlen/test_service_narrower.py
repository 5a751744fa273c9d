"""A sheet of another town (Wohngeld households by Stadtteil, three year-end dates written '31.12.21'): the whole
asked for where the tables count only a part, a Stadtteil named 'Mitte', a compound of the label's words, and the
change into one year."""

from __future__ import annotations

import pytest
from kennzahlen_fake_store import MemoryFactStore, first_line

from assistant.core.types import DocumentMeta, Fact
from assistant.services.kennzahlen.service import KennzahlenService
from assistant.services.vocabulary import build_vocabulary, default_aliases
from assistant.text import simple_key

_COUNTS = {"Mitte": (812, 905, 1120), "Osterfeld": (1204, 1302, 1577), "Sandberg": (233, 241, 299), "Lindenhof": (640, 598, 702)}


@pytest.fixture(scope="module")
def ask():
    label = "Haushalte mit Wohngeld"
    facts, row = [], 6
    for year_index, period in enumerate(("2021-12-31", "2022-12-31", "2023-12-31")):
        for place, counts in _COUNTS.items():
            facts.append(Fact(doc_id="wg", table="wohngeld", place=place, place_level="stadtteil", indicator=label,
                              indicator_key=simple_key(label), period=period, value=float(counts[year_index]),
                              raw=str(counts[year_index]), unit="Anzahl", row=row, column=label, place_key=simple_key(place)))
            row += 1
    store = MemoryFactStore()
    store.replace_document(DocumentMeta(doc_id="wg", title="wohngeld_stadtteile_birkenau", source_path="wg.csv", content_hash="w",
                                        format="csv"), facts, [])
    engine, vocabulary = KennzahlenService(store, store.document), build_vocabulary([], default_aliases())
    return lambda question: engine.answer(question, vocabulary=vocabulary)


def test_the_whole_asked_where_only_a_part_is_counted_is_refused_with_the_part_labelled(ask):
    answer = ask("Wie viele Haushalte leben in Mitte?")
    assert answer.refused and first_line(answer).startswith("Eine Gesamtzahl zu „Haushalte“ nennen die Tabellen nicht")
    assert "„Haushalte mit Wohngeld“" in first_line(answer) and "Mitte" in answer.text and answer.citations


def test_a_stadtteil_named_mitte_is_a_place_after_a_preposition(ask):
    assert "1.120" in first_line(ask("Wie viele Haushalte bekommen in Mitte Wohngeld?"))


def test_a_compound_of_the_labels_words_names_the_figure(ask):
    line = first_line(ask("Wie hat sich die Zahl der Wohngeldhaushalte in Lindenhof seit 2021 entwickelt?"))
    assert "2021 640" in line and "2023 702" in line


def test_a_change_in_one_year_runs_from_the_period_before_it(ask):
    fallen = first_line(ask("In welchem Stadtteil ist die Zahl der Wohngeldhaushalte 2022 gesunken?"))
    assert "von 2021 bis 2022 gesunken: Lindenhof 640" in fallen
    risen = first_line(ask("Um wie viel Prozent ist die Zahl der Wohngeldhaushalte in Mitte 2023 gestiegen?"))
    assert "2022 905" in risen and "2023 1.120" in risen and "+23,8 %" in risen
    before = first_line(ask("Ist die Zahl der Wohngeldhaushalte in Mitte höher als im Vorjahr?"))
    assert "2022 905" in before and "2023 1.120" in before

"""A figure answer cites exactly the rows that hold the values it states: a rank answer the rows of the places it
names, each value once (an agreeing second document is no second citation), no row twice."""

from __future__ import annotations

import re

import pytest
from kennzahlen_fake_store import indicator_store

from assistant.services.kennzahlen.service import KennzahlenService
from assistant.services.vocabulary import build_vocabulary, default_aliases


@pytest.fixture(scope="module")
def engine():
    # the same indicator table in two documents: every value has an agreeing second source
    store = indicator_store("kennzahlen-2024", "2024-11-15")
    indicator_store("sozialbericht-2024", "2024-06-01", store=store)
    return KennzahlenService(store, store.document), build_vocabulary([], default_aliases())


def ask(engine, question):
    service, vocab = engine
    return service.answer(question, vocabulary=vocab)


def _cited_once(answer):
    keys = [(c.doc_id, c.section, c.row, c.page) for c in answer.citations]
    assert len(keys) == len(set(keys)), "a row cited twice"
    numbers = re.findall(r"\[(\d+)\]", answer.text.splitlines()[0])
    assert len(numbers) == len(set(numbers)), "a citation repeated for one value"


def test_superlative_cites_only_the_named_place(engine):
    answer = ask(engine, "Wo ist die Kinderarmut am höchsten?")
    assert len(answer.citations) == 1
    quote = answer.citations[0].quote
    assert "Wehringhausen/Villa Post" in quote and "49,7" in quote
    assert "| 1 | Wehringhausen/Villa Post |" in answer.text and "Haspe-Zentrum" not in answer.text
    _cited_once(answer)


def test_top_n_and_rank_of_cite_the_named_places_only(engine):
    top3 = ask(engine, "Nenne die drei Sozialräume mit der niedrigsten Arbeitslosenquote")
    assert len(top3.citations) == 3
    assert [c.quote.split(";")[0] for c in top3.citations] == [
        "Raum: Hochschulviertel", "Raum: Dahl/Priorei/Rummenohl", "Raum: Lennetal"]
    rank = ask(engine, "An welcher Stelle liegt Haspe-Zentrum bei der Kinderarmut?")
    assert len(rank.citations) == 1 and "Haspe-Zentrum" in rank.citations[0].quote
    _cited_once(top3)
    _cited_once(rank)


def test_threshold_answer_cites_each_listed_row_once(engine):
    answer = ask(engine, "Welche Sozialräume liegen über 20 % SGB-II-Quote?")
    assert answer.text.splitlines()[0].startswith("5 von 18 Sozialräumen")
    assert len(answer.citations) == 5
    _cited_once(answer)



def test_a_trends_table_shows_the_years_of_the_compared_values_tables_only():
    from assistant.core.types import Fact
    from assistant.services.kennzahlen.answers import _series_shown
    from assistant.services.kennzahlen.values import Value

    def value(year, table):
        fact = Fact("doc", table, "Vorhalle", "sozialraum", "Einwohner", "einwohner", str(year), 1.0, "1", row=year)
        return Value("Vorhalle", "sozialraum", year, 1.0, fact)

    series = [value(2018, "Tabelle 11"), value(2019, "Tabelle 11"), value(2023, "Tabelle 2"), value(2024, "Tabelle 1")]
    assert [v.year for v in _series_shown(series)] == [2018, 2019, 2024]

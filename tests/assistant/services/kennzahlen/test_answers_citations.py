"""A figure answer cites exactly the rows that hold the values it states: a rank answer the rows of the places it
names, each value once (an agreeing second document is no second citation), no row twice."""

from __future__ import annotations

import re

import pytest
from kennzahlen_fake_store import ask, indicator_store

from assistant.services.kennzahlen.service import KennzahlenService
from assistant.services.vocabulary import build_vocabulary, default_aliases


@pytest.fixture(scope="module")
def engine():
    # the same indicator table in two documents: every value has an agreeing second source
    store = indicator_store("kennzahlen-2024", "2024-11-15")
    indicator_store("sozialbericht-2024", "2024-06-01", store=store)
    return KennzahlenService(store, store.document), build_vocabulary([], default_aliases())


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


def test_a_trend_keeps_a_year_that_another_table_dates_later_in_the_year_but_states_alike():
    """The profile's long table gives 2018–2024 ("Grundsicherung 65+"); a council paper gives the 2022 value under the
    asked label ("Grundsicherung im Alter", dated 31.12.2022), the same figure, so it is the year's first choice. The
    trend's table still shows 2022, cited to the profile's own row."""
    from kennzahlen_fake_store import MemoryFactStore

    from assistant.core.types import DocumentMeta, Fact
    from assistant.services.kennzahlen.service import KennzahlenService

    store = MemoryFactStore()
    profile = [Fact(doc_id="profil", table="Tabelle 9", place="Emst", place_level="sozialraum", indicator="Grundsicherung 65+",
                    indicator_key="grundsicherung 65", period=str(year), value=value, raw=f"{value:.1f}".replace(".", ","),
                    unit="%", row=row, column=str(year))
               for row, (year, value) in enumerate(zip(range(2018, 2025), (3.2, 3.4, 3.3, 3.5, 3.4, 3.7, 3.9), strict=True), start=1)]
    store.replace_document(DocumentMeta(doc_id="profil", title="Sozialraumprofil 2024", source_path="p.pdf", content_hash="p",
                                        format="pdf", date="2024-06-01"), profile, [])
    paper = [Fact(doc_id="vorlage", table="Tabelle S. 3", place="Emst", place_level="sozialraum", indicator="Grundsicherung im Alter",
                  indicator_key="grundsicherung im alter", period="2022-12-31", value=3.4, raw="3,4 %", unit="%", row=4,
                  column="Grundsicherung im Alter 31.12.2022")]
    store.replace_document(DocumentMeta(doc_id="vorlage", title="Sitzungsvorlage 2024", source_path="v.pdf", content_hash="v",
                                        format="pdf", date="2024-09-01"), paper, [])
    answer = KennzahlenService(store, store.document).answer("Wie hat sich die Grundsicherung im Alter in Emst seit 2018 entwickelt?")
    rows = [line for line in answer.text.splitlines() if line.startswith("| Emst")]
    assert [line.split("|")[2].strip() for line in rows] == [str(y) for y in range(2018, 2025)]

"""One value per place and year: a period that is only the document's year yields to periods the tables state."""

from __future__ import annotations

from assistant.core.types import Fact
from assistant.services.kennzahlen.values import guessed_period, pick_values

DATES = {"profil-2024": "2024-05-01", "protokoll-2025": "2025-02-12"}


def fact(doc_id: str, table: str, period: str, value: float, place: str = "Altenhagen") -> Fact:
    return Fact(doc_id=doc_id, table=table, place=place, place_level="sozialraum", indicator="Kinderarmut",
                indicator_key="kinderarmut", period=period, value=value, raw=str(value).replace(".", ","),
                unit="%", column=period if table.startswith("Tabelle 5") else place)


def stated(year: str, value: float, place: str = "Altenhagen") -> Fact:
    return fact("profil-2024", "Tabelle 5: Kinderarmut 2018–2024", year, value, place)


def test_a_protocol_quoting_an_older_figure_adds_no_year_of_its_own():
    quoted = fact("protokoll-2025", "Tabelle S. 2", "2025", 41.7)
    assert guessed_period(quoted, DATES.get)
    values = pick_values([stated("2023", 41.7), stated("2024", 41.4), quoted], ["kinderarmut"], DATES.get)
    assert sorted(year for _, year in values) == [2023, 2024]


def test_a_guessed_year_stands_where_no_table_states_one_for_the_place():
    quoted = fact("protokoll-2025", "Tabelle S. 2", "2025", 28.8, place="Hagen")
    values = pick_values([stated("2024", 41.4), quoted], ["kinderarmut"], DATES.get)
    assert values[("hagen", 2025)].value == 28.8


def test_a_stated_date_is_no_guess():
    assert not guessed_period(fact("protokoll-2025", "Tabelle S. 2", "2024-12-31", 41.0), DATES.get)
    assert not guessed_period(fact("protokoll-2025", "Tabelle S. 2", "2023", 41.0), DATES.get)

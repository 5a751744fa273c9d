"""An age group asked with a figure of its own: "ältere Menschen beziehen Grundsicherung" is the Grundsicherung of
the over-65s under any of its labels, "Senioren wohnen allein" or "Kinder unter 18 sind arm" are never the age
group's head count; the head count answers only the group itself."""

from __future__ import annotations

import pytest
from kennzahlen_fake_store import MemoryFactStore, first_line

from assistant.core.types import DocumentMeta, Fact
from assistant.services.kennzahlen.service import KennzahlenService
from assistant.services.vocabulary import build_vocabulary, default_aliases
from assistant.text import simple_key

_FACTS = [("Ältere Menschen: 65+", "2024", 7038.0, "7.038", ""), ("Altersgruppen: unter 18", "2024", 5898.0, "5.898", ""),
          ("Grundsicherung 65+", "2018", 6.5, "6,5", "%"), ("GruSi 65+", "2024", 8.0, "8,0", "%")]


@pytest.fixture(scope="module")
def ask():
    store = MemoryFactStore()
    doc = DocumentMeta(doc_id="alt", title="Alter", source_path="alt.csv", content_hash="a1", format="csv", date="2024-12-31")
    facts = [Fact(doc_id="alt", table=f"t{i}", place="Haspe", place_level="bezirk", indicator=label, indicator_key=simple_key(label),
                  period=period, value=value, raw=raw, unit=unit, row=2, column=label)
             for i, (label, period, value, raw, unit) in enumerate(_FACTS)]
    store.replace_document(doc, facts, [])
    engine, vocabulary = KennzahlenService(store, store.document), build_vocabulary([], default_aliases())
    return lambda question: engine.answer(question, vocabulary=vocabulary)


def test_a_word_of_a_banded_figure_asks_that_figure_of_the_age_group_under_all_its_labels(ask):
    answer = ask("Wie viele ältere Menschen beziehen Grundsicherung in Haspe?")
    assert "8,0 %" in first_line(answer) and "2024" in first_line(answer)  # 'GruSi 65+' is the same figure, newer
    assert "7.038" not in answer.text


@pytest.mark.parametrize("question", ["Wie viele Senioren wohnen allein in Haspe?", "Wie viele Kinder unter 18 sind arm in Haspe?"])
def test_a_group_narrowed_by_another_figure_is_never_the_head_count(ask, question):
    answer = ask(question)
    assert answer is None or answer.refused or not any(n in answer.text for n in ("7.038", "5.898"))


def test_the_age_group_alone_is_its_head_count(ask):
    assert "7.038" in first_line(ask("Wie viele ältere Menschen leben in Haspe?"))


@pytest.mark.parametrize("question", ["Wie alt sind die Menschen in Haspe im Durchschnitt?",
                                      "Wie hoch ist das Durchschnittsalter in Haspe?"])
def test_an_asked_age_in_years_is_no_head_count_of_an_age_group(ask, question):
    answer = ask(question)
    assert answer is None or answer.refused or not any(n in answer.text for n in ("7.038", "5.898"))


def _sgb2_sheet(title: str):
    store = MemoryFactStore()
    doc = DocumentMeta(doc_id="sgb", title=title, source_path="s.xlsx", content_hash="s1", format="xlsx", date="2024-02-01")
    label = "Regelleistungsberechtigte: unter 15 Jahren"
    facts = [Fact(doc_id="sgb", table="Dez 2023", place=place, place_level="stadtteil", indicator=label, indicator_key=simple_key(label),
                  period="2023-12", value=value, raw=str(int(value)), unit="", row=row, column=label)
             for row, (place, value) in enumerate([("Am Moor", 390.0), ("Nordhang", 160.0)], start=7)]
    store.replace_document(doc, facts, [])
    engine, vocabulary = KennzahlenService(store, store.document), build_vocabulary([], default_aliases())
    return lambda question: engine.answer(question, vocabulary=vocabulary)


def test_an_age_group_of_a_sheet_titled_by_a_figure_is_that_figure_of_the_group():
    """A sheet titled 'SGB II' counts the under-15s in the SGB II: 'Kinder … Bürgergeld' asks that very count."""
    ask = _sgb2_sheet("Leistungsberechtigte nach dem SGB II in den Stadtteilen")
    assert "390" in first_line(ask("Wie viele Kinder unter 15 beziehen in Am Moor Bürgergeld?"))
    assert ask("Wie viele Menschen beziehen in Am Moor Wohngeld?") is None  # another benefit: nothing of this sheet
    untitled = _sgb2_sheet("Tabelle 4")
    answer = untitled("Wie viele Kinder unter 15 beziehen in Am Moor Bürgergeld?")
    assert answer is None or "390" not in answer.text  # nothing says these under-15s are the Bürgergeld ones

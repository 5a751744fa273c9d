"""A question typed the way new users type it (lower case, typos, missing umlauts, number forms, gender forms,
colloquial words) finds the same passage as its clean form."""

from __future__ import annotations

import pytest

from assistant.testing.sample_corpus import sample_setup


@pytest.fixture(scope="module")
def setup():
    return sample_setup()


def _top(setup, question: str) -> tuple[str, int | None, str]:
    passage = setup.retrieval.search(question, k=3)[0]
    return passage.document.doc_id, passage.chunk.page, passage.chunk.section


@pytest.mark.parametrize(
    ("clean", "typed"),
    [
        ("Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?", "sgb2 quote hohenlimbrug 2024"),
        ("Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?", "wie hoch war die sgb-2-quote in hohenlimburg 2024"),
        ("Wer sitzt im Sozialraumteam?", "wer sitzt alles im sozailraumteam"),
        ("Wie werden Jugendliche beteiligt?", "wie werden teenager beteiligt"),
        ("Welche Beteiligungsformate nutzt die Sozialplanung?", "welche beteiligungsformate nutzt die sozialplanung fuer buergerinnen"),
    ],
)
def test_a_colloquial_or_misspelt_question_finds_the_passage_of_its_clean_form(setup, clean, typed):
    assert _top(setup, typed) == _top(setup, clean)

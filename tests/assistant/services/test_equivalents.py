"""Equivalent words of the synonym resource: a sentence in the documents' word covers the user's word, and the
lexical query can carry the documents' words."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from assistant.core.settings import AnsweringSettings
from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.extractive import _units
from assistant.services.retrieval import lexical_query
from assistant.testing.sample_corpus import sample_setup

DOC = DocumentMeta(doc_id="w", title="Qualitätsbericht", source_path="w.md", content_hash="h", format="md", date="2023-12-01")


@pytest.fixture(scope="module")
def snapshot():
    return sample_setup().retrieval.snapshot()


def test_a_sentence_with_an_equivalent_covers_the_asked_word(snapshot):
    analysis = snapshot.understanding.analyze("Was kostet das Mittagessen?")
    passage = Passage(Chunk(chunk_id="w0", doc_id="w", ordinal=0, text="Eine Mahlzeit kostet 4,50 Euro für alle Gäste."), DOC, 1.0)
    with_equivalents = _units([passage], analysis, snapshot, AnsweringSettings(equivalent_share=1.0))[0]
    without = _units([passage], analysis, snapshot, AnsweringSettings(equivalent_share=0.0))[0]
    assert with_equivalents.coverage > without.coverage


def test_the_lexical_query_adds_equivalents_the_corpus_uses(snapshot):
    knows = dataclasses.replace(snapshot, doc_freq=Counter(snapshot.doc_freq) + Counter({"mahlzeit": 3}))
    analysis = knows.understanding.analyze("Was kostet das Mittagessen?")
    assert lexical_query("Was kostet das Mittagessen?", analysis, knows, 0) == "Was kostet das Mittagessen?"
    expanded = lexical_query("Was kostet das Mittagessen?", analysis, knows, 2)
    assert expanded.startswith("Was kostet das Mittagessen? ") and "Mahlzeit" in expanded


def test_a_sentence_on_the_kunden_covers_a_question_on_the_kundschaft(snapshot):
    analysis = snapshot.understanding.analyze("Wohin schickt die Ausgabestelle ihre Kundschaft?")
    passage = Passage(Chunk(chunk_id="w1", doc_id="w", ordinal=0, text="Die Ausgabestelle schickt Kunden in die Sprechstunde."), DOC, 1.0)
    with_equivalents = _units([passage], analysis, snapshot, AnsweringSettings(equivalent_share=1.0))[0]
    without = _units([passage], analysis, snapshot, AnsweringSettings(equivalent_share=0.0))[0]
    assert with_equivalents.coverage > without.coverage

"""A survey's figure asked with no place is that of all its respondents: one place's share never leads the answer."""

from __future__ import annotations

import pytest

from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.extractive import compose_extractive
from assistant.services.question_types import asks_findings
from assistant.testing.sample_corpus import sample_setup

DOC = DocumentMeta(doc_id="s", title="Bürgerbefragung 2023 – Ergebnisse", source_path="s.md", content_hash="h", format="md")
PLACE = "Die Bürgerbefragung 2023 zeigt für Haspe: 51 Prozent der Befragten sind mit der Nachbarschaft zufrieden."
CITY = "Mit der Nachbarschaft sind 65 Prozent der Befragten zufrieden."


def test_how_many_respondents_are_content_asks_a_finding_how_many_took_part_the_method():
    assert asks_findings("Wie viele Befragte der Bürgerbefragung sind mit ihrer Nachbarschaft zufrieden?")
    assert asks_findings("Wie viele Befragte der Bürgerbefragung wünschen sich eine Beratungsstelle?")
    assert not asks_findings("Wie viele Befragte hatte die Bürgerbefragung?")
    assert not asks_findings("Wie viele Personen haben an der Bürgerbefragung teilgenommen?")


@pytest.fixture(scope="module")
def snapshot():
    return sample_setup().retrieval.snapshot()


def _answer(question: str, snapshot) -> str:
    passages = [Passage(Chunk("p0", "s", 0, PLACE), DOC, 1.0), Passage(Chunk("c0", "s", 1, CITY), DOC, 0.95)]
    analysis = snapshot.understanding.analyze(question)
    return compose_extractive(analysis.question, analysis, passages, snapshot).text


def _lead(question: str, snapshot) -> str:
    return _answer(question, snapshot).split(" [")[0]


def test_without_a_place_the_share_of_all_respondents_leads_and_no_place_s_share_follows(snapshot):
    question = "Wie viele Befragte der Bürgerbefragung 2023 sind mit ihrer Nachbarschaft zufrieden?"
    assert _lead(question, snapshot) == CITY
    assert "51 Prozent" not in _answer(question, snapshot)


def test_with_the_place_asked_its_share_leads(snapshot):
    assert _lead("Wie viele Befragte der Bürgerbefragung 2023 in Haspe sind mit ihrer Nachbarschaft zufrieden?", snapshot) == PLACE

""""Was hat die Befragung ergeben?": the report's own summary, or the first finding of each result section; a
question on one finding goes the usual way."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.findings import findings_overview
from assistant.testing.sample_corpus import sample_setup

SURVEY = DocumentMeta(doc_id="s", title="Befragung der Ehrenamtlichen 2022", source_path="s.md", content_hash="s", format="md")
SECTIONS = [
    ("", "Befragung der Ehrenamtlichen 2022. Stadt Hagen, Fachbereich Jugend und Soziales, in Zusammenarbeit mit der Statistik."),
    ("1 Anlage der Befragung", "Befragt wurden 412 Ehrenamtliche; 61 Prozent haben geantwortet."),
    ("2 Wer engagiert sich?", "Altstadt 131 44 % 15\nNur sieben Prozent der Engagierten sind jünger als 30 Jahre."),
    ("3 Motivation", "3.1 Gründe\nFür 83 Prozent steht die Gemeinschaft an erster Stelle."),
    ("4 Was Ehrenamtliche brauchen",
     "Am häufigsten genannt:\nDer am häufigsten genannte Bedarf ist eine feste hauptamtliche Ansprechperson."),
]


@pytest.fixture(scope="module")
def setting():
    snapshot = sample_setup().retrieval.snapshot()
    chunks = {f"s{i}": Chunk(chunk_id=f"s{i}", doc_id="s", ordinal=i, text=text, section=section)
              for i, (section, text) in enumerate(SECTIONS)}
    snapshot = dataclasses.replace(snapshot, chunks={**snapshot.chunks, **chunks}, documents={**snapshot.documents, "s": SURVEY})
    return snapshot, [Passage(chunks["s0"], SURVEY, 1.0), Passage(chunks["s1"], SURVEY, 0.9)]


def overview(question: str, setting):
    snapshot, passages = setting
    return findings_overview(snapshot.understanding.analyze(question), passages, snapshot, question)


def test_a_general_results_question_gets_the_first_finding_of_each_result_section(setting):
    answer = overview("Was hat die Befragung der Ehrenamtlichen ergeben?", setting)
    assert answer is not None
    lines = answer.text.splitlines()
    assert lines[0] == "Zentrale Ergebnisse laut „Befragung der Ehrenamtlichen 2022“:"
    assert [line.split(" [")[0] for line in lines[1:]] == [
        "- Nur sieben Prozent der Engagierten sind jünger als 30 Jahre.",
        "- Für 83 Prozent steht die Gemeinschaft an erster Stelle.",
        "- Der am häufigsten genannte Bedarf ist eine feste hauptamtliche Ansprechperson.",
    ]  # no title page, no method, no table line, no list intro
    assert [c.number for c in answer.citations] == [1, 2, 3]


def test_a_question_on_one_finding_is_left_to_the_usual_answer(setting):
    assert overview("Was wünschen sich die Ehrenamtlichen laut der Befragung am häufigsten?", setting) is None
    assert overview("Wie viele Ehrenamtliche wurden befragt?", setting) is None

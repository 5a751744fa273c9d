"""'Was regelt § N …?' is answered from the section headed by that § in the named statute, from its beginning."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.constraints import check
from assistant.services.paragraph_content import paragraph_content
from assistant.testing.sample_corpus import sample_setup

SGB2 = DocumentMeta(doc_id="sgb2", title="Sozialgesetzbuch Zweites Buch (II) (SGB 2)", source_path="a.md", content_hash="a", format="md")
SGB12 = DocumentMeta(doc_id="sgb12", title="Sozialgesetzbuch Zwölftes Buch (XII) (SGB 12)", source_path="b.md", content_hash="b",
                     format="md")
CHUNKS = [
    Chunk("p-a1", "sgb2", 1, "(1) Bedarfe für Unterkunft und Heizung werden in Höhe der tatsächlichen Aufwendungen anerkannt.",
          section="SGB II > § 22 Bedarfe für Unterkunft und Heizung"),
    Chunk("p-a2", "sgb2", 2, "Die Minderung nach § 22 Absatz 1 wird an den Vermieter gezahlt.", section="SGB II > § 31a Rechtsfolgen"),
    Chunk("p-b1", "sgb12", 1, "(1) Auszubildende haben keinen Anspruch auf Leistungen.", section="SGB XII > § 22 Sonderregelungen"),
]


@pytest.fixture(scope="module")
def snapshot():
    snap = sample_setup().retrieval.snapshot()
    return dataclasses.replace(snap, documents={**snap.documents, "sgb2": SGB2, "sgb12": SGB12},
                               chunks={**snap.chunks, **{c.chunk_id: c for c in CHUNKS}}, _derived={})


def passages(snapshot, *ids):
    return [Passage(snapshot.chunks[i], snapshot.documents[snapshot.chunks[i].doc_id], 1.0 - n / 10) for n, i in enumerate(ids)]


def test_the_section_headed_by_the_asked_paragraph_of_the_named_statute_answers(snapshot):
    analysis = snapshot.understanding.analyze("Was regelt § 22 SGB II?")
    kept = check(analysis, passages(snapshot, "p-a2", "p-b1", "p-a1"), snapshot, 5).passages
    assert [p.chunk.chunk_id for p in kept] == ["p-a1"]  # not the § that refers to it, not SGB XII's § 22
    answer = paragraph_content(analysis.question, kept, snapshot)
    assert answer.text.startswith("§ 22 Bedarfe für Unterkunft und Heizung (Sozialgesetzbuch Zweites Buch")
    assert "tatsächlichen Aufwendungen" in answer.text and answer.citations[0].chunk_id == "p-a1"


def test_a_reference_alone_is_no_answer_when_the_corpus_has_that_section(snapshot):
    analysis = snapshot.understanding.analyze("Was regelt § 22 SGB II?")
    refused = check(analysis, passages(snapshot, "p-a2"), snapshot, 5)
    assert refused.unmet == "paragraph"  # the caller searches further down for the section itself


def test_a_paragraph_of_several_statutes_asks_which_one_is_meant(snapshot):
    analysis = snapshot.understanding.analyze("Was regelt § 22?")
    kept = check(analysis, passages(snapshot, "p-a1", "p-b1"), snapshot, 5).passages
    answer = paragraph_content(analysis.question, kept, snapshot)
    assert answer.text.splitlines()[0] == "§ 22 steht in mehreren Dokumenten; bitte das gemeinte nennen:"
    assert len(answer.citations) == 2

"""'Was regelt § N …?' is answered from the section headed by that § in the named statute, from its beginning."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.constraints import check
from assistant.services.paragraph_content import headed_section, paragraph_content
from assistant.testing.sample_corpus import sample_setup

SGB2 = DocumentMeta(doc_id="sgb2", title="Sozialgesetzbuch Zweites Buch (II) (SGB 2)", source_path="a.md", content_hash="a", format="md")
SGB12 = DocumentMeta(doc_id="sgb12", title="Sozialgesetzbuch Zwölftes Buch (XII) (SGB 12)", source_path="b.md", content_hash="b",
                     format="md")
RULES = DocumentMeta(doc_id="go", title="Geschäftsordnung der Sozialraumteams", source_path="g.md", content_hash="g", format="md")
CHUNKS = [
    Chunk("g-4", "go", 4, "(1) Das Team beschreibt die Lage im Sozialraum.", section="§ 4 Aufgaben"),
    Chunk("g-5", "go", 5, "(1) Die Geschäftsführung liegt bei der Sozialplanung. (2) Sie lädt zu den Sitzungen ein.",
          section="§ 5 Geschäftsführung"),
    Chunk("p-a1", "sgb2", 1, "(1) Bedarfe für Unterkunft und Heizung werden in Höhe der tatsächlichen Aufwendungen anerkannt.",
          section="SGB II > § 22 Bedarfe für Unterkunft und Heizung"),
    Chunk("p-a2", "sgb2", 2, "Die Minderung nach § 22 Absatz 1 wird an den Vermieter gezahlt.", section="SGB II > § 31a Rechtsfolgen"),
    Chunk("p-b1", "sgb12", 1, "(1) Auszubildende haben keinen Anspruch auf Leistungen.", section="SGB XII > § 22 Sonderregelungen"),
]


@pytest.fixture(scope="module")
def snapshot():
    snap = sample_setup().retrieval.snapshot()
    return dataclasses.replace(snap, documents={**snap.documents, "sgb2": SGB2, "sgb12": SGB12, "go": RULES},
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


def test_the_duties_of_a_role_come_from_the_section_headed_by_it_in_the_rules_of_the_asked_body(snapshot):
    analysis = snapshot.understanding.analyze("Was macht die Geschäftsführung eines Sozialraumteams?")
    answer = headed_section(analysis.question, analysis.key_terms, passages(snapshot, "g-4", "g-5"), snapshot)
    assert answer is not None and answer.text.startswith("§ 5 Geschäftsführung (Geschäftsordnung der Sozialraumteams): (1) Die")
    assert answer.citations[0].chunk_id == "g-5"
    body = snapshot.understanding.analyze("Was macht ein Sozialraumteam?")  # "§ 4 Aufgaben" names only the cue
    assert headed_section(body.question, body.key_terms, passages(snapshot, "g-4", "g-5"), snapshot) is None
    other = snapshot.understanding.analyze("Was macht die Geschäftsführung der Steuerungsgruppe?")
    assert headed_section(other.question, other.key_terms, passages(snapshot, "g-5"), snapshot) is None

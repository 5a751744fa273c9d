"""Named institutions ("Begegnungsstätte Berchum"): naming heads learned from the corpus; a pair it never writes refuses."""

from __future__ import annotations

import dataclasses

import pytest

from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.constraints import check
from assistant.services.named_entities import NamedThing, asked_names, corpus_has, other_named_things
from assistant.testing.sample_corpus import sample_setup

DOC = DocumentMeta(doc_id="q", title="Qualitätsberichte 2023", source_path="q.md", content_hash="h", format="md", date="2023-12-01")
TEXTS = [
    "Die Begegnungsstätte Eilpe hatte 2023 rund 4.000 Besuchskontakte.",
    "Die Begegnungsstätte Elsey bietet 40 Plätze.",
    "In der Begegnungsstätte Westerbauer gibt es montags Mittagstisch.",
    "Die Quote Haspe ist ein Schreibfehler, der nur einmal vorkommt.",
    "Der Seniorentreff Eilpe öffnet montags.",
    "Der Seniorentreff Vorhalle öffnet dienstags.",
    "Der Seniorentreff Westerbauer öffnet mittwochs.",
    "Die Begegnungsstätten sind keine Gremien; jede Entscheidung liegt beim Träger, die Gremien beraten nur.",
]


def _chunk(n: int, text: str) -> Chunk:
    return Chunk(chunk_id=f"ne{n}", doc_id=DOC.doc_id, ordinal=n, text=text)


@pytest.fixture(scope="module")
def snapshot():
    base = sample_setup().retrieval.snapshot()
    chunks = dict(base.chunks) | {f"ne{n}": _chunk(n, t) for n, t in enumerate(TEXTS)}
    return dataclasses.replace(base, fingerprint=base.fingerprint + "+named", chunks=chunks, documents=dict(base.documents) | {"q": DOC})


def test_a_noun_the_corpus_follows_with_several_names_is_a_naming_head(snapshot):
    found = asked_names("Wie viele Plätze hat die Begegnungsstätte Berchum?", snapshot, 5, 3)
    assert found == [NamedThing("Begegnungsstätte", "Berchum")]
    assert not corpus_has(found[0], snapshot, 5)
    assert corpus_has(NamedThing("Begegnungsstätte", "Elsey"), snapshot, 5)


def test_a_noun_with_too_few_names_and_a_lower_case_question_name_nothing(snapshot):
    assert asked_names("Wie hoch ist die Quote Berchum?", snapshot, 5, 3) == []
    assert asked_names("wie viele plätze hat die begegnungsstätte berchum", snapshot, 5, 3) == []
    assert asked_names("Wie viele Plätze hat die Begegnungsstätte Berchum?", snapshot, 5, 4) == []


def test_an_unknown_named_institution_refuses_with_its_name(snapshot):
    analysis = snapshot.understanding.analyze("Wie viele Plätze hat die Begegnungsstätte Berchum?")
    elsey = Passage(snapshot.chunks["ne1"], DOC, 0.9)
    result = check(analysis, [elsey], snapshot, 5, 3)
    assert result.refusal == "Zu „Begegnungsstätte Berchum“ enthalten die Dokumente nichts."
    assert not check(analysis, [elsey], snapshot, 5, 0).refusal  # 0 switches the check off


def test_a_known_named_institution_keeps_the_passages_that_write_it(snapshot):
    analysis = snapshot.understanding.analyze("Wie viele Plätze hat die Begegnungsstätte Elsey?")
    eilpe, elsey = (Passage(snapshot.chunks[f"ne{n}"], DOC, 0.9) for n in (0, 1))
    result = check(analysis, [eilpe, elsey], snapshot, 5, 3)
    assert not result.refusal and result.passages == [elsey]


def test_a_sentence_on_another_named_thing_of_the_corpus_is_told_apart(snapshot):
    """"Wann öffnet die Begegnungsstätte Elsey?" is not answered by "Der Seniorentreff Eilpe öffnet montags."."""
    asked = asked_names("Wann öffnet die Begegnungsstätte Elsey?", snapshot, 5, 3)
    assert other_named_things("Der Seniorentreff Eilpe öffnet montags.", asked, snapshot, 5, 3)
    assert not other_named_things("Die Begegnungsstätte Elsey öffnet wie der Seniorentreff Eilpe montags.", asked, snapshot, 5, 3)
    assert not other_named_things("Sie öffnet montags um 9 Uhr.", asked, snapshot, 5, 3)  # names nothing: judged otherwise
    assert not other_named_things("Der Seniorentreff Eilpe öffnet montags.", [], snapshot, 5, 3)


def test_a_compound_of_corpus_nouns_after_a_head_is_a_kind_not_a_name(snapshot):
    """"Sind Begegnungsstätten Entscheidungsgremien?" asks what they are, it names no Begegnungsstätte."""
    from assistant.text import CompoundSplitter, GermanAnalyzer, word_counts

    words = word_counts([c.text for c in snapshot.chunks.values()])
    splitting = dataclasses.replace(snapshot, fingerprint=snapshot.fingerprint + "+split",
                                    analyzer=GermanAnalyzer(CompoundSplitter(dict(words))))
    assert asked_names("Sind Begegnungsstätten Entscheidungsgremien?", splitting, 5, 3) == []
    assert asked_names("Wie viele Plätze hat die Begegnungsstätte Berchum?", splitting, 5, 3)  # a name still is one



def test_the_plural_of_a_head_before_a_place_names_the_kind_of_thing_there(snapshot):
    """ "Plätze in Begegnungsstätten Haspe" asks for Haspe's Begegnungsstätten; only the singular names one of them."""
    assert asked_names("Entwicklung Plätze in Begegnungsstätten Haspe 2018 bis 2024", snapshot, 5, 3) == []
    assert asked_names("Wie viele Plätze hat die Begegnungsstätte Haspe?", snapshot, 5, 3) == [NamedThing("Begegnungsstätte", "Haspe")]


def test_an_article_at_a_sentences_start_is_no_naming_head(snapshot):
    """Sentences begin "Eine Mahlzeit …", "Eine Tanzgruppe …": "Eine" is no naming head, so "Eine Mahlzeit kostet 4,50
    Euro" names no other thing than the asked Begegnungsstätte Westerbauer and is not pushed down as one."""
    starts = ["Eine Mahlzeit kostet 4 Euro.", "Eine Sprechstunde gibt es montags.", "Eine Fahrradwerkstatt öffnet bald.",
              "Eine Tanzgruppe probt freitags."]
    chunks = dict(snapshot.chunks) | {f"ea{n}": _chunk(100 + n, t) for n, t in enumerate(starts)}
    local = dataclasses.replace(snapshot, fingerprint=snapshot.fingerprint + "+articles", chunks=chunks, _derived={})
    asked = [NamedThing("Begegnungsstätte", "Westerbauer")]
    assert not other_named_things("Eine Mahlzeit kostet 4,50 Euro.", asked, local, 5, 3)
    assert other_named_things("Der Seniorentreff Vorhalle öffnet dienstags.", asked, local, 5, 3)

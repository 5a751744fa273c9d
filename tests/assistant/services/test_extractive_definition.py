"""Definition answers keep a glossary entry's scope ("Dazu zählen …"), and a sentence that only names the asked place
gets no place bonus for it (settings.answering.definition_sequels, place_alone_share)."""

from __future__ import annotations

import pytest

from assistant.core.settings import AnsweringSettings
from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.extractive import _units, compose_extractive
from assistant.testing.sample_corpus import sample_setup

GLOSSAR = DocumentMeta(doc_id="g", title="Glossar", source_path="g.md", content_hash="h", format="md", date="2024-06-01")
ENTRY = (
    "Mindestsicherungsquote – Anteil der Empfänger*innen von Mindestsicherungsleistungen an der Bevölkerung. "
    "Dazu zählen Leistungen nach dem SGB II und Grundsicherung nach dem SGB XII. "
    "Migrationsquote – Anteil der Menschen mit Zuwanderungsgeschichte."
)


def passage(text: str, doc: DocumentMeta = GLOSSAR, n: int = 0) -> Passage:
    return Passage(Chunk(chunk_id=f"{doc.doc_id}{n}", doc_id=doc.doc_id, ordinal=n, text=text), doc, 1.0 - n / 10)


@pytest.fixture(scope="module")
def snapshot():
    return sample_setup().retrieval.snapshot()


def test_was_umfasst_asks_for_an_explanation(snapshot):
    assert snapshot.understanding.analyze("Was umfasst die Mindestsicherungsquote?").intent == "explain"


@pytest.mark.parametrize("sequels, scope_kept", [(0, False), (1, True)])
def test_the_sentence_after_a_definition_joins_it(snapshot, sequels, scope_kept):
    analysis = snapshot.understanding.analyze("Was umfasst die Mindestsicherungsquote?")
    params = AnsweringSettings(definition_sequels=sequels)
    answer = compose_extractive(analysis.question, analysis, [passage(ENTRY)], snapshot, params)
    assert "Anteil der Empfänger" in answer.text
    assert ("SGB XII" in answer.text) is scope_kept
    assert "Migrationsquote" not in answer.text  # the next glossary entry is another definition


def test_no_sequel_outside_explanations(snapshot):
    analysis = snapshot.understanding.analyze("Wie hoch ist die Mindestsicherungsquote?")
    answer = compose_extractive(analysis.question, analysis, [passage(ENTRY)], snapshot, AnsweringSettings(definition_sequels=2))
    assert "SGB XII" not in answer.text


def test_a_sentence_naming_only_the_place_loses_the_place_bonus(snapshot):
    analysis = snapshot.understanding.analyze("Wo gibt es in Haspe eine offene Beratung ohne Termin?")
    assert analysis.places
    only_place = passage("Haspe: Mittwoch, 25. September, 17.30 Uhr, Rathaus Haspe.")

    def score(share: float) -> float:
        (unit,) = _units([only_place], analysis, snapshot, AnsweringSettings(place_alone_share=share))
        return unit.score

    assert score(0.0) < score(1.0)



def test_a_term_the_whole_corpus_is_about_is_still_the_one_a_definition_question_asks(snapshot):
    from assistant.services.extractive import defines

    analysis = snapshot.understanding.analyze("Was ist ein Sozialraum?")
    assert not analysis.key_terms  # too common in the corpus to be a key term
    assert defines("Sozialraum – Planungsraum der Sozialplanung.", analysis, snapshot)


def test_the_glossary_entry_of_the_term_beats_a_compound_on_it_and_a_description_of_one(snapshot):
    analysis = snapshot.understanding.analyze("Was ist ein Sozialraum?")
    profile = DocumentMeta(doc_id="p", title="Sozialraumprofil Haspe", source_path="p.md", content_hash="p", format="md",
                           date="2024-06-01")
    described = passage("Der Sozialraum umfasst die Ortsteile Haspe und Westerbauer mit ihren Wohnquartieren.", profile, 0)
    compound = passage("Ein Sozialraumteam ist ein fachliches Arbeitsgremium auf der Ebene eines Sozialraums.", profile, 1)
    entry = passage("Sozialraum – Planungsraum der Sozial- und Jugendhilfeplanung aus mehreren Wohnbezirken.", GLOSSAR, 2)
    answer = compose_extractive(analysis.question, analysis, [described, compound, entry], snapshot)
    assert answer.text.startswith("Sozialraum – Planungsraum")

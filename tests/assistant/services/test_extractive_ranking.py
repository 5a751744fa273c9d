"""A question for the top of a ranking ("… am häufigsten?") is answered by the result table, quoted once with its intro."""

from __future__ import annotations

import pytest

from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.extractive import compose_extractive, introduces_results, result_block
from assistant.services.question_types import asks_ranking
from assistant.testing.sample_corpus import sample_setup

DOC = DocumentMeta(doc_id="b", title="Befragung 2022", source_path="b.md", content_hash="h", format="md")
#: A title that names every asked key word: its tables say nothing in particular about them.
NAMED = DocumentMeta(doc_id="b", title="Befragung der Ehrenamtlichen 2022", source_path="b.md", content_hash="h", format="md")
TABLE = ("Die Ehrenamtlichen konnten mehrere Bedarfe nennen.\n\nUnterstützung (wird gewünscht) Anteil\n"
         "feste hauptamtliche Ansprechperson 58 %\nQualifizierung, Fortbildung 46 %\nmehr Anerkennung 39 %")
CHATTER = ("Die Ehrenamtlichen fühlen sich häufig allein gelassen und wünschen sich Fachberatung. "
           "Viele Ehrenamtliche sind seit Jahren aktiv.")


def test_most_often_and_most_ask_for_the_top_of_a_ranking():
    assert asks_ranking("Welche Orte meiden Jugendliche abends am häufigsten?")
    assert asks_ranking("Was fehlt den Jugendlichen am meisten?")
    assert asks_ranking("Was ist die häufigste Antwort?")
    assert not asks_ranking("Wie viele Jugendliche meiden abends Orte?")


def test_when_a_ranking_is_asked_the_sentence_before_a_result_table_introduces_it_with_its_header_cells():
    pieces = ["Im Vordergrund stehen Begleitung und Anerkennung.", "Unterstützungsbedarf (wird gewünscht) Anteil",
              "feste hauptamtliche Ansprechperson 58 %", "Qualifizierung 46 %"]
    assert introduces_results(pieces[0], findings=False, ranking=True)
    assert not introduces_results(pieces[0], findings=False)
    assert result_block(pieces, 0) == (["Unterstützungsbedarf (wird gewünscht) Anteil"],
                                       ["feste hauptamtliche Ansprechperson 58 %", "Qualifizierung 46 %"])
    assert result_block(pieces[:3], 0) == ([], [])  # one line is no table


@pytest.fixture(scope="module")
def snapshot():
    return sample_setup().retrieval.snapshot()


def _answer(question: str, snapshot, doc: DocumentMeta = DOC):
    passages = [Passage(Chunk("c0", "b", 0, CHATTER), doc, 1.0), Passage(Chunk("t0", "b", 1, TABLE), doc, 0.9)]
    analysis = snapshot.understanding.analyze(question)
    return compose_extractive(analysis.question, analysis, passages, snapshot)


def test_the_result_table_answers_what_is_wished_most_often_and_each_line_is_quoted_once(snapshot):
    text = _answer("Was wünschen sich die Ehrenamtlichen am häufigsten zur Unterstützung?", snapshot).text
    assert text.startswith("Die Ehrenamtlichen konnten mehrere Bedarfe nennen.")  # the table leads the answer
    assert "feste hauptamtliche Ansprechperson 58 %" in text
    assert text.count("Qualifizierung, Fortbildung 46 %") == 1


def test_without_a_ranking_cue_the_table_gets_no_lead(snapshot):
    text = _answer("Was wünschen sich die Ehrenamtlichen zur Unterstützung?", snapshot).text
    assert text.splitlines()[0].startswith("Die Ehrenamtlichen")


def test_a_table_that_names_only_what_its_title_names_gets_no_lead(snapshot):
    text = _answer("Was wünschen sich die Ehrenamtlichen am häufigsten zur Unterstützung?", snapshot, NAMED).text
    assert text.splitlines()[0].startswith("Die Ehrenamtlichen")  # "Ehrenamtlichen" is the title's word, no topic

"""A question typed in lower case is written with the corpus's capitals; one with capitals of its own stays as typed."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.core.types import Chunk
from assistant.services.recasing import corpus_nouns, lower_case_typed, recased


class _Snapshot(SimpleNamespace):
    def derived(self, key, build):
        return build()


def snapshot(*texts: str) -> _Snapshot:
    chunks = {f"c{i}": Chunk(chunk_id=f"c{i}", doc_id="d", ordinal=i, text=t) for i, t in enumerate(texts)}
    return _Snapshot(chunks=chunks)


CORPUS = snapshot(
    "Im Jahr 2023 waren 18 Ehrenamtliche in der Begegnungsstätte Elsey aktiv.",
    "Die Ehrenamtliche der Begegnungsstätte Elsey berichtet, dass viele aktiv bleiben.",
)


def test_nouns_are_the_words_the_corpus_capitalises_inside_sentences():
    nouns = corpus_nouns(CORPUS)
    assert {"ehrenamtliche", "begegnungsstaette", "elsey"} <= nouns
    assert "aktiv" not in nouns and "in" not in nouns
    assert "im" not in nouns  # sentence-initial capitals say nothing


def test_a_lower_case_question_gets_the_corpus_capitals():
    assert recased("wie viele ehrenamtliche waren in der begegnungsstätte elsey aktiv", CORPUS) == (
        "wie viele Ehrenamtliche waren in der Begegnungsstätte Elsey aktiv"
    )


def test_a_question_with_capitals_stays_as_typed():
    typed = "Wie viele ehrenamtliche waren in der Begegnungsstätte elsey?"
    assert not lower_case_typed(typed)
    assert recased(typed, CORPUS) == typed

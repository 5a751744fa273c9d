"""A question that asks two things: each later part (and, with first_part_passages, the first one) is searched on its
own, and only checked evidence is added."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.settings import AnsweringSettings
from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.answering import AnsweringService
from assistant.services.constraints import Check
from assistant.services.query_understanding import QueryAnalysis
from assistant.services.retrieval import RetrievalResult
from assistant.testing.sample_corpus import sample_setup

DOC = DocumentMeta(doc_id="d", title="Protokoll", source_path="d.md", content_hash="h", format="md")


def passage(name: str, score: float) -> Passage:
    return Passage(Chunk(chunk_id=name, doc_id="d", ordinal=0, text=name), DOC, score)


@dataclass
class Searches:
    """A retrieval stand-in: the passages each query finds, and the queries it was asked."""

    found: dict[str, list[Passage]]
    snapshot: object
    asked: list[str]

    def retrieve(self, query, filters=None, k=None):
        passages = next((p for q, p in self.found.items() if q in query), [])
        analysis = QueryAnalysis(question=query)
        return RetrievalResult(query, analysis, passages, 0.9, self.snapshot)


def service(found: dict[str, list[Passage]], refused: set[str], first: int = 0) -> tuple[AnsweringService, Searches]:
    setup = sample_setup()
    searches = Searches(found, setup.retrieval.snapshot(), [])
    answering = AnsweringService(setup.retrieval)
    answering.params = AnsweringSettings(first_part_passages=first)
    answering.retrieval = searches

    def judged(result, passages):
        searches.asked.append(result.query)
        if any(p.chunk.chunk_id in refused for p in passages):
            return Check([], refusal="Dazu nichts."), None
        return Check(list(passages)), None

    answering._judged = judged
    return answering, searches


def result_for(question: str, passages: list[Passage], snapshot, keys: dict) -> RetrievalResult:
    return RetrievalResult(question, QueryAnalysis(question=question, key_terms=keys), passages, 0.9, snapshot)


def test_each_later_part_adds_its_own_passages_ranked_below_the_question_s():
    answering, searches = service({"Ehrenamtliche": [passage("tafel-190", 0.9), passage("ehrenamt-38", 0.95)]}, set())
    question = "Wie viele Haushalte versorgt die Tafel, und wie viele Ehrenamtliche fühlen sich überlastet?"
    keys = {t: frozenset() for t in searches.snapshot.analyzer.terms("Haushalte Tafel Ehrenamtliche überlastet")}
    result = result_for(question, [passage("tafel-190", 0.8), passage("tafel-other", 0.5)], searches.snapshot, keys)
    passages = answering._part_evidence(result, None)
    assert [p.chunk.chunk_id for p in passages] == ["tafel-190", "tafel-other", "ehrenamt-38"]
    assert passages[-1].score <= 0.5
    assert searches.asked == ["wie viele Ehrenamtliche fühlen sich überlastet?"]


def test_a_part_naming_too_little_is_searched_with_the_first_part_and_refused_evidence_is_not_added():
    answering, searches = service({"geworden": [passage("unrelated", 0.9)]}, {"unrelated"})
    question = "Was hat die Konferenz gegen fehlende Treffpunkte angeregt, und was ist daraus geworden?"
    keys = {t: frozenset() for t in searches.snapshot.analyzer.terms("Konferenz Treffpunkte")}
    result = result_for(question, [passage("konferenz", 0.8)], searches.snapshot, keys)
    assert [p.chunk.chunk_id for p in answering._part_evidence(result, None)] == ["konferenz"]
    assert searches.asked == ["Was hat die Konferenz gegen fehlende Treffpunkte angeregt, was ist daraus geworden?"]


def test_a_simple_question_searches_once():
    answering, searches = service({}, set())
    result = result_for("Wie viele Haushalte versorgt die Tafel?", [passage("tafel", 0.8)], searches.snapshot, {})
    assert [p.chunk.chunk_id for p in answering._part_evidence(result, None)] == ["tafel"]
    assert searches.asked == []


def test_the_first_part_is_searched_alone_when_asked_for():
    found = {"beschlossen": [passage("beschluss", 0.9)], "Lenneuferweg": [passage("umfrage-33", 0.9)]}
    answering, searches = service(found, set(), first=2)
    question = "Was sagen die Jugendlichen über den Lenneuferweg, und was hat die Konferenz dazu beschlossen?"
    keys = {t: frozenset() for t in searches.snapshot.analyzer.terms("Jugendlichen Lenneuferweg Konferenz beschlossen")}
    result = result_for(question, [passage("protokoll", 0.8)], searches.snapshot, keys)
    passages = [p.chunk.chunk_id for p in answering._part_evidence(result, None)]
    assert passages == ["protokoll", "umfrage-33", "beschluss"]
    assert searches.asked[0] == "Was sagen die Jugendlichen über den Lenneuferweg"
    assert searches.asked[1] == question.replace(", und", ",")  # "dazu" points back: searched with the first part


def test_a_part_pointing_back_is_searched_with_the_first_part_and_judged_by_what_it_asks_itself():
    answering, searches = service({"Mängel": [passage("begehung-19", 0.9)]}, set())
    analysed: list[str] = []
    judged = answering._judged

    def recording(result, passages):
        analysed.append(result.analysis.question)
        return judged(result, passages)

    answering._judged = recording
    question = "Was hat die Stadtteilkonferenz zur Sicherheit beschlossen, und wie viele Mängel wurden dabei festgehalten?"
    keys = {t: frozenset() for t in searches.snapshot.analyzer.terms("Stadtteilkonferenz Sicherheit Mängel festgehalten")}
    result = result_for(question, [passage("beschluss", 0.8)], searches.snapshot, keys)
    assert [p.chunk.chunk_id for p in answering._part_evidence(result, None)] == ["beschluss", "begehung-19"]
    assert searches.asked == [
        "Was hat die Stadtteilkonferenz zur Sicherheit beschlossen, wie viele Mängel wurden dabei festgehalten?"
    ]
    # the first part's institution is no constraint on the passage that says how many were recorded
    assert "Stadtteilkonferenz" not in analysed[0] and "Mängel" in analysed[0]


def test_a_multi_part_question_unmet_as_a_whole_is_answered_when_each_part_is_met_by_its_own_sources():
    answering, searches = service({"gestiegen": [passage("kunden-2022", 0.9)], "Oktober": [passage("stopp-2023", 0.9)]}, set())
    question = "Um wie viel ist die Zahl der Kunden 2022 gestiegen, und wen nahm die Ausgabestelle seit Oktober 2023 nicht auf?"
    keys = {t: frozenset() for t in searches.snapshot.analyzer.terms("Zahl Kunden 2022 gestiegen Ausgabestelle Oktober 2023")}
    result = result_for(question, [passage("other", 0.8)], searches.snapshot, keys)
    assert [p.chunk.chunk_id for p in answering._parts_answered(result, None)] == ["kunden-2022", "stopp-2023"]
    # one part that its own sources do not meet keeps the refusal of the whole question
    answering, searches = service({"gestiegen": [passage("kunden-2022", 0.9)], "Oktober": [passage("stopp-2023", 0.9)]},
                                  {"stopp-2023"})
    assert answering._parts_answered(result, None) == []
    assert answering._parts_answered(result_for("Wie viele Kunden hat die Tafel 2022?", [], searches.snapshot, keys), None) == []

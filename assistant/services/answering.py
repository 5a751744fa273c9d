"""The answering service: complete table answers, cited extractive answers, optional checked LLM prose.

Order of decisions for a question:
1. A list question ("welche Partner … in Haspe") with criteria that table rows can be filtered by is
   answered from ALL matching rows (services/tables.py) — in both modes: completeness beats prose.
2. Otherwise the retrieved evidence is judged: if the best dense similarity is below the calibrated
   threshold and the best passage covers too little of the question's (idf-weighted) terms, the answer
   is "Dazu finde ich in den Dokumenten nichts." with the nearest documents as hints.
3. Without a chat model (default) the extractive composer quotes the answering sentences; with one,
   the model writes prose from numbered evidence and the reply is checked (services/generative.py).
   If the model is unreachable, or its reply cites nothing, the extractive answer is given with a note.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from assistant.core.errors import InvalidInputError, LLMUnavailableError
from assistant.core.interfaces import ChatModel
from assistant.core.settings import RetrievalSettings, Settings
from assistant.core.types import Answer, QueryFilters, StreamEvent
from assistant.services.answer_type import answer_type_missing
from assistant.services.extractive import REFUSAL_TEXT, compose_extractive, key_support, missing_years, nearest_documents
from assistant.services.generative import build_messages, check_reply
from assistant.services.kennzahlen.routing import figure_answer
from assistant.services.retrieval import RetrievalResult, RetrievalService
from assistant.services.tables import compose_table_answer

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
#: The refusal rule, calibrated on the eval set's 17 unanswerable vs 151 answerable questions (see has_evidence):
#: the best sentence must cover at least KEY_SUPPORT_MIN of the question's key terms (idf-weighted), unless the
#: dense match is at least DENSE_STRONG; an asked year that no top passage mentions means the documents do not
#: cover that time. Below settings.min_dense_score nothing counts as evidence.
KEY_SUPPORT_MIN = 0.36
DENSE_STRONG = 0.90
SUPPORT_PASSAGES = 5

NOTE_LLM_DOWN = "Das Sprachmodell ist nicht erreichbar; die Antwort ist aus den Dokumenten zusammengestellt."
NOTE_LLM_UNSUPPORTED = "Die Antwort des Sprachmodells enthielt keine gültigen Belege; stattdessen die belegten Textstellen."
NOTE_REMOVED = "Nicht vorhandene Belegnummern wurden aus der Antwort entfernt: {numbers}."
NOTE_UNSUPPORTED = "Sätze mit „(ohne Beleg)“ sind durch keinen Beleg gestützt."


class AnsweringService:
    """Answers questions with citations.

    Args:
        retrieval: the RetrievalService (hybrid search, corpus snapshot, table rows).
        chat: an optional ChatModel; None means extractive answers only.
        settings: the full Settings (uses .retrieval), or RetrievalSettings; default: the retrieval service's.
    """

    def __init__(self, retrieval: RetrievalService, chat: ChatModel | None = None, settings: Settings | RetrievalSettings | None = None,
                 kennzahlen=None):
        self.retrieval = retrieval
        self.chat = chat
        #: Optional KennzahlenService: figure questions are answered from the fact store first (both modes).
        self.kennzahlen = kennzahlen
        if isinstance(settings, Settings):
            settings = settings.retrieval
        self.settings: RetrievalSettings = settings or retrieval.settings

    # --- public ---------------------------------------------------------------------------------------------

    def ask(self, question: str, filters: QueryFilters | None = None) -> Answer:
        """The answer to a question (never raises for 'no answer': that is Answer.refused)."""
        question = self._check(question)
        result = self.retrieval.retrieve(question, filters)
        decided = self._decide(question, result, filters)
        if decided is not None:
            return decided
        if self.chat is None:
            return self._extractive(question, result)
        return self._generative(question, result)

    def ask_stream(self, question: str, filters: QueryFilters | None = None) -> Iterator[StreamEvent]:
        """Text deltas as they come, then one final event with the checked Answer (replace the deltas with it)."""
        question = self._check(question)
        result = self.retrieval.retrieve(question, filters)
        answer = self._decide(question, result, filters)
        if answer is None and self.chat is not None:
            messages = build_messages(question, result.passages)
            pieces: list[str] = []
            try:
                for delta in self.chat.stream(messages):
                    pieces.append(delta)
                    yield StreamEvent(kind="delta", text=delta)
                answer = self._checked(question, result, "".join(pieces))
            except LLMUnavailableError as error:
                log.warning("LLM unavailable while streaming: %s", error.detail)
                answer = self._fallback(question, result, NOTE_LLM_DOWN)
        if answer is None:
            answer = self._extractive(question, result)
            for line in answer.text.splitlines(keepends=True):
                yield StreamEvent(kind="delta", text=line)
        yield StreamEvent(kind="final", text=answer.text, answer=answer)

    # --- steps ----------------------------------------------------------------------------------------------

    @staticmethod
    def _check(question: str) -> str:
        question = (question or "").strip()
        if not question:
            raise InvalidInputError("", message_de="Bitte eine Frage eingeben.", message_en="Please enter a question.")
        if len(question) > MAX_QUESTION_CHARS:
            raise InvalidInputError(
                f"{len(question)} > {MAX_QUESTION_CHARS}", message_de="Die Frage ist zu lang", message_en="The question is too long"
            )
        return question

    def _decide(self, question: str, result: RetrievalResult, filters: QueryFilters | None) -> Answer | None:
        """A table answer or a refusal when one applies; None means: compose from the passages."""
        figure = figure_answer(self.kennzahlen, question, result, filters)
        if figure is not None:
            return figure
        analysis, snapshot = result.analysis, result.snapshot
        if analysis.intent == "list" and analysis.has_row_criteria:
            matches = snapshot.tables.match(analysis, snapshot.vocabulary, filters)
            if matches:
                answer = compose_table_answer(question, analysis, matches, snapshot.vocabulary)
                answer.passages = result.passages
                return answer
        if not self.has_evidence(result):
            return self.refusal(question, result)
        return None

    def has_evidence(self, result: RetrievalResult) -> bool:
        """The calibrated refusal rule (see KEY_SUPPORT_MIN): similar text is not enough, the key terms must be there."""
        if not result.passages:
            return False
        dense = result.best_dense if result.best_dense is not None else 0.0
        if dense < self.settings.min_dense_score:
            return False
        top = result.passages[:SUPPORT_PASSAGES]
        if missing_years(result.analysis, top, result.snapshot) or answer_type_missing(result.analysis, top, result.snapshot):
            return False
        return dense >= DENSE_STRONG or key_support(result.analysis, top, result.snapshot) >= KEY_SUPPORT_MIN

    @staticmethod
    def refusal(question: str, result: RetrievalResult) -> Answer:
        """'Dazu finde ich in den Dokumenten nichts.' with the nearest documents as hints."""
        hints = nearest_documents(result.passages)
        notes = ["Vielleicht hilfreich: " + "; ".join(f"„{t}“" for t in hints)] if hints else []
        return Answer(question=question, text=REFUSAL_TEXT, refused=True, notes=notes, passages=result.passages)

    def _extractive(self, question: str, result: RetrievalResult) -> Answer:
        answer = compose_extractive(question, result.analysis, result.passages, result.snapshot)
        if answer.refused:
            return self.refusal(question, result)
        return answer

    def _fallback(self, question: str, result: RetrievalResult, note: str) -> Answer:
        answer = self._extractive(question, result)
        answer.notes.insert(0, note)
        return answer

    def _generative(self, question: str, result: RetrievalResult) -> Answer:
        assert self.chat is not None
        try:
            reply = self.chat.complete(build_messages(question, result.passages))
        except LLMUnavailableError as error:
            log.warning("LLM unavailable: %s", error.detail)
            return self._fallback(question, result, NOTE_LLM_DOWN)
        return self._checked(question, result, reply)

    def _checked(self, question: str, result: RetrievalResult, reply: str) -> Answer:
        checked = check_reply(reply, result.passages)
        if checked.refused:
            answer = self.refusal(question, result)
            answer.mode = "generative"
            return answer
        if not checked.supported:
            return self._fallback(question, result, NOTE_LLM_UNSUPPORTED)
        notes = []
        if checked.removed_numbers:
            notes.append(NOTE_REMOVED.format(numbers=", ".join(f"[{n}]" for n in sorted(set(checked.removed_numbers)))))
        if checked.unsupported_sentences:
            notes.append(NOTE_UNSUPPORTED)
        return Answer(
            question=question, text=checked.text, citations=checked.citations, mode="generative", notes=notes, passages=result.passages
        )


def format_answer(answer: Answer) -> str:
    """Plain-text rendering for terminals: the answer, notes, then 'Quellen' with number, title, place and quote."""
    lines = [answer.text]
    for note in answer.notes:
        lines.append(f"Hinweis: {note}")
    if answer.citations:
        lines.append("")
        lines.append("Quellen:")
        for c in answer.citations:
            where = f", {c.location}" if c.location else ""
            lines.append(f"[{c.number}] {c.title}{where}: „{c.quote}“")
    return "\n".join(lines)

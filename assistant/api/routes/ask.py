"""Asking questions: a whole answer, or the answer streamed as Server-Sent Events; follow-ups within a conversation."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from assistant.api import sse
from assistant.api.auth import Caller, current_caller
from assistant.api.conversing import history_for, remember
from assistant.api.deps import get_services
from assistant.api.errors import error_responses
from assistant.api.render import answer_out, query_filters
from assistant.api.schemas import AnswerOut, AskRequest
from assistant.core.validation import clean_question
from assistant.services.container import Services

router = APIRouter(prefix="/api/v1", tags=["Fragen"])

_STREAM_EXAMPLE = 'event: delta\ndata: {"text": "Die "}\n\nevent: final\ndata: {"question": "…", "text": "…", "citations": []}\n\n'
_STREAM_DOC = {200: {"description": "text/event-stream: `event: delta` mit {\"text\"}, zuletzt `event: final` mit der Antwort "
                                    "(wie POST /api/v1/ask); bei Fehlern `event: error` mit {\"error\"}.",
                     "content": {"text/event-stream": {"example": _STREAM_EXAMPLE}}}}


@router.post("/ask", response_model=AnswerOut, summary="Frage beantworten (mit Quellen)", responses=error_responses(401, 404, 422, 503))
def ask(body: AskRequest, caller: Caller = Depends(current_caller), services: Services = Depends(get_services)) -> AnswerOut:
    """Antwort aus den Dokumenten, die der Aufrufer lesen darf; ohne Beleg: „Dazu finde ich in den Dokumenten nichts.“

    Rückfragen („Und in Hohenlimburg?“) werden gegen die Unterhaltung (`conversation_id`) oder `history` aufgelöst."""
    question = clean_question(body.question)
    history = history_for(body, caller, services)
    answer = services.answering.ask(question, query_filters(body.filters, caller), history=history)
    return answer_out(answer, remember(body, caller, services, answer))


@router.post("/ask/stream", summary="Frage beantworten, Antwort als Server-Sent Events",
             responses={**_STREAM_DOC, **error_responses(401, 404, 422, 503)}, response_class=StreamingResponse)
def ask_stream(body: AskRequest, caller: Caller = Depends(current_caller), services: Services = Depends(get_services)) -> StreamingResponse:
    question = clean_question(body.question)
    history = history_for(body, caller, services)
    events = sse.primed(services.answering.ask_stream(question, query_filters(body.filters, caller), history=history))
    on_final = lambda answer: remember(body, caller, services, answer)  # noqa: E731
    return StreamingResponse(sse.answer_stream(events, on_final), media_type="text/event-stream", headers=sse.HEADERS)

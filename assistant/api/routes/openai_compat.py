"""OpenAI-compatible chat completions, so existing chat front ends can use planwissen as a model that answers with citations.

Stateless: the last user message is asked, the earlier messages of `messages` resolve follow-ups ("Und in Hohenlimburg?");
nothing is stored on the server. The caller's token sets the confidentiality level.
"""

from __future__ import annotations

import time

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse

from assistant.api import openai_format, sse
from assistant.api.auth import Caller, current_caller
from assistant.api.deps import get_links, get_services
from assistant.api.errors import error_responses
from assistant.api.schemas import ChatCompletionRequest, ChatCompletionResponse, ModelList
from assistant.core.types import QueryFilters
from assistant.core.validation import clean_question
from assistant.services.container import Services
from assistant.services.file_links import FileLinks

router = APIRouter(prefix="/v1", tags=["OpenAI-kompatibel"])
_STARTED = int(time.time())


def _link_for(request: Request, links: FileLinks, caller: Caller):
    base = str(request.base_url).rstrip("/")
    return lambda citation: base + links.url(citation.doc_id, caller.level, citation.page, owner=caller)


@router.post("/chat/completions", response_model=ChatCompletionResponse, summary="Chat Completion (OpenAI-Format, stream=true für SSE)",
             responses=error_responses(401, 422, 503))
def chat_completions(body: ChatCompletionRequest, request: Request, caller: Caller = Depends(current_caller),
                     services: Services = Depends(get_services), links: FileLinks = Depends(get_links)):
    question, history = openai_format.conversation(body.messages)
    question, filters = clean_question(question), QueryFilters(max_confidentiality=caller.level)
    link_for = _link_for(request, links, caller)
    if body.stream:
        events = sse.primed(services.answering.ask_stream(question, filters, history=history))
        return StreamingResponse(openai_format.completion_chunks(events, body.model, link_for), media_type="text/event-stream",
                                 headers=sse.HEADERS)
    return openai_format.completion(services.answering.ask(question, filters, history=history), body.model, link_for)


@router.get("/models", response_model=ModelList, summary="Verfügbare Modelle (OpenAI-Format)", responses=error_responses(401))
def list_models(caller: Caller = Depends(current_caller)) -> ModelList:
    return openai_format.models(_STARTED)

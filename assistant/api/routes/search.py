"""Searching passages without composing an answer (hybrid retrieval, best first)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from assistant.api.auth import Caller, current_caller
from assistant.api.deps import get_services
from assistant.api.errors import error_responses
from assistant.api.render import passage_out, query_filters
from assistant.api.schemas import SearchRequest, SearchResponse
from assistant.core.validation import clean_question
from assistant.services.container import Services

router = APIRouter(prefix="/api/v1", tags=["Suche"])


@router.post("/search", response_model=SearchResponse, summary="Textstellen suchen", responses=error_responses(401, 422, 503))
def search(body: SearchRequest, caller: Caller = Depends(current_caller), services: Services = Depends(get_services)) -> SearchResponse:
    query = clean_question(body.query, what="Suchanfrage")
    passages = services.retrieval.search(query, query_filters(body.filters, caller), k=body.k)
    return SearchResponse(query=query, results=[passage_out(p, caller.level) for p in passages])

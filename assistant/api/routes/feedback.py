"""Thumbs up/down on an answer, stored locally for later evaluation; callers can list and delete their own."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from assistant.api.auth import Caller, current_caller
from assistant.api.deps import get_feedback
from assistant.api.errors import error_responses
from assistant.api.schemas import FeedbackIn, FeedbackOut, OwnFeedbackList, OwnFeedbackOut
from assistant.services.feedback import FeedbackService

router = APIRouter(prefix="/api/v1", tags=["Feedback"])


def _source(caller: Caller) -> str:
    """Whose feedback an entry is: the token's name (API callers)."""
    return f"api:{caller.name}"


@router.post("/feedback", response_model=FeedbackOut, status_code=201, summary="Antwort bewerten (Daumen hoch/runter)",
             responses=error_responses(401, 422))
def give_feedback(body: FeedbackIn, caller: Caller = Depends(current_caller),
                  feedback: FeedbackService = Depends(get_feedback)) -> FeedbackOut:
    entry = feedback.record(rating=body.rating, question=body.question, answer=body.answer, comment=body.comment,
                            citations=[c.model_dump() for c in body.citations], source=_source(caller), level=caller.level)
    return FeedbackOut(id=entry.entry_id or 0, created_at=entry.created_at)


@router.get("/feedback", response_model=OwnFeedbackList, summary="Eigene Bewertungen", responses=error_responses(401))
def own_feedback(caller: Caller = Depends(current_caller), feedback: FeedbackService = Depends(get_feedback)) -> OwnFeedbackList:
    mine = [e for e in feedback.list() if e.source == _source(caller)]
    items = [OwnFeedbackOut(id=e.entry_id or 0, created_at=e.created_at, rating=e.rating, question=e.question, comment=e.comment)
             for e in mine]
    return OwnFeedbackList(count=len(items), feedback=items)


@router.delete("/feedback/{entry_id}", status_code=204, summary="Eigene Bewertung löschen", responses=error_responses(401, 404))
def delete_feedback(entry_id: int, caller: Caller = Depends(current_caller), feedback: FeedbackService = Depends(get_feedback)) -> Response:
    """Nur eigene Bewertungen; fremde gelten als nicht gefunden."""
    feedback.delete_own(entry_id, _source(caller))
    return Response(status_code=204)

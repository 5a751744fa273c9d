"""Thumbs up/down on an answer, stored locally for later evaluation."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from assistant.api.auth import Caller, current_caller
from assistant.api.deps import get_feedback
from assistant.api.errors import error_responses
from assistant.api.schemas import FeedbackIn, FeedbackOut
from assistant.services.feedback import FeedbackService

router = APIRouter(prefix="/api/v1", tags=["Feedback"])


@router.post("/feedback", response_model=FeedbackOut, status_code=201, summary="Antwort bewerten (Daumen hoch/runter)",
             responses=error_responses(401, 422))
def give_feedback(body: FeedbackIn, caller: Caller = Depends(current_caller),
                  feedback: FeedbackService = Depends(get_feedback)) -> FeedbackOut:
    entry = feedback.record(rating=body.rating, question=body.question, answer=body.answer, comment=body.comment,
                            citations=[c.model_dump() for c in body.citations], source=f"api:{caller.name}", level=caller.level)
    return FeedbackOut(id=entry.entry_id or 0, created_at=entry.created_at)

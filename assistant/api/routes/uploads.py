"""Failed uploads (files that could not be ingested): listed and deleted by callers who may change documents."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from assistant.api.auth import Caller, current_caller
from assistant.api.deps import get_inbox
from assistant.api.errors import error_responses
from assistant.api.schemas import FailedUploadList, FailedUploadOut
from assistant.services.uploads import UploadInbox

router = APIRouter(prefix="/api/v1", tags=["Dokumente"])


@router.get("/uploads/failed", response_model=FailedUploadList, summary="Fehlgeschlagene Uploads (nicht eingelesen)",
            responses=error_responses(401, 403))
def failed_uploads(caller: Caller = Depends(current_caller), inbox: UploadInbox = Depends(get_inbox)) -> FailedUploadList:
    caller.require_write()
    items = [FailedUploadOut(**vars(f)) for f in inbox.failed.list()]
    return FailedUploadList(count=len(items), uploads=items)


@router.delete("/uploads/failed/{upload_id}", status_code=204, summary="Fehlgeschlagenen Upload löschen",
               responses=error_responses(401, 403, 404))
def delete_failed_upload(upload_id: str, caller: Caller = Depends(current_caller), inbox: UploadInbox = Depends(get_inbox)) -> Response:
    caller.require_write()
    inbox.failed.delete(upload_id)
    return Response(status_code=204)

"""`planwissen feedback list|remove` and `planwissen uploads failed|remove`: what the retention keeps, looked at and
deleted by hand on the server (the person at the machine has the data directory anyway, so any entry may go)."""

from __future__ import annotations

from assistant.services.failed_uploads import FailedUploads
from assistant.services.feedback import FeedbackNotFoundError, FeedbackService

_RATING = {"up": "👍", "down": "👎"}


def feedback_lines(feedback: FeedbackService) -> list[str]:
    entries = feedback.list()
    if not entries:
        return ["Keine Rückmeldungen."]
    lines = [f"{e.entry_id:>5}  {e.created_at}  {_RATING.get(e.rating, e.rating)}  {e.source:<16}  {e.question[:70]}" for e in entries]
    return [*lines, f"{len(entries)} {'Rückmeldung' if len(entries) == 1 else 'Rückmeldungen'}."]


def remove_feedback(feedback: FeedbackService, entry_id: int) -> list[str]:
    entry = next((e for e in feedback.list() if e.entry_id == entry_id), None)
    if entry is None:
        raise FeedbackNotFoundError(str(entry_id))
    feedback.delete_own(entry_id, entry.source)
    return [f"Rückmeldung {entry_id} gelöscht."]


def failed_lines(failed: FailedUploads) -> list[str]:
    items = failed.list()
    if not items:
        return ["Keine fehlgeschlagenen Uploads."]
    lines = [f"{f.upload_id}  {f.failed_at}  {f.file_name}  ({f.size_bytes} Bytes)  {f.code}: {f.message}" for f in items]
    what = "fehlgeschlagener Upload" if len(items) == 1 else "fehlgeschlagene Uploads"
    return [*lines, f"{len(items)} {what} (löschen: planwissen uploads remove <ID>)."]


def remove_failed(failed: FailedUploads, upload_id: str) -> list[str]:
    failed.delete(upload_id)
    return [f"Fehlgeschlagener Upload {upload_id} gelöscht."]

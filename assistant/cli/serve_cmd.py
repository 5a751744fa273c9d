"""`planwissen serve`: one process with the REST API (/api/v1, /v1, /docs) and the German UI (/), on shared services.

UI and access: bound to localhost, the UI is mounted and every session reads at settings.server.local_level
(one person at their own machine, like the CLI). Bound to anything else, the API requires bearer tokens, and
the UI is NOT mounted unless asked for explicitly (`ui=True`, CLI `--ui`); then it asks for a login
(user name = token name, password = the token) and each session reads at that token's level, with signed
short-lived links to original files. Without tokens configured a non-local server refuses to start.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from assistant.api.app import create_app
from assistant.api.auth import is_local_bind
from assistant.core.errors import AuthenticationError, ConfigurationError
from assistant.core.settings import ApiToken
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
    mount_ui = local if ui is None else ui
    if app.state.sign_in is not None and mount_ui:
        # The UI does not yet read each session's level from the OIDC sign-in; mounted as it is, every signed-in
        # user would read at server.local_level. Until it does, OIDC servers offer the API only.
        log.warning("OIDC is on: the UI is not mounted yet (API and /auth only)")
        mount_ui = False
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
    level_for = None
    auth = None
    if login:
        tokens = {token.name: token for token in settings.server.tokens}
        if len(tokens) != len(settings.server.tokens):
            raise ConfigurationError("server.tokens", message_de="Für die Anmeldung an der Oberfläche brauchen Tokens eindeutige Namen",
                                     message_en="UI login needs unique token names")
        authenticator = app.state.authenticator

        def auth(username: str, password: str) -> bool:
            token = authenticator.token(password or "")
            return token is not None and token.name == username

        level_for = token_level_resolver(settings.server.tokens)

    ui_services, ui_jobs = audited_for_ui(app, services, gradio_actor(login))
    blocks = build_ui(ui_services, jobs=ui_jobs, feedback=app.state.feedback, inbox=app.state.inbox, links=app.state.links,
                      level_for=level_for)
    gr.mount_gradio_app(app, blocks, path="/", auth=auth, auth_message="Anmeldung: Name und Zugriffstoken" if login else None,
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


def token_level_resolver(tokens: list[ApiToken]) -> Callable[[object], str]:
    """UI sessions behind the login read at the level of the token they logged in with (user name = token name)."""
    by_name = {token.name: token for token in tokens}

    def level_for(request) -> str:
        token = by_name.get(getattr(request, "username", None) or "")
        if token is None:  # gradio checks the login before any handler runs; this is a second lock
            raise AuthenticationError()
        return token.level

    return level_for


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

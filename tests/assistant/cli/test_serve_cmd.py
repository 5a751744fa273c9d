"""`serve`: API and UI in one app; the UI only on localhost unless asked for, and then behind a token login."""

from __future__ import annotations

import os

import pytest
from fastapi.testclient import TestClient

from assistant.cli import serve_cmd
from assistant.core.errors import AuthenticationError, ConfigurationError
from assistant.core.settings import Settings
from assistant.testing.front_services import DEMO_TOKENS, INTERNAL_TOKEN, PUBLIC_TOKEN, build_front_services

LOCAL = "http://127.0.0.1:8765"


@pytest.fixture
def services(tmp_path):
    return build_front_services(Settings(data_dir=tmp_path / "data", server={"tokens": list(DEMO_TOKENS)}))


def test_localhost_serves_ui_api_and_docs_in_one_app(services):
    with TestClient(serve_cmd.build_server(services, "127.0.0.1"), base_url=LOCAL) as client:
        page = client.get("/")
        assert page.status_code == 200 and "gradio" in page.text.lower()
        config = client.get("/config").json()
        labels = {c.get("props", {}).get("label") for c in config["components"]}
        assert {"Ihre Frage", "Stadtbezirk", "Thema", "Dokumentart", "Jahr von (optional)", "Jahr bis (optional)",
                "Vertraulichkeit"} <= labels
        assert "Navigator.prototype" in page.text + str(config.get("head", ""))  # the German page script is mounted
        assert config["analytics_enabled"] is False
        assert client.get("/api/v1/health").status_code == 200
        assert client.get("/docs").status_code == 200
        assert client.post("/api/v1/ask", json={"question": "Was sind Sozialraumteams?"}).status_code == 200
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"


def test_api_preflight_is_not_answered_by_the_mounted_ui(services):
    """Without the guard, OPTIONS on an API path falls through to Gradio, which allows every localhost origin."""
    preflight = {"Origin": "http://localhost:3000", "Access-Control-Request-Method": "DELETE"}
    with TestClient(serve_cmd.build_server(services, "127.0.0.1"), base_url=LOCAL) as client:
        response = client.options("/api/v1/documents/angebote-haspe", headers=preflight)
        assert response.status_code == 403 and "access-control-allow-origin" not in response.headers
        assert client.get("/config", headers={"Origin": LOCAL}).status_code == 200  # the UI itself, same origin, is unaffected


def test_non_local_bind_has_no_ui_by_default(services):
    with TestClient(serve_cmd.build_server(services, "0.0.0.0"), base_url=LOCAL) as client:
        page = client.get("/")
        assert page.status_code == 200 and "abgeschaltet" in page.text
        assert client.get("/config").status_code == 404
        assert client.get("/api/v1/documents").status_code == 401


def test_non_local_ui_on_request_needs_a_token_login_with_matching_name(services):
    with TestClient(serve_cmd.build_server(services, "0.0.0.0", ui=True), base_url=LOCAL) as client:
        assert client.get("/config").status_code == 401
        assert client.post("/login", data={"username": "partner", "password": INTERNAL_TOKEN}).status_code >= 400
        assert client.post("/login", data={"username": "staff", "password": "falsch-falsch-falsch"}).status_code >= 400
        assert client.get("/config").status_code == 401
        assert client.post("/login", data={"username": "partner", "password": PUBLIC_TOKEN}).status_code == 200
        assert client.get("/config").status_code == 200
        assert client.get("/api/v1/documents").status_code == 401  # the UI login is not an API token


def test_non_local_bind_without_tokens_refuses_to_start(tmp_path):
    services = build_front_services(Settings(data_dir=tmp_path))
    with pytest.raises(ConfigurationError):
        serve_cmd.build_server(services, "0.0.0.0", ui=True)


def test_serve_runs_uvicorn_on_the_given_address(services, monkeypatch):
    calls = {}

    def fake_run(app, **kwargs):
        calls.update(kwargs, app=app)

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", fake_run)
    serve_cmd.serve(services, "127.0.0.1", 9999)
    assert calls["host"] == "127.0.0.1" and calls["port"] == 9999
    assert "/api/v1/ask" in calls["app"].openapi()["paths"]
    serve_cmd.serve(services)
    assert (calls["host"], calls["port"]) == (services.settings.server.host, services.settings.server.port)


def test_ui_session_level_comes_from_the_logged_in_token(services):
    caller_for = serve_cmd.token_caller_resolver(services.settings.server.tokens)

    class Request:
        def __init__(self, username):
            self.username = username

    assert caller_for(Request("partner")).level == "public" and caller_for(Request("staff")).level == "internal"
    assert caller_for(Request("staff")).owner == "staff"  # its signed links are bound to the token's name
    with pytest.raises(Exception) as caught:
        caller_for(Request(None))
    assert caught.value.code == "unauthenticated"


def test_gradio_routes_are_inside_the_host_and_origin_checks(services):
    """Before, /gradio_api/upload accepted a file from any foreign page (only /api and /v1 were Origin-checked)."""
    foreign = {"Origin": "http://evil.example"}
    with TestClient(serve_cmd.build_server(services, "127.0.0.1"), base_url=LOCAL) as client:
        upload = client.post("/gradio_api/upload", headers=foreign, files={"files": ("x.md", b"# Untergeschoben\n")})
        assert upload.status_code == 403 and upload.json()["error"]["code"] == "origin_not_allowed"
        assert client.get("/gradio_api/info", headers=foreign).status_code == 403
        rebinding = client.post("/gradio_api/upload", headers={"Host": "evil.example:8765", "Origin": "http://evil.example:8765"},
                                files={"files": ("x.md", b"# Untergeschoben\n")})
        assert rebinding.status_code == 421 and rebinding.json()["error"]["code"] == "host_not_allowed"
        assert client.get("/", headers={"Host": "evil.example:8765"}).status_code == 421
        own = client.post("/gradio_api/upload", headers={"Origin": LOCAL}, files={"files": ("x.md", b"# Eigenes\n")})
        assert own.status_code == 200 and own.json()[0].endswith("x.md")  # the UI's own upload still works
        assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200


def test_gradio_keeps_its_uploads_in_the_data_dir_not_in_tmp(services, monkeypatch):
    """Before: every file sent to the UI stayed as a copy in /tmp/gradio, readable by the machine's other users."""
    monkeypatch.delenv("GRADIO_TEMP_DIR", raising=False)
    with TestClient(serve_cmd.build_server(services, "127.0.0.1"), base_url=LOCAL) as client:
        response = client.post("/gradio_api/upload", files={"files": ("bericht.md", b"Geheimer Bericht\n", "text/markdown")})
        assert response.status_code == 200, response.text
        [path] = response.json()
        temp = services.settings.data_dir / "tmp" / "gradio"
        assert os.path.realpath(path).startswith(str(temp.resolve())) and os.path.isfile(path)
        assert temp.stat().st_mode & 0o077 == 0


def test_ui_calls_are_attributed_to_the_login_name_or_the_local_user(monkeypatch):
    from types import SimpleNamespace

    from gradio.context import LocalContext

    LocalContext.request.set(SimpleNamespace(username="staff"))
    assert serve_cmd.gradio_actor(login=True)() == "staff"
    LocalContext.request.set(None)
    assert serve_cmd.gradio_actor(login=False)() == "lokal"
    assert serve_cmd.gradio_actor(login=True)() == "unbekannt"  # behind a login never the local user


def _oidc_services(tmp_path):
    from assistant.testing.oidc_provider import with_oidc

    settings = with_oidc(Settings(data_dir=tmp_path / "data", server={"tokens": list(DEMO_TOKENS)}), "http://127.0.0.1:9",
                         level_by_group={"sozialplanung": "public"})
    return build_front_services(settings)


def test_with_oidc_the_ui_is_mounted_on_any_bind_behind_the_sign_in(tmp_path):
    """Before, OIDC servers offered the API only. The provider is only asked at the first sign-in, so none runs here."""
    app = serve_cmd.build_server(_oidc_services(tmp_path), "0.0.0.0")
    with TestClient(app, base_url=LOCAL) as client:
        page = client.get("/", headers={"Accept": "text/html"}, follow_redirects=False)
        assert page.status_code == 302 and page.headers["location"] == "/auth/login?next=%2F"
        refused = client.get("/config")
        assert refused.status_code == 401 and "angemeldet" in refused.json()["detail"]
    from starlette.routing import Mount

    assert any(isinstance(route, Mount) for route in app.routes)
    no_ui = serve_cmd.build_server(_oidc_services(tmp_path), "0.0.0.0", ui=False)
    assert not any(isinstance(route, Mount) for route in no_ui.routes)  # asked not to: API and /auth only


def test_ui_calls_with_oidc_read_as_the_session_of_their_cookie_until_it_ends(tmp_path):
    from types import SimpleNamespace

    from gradio.context import LocalContext

    from assistant.api.auth import SESSION_COOKIE
    from assistant.core.identity import Identity

    app = serve_cmd.build_server(_oidc_services(tmp_path), "0.0.0.0", ui=False)
    sessions = app.state.sign_in.sessions
    session = sessions.create(Identity(subject="bob", name="bob.schulz", level="public", expires_at=0))
    caller_for = serve_cmd.session_caller_resolver(app.state.authenticator)
    request = SimpleNamespace(cookies={SESSION_COOKIE: session.session_id})
    caller = caller_for(request)
    assert (caller.name, caller.level, caller.subject, caller.session_id) == ("bob.schulz", "public", "bob", session.session_id)
    LocalContext.request.set(request)
    assert serve_cmd.caller_actor(caller_for)() == "bob.schulz"
    sessions.end(session.session_id)
    with pytest.raises(AuthenticationError):
        caller_for(request)
    assert serve_cmd.caller_actor(caller_for)() == "unbekannt"
    with pytest.raises(AuthenticationError):
        caller_for(SimpleNamespace(cookies={}))  # no cookie at all
    LocalContext.request.set(None)

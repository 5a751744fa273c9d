"""Access: tokens off localhost, levels per token, and no route that lets a public caller see internal content."""

from __future__ import annotations

import json
import time

import pytest

from assistant.api.app import create_app
from assistant.api.auth import LinkSigner, is_local_bind
from assistant.core.errors import ConfigurationError
from assistant.core.settings import Settings
from assistant.testing.front_services import INTERNAL_MARKER, INTERNAL_TOKEN, PUBLIC_TOKEN, bearer

INTERNAL_DOC = "protokoll-steuerungsgruppe-2024"
INTERNAL_QUESTION = "Was beschloss die Steuerungsgruppe zur Diakonie und den Partnern zum Thema Armut in Haspe?"


@pytest.mark.parametrize(("host", "local"), [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("planwissen.intranet", False), ("", False),
])
def test_is_local_bind(host, local):
    assert is_local_bind(host) is local


def test_localhost_needs_no_token_and_reads_at_local_level(client):
    response = client.get("/api/v1/documents")
    assert response.status_code == 200
    assert INTERNAL_DOC in [d["doc_id"] for d in response.json()["documents"]]


def test_wrong_token_on_localhost_is_refused_rather_than_ignored(client):
    response = client.get("/api/v1/documents", headers=bearer("not-a-valid-token-at-all"))
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthenticated"


def test_token_on_localhost_gets_the_token_level(client):
    ids = [d["doc_id"] for d in client.get("/api/v1/documents", headers=bearer(PUBLIC_TOKEN)).json()["documents"]]
    assert INTERNAL_DOC not in ids and ids


@pytest.mark.parametrize(("method", "path", "body"), [
    ("post", "/api/v1/ask", {"question": "Armut"}),
    ("post", "/api/v1/ask/stream", {"question": "Armut"}),
    ("post", "/api/v1/search", {"query": "Armut"}),
    ("get", "/api/v1/documents", None),
    ("get", "/api/v1/documents/angebote-haspe", None),
    ("get", "/api/v1/documents/angebote-haspe/file", None),
    ("delete", "/api/v1/documents/angebote-haspe", None),
    ("get", "/api/v1/jobs/abc", None),
    ("get", "/api/v1/eval/summary", None),
    ("post", "/api/v1/feedback", {"rating": "up", "question": "x"}),
    ("post", "/v1/chat/completions", {"messages": [{"role": "user", "content": "Armut"}]}),
    ("get", "/v1/models", None),
])
def test_non_local_bind_requires_a_token_on_every_content_route(remote, method, path, body):
    kwargs = {"json": body} if body is not None else {}
    response = getattr(remote, method)(path, **kwargs)
    assert response.status_code == 401, path
    assert response.json()["error"]["code"] == "unauthenticated"
    assert response.headers["www-authenticate"] == "Bearer"
    wrong = getattr(remote, method)(path, headers=bearer("x" * 30), **kwargs)
    assert wrong.status_code == 401


def test_health_and_docs_stay_open_and_ready_counts_only_public_without_token(remote):
    assert remote.get("/api/v1/health").status_code == 200
    assert remote.get("/openapi.json").status_code == 200
    anonymous = remote.get("/api/v1/ready").json()
    staff = remote.get("/api/v1/ready", headers=bearer(INTERNAL_TOKEN)).json()
    assert anonymous["documents"] == 3 and staff["documents"] == 4


def test_non_local_bind_without_tokens_refuses_to_start(tmp_path):
    from assistant.testing.front_services import build_front_services

    services = build_front_services(Settings(data_dir=tmp_path))
    with pytest.raises(ConfigurationError) as caught:
        create_app(services, bind_host="0.0.0.0")
    assert "Tokens" in caught.value.describe("de")
    create_app(services, bind_host="127.0.0.1")  # localhost needs none


def test_short_tokens_are_a_configuration_error(tmp_path):
    from assistant.testing.front_services import build_front_services

    services = build_front_services(Settings(data_dir=tmp_path, server={"tokens": [{"token": "kurz", "name": "x"}]}))
    with pytest.raises(ConfigurationError):
        create_app(services, bind_host="0.0.0.0")


def _leaks(text: str) -> bool:
    """Strings found only in the internal document (never in the questions asked here)."""
    return any(marker in text for marker in (INTERNAL_MARKER, INTERNAL_DOC, "noch nicht bewilligt", "Protokoll Steuerungsgruppe"))


def test_public_token_never_sees_internal_content_by_any_route(remote):
    """Every route that returns content, asked for the internal document's content with a public token."""
    public = bearer(PUBLIC_TOKEN)
    responses = {
        "ask": remote.post("/api/v1/ask", headers=public, json={"question": INTERNAL_QUESTION}),
        "ask_filtered": remote.post("/api/v1/ask", headers=public,
                                    json={"question": INTERNAL_QUESTION, "filters": {"kinds": ["protokoll"]}}),
        "stream": remote.post("/api/v1/ask/stream", headers=public, json={"question": INTERNAL_QUESTION}),
        "search": remote.post("/api/v1/search", headers=public, json={"query": "Steuerungsgruppe Diakonie Mittel bewilligt", "k": 50}),
        "list": remote.get("/api/v1/documents", headers=public),
        "get": remote.get(f"/api/v1/documents/{INTERNAL_DOC}", headers=public),
        "file": remote.get(f"/api/v1/documents/{INTERNAL_DOC}/file", headers=public),
        "chat": remote.post("/v1/chat/completions", headers=public, json={"messages": [{"role": "user", "content": INTERNAL_QUESTION}]}),
        "chat_stream": remote.post("/v1/chat/completions", headers=public,
                                   json={"stream": True, "messages": [{"role": "user", "content": INTERNAL_QUESTION}]}),
        "delete": remote.delete(f"/api/v1/documents/{INTERNAL_DOC}", headers=public),
        "eval": remote.get("/api/v1/eval/summary", headers=public),
    }
    by_id = {"get", "file", "delete"}  # these echo the id the caller sent; they must answer exactly as for a missing document
    for route, response in responses.items():
        if route in by_id:
            continue
        assert not _leaks(response.text), f"{route} leaked internal content: {response.text[:300]}"
    for route in by_id:
        missing = {"get": remote.get("/api/v1/documents/gibt-es-nicht", headers=public),
                   "file": remote.get("/api/v1/documents/gibt-es-nicht/file", headers=public),
                   "delete": remote.delete("/api/v1/documents/gibt-es-nicht", headers=public)}[route]
        assert responses[route].status_code == missing.status_code
        assert responses[route].text.replace(INTERNAL_DOC, "gibt-es-nicht") == missing.text
    assert responses["get"].status_code == 404 and responses["get"].json()["error"]["code"] == "document_not_found"
    assert responses["file"].status_code == 404
    assert responses["delete"].status_code == 403
    assert responses["eval"].status_code == 403
    assert responses["search"].status_code == 200 and len(responses["search"].json()["results"]) == 4  # all 4 public chunks, none more
    # the same questions with a staff token do reach the internal document (so the test above can fail)
    staff = bearer(INTERNAL_TOKEN)
    assert _leaks(remote.post("/api/v1/ask", headers=staff, json={"question": INTERNAL_QUESTION}).text)
    chat = {"messages": [{"role": "user", "content": INTERNAL_QUESTION}]}
    assert _leaks(remote.post("/v1/chat/completions", headers=staff, json=chat).text)
    assert remote.get(f"/api/v1/documents/{INTERNAL_DOC}/file", headers=staff).status_code == 200


def test_every_retrieval_call_carried_the_callers_level(remote, services):
    services.retrieval.seen_filters.clear()
    remote.post("/api/v1/ask", headers=bearer(PUBLIC_TOKEN), json={"question": "Armut"})
    remote.post("/api/v1/ask/stream", headers=bearer(PUBLIC_TOKEN), json={"question": "Armut"})
    remote.post("/api/v1/search", headers=bearer(PUBLIC_TOKEN), json={"query": "Armut"})
    remote.post("/v1/chat/completions", headers=bearer(PUBLIC_TOKEN), json={"messages": [{"role": "user", "content": "Armut"}]})
    remote.post("/v1/chat/completions", headers=bearer(PUBLIC_TOKEN),
                json={"stream": True, "messages": [{"role": "user", "content": "Armut"}]})
    assert [f.max_confidentiality for f in services.retrieval.seen_filters] == ["public"] * 5


def test_signed_links_open_files_without_a_bearer_header(remote):
    """Chat front ends and the UI get short-lived signed links; they work for exactly that document and level."""
    body = remote.post("/v1/chat/completions", headers=bearer(PUBLIC_TOKEN),
                       json={"messages": [{"role": "user", "content": "Welche Beteiligungsformate nutzt die Sozialplanung?"}]}).json()
    content = body["choices"][0]["message"]["content"]
    url = content[content.index("http://testserver") + len("http://testserver"):].split()[0]
    path, _, fragment = url.partition("#")
    assert fragment == "page=1" and "sig=" in path
    assert remote.get(path).status_code == 200
    tampered_level = path.replace("lvl=public", "lvl=internal")
    assert remote.get(tampered_level).status_code == 401
    other_doc = path.replace("planungskonzept-2023", INTERNAL_DOC)
    assert remote.get(other_doc).status_code == 401


def test_signed_link_expires_and_cannot_lift_a_public_level():
    signer = LinkSigner(secret=b"k" * 32, ttl_s=-1)
    params = signer.sign("doc", "public")
    with pytest.raises(Exception) as caught:
        signer.verify("doc", params["lvl"], params["exp"], params["sig"])
    assert caught.value.code == "unauthenticated"
    fresh = LinkSigner(secret=b"k" * 32)
    params = fresh.sign("doc", "public")
    assert fresh.verify("doc", "public", params["exp"], params["sig"]).level == "public"
    assert int(params["exp"]) > time.time()


def test_public_signed_link_does_not_open_an_internal_document(remote, services):
    signer: LinkSigner = remote.app.state.links.signer
    params = signer.sign(INTERNAL_DOC, "public")
    response = remote.get(f"/api/v1/documents/{INTERNAL_DOC}/file", params=params)
    assert response.status_code == 404 and response.json()["error"]["code"] == "document_not_found"


def test_cors_closed_by_default_and_open_only_for_configured_origins(make_client, services):
    preflight = {"Origin": "https://intranet.hagen.de", "Access-Control-Request-Method": "POST"}
    closed = make_client()
    assert "access-control-allow-origin" not in closed.options("/api/v1/ask", headers=preflight).headers
    assert "access-control-allow-origin" not in closed.get("/api/v1/health", headers={"Origin": "https://evil.example"}).headers
    services.settings.server.cors_origins = ["https://intranet.hagen.de"]
    opened = make_client()
    assert opened.options("/api/v1/ask", headers=preflight).headers["access-control-allow-origin"] == "https://intranet.hagen.de"
    assert "access-control-allow-origin" not in opened.get("/api/v1/health", headers={"Origin": "https://evil.example"}).headers


def test_foreign_web_pages_cannot_write_to_a_local_server(make_client, services):
    """A form post from another site needs no preflight; without the guard it would upload as the local (writing) user."""
    closed = make_client()
    before = len(closed.get("/api/v1/documents").json()["documents"])
    upload = closed.post("/api/v1/documents", headers={"Origin": "https://evil.example"}, files={"file": ("x.md", b"Untergeschoben.\n")})
    assert upload.status_code == 403 and upload.json()["error"]["code"] == "origin_not_allowed"
    delete = closed.delete("/api/v1/documents/angebote-haspe", headers={"Origin": "http://localhost:3000"})
    assert delete.status_code == 403 and closed.get("/api/v1/documents/angebote-haspe").status_code == 200
    preflight = closed.options("/api/v1/documents", headers={"Origin": "http://localhost:3000", "Access-Control-Request-Method": "DELETE"})
    assert preflight.status_code == 403 and "access-control-allow-origin" not in preflight.headers
    assert len(closed.get("/api/v1/documents").json()["documents"]) == before
    same_origin = closed.post("/api/v1/ask", headers={"Origin": "http://testserver"}, json={"question": "Was sind Sozialraumteams?"})
    assert same_origin.status_code == 200  # the UI and /docs on the server's own address
    services.settings.server.cors_origins = ["https://intranet.hagen.de"]
    opened = make_client()
    allowed = opened.post("/api/v1/ask", headers={"Origin": "https://intranet.hagen.de"}, json={"question": "Was sind Sozialraumteams?"})
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == "https://intranet.hagen.de"
    assert opened.post("/api/v1/ask", headers={"Origin": "https://evil.example"}, json={"question": "x"}).status_code == 403


def test_stream_of_a_public_caller_has_no_internal_passage(remote):
    text = remote.post("/api/v1/ask/stream", headers=bearer(PUBLIC_TOKEN), json={"question": INTERNAL_QUESTION}).text
    final = json.loads(text.strip().split("\n\n")[-1].split("data: ", 1)[1])
    assert all(c["doc_id"] != INTERNAL_DOC for c in final["citations"])


def test_static_tokens_with_an_expiry_stop_working_with_a_stable_code(tmp_path):
    from fastapi.testclient import TestClient

    from assistant.testing.front_services import build_front_services, front_settings

    base = front_settings(tmp_path / "data")
    tokens = [*base.server.tokens, {"token": "expired-token-0123456789", "name": "altvertrag", "level": "public",
                                    "expires": "2020-01-01T00:00:00+01:00"},
              {"token": "current-token-0123456789", "name": "laufend", "level": "public", "expires": "2999-01-01T00:00:00"}]
    settings = Settings(data_dir=base.data_dir, server={**base.server.model_dump(), "tokens": tokens})
    with TestClient(create_app(build_front_services(settings), bind_host="0.0.0.0"), raise_server_exceptions=False) as remote:
        expired = remote.get("/api/v1/documents", headers=bearer("expired-token-0123456789"))
        assert expired.status_code == 401 and expired.json()["error"]["code"] == "token_expired"
        assert expired.headers["www-authenticate"] == "Bearer"
        assert remote.get("/api/v1/documents", headers=bearer("current-token-0123456789")).status_code == 200
        assert remote.get("/api/v1/documents", headers=bearer(PUBLIC_TOKEN)).status_code == 200  # no expiry: as before


def test_signed_links_are_bound_to_the_token_they_were_made_for(remote):
    body = remote.post("/v1/chat/completions", headers=bearer(PUBLIC_TOKEN),
                       json={"messages": [{"role": "user", "content": "Welche Beteiligungsformate nutzt die Sozialplanung?"}]}).json()
    content = body["choices"][0]["message"]["content"]
    path = content[content.index("http://testserver") + len("http://testserver"):].split()[0].partition("#")[0]
    assert "sub=partner" in path
    assert remote.get(path, headers=bearer(PUBLIC_TOKEN)).status_code == 200
    refused = remote.get(path, headers=bearer(INTERNAL_TOKEN))
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "link_not_yours"
    assert remote.get(path.replace("sub=partner", "sub=staff"), headers=bearer(INTERNAL_TOKEN)).status_code == 401  # tampered

"""Every HTTP route, called with a public (partner) token, against real services holding internal documents:
no response body — JSON, SSE stream, file — ever contains internal content. The same calls with an internal token
do reach it, so the test can fail."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.testing.fake_chat import FakeChatModel
from assistant.testing.front_services import DEMO_TOKENS, INTERNAL_TOKEN, PUBLIC_TOKEN, bearer
from assistant.testing.trust_corpus import INTERNAL_MARKERS, PROBES, build_trust_services, contains_internal


@pytest.fixture(scope="module", params=["extractive", "generative"])
def client(request, tmp_path_factory):
    chat = FakeChatModel(reply="Das steht in den Belegen [1].") if request.param == "generative" else None
    data = tmp_path_factory.mktemp(f"leaks-{request.param}") / "data"
    services = build_trust_services(data, chat=chat, server={"tokens": list(DEMO_TOKENS)})
    app = create_app(services, bind_host="0.0.0.0", eval_dirs=[])
    with TestClient(app, base_url="http://127.0.0.1:8765", raise_server_exceptions=False) as test_client:
        test_client.services = services
        yield test_client


def leaked(text: str, probe: str = "") -> list[str]:
    return contains_internal(text.replace(probe, "") if probe else text)


def _content_calls(client: TestClient, probe: str, token: str) -> list[tuple[str, str]]:
    """(route, body) of every route that can carry document content, for one probe."""
    headers = bearer(token)
    messages = [{"role": "user", "content": probe}]
    calls = [
        ("search", client.post("/api/v1/search", json={"query": probe, "k": 50}, headers=headers)),
        ("ask", client.post("/api/v1/ask", json={"question": probe}, headers=headers)),
        ("ask/stream", client.post("/api/v1/ask/stream", json={"question": probe}, headers=headers)),
        ("chat/completions", client.post("/v1/chat/completions", headers=headers, json={"model": "planwissen", "messages": messages})),
        ("chat/completions stream", client.post("/v1/chat/completions", headers=headers,
                                                json={"model": "planwissen", "stream": True, "messages": messages})),
    ]
    for route, response in calls:
        assert response.status_code == 200, (route, response.status_code, response.text[:300])
    return [(route, response.text) for route, response in calls]


def test_internal_token_reaches_internal_content(client):
    seen = set()
    for probe in PROBES:
        for _, body in _content_calls(client, probe, INTERNAL_TOKEN):
            seen.update(leaked(body, probe))
    documents = client.get("/api/v1/documents", headers=bearer(INTERNAL_TOKEN)).text
    assert seen == set(INTERNAL_MARKERS) and "Nordstern" in documents


@pytest.mark.parametrize("probe", PROBES)
def test_public_token_gets_no_internal_content_from_any_answer_route(client, probe):
    for route, body in _content_calls(client, probe, PUBLIC_TOKEN):
        assert not leaked(body, probe), (route, body[:500])


def test_public_token_cannot_see_internal_documents_or_files(client):
    internal = [d for d in client.services.store.documents() if d.confidentiality == "internal"]
    assert len(internal) == 2
    listing = client.get("/api/v1/documents", headers=bearer(PUBLIC_TOKEN))
    assert listing.status_code == 200 and not leaked(listing.text)
    assert {d["doc_id"] for d in listing.json()["documents"]}.isdisjoint({d.doc_id for d in internal})
    for doc in internal:
        for path in (f"/api/v1/documents/{doc.doc_id}", f"/api/v1/documents/{doc.doc_id}/file"):
            assert client.get(path, headers=bearer(INTERNAL_TOKEN)).status_code == 200
            response = client.get(path, headers=bearer(PUBLIC_TOKEN))
            missing = client.get(path.replace(doc.doc_id, "gibt-es-nicht"), headers=bearer(PUBLIC_TOKEN))
            assert response.status_code == missing.status_code == 404  # no oracle: internal looks like absent
            assert response.json()["error"]["code"] == missing.json()["error"]["code"]
            assert not leaked(response.text, doc.doc_id)
        forged = client.get(f"/api/v1/documents/{doc.doc_id}/file", params={"lvl": "internal", "exp": "9999999999", "sig": "0" * 32})
        assert forged.status_code == 401 and not leaked(forged.text, doc.doc_id)
    ready = client.get("/api/v1/ready", headers=bearer(PUBLIC_TOKEN)).json()
    assert ready["documents"] == len(client.services.store.documents()) - 2


def test_the_level_cannot_be_raised_from_the_request(client):
    for body in ({"question": "Zebrastreifenfonds", "max_confidentiality": "internal"},
                 {"question": "Zebrastreifenfonds", "filters": {"max_confidentiality": "internal"}}):
        response = client.post("/api/v1/ask", json=body, headers=bearer(PUBLIC_TOKEN))
        assert response.status_code == 422 and not leaked(response.text, "Zebrastreifenfonds")
    assert client.post("/api/v1/ask", json={"question": "Zebrastreifenfonds"}).status_code == 401
    assert client.post("/api/v1/ask", json={"question": "Zebrastreifenfonds"}, headers=bearer("falsch" * 5)).status_code == 401


def test_bm25_scores_reach_only_callers_who_may_read_every_document(client):
    """The lexical score's term weights are counted over all documents, internal ones included (issue 15, 9b)."""
    def scores(token):
        found = client.post("/api/v1/search", json={"query": PROBES[0], "k": 20}, headers=bearer(token)).json()["results"]
        return [r["lexical_score"] for r in found]

    public, internal = scores(PUBLIC_TOKEN), scores(INTERNAL_TOKEN)
    assert public and all(score is None for score in public)
    assert any(score is not None for score in internal)

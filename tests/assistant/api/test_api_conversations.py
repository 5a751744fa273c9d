"""Conversations over the REST API: follow-ups by conversation_id or history, the user's own list, rename, delete, levels."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.core.settings import Settings
from assistant.testing.front_services import INTERNAL_TOKEN, PUBLIC_TOKEN, bearer, build_front_services

FIRST = "Wie hoch ist die SGB-II-Quote in Haspe?"
FOLLOW_UP = "Und in Hohenlimburg?"
RESOLVED = "Wie hoch ist die SGB-II-Quote in Hohenlimburg?"


def parse_sse(text: str) -> list[tuple[str, dict]]:
    import json

    events = []
    for block in text.strip().split("\n\n"):
        lines = block.split("\n")
        name = lines[0].removeprefix("event: ")
        events.append((name, json.loads("\n".join(line.removeprefix("data: ") for line in lines[1:]))))
    return events


def test_ask_starts_a_conversation_and_the_follow_up_is_resolved_in_it(client):
    first = client.post("/api/v1/ask", json={"question": FIRST}).json()
    assert first["conversation_id"] and first["understood_as"] == FIRST
    second = client.post("/api/v1/ask", json={"question": FOLLOW_UP, "conversation_id": first["conversation_id"]}).json()
    assert second["conversation_id"] == first["conversation_id"]
    assert second["question"] == FOLLOW_UP and second["understood_as"] == RESOLVED
    assert second["citations"][0]["doc_id"] == "sozialraumprofil-hohenlimburg-2024"
    stored = client.get(f"/api/v1/conversations/{first['conversation_id']}").json()
    assert [t["question"] for t in stored["turns"]] == [FIRST, FOLLOW_UP]
    assert stored["turns"][1]["understood_as"] == RESOLVED and stored["turns"][1]["citations"][0]["number"] == 1
    assert stored["title"] == FIRST and stored["level"] == "internal" and stored["turn_count"] == 2


def test_history_in_the_body_resolves_and_stores_nothing(client):
    answer = client.post("/api/v1/ask", json={"question": FOLLOW_UP, "history": [{"question": FIRST}]}).json()
    assert answer["understood_as"] == RESOLVED and answer["conversation_id"] is None
    assert client.get("/api/v1/conversations").json()["count"] == 0


def test_conversation_id_and_history_together_are_refused(client):
    started = client.post("/api/v1/conversations", json={}).json()
    response = client.post("/api/v1/ask", json={"question": FOLLOW_UP, "conversation_id": started["conversation_id"], "history": []})
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_input"


def test_unknown_conversation_is_a_404_also_when_streaming(client):
    for path in ("/api/v1/ask", "/api/v1/ask/stream"):
        response = client.post(path, json={"question": FOLLOW_UP, "conversation_id": "gibt-es-nicht"})
        assert response.status_code == 404 and response.json()["error"]["code"] == "conversation_not_found"


def test_stream_final_event_carries_conversation_and_understanding(client):
    first = client.post("/api/v1/ask", json={"question": FIRST}).json()
    response = client.post("/api/v1/ask/stream", json={"question": FOLLOW_UP, "conversation_id": first["conversation_id"]})
    final = parse_sse(response.text)[-1]
    assert final[0] == "final" and final[1]["understood_as"] == RESOLVED and final[1]["conversation_id"] == first["conversation_id"]
    assert client.get(f"/api/v1/conversations/{first['conversation_id']}").json()["turn_count"] == 2


def test_list_rename_delete_only_the_callers_own(client):
    mine = client.post("/api/v1/ask", json={"question": FIRST}, headers=bearer(INTERNAL_TOKEN)).json()["conversation_id"]
    client.post("/api/v1/ask", json={"question": "Was sind Sozialraumteams?"})  # the local user's, not the token holder's
    listed = client.get("/api/v1/conversations", headers=bearer(INTERNAL_TOKEN)).json()
    assert [c["conversation_id"] for c in listed["conversations"]] == [mine]
    renamed = client.patch(f"/api/v1/conversations/{mine}", json={"title": "SGB II Haspe"}, headers=bearer(INTERNAL_TOKEN))
    assert renamed.status_code == 200 and renamed.json()["title"] == "SGB II Haspe"
    assert client.patch(f"/api/v1/conversations/{mine}", json={"title": "fremd"}).status_code == 404
    assert client.delete(f"/api/v1/conversations/{mine}").status_code == 404
    assert client.delete(f"/api/v1/conversations/{mine}", headers=bearer(INTERNAL_TOKEN)).status_code == 204
    assert client.get(f"/api/v1/conversations/{mine}", headers=bearer(INTERNAL_TOKEN)).status_code == 404


def test_a_lower_level_never_sees_a_conversation_held_at_a_higher_one(make_client, services):
    services.settings.server.tokens[0].name = "staff"  # same user name, two levels
    client = make_client()
    internal = client.post("/api/v1/ask", json={"question": FIRST}, headers=bearer(INTERNAL_TOKEN)).json()["conversation_id"]
    assert client.get("/api/v1/conversations", headers=bearer(PUBLIC_TOKEN)).json()["count"] == 0
    assert client.get(f"/api/v1/conversations/{internal}", headers=bearer(PUBLIC_TOKEN)).status_code == 404
    follow = client.post("/api/v1/ask", json={"question": FOLLOW_UP, "conversation_id": internal}, headers=bearer(PUBLIC_TOKEN))
    assert follow.status_code == 404


def test_conversation_routes_need_a_token_off_localhost(remote):
    assert remote.get("/api/v1/conversations").status_code == 401
    assert remote.get("/api/v1/conversations", headers=bearer(PUBLIC_TOKEN)).status_code == 200


def test_rename_checks_the_title(client):
    started = client.post("/api/v1/conversations", json={"title": "Neu"}).json()
    assert started["title"] == "Neu" and started["turns"] == []
    assert client.patch(f"/api/v1/conversations/{started['conversation_id']}", json={"title": ""}).status_code == 422
    assert client.patch(f"/api/v1/conversations/{started['conversation_id']}", json={"title": "x" * 201}).status_code == 422


@pytest.fixture
def tokenless_client(tmp_path):
    services = build_front_services(Settings(data_dir=tmp_path / "data"))
    with TestClient(create_app(services, bind_host="127.0.0.1"), raise_server_exceptions=False) as client:
        yield client


def test_on_localhost_without_tokens_an_api_key_is_ignored(tokenless_client):
    response = tokenless_client.get("/api/v1/documents", headers=bearer("sk-irgendein-schluessel"))
    assert response.status_code == 200 and "protokoll-steuerungsgruppe-2024" in response.text  # read as the local user


def test_chat_completions_resolve_follow_ups_from_messages(client):
    messages = [{"role": "system", "content": "Du bist hilfreich."}, {"role": "user", "content": FIRST},
                {"role": "assistant", "content": "Dazu …"}, {"role": "user", "content": FOLLOW_UP}]
    content = client.post("/v1/chat/completions", json={"messages": messages}).json()["choices"][0]["message"]["content"]
    assert content.startswith(f"Verstanden als: {RESOLVED}\n\n") and "11,8 Prozent" in content
    alone = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": FIRST}]}).json()
    assert not alone["choices"][0]["message"]["content"].startswith("Verstanden als")


def test_a_public_conversation_is_not_continued_with_internal_answers(make_client, services):
    services.settings.server.tokens[0].name = "staff"
    client = make_client()
    public = client.post("/api/v1/ask", json={"question": FIRST}, headers=bearer(PUBLIC_TOKEN)).json()["conversation_id"]
    for path in ("/api/v1/ask", "/api/v1/ask/stream"):
        response = client.post(path, json={"question": FOLLOW_UP, "conversation_id": public}, headers=bearer(INTERNAL_TOKEN))
        assert response.status_code == 422, path
    assert client.get(f"/api/v1/conversations/{public}", headers=bearer(PUBLIC_TOKEN)).json()["turn_count"] == 1

"""The audit log and rate limits on the real app: one entry per action with the caller, no question text; 429s.

Before: nothing recorded who asked, opened, downloaded, uploaded or deleted what, and one token could send
questions as fast as the machine answered them.
"""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from assistant.adapters.jsonl_audit import JsonlAuditLog
from assistant.api.app import create_app
from assistant.core.settings import Settings
from assistant.testing.front_services import INTERNAL_TOKEN, PUBLIC_TOKEN, bearer, build_front_services, front_settings

QUESTION = "Was sind Sozialraumteams?"


def audit_log(settings: Settings) -> JsonlAuditLog:
    return JsonlAuditLog.in_data_dir(settings.data_dir)


def entries(settings: Settings, action: str | None = None):
    return [e for e in audit_log(settings).entries(action=action) if e.action != "settings"]


def test_ask_is_recorded_with_the_token_name_and_cited_documents_but_not_the_question(remote, settings):
    response = remote.post("/api/v1/ask", json={"question": QUESTION}, headers=bearer(INTERNAL_TOKEN))
    assert response.status_code == 200
    [entry] = entries(settings, "ask")
    assert entry.user == "staff" and entry.outcome == "200" and "planungskonzept-2023" in entry.doc_ids
    assert entry.detail["question_chars"] == len(QUESTION)
    raw = (settings.data_dir / "audit" / "audit.jsonl").read_text(encoding="utf-8")
    assert "Sozialraumteams" not in raw and "Stadtteilkonferenzen" not in raw  # neither question nor document text


def test_local_callers_are_lokal_and_search_open_download_are_recorded(client, settings):
    client.post("/api/v1/search", json={"query": "Sozialraumteams"})
    client.get("/api/v1/documents/planungskonzept-2023")
    client.get("/api/v1/documents/planungskonzept-2023/file")
    client.get("/api/v1/documents")  # a list is not an action on a document
    recorded = [(e.action, e.user, e.doc_ids[:1]) for e in entries(settings)]
    assert recorded == [("search", "lokal", recorded[0][2]), ("open", "lokal", ("planungskonzept-2023",)),
                        ("download", "lokal", ("planungskonzept-2023",))]
    assert recorded[0][2] == ("planungskonzept-2023",)


def test_refused_attempts_are_recorded_as_anonymous(remote, settings):
    assert remote.post("/api/v1/ask", json={"question": QUESTION}).status_code == 401
    assert remote.delete("/api/v1/documents/planungskonzept-2023", headers=bearer(PUBLIC_TOKEN)).status_code == 403
    recorded = [(e.action, e.user, e.outcome) for e in entries(settings)]
    assert recorded == [("ask", "anonym", "401"), ("delete", "partner", "403")]


def test_upload_and_delete_are_recorded_and_the_chain_verifies(client, settings):
    job = client.post("/api/v1/documents", files={"file": ("notiz.md", b"Eine kurze Notiz.\n")}).json()
    deadline = time.monotonic() + 10
    while client.get(f"/api/v1/jobs/{job['job_id']}").json()["state"] not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.02)
    assert client.delete("/api/v1/documents/planungskonzept-2023").status_code == 204
    recorded = [(e.action, e.outcome, e.doc_ids) for e in entries(settings)]
    assert recorded == [("upload", "202", ()), ("delete", "204", ("planungskonzept-2023",))]
    assert audit_log(settings).verify() == []


def test_the_start_records_the_settings_once(make_client, settings):
    make_client()
    make_client()
    [entry] = audit_log(settings).entries(action="settings")
    assert entry.user == "system" and entry.detail["first"] is True


@pytest.fixture
def limited(tmp_path):
    """An app with small limits: 2 questions, 3 searches per minute and user."""
    settings = front_settings(tmp_path / "data").model_copy(
        update={"rate_limits": Settings().rate_limits.model_copy(update={"ask_per_minute": 2, "search_per_minute": 3})})
    with TestClient(create_app(build_front_services(settings), bind_host="0.0.0.0"), raise_server_exceptions=False) as client:
        yield client, settings


def test_over_the_limit_is_429_with_german_message_code_and_retry_after(limited):
    client, settings = limited
    for _ in range(2):
        assert client.post("/api/v1/ask", json={"question": QUESTION}, headers=bearer(INTERNAL_TOKEN)).status_code == 200
    refused = client.post("/api/v1/ask", json={"question": QUESTION}, headers=bearer(INTERNAL_TOKEN))
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1
    error = refused.json()["error"]
    assert error["code"] == "rate_limited" and "Zu viele Fragen" in error["message_de"] and "pro Minute" in error["message_de"]
    stream = client.post("/api/v1/ask/stream", json={"question": QUESTION}, headers=bearer(INTERNAL_TOKEN))
    assert stream.status_code == 429  # the streaming route shares the budget
    assert [e.outcome for e in entries(settings, "ask")] == ["200", "200", "429", "429"]


def test_limits_are_per_user_and_per_action(limited):
    client, _ = limited
    for _ in range(2):
        client.post("/api/v1/ask", json={"question": QUESTION}, headers=bearer(INTERNAL_TOKEN))
    assert client.post("/api/v1/ask", json={"question": QUESTION}, headers=bearer(PUBLIC_TOKEN)).status_code == 200
    assert client.post("/api/v1/search", json={"query": "Sozialraumteams"}, headers=bearer(INTERNAL_TOKEN)).status_code == 200
    openai = client.post("/v1/chat/completions", headers=bearer(INTERNAL_TOKEN),
                         json={"model": "planwissen", "messages": [{"role": "user", "content": QUESTION}]})
    assert openai.status_code == 429 and openai.json()["error"]["type"] == "rate_limited"


def test_a_wrong_token_gets_401_not_429(limited):
    client, _ = limited
    for _ in range(4):
        response = client.post("/api/v1/ask", json={"question": QUESTION}, headers=bearer("falsch-falsch-falsch-falsch"))
        assert response.status_code == 401


def test_zero_switches_the_limit_off(tmp_path):
    settings = front_settings(tmp_path / "data").model_copy(
        update={"rate_limits": Settings().rate_limits.model_copy(update={"search_per_minute": 0})})
    with TestClient(create_app(build_front_services(settings)), raise_server_exceptions=False) as client:
        codes = {client.post("/api/v1/search", json={"query": "Sozialraumteams"}).status_code for _ in range(70)}
    assert codes == {200}

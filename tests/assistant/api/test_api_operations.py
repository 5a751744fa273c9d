"""Health, readiness, eval summary, feedback and the OpenAPI description."""

from __future__ import annotations

import json
import os
import time

from assistant.core.errors import StoreUnavailableError
from assistant.testing.front_services import INTERNAL_TOKEN, bearer


def test_health_and_ready(client):
    assert client.get("/api/v1/health").json()["status"] == "ok"
    ready = client.get("/api/v1/ready").json()
    assert ready == {"status": "ready", "documents": 4, "chunks": 5}


def test_ready_is_503_when_the_store_fails(client, services, monkeypatch):
    monkeypatch.setattr(services.store, "count", lambda: (_ for _ in ()).throw(ConnectionError("refused")))
    response = client.get("/api/v1/ready")
    assert response.status_code == 503 and response.json()["error"]["code"] == "store_unavailable"
    monkeypatch.setattr(services.store, "count", lambda: (_ for _ in ()).throw(StoreUnavailableError("chroma")))
    assert client.get("/api/v1/ready").status_code == 503


def test_ready_is_503_naming_the_lexical_index_or_fact_store_that_cannot_answer(client, services, monkeypatch):
    """Chroma answering is not enough: after a failed save (disk full) the lexical index may be behind; say which and why."""
    reason = "kann nicht gespeichert werden (Zu wenig Speicherplatz im Datenordner (/daten: 3 MB frei))"
    monkeypatch.setattr(services.retrieval, "lexical_problem", lambda: reason, raising=False)
    response = client.get("/api/v1/ready")
    error = response.json()["error"]
    assert response.status_code == 503 and error["code"] == "store_unavailable"
    assert "Stichwortindex" in error["message_de"] and "3 MB frei" in error["message_de"]
    monkeypatch.setattr(services.retrieval, "lexical_problem", lambda: None, raising=False)
    assert client.get("/api/v1/ready").status_code == 200

    class BrokenFacts:
        def doc_versions(self):
            raise StoreUnavailableError("/daten/facts.sqlite")

    monkeypatch.setattr(services, "facts", BrokenFacts())
    response = client.get("/api/v1/ready")
    assert response.status_code == 503 and "Kennzahlen-Speicher" in response.json()["error"]["message_de"]


def test_eval_summary_404_then_newest_report(client, tmp_path):
    missing = client.get("/api/v1/eval/summary")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "eval_report_not_found"
    results = tmp_path / "results"
    (results / "2024").mkdir(parents=True)
    old = results / "2024" / "eval-summary.json"
    old.write_text(json.dumps({"hit_at_5": 0.5}), encoding="utf-8")
    os.utime(old, (time.time() - 100, time.time() - 100))
    (results / "eval-summary.json").write_text(json.dumps({"hit_at_5": 0.9, "systems": ["planwissen", "baseline"]}), encoding="utf-8")
    (results / "notes.json").write_text("{}", encoding="utf-8")
    body = client.get("/api/v1/eval/summary").json()
    assert body["file"] == "eval-summary.json" and body["report"]["hit_at_5"] == 0.9


def test_eval_summary_needs_the_highest_level(remote, tmp_path):
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "eval-summary.json").write_text("{}", encoding="utf-8")
    assert remote.get("/api/v1/eval/summary", headers=bearer(INTERNAL_TOKEN)).status_code == 200


def test_feedback_is_stored_with_question_answer_citations_and_level(client):
    body = {"rating": "down", "question": "Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?", "answer": "11,8 Prozent [1]",
            "citations": [{"number": 1, "doc_id": "sozialraumprofil-hohenlimburg-2024", "title": "Sozialraumprofil", "quote": "11,8"}],
            "comment": "Quelle passt, aber Jahr fehlt."}
    response = client.post("/api/v1/feedback", json=body)
    assert response.status_code == 201 and response.json()["id"] >= 1
    entries = client.app.state.feedback.list()
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.rating, entry.question, entry.answer, entry.comment, entry.level) == (
        "down", body["question"], body["answer"], body["comment"], "internal")
    assert entry.citations[0]["doc_id"] == "sozialraumprofil-hohenlimburg-2024" and entry.created_at


def test_feedback_validation(client):
    assert client.post("/api/v1/feedback", json={"rating": "meh", "question": "x"}).status_code == 422
    assert client.post("/api/v1/feedback", json={"rating": "up", "question": "  "}).status_code == 422
    assert client.post("/api/v1/feedback", json={"rating": "up", "question": "x", "comment": "y" * 2001}).status_code == 422


def test_openapi_lists_every_route_with_examples(client):
    spec = client.get("/openapi.json").json()
    routes = {(method.upper(), path) for path, item in spec["paths"].items() for method in item}
    assert all(op.get("summary") and op.get("tags") for item in spec["paths"].values() for op in item.values())
    assert routes >= {
        ("POST", "/api/v1/ask"), ("POST", "/api/v1/ask/stream"), ("POST", "/api/v1/search"), ("GET", "/api/v1/documents"),
        ("POST", "/api/v1/documents"), ("GET", "/api/v1/documents/{doc_id}"), ("DELETE", "/api/v1/documents/{doc_id}"),
        ("GET", "/api/v1/documents/{doc_id}/file"), ("GET", "/api/v1/jobs/{job_id}"), ("GET", "/api/v1/health"),
        ("GET", "/api/v1/ready"), ("GET", "/api/v1/eval/summary"), ("POST", "/api/v1/feedback"),
        ("POST", "/v1/chat/completions"), ("GET", "/v1/models"),
    }
    schemas = spec["components"]["schemas"]
    for name in ("AskRequest", "AnswerOut", "ErrorBody", "FeedbackIn", "ChatCompletionRequest", "DocumentOut", "JobOut"):
        assert schemas[name].get("examples"), name
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
    assert "422" in spec["paths"]["/api/v1/ask"]["post"]["responses"]
    assert "text/event-stream" in spec["paths"]["/api/v1/ask/stream"]["post"]["responses"]["200"]["content"]
    assert client.get("/docs").status_code == 200

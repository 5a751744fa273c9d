"""POST /api/v1/ask and /ask/stream: answers with citations, filters and the caller's level reach the service, bad questions get 422."""

from __future__ import annotations

import json

import pytest

from assistant.core.errors import StoreUnavailableError
from assistant.core.types import StreamEvent
from assistant.testing.front_services import NO_ANSWER, PUBLIC_TOKEN, bearer


def parse_sse(text: str) -> list[tuple[str, dict]]:
    events = []
    for block in text.strip().split("\n\n"):
        name = next((line[7:] for line in block.split("\n") if line.startswith("event: ")), "")
        data = "\n".join(line[6:] for line in block.split("\n") if line.startswith("data: "))
        events.append((name, json.loads(data)))
    return events


def test_ask_returns_answer_with_citation_and_page_link(client):
    response = client.post("/api/v1/ask", json={"question": "Welche Beteiligungsformate nutzt die Sozialplanung?"})
    assert response.status_code == 200
    body = response.json()
    assert "Stadtteilkonferenzen" in body["text"] and "[1]" in body["text"]
    assert body["refused"] is False
    citation = body["citations"][0]
    assert citation["doc_id"] == "planungskonzept-2023"
    assert citation["page"] == 1 and citation["location"] == "S. 1"
    assert citation["file_url"] == "/api/v1/documents/planungskonzept-2023/file#page=1"
    assert "source_path" not in citation  # server paths stay on the server


def test_ask_passes_filters_and_local_level_to_the_service(client, services):
    body = {"question": "Welche Partner arbeiten zum Thema Armut?",
            "filters": {"districts": ["Haspe"], "topics": ["armut"], "kinds": ["angebote"], "year_from": 2023, "year_to": 2024}}
    response = client.post("/api/v1/ask", json=body)
    assert response.status_code == 200
    seen = services.retrieval.seen_filters[-1]
    assert (seen.districts, seen.topics, seen.kinds, seen.year_from, seen.year_to) == (["Haspe"], ["armut"], ["angebote"], 2023, 2024)
    assert seen.max_confidentiality == "internal"  # settings.server.local_level on localhost
    assert response.json()["citations"][0]["doc_id"] == "angebote-haspe"


def test_filters_that_match_nothing_give_the_no_answer_sentence(client):
    response = client.post("/api/v1/ask", json={"question": "Welche Beteiligungsformate nutzt die Sozialplanung?",
                                                "filters": {"districts": ["Eilpe/Dahl"]}})
    assert response.status_code == 200
    assert response.json()["refused"] is True and response.json()["text"] == NO_ANSWER and response.json()["citations"] == []


def test_confidentiality_cannot_be_raised_from_the_request_body(remote):
    response = remote.post("/api/v1/ask", headers=bearer(PUBLIC_TOKEN),
                           json={"question": "Steuerungsgruppe Diakonie", "filters": {"max_confidentiality": "internal"}})
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_input"


@pytest.mark.parametrize(("question", "fragment"), [
    ("", "leer"),
    ("   \n\t ", "leer"),
    ("x" * 4001, "zu lang"),
    ("\x00\x01\x02\x1b\x7f", "keinen lesbaren Text"),
    ("\u200b\u200b", "keinen lesbaren Text"),
])
@pytest.mark.parametrize("route", ["/api/v1/ask", "/api/v1/ask/stream"])
def test_bad_questions_get_422_invalid_input_with_a_clear_message(client, route, question, fragment):
    response = client.post(route, json={"question": question})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert fragment in error["message_de"] and error["message_en"]
    assert "Traceback" not in response.text


def test_control_characters_inside_a_real_question_are_removed(client, services):
    response = client.post("/api/v1/ask", json={"question": "Was sind\x00 Sozialraumteams\x1b?"})
    assert response.status_code == 200
    assert response.json()["question"] == "Was sind Sozialraumteams ?"


def test_100_kb_question_is_refused_without_reaching_the_service(client, services):
    before = len(services.retrieval.seen_filters)
    response = client.post("/api/v1/ask", json={"question": "Armut " * 20_000})
    assert response.status_code == 422 and "4000" in response.json()["error"]["message_de"]
    assert len(services.retrieval.seen_filters) == before


def test_unknown_fields_and_missing_question_are_invalid_input(client):
    for body in ({"question": "Armut", "district": ["Haspe"]}, {}, {"question": "Armut", "filters": {"year_from": "zweitausend"}}):
        response = client.post("/api/v1/ask", json=body)
        assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_input"


def test_stream_sends_deltas_then_the_final_answer(client):
    response = client.post("/api/v1/ask/stream", json={"question": "Was sind Sozialraumteams und wer sitzt darin?"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = parse_sse(response.text)
    names = [name for name, _ in events]
    assert names[-1] == "final" and set(names[:-1]) == {"delta"} and len(names) > 3
    final = events[-1][1]
    assert "".join(data["text"] for name, data in events if name == "delta") == final["text"]
    assert final["citations"][0]["page"] == 2 and final["citations"][0]["file_url"].endswith("#page=2")


def test_stream_error_before_the_first_event_is_a_real_http_status(client, services, monkeypatch):
    def broken(question, filters=None, history=None):
        raise StoreUnavailableError("chroma")
        yield  # pragma: no cover

    monkeypatch.setattr(services.answering, "ask_stream", broken)
    response = client.post("/api/v1/ask/stream", json={"question": "Armut in Haspe"})
    assert response.status_code == 503 and response.json()["error"]["code"] == "store_unavailable"


def test_stream_error_after_the_first_event_is_reported_in_band(client, services, monkeypatch):
    def half(question, filters=None, history=None):
        yield StreamEvent(kind="delta", text="Die ")
        raise RuntimeError("secret internal detail /srv/planwissen")

    monkeypatch.setattr(services.answering, "ask_stream", half)
    response = client.post("/api/v1/ask/stream", json={"question": "Armut in Haspe"})
    events = parse_sse(response.text)
    assert events[0] == ("delta", {"text": "Die "})
    assert events[-1][0] == "error" and events[-1][1]["error"]["code"] == "internal_error"
    assert "secret" not in response.text

"""POST /v1/chat/completions and GET /v1/models in the OpenAI format; answers carry a "Quellen:" list."""

from __future__ import annotations

import json

QUESTION = "Welche Beteiligungsformate nutzt die Sozialplanung?"


def chunks(text: str) -> list:
    lines = [block[len("data: "):] for block in text.strip().split("\n\n")]
    return [line if line == "[DONE]" else json.loads(line) for line in lines]


def test_completion_has_openai_shape_and_sources(client):
    body = {"model": "planwissen", "temperature": 0.3, "messages": [
        {"role": "system", "content": "Du bist hilfreich."},
        {"role": "user", "content": "Was ist die SGB-II-Quote?"},
        {"role": "assistant", "content": "…"},
        {"role": "user", "content": QUESTION}]}
    response = client.post("/v1/chat/completions", json=body)
    assert response.status_code == 200
    data = response.json()
    assert data["object"] == "chat.completion" and data["model"] == "planwissen" and data["id"].startswith("chatcmpl-")
    choice = data["choices"][0]
    assert choice["finish_reason"] == "stop" and choice["message"]["role"] == "assistant"
    content = choice["message"]["content"]
    assert content.startswith("Die Sozialplanung nutzt")  # the last user message was asked
    assert "\n\nQuellen:\n[1] Planungskonzept Sozialraumorientierte Sozialplanung 2023, S. 1: „Die Sozialplanung nutzt" in content
    assert "http://testserver/api/v1/documents/planungskonzept-2023/file#page=1" in content
    assert data["usage"]["total_tokens"] == data["usage"]["prompt_tokens"] + data["usage"]["completion_tokens"]


def test_content_parts_are_accepted(client):
    body = {"messages": [{"role": "user", "content": [{"type": "text", "text": "Was sind Sozialraumteams?"}]}]}
    assert "Sozialraumteams" in client.post("/v1/chat/completions", json=body).json()["choices"][0]["message"]["content"]


def test_stream_is_openai_sse_ending_with_done_and_equal_to_the_whole_answer(client):
    whole = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": QUESTION}]}).json()
    response = client.post("/v1/chat/completions", json={"stream": True, "messages": [{"role": "user", "content": QUESTION}]})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
    events = chunks(response.text)
    assert events[-1] == "[DONE]"
    parts = events[:-1]
    assert all(p["object"] == "chat.completion.chunk" for p in parts)
    assert parts[0]["choices"][0]["delta"]["role"] == "assistant"
    assert parts[-1]["choices"][0]["finish_reason"] == "stop" and parts[-1]["choices"][0]["delta"] == {}
    streamed = "".join(p["choices"][0]["delta"].get("content", "") for p in parts)
    assert streamed == whole["choices"][0]["message"]["content"]
    assert len({p["id"] for p in parts}) == 1


def test_refusal_has_no_sources_block(client):
    body = {"messages": [{"role": "user", "content": "Wie wird das Wetter morgen in Paris?"}]}
    content = client.post("/v1/chat/completions", json=body).json()["choices"][0]["message"]["content"]
    assert content == "Dazu finde ich in den Dokumenten nichts."


def test_errors_use_stable_codes_plus_openai_fields(client):
    response = client.post("/v1/chat/completions", json={"messages": [{"role": "system", "content": "nur system"}]})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input" and error["type"] == "invalid_input" and error["message"] == error["message_en"]
    assert client.post("/v1/chat/completions", json={"messages": []}).status_code == 422
    empty = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "  "}]})
    assert empty.status_code == 422 and "leer" in empty.json()["error"]["message_de"]


def test_models_lists_planwissen(client):
    data = client.get("/v1/models").json()
    assert data["object"] == "list" and [m["id"] for m in data["data"]] == ["planwissen"]


def test_stream_sends_the_checked_final_answer_not_raw_deltas(client, services, monkeypatch):
    from assistant.core.types import Answer, StreamEvent

    def generative(question, filters=None, history=None):
        yield StreamEvent(kind="delta", text="Ungeprüfter Entwurf, den die Quellenprüfung verworfen hat. ")
        yield StreamEvent(kind="final", answer=Answer(question=question, text="Geprüfte Antwort.", mode="generative"))

    monkeypatch.setattr(services.answering, "ask_stream", generative)
    response = client.post("/v1/chat/completions", json={"stream": True, "messages": [{"role": "user", "content": QUESTION}]})
    streamed = "".join(p["choices"][0]["delta"].get("content", "") for p in chunks(response.text)[:-1])
    assert streamed == "Geprüfte Antwort."

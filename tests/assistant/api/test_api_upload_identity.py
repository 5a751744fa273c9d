"""Upload identity through the API into the REAL ingestion (Chroma, BM25, discovery), over real HTTP with threads.

Before: the document id came from the sanitised file name, and the inbox wrote every upload to <uploads>/<name>. Two
people uploading different `protokoll.md` at once both got "done" but one version was lost; `Bericht (1).md` and
`Bericht_1.md` became one document; the same content under two names became two documents (copies in search).
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from assistant.api.app import create_app
from assistant.testing.live_server import live_server
from assistant.testing.trust_corpus import build_trust_services

pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def api(tmp_path):
    services = build_trust_services(tmp_path / "data", server={"max_upload_mb": 5})
    with live_server(create_app(services, bind_host="127.0.0.1", eval_dirs=[])) as url:
        with httpx.Client(base_url=url, timeout=60) as client:
            client.services = services
            yield client


def _upload(api, name: str, content: bytes, **data) -> dict:
    response = api.post("/api/v1/documents", files={"file": (name, content)}, data={"confidentiality": "public", **data})
    assert response.status_code == 202, response.text
    return response.json()


def _wait(api, job: dict, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = api.get(job["status_url"]).json()
        if job["state"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.05)


def _text(n: int) -> bytes:
    return f"# Protokoll\n\nDie Stadtteilkonferenz Wehringhausen beschloss in Sitzung {n} den Punkt {n * 7}.\n".encode()


def _uploads(api) -> list:
    folder = api.services.settings.data_dir / "uploads"
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "manifest.yaml") if folder.exists() else []


def test_concurrent_same_name_uploads_of_different_content_all_survive(api):
    before = len(api.get("/api/v1/documents").json()["documents"])
    with ThreadPoolExecutor(max_workers=6) as pool:
        jobs = list(pool.map(lambda n: _upload(api, "protokoll.md", _text(n)), range(6)))
    done = [_wait(api, job) for job in jobs]
    assert [job["state"] for job in done] == ["done"] * 6, done
    ids = [job["report"]["added"][0] for job in done]
    assert len(set(ids)) == 6 and all(doc_id.startswith("protokoll-md-") for doc_id in ids)
    assert len(api.get("/api/v1/documents").json()["documents"]) == before + 6
    for n, doc_id in enumerate(ids):  # each document still serves its own upload
        assert api.get(f"/api/v1/documents/{doc_id}/file").content == _text(n)


def test_names_that_sanitise_alike_stay_two_documents(api):
    first = _wait(api, _upload(api, "Bericht (1).md", _text(1)))
    second = _wait(api, _upload(api, "Bericht_1.md", _text(2)))
    assert first["report"]["added"] and second["report"]["added"] and first["report"]["added"] != second["report"]["added"]
    for job, n in ((first, 1), (second, 2)):
        assert api.get(f"/api/v1/documents/{job['report']['added'][0]}/file").content == _text(n)


def test_the_same_content_under_another_name_is_reported_not_duplicated(api):
    first = _wait(api, _upload(api, "protokoll.md", _text(3)))
    doc_id = first["report"]["added"][0]
    count = len(api.get("/api/v1/documents").json()["documents"])
    again = _wait(api, _upload(api, "Kopie vom Protokoll.md", _text(3)))
    assert again["state"] == "done" and not again["report"]["added"]
    assert again["duplicates"] == [{"file": "Kopie_vom_Protokoll.md", "doc_id": doc_id, "title": "Protokoll"}]
    assert f"bereits vorhanden als „Protokoll“ ({doc_id})" in again["message"]
    assert len(api.get("/api/v1/documents").json()["documents"]) == count
    assert [p.name for p in _uploads(api)] == ["protokoll.md"]  # the copy left nothing behind
    hits = api.post("/api/v1/search", json={"query": "Stadtteilkonferenz Wehringhausen Sitzung 3", "k": 10}).json()["results"]
    assert [h["doc_id"] for h in hits].count(doc_id) >= 1 and len({h["text"] for h in hits}) == len(hits)  # no copies


def test_concurrent_uploads_of_identical_content_become_one_document(api):
    count = len(api.get("/api/v1/documents").json()["documents"])
    with ThreadPoolExecutor(max_workers=4) as pool:
        jobs = list(pool.map(lambda n: _upload(api, f"gleich-{n}.md", _text(9)), range(4)))
    done = [_wait(api, job) for job in jobs]
    added = [doc_id for job in done for doc_id in job["report"]["added"]]
    assert len(added) == 1 and sum(len(job["duplicates"]) for job in done) == 3, done
    assert len(api.get("/api/v1/documents").json()["documents"]) == count + 1 and len(_uploads(api)) == 1


def test_replace_makes_a_new_version_of_an_uploaded_document_on_purpose(api):
    doc_id = _wait(api, _upload(api, "protokoll.md", _text(4)))["report"]["added"][0]
    old_file = _uploads(api)
    job = _wait(api, _upload(api, "protokoll-korrigiert.md", _text(5), replace=doc_id))
    assert job["state"] == "done" and job["report"]["updated"] == [doc_id], job
    assert api.get(f"/api/v1/documents/{doc_id}/file").content == _text(5)
    assert not any(path.exists() for path in old_file) and len(_uploads(api)) == 1  # the replaced version is gone
    unchanged = _wait(api, _upload(api, "nochmal.md", _text(5), replace=doc_id))
    assert unchanged["report"]["unchanged"] == [doc_id] and len(_uploads(api)) == 1


def test_replace_only_for_visible_uploaded_documents(api):
    folder_doc = api.get("/api/v1/documents").json()["documents"][0]["doc_id"]  # ingested from the corpus folder
    refused = api.post("/api/v1/documents", files={"file": ("x.md", _text(6))}, data={"replace": folder_doc})
    assert refused.status_code == 422 and "Nur hochgeladene Dokumente" in refused.json()["error"]["message_de"]
    missing = api.post("/api/v1/documents", files={"file": ("x.md", _text(6))}, data={"replace": "gibt-es-nicht"})
    assert missing.status_code == 404
    assert _uploads(api) == []

"""Documents: list, get, original file (inline, PDF for #page=N), delete; uploads with limits, sanitised names and background jobs."""

from __future__ import annotations

import time

import pytest

from assistant.testing.front_services import INTERNAL_TOKEN, PUBLIC_TOKEN, bearer


def wait_for_job(client, job_id: str, headers=None, timeout: float = 10.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/api/v1/jobs/{job_id}", headers=headers or {}).json()
        if job["state"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.02)


def test_list_and_get_documents(client):
    body = client.get("/api/v1/documents").json()
    assert body["count"] == 4 == len(body["documents"])
    doc = client.get("/api/v1/documents/planungskonzept-2023").json()
    assert doc["title"].startswith("Planungskonzept") and doc["pages"] == 2 and doc["year"] == 2023
    assert doc["file_name"] == "planungskonzept-2023.pdf" and "source_path" not in doc
    assert doc["file_url"] == "/api/v1/documents/planungskonzept-2023/file"


def test_unknown_document_is_404_with_stable_code(client):
    response = client.get("/api/v1/documents/gibt-es-nicht")
    assert response.status_code == 404 and response.json()["error"]["code"] == "document_not_found"


def test_file_is_served_inline_as_pdf(client):
    response = client.get("/api/v1/documents/planungskonzept-2023/file")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.content.startswith(b"%PDF")


def test_file_whose_original_is_gone_is_404(client, services):
    path = services.documents.file_path("angebote-haspe", "internal")
    path.unlink()
    response = client.get("/api/v1/documents/angebote-haspe/file")
    assert response.status_code == 404 and "nicht mehr vorhanden" in response.json()["error"]["message_de"]


def test_delete_removes_the_document(client):
    assert client.delete("/api/v1/documents/angebote-haspe").status_code == 204
    assert client.get("/api/v1/documents/angebote-haspe").status_code == 404
    assert client.delete("/api/v1/documents/angebote-haspe").status_code == 404
    answer = client.post("/api/v1/ask", json={"question": "Welche Partner arbeiten zum Thema Armut in Haspe? Caritas Tafel"}).json()
    assert all(c["doc_id"] != "angebote-haspe" for c in answer["citations"])


def test_upload_is_ingested_in_the_background_and_defaults_to_internal(client, settings):
    files = {"file": ("Protokoll Stadtteilkonferenz.md", b"# Protokoll\n\nDie Stadtteilkonferenz Wehringhausen tagt quartalsweise.\n")}
    response = client.post("/api/v1/documents", files=files, data={"districts": "Hagen-Mitte, Wehringhausen", "topics": ["beteiligung"]})
    assert response.status_code == 202
    job = response.json()
    assert job["state"] in ("queued", "running", "done") and job["status_url"] == f"/api/v1/jobs/{job['job_id']}"
    job = wait_for_job(client, job["job_id"])
    assert job["state"] == "done" and job["progress"] == 1.0 and len(job["report"]["added"]) == 1
    stored = list((settings.data_dir / "uploads").glob("*/Protokoll_Stadtteilkonferenz.md"))
    assert len(stored) == 1 and stored[0].is_file()
    doc_id = job["report"]["added"][0]
    assert doc_id == f"protokoll-stadtteilkonferenz-md-{stored[0].parent.name}"  # the upload's own id, not the name alone
    doc = client.get(f"/api/v1/documents/{doc_id}").json()
    assert doc["confidentiality"] == "internal"
    assert doc["districts"] == ["Hagen-Mitte", "Wehringhausen"] and doc["topics"] == ["beteiligung"]
    answer = client.post("/api/v1/ask", json={"question": "Wie oft tagt die Stadtteilkonferenz Wehringhausen?"}).json()
    assert answer["citations"][0]["doc_id"] == doc_id


def test_uploaded_internal_document_stays_invisible_to_public_tokens(remote):
    files = {"file": ("geheim.md", b"Interne Notiz zur Haushaltsplanung Eilpe.\n")}
    job = remote.post("/api/v1/documents", files=files, headers=bearer(INTERNAL_TOKEN)).json()
    assert remote.get(f"/api/v1/jobs/{job['job_id']}", headers=bearer(PUBLIC_TOKEN)).status_code == 404
    assert wait_for_job(remote, job["job_id"], bearer(INTERNAL_TOKEN))["state"] == "done"
    doc_id = wait_for_job(remote, job["job_id"], bearer(INTERNAL_TOKEN))["report"]["added"][0]
    ids = [d["doc_id"] for d in remote.get("/api/v1/documents", headers=bearer(PUBLIC_TOKEN)).json()["documents"]]
    assert doc_id.startswith("geheim-md-") and doc_id not in ids
    assert doc_id in [d["doc_id"] for d in remote.get("/api/v1/documents", headers=bearer(INTERNAL_TOKEN)).json()["documents"]]


def test_read_only_token_may_not_upload_or_delete(remote, settings):
    files = {"file": ("notiz.md", b"Text\n")}
    response = remote.post("/api/v1/documents", files=files, data={"confidentiality": "public"}, headers=bearer(PUBLIC_TOKEN))
    assert response.status_code == 403 and response.json()["error"]["code"] == "access_denied"
    assert remote.delete("/api/v1/documents/angebote-haspe", headers=bearer(PUBLIC_TOKEN)).status_code == 403
    assert not list((settings.data_dir / "uploads").rglob("notiz.md"))


def test_upload_too_large_is_413_and_leaves_nothing_behind(client, settings):
    too_big = b"a" * (1024 * 1024 + 10)  # max_upload_mb = 1 in these tests
    response = client.post("/api/v1/documents", files={"file": ("gross.txt", too_big)})
    assert response.status_code == 413 and response.json()["error"]["code"] == "file_too_large"
    assert "1 MB" in response.json()["error"]["message_de"]
    uploads = settings.data_dir / "uploads"
    assert not uploads.exists() or list(uploads.iterdir()) == []


def test_huge_upload_is_refused_by_content_length_before_reading(client):
    response = client.post("/api/v1/documents", content=b"x" * 10, headers={"content-type": "multipart/form-data; boundary=x",
                                                                            "content-length": str(500 * 1024 * 1024)})
    assert response.status_code == 413 and response.json()["error"]["code"] == "file_too_large"


@pytest.mark.parametrize("name", ["skript.sh", "bild.png", "archiv.zip", "ohne_endung", "doc.pdf.exe", "seite.html"])
def test_upload_with_unsupported_suffix_is_415(client, name, settings):
    response = client.post("/api/v1/documents", files={"file": (name, b"#!/bin/sh\nrm -rf /\n")})
    assert response.status_code == 415 and response.json()["error"]["code"] == "unsupported_format"
    assert ".pdf" in response.json()["error"]["message_de"]  # says what is allowed
    uploads = settings.data_dir / "uploads"
    assert not uploads.exists() or list(uploads.iterdir()) == []


@pytest.mark.parametrize(("name", "stored"), [
    ("../../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\Windows\\system.ini.txt", "system.ini.txt"),
    ("/absolut/pfad/bericht.md", "bericht.md"),
    ("Bericht (final) <2024>; rm -rf.md", "Bericht_final_2024_rm_-rf.md"),
    ("..md", "upload.md"),
    ("Sozialraum\x00Profil\n.md", "Sozialraum_00Profil_0A.md"),  # the client percent-escapes control characters
])
def test_upload_names_are_sanitised_and_stay_in_the_upload_folder(client, settings, name, stored):
    response = client.post("/api/v1/documents", files={"file": (name, b"Ein Absatz mit Text.\n")})
    assert response.status_code == 202, response.text
    uploads = (settings.data_dir / "uploads").resolve()
    files = [p for p in uploads.rglob("*") if p.is_file() and p.name != "manifest.yaml"]
    assert [p.name for p in files] == [stored] and files[0].parent.parent == uploads  # <uploads>/<upload id>/<name>
    assert not (settings.data_dir.parent / "etc").exists()
    assert wait_for_job(client, response.json()["job_id"])["state"] == "done"


def test_upload_with_unknown_level_or_empty_file_is_invalid(client):
    response = client.post("/api/v1/documents", files={"file": ("a.md", b"Text\n")}, data={"confidentiality": "geheim"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_input"
    response = client.post("/api/v1/documents", files={"file": ("leer.md", b"")})
    assert response.status_code == 422 and "leer" in response.json()["error"]["message_de"]


def test_failed_ingestion_shows_in_the_job(client, services, monkeypatch):
    from assistant.core.errors import EncryptedDocumentError

    def refuse(paths, *, progress=None, overrides=None):
        raise EncryptedDocumentError("geschuetzt.pdf")

    monkeypatch.setattr(services.ingestion, "ingest", refuse)
    job = client.post("/api/v1/documents", files={"file": ("geschuetzt.pdf", b"%PDF-1.4 ...")}).json()
    job = wait_for_job(client, job["job_id"])
    assert job["state"] == "failed" and job["error_code"] == "encrypted_document" and "passwortgeschützt" in job["message"]


def test_unknown_job_is_404(client):
    response = client.get("/api/v1/jobs/nope")
    assert response.status_code == 404 and response.json()["error"]["code"] == "job_not_found"

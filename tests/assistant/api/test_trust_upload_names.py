"""Uploads through the API into the REAL ingestion: odd and hostile file names never choose where a file is written,
and bad files end as a failed job with a German message while the index stays as it was."""

from __future__ import annotations

import os
import sys
import unicodedata
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.testing.trust_corpus import build_trust_services

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "ingest"))
from bad_files import bad_files  # noqa: E402

TEXT = "Die Stadtteilkonferenz Wehringhausen tagt im Juni im Bürgerhaus.\n".encode()


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    data = tmp_path_factory.mktemp("uploads") / "data"
    services = build_trust_services(data, server={"max_upload_mb": 5}, ingest={"max_unzipped_mb": 20})
    app = create_app(services, bind_host="127.0.0.1", eval_dirs=[])
    with TestClient(app, base_url="http://127.0.0.1:8765", raise_server_exceptions=False) as test_client:
        test_client.services = services
        yield test_client


def _upload(client, name: str, content: bytes) -> tuple[int, dict]:
    response = client.post("/api/v1/documents", files={"file": (name, content)}, data={"confidentiality": "public"})
    body = response.json()
    if response.status_code == 202:
        body = client.app.state.jobs.wait(body["job_id"], timeout=60)
    return response.status_code, body


def _inside_uploads(client) -> list[Path]:
    uploads = client.services.settings.data_dir / "uploads"
    return [p for p in uploads.rglob("*") if p.is_file() and p.name != "manifest.yaml"] if uploads.exists() else []


@pytest.mark.parametrize("name", [
    "../../../../tmp/planwissen-ausbruch.md",
    "..\\..\\..\\Users\\Public\\ausbruch.md",
    "/etc/cron.d/ausbruch.md",
    "C:\\Windows\\ausbruch.md",
    "bericht\u202egpj.md",  # right-to-left override
    "Protokoll\x00.pdf.md",
    "x" * 400 + ".md",
    "CON.md",
    "   .md",
    ".versteckt.md",
    "Übersicht Maßnahmen\u0308 🙂 (Entwurf).md",
    "%2e%2e%2fausbruch.md",
])
def test_hostile_names_stay_in_the_upload_folder(client, name):
    before = set(_inside_uploads(client))
    status, job = _upload(client, name, TEXT + f"Fassung {len(before)}.\n".encode())  # new content: not a duplicate
    assert status == 202, job
    assert job.state == "done", job.message
    new = set(_inside_uploads(client)) - before
    uploads = (client.services.settings.data_dir / "uploads").resolve()
    assert len(new) == 1
    for path in new | before:
        assert path.resolve().parent.parent == uploads  # <uploads>/<upload id>/<name>
        assert all(unicodedata.category(ch)[0] != "C" for ch in path.name) and len(path.name) <= 120
        assert not path.name.startswith(".") and "/" not in path.name and "\\" not in path.name
    assert not Path("/tmp/planwissen-ausbruch.md").exists()


def test_a_symlink_in_the_upload_folder_is_never_followed(client, tmp_path, monkeypatch):
    outside = tmp_path / "fremd.md"
    outside.write_text("Nicht überschreiben.\n", encoding="utf-8")
    uploads = client.services.settings.data_dir / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, uploads / "falle.md")
    os.symlink(tmp_path, uploads / "0badc0de")  # a planted folder link under the id the next upload will draw
    real, drawn = uuid.uuid4, iter([uuid.UUID("0badc0de" + "0" * 24)])
    monkeypatch.setattr(uuid, "uuid4", lambda: next(drawn, None) or real())
    try:
        status, job = _upload(client, "falle.md", TEXT + b"Falle.\n")
    finally:
        monkeypatch.undo()
        (uploads / "falle.md").unlink()
        (uploads / "0badc0de").unlink()
    assert status == 202 and job.state == "done", job  # written into a fresh folder of its own, never through the links
    assert outside.read_text(encoding="utf-8") == "Nicht überschreiben.\n" and sorted(p.name for p in tmp_path.iterdir()) == ["fremd.md"]


@pytest.mark.parametrize("name", ["passwort.pdf", "scan.pdf", "abgebrochen.pdf", "bombe.docx", "binaer.md", "eigentlich-text.docx"])
def test_bad_uploads_fail_with_a_german_message_and_leave_the_index_unchanged(client, name):
    store = client.services.store
    before = (store.fingerprint(), store.count())
    status, job = _upload(client, name, bad_files()[name])
    assert status == 202
    assert job.state == "failed" and job.error_code and name in job.message, job
    assert any(word in job.message for word in ("Datei", "PDF", "Textebene", "Inhalt")), job.message
    assert (store.fingerprint(), store.count()) == before
    ask = client.post("/api/v1/ask", json={"question": "Wann tagt die Stadtteilkonferenz Wehringhausen?"})
    assert ask.status_code == 200

"""Deleting on request and on schedule: own feedback, failed uploads (an ELF binary), the cleanup thread of the app."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.core.settings import Settings
from assistant.testing.front_services import INTERNAL_TOKEN, PUBLIC_TOKEN, bearer, build_front_services, front_settings

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56


def _rate(client, token: str, question: str = "Was sind Sozialraumteams?"):
    return client.post("/api/v1/feedback", headers=bearer(token), json={"rating": "down", "question": question, "answer": "…"})


def test_a_caller_lists_and_deletes_only_their_own_feedback(remote):
    mine = _rate(remote, INTERNAL_TOKEN).json()["id"]
    theirs = _rate(remote, PUBLIC_TOKEN).json()["id"]
    listed = remote.get("/api/v1/feedback", headers=bearer(INTERNAL_TOKEN)).json()
    assert [f["id"] for f in listed["feedback"]] == [mine]
    refused = remote.delete(f"/api/v1/feedback/{theirs}", headers=bearer(INTERNAL_TOKEN))
    assert refused.status_code == 404 and refused.json()["error"]["code"] == "feedback_not_found"
    assert remote.delete(f"/api/v1/feedback/{mine}", headers=bearer(INTERNAL_TOKEN)).status_code == 204
    assert remote.get("/api/v1/feedback", headers=bearer(INTERNAL_TOKEN)).json()["count"] == 0
    assert remote.get("/api/v1/feedback", headers=bearer(PUBLIC_TOKEN)).json()["count"] == 1


def _wait(client, job_id: str, headers) -> dict:
    deadline = time.monotonic() + 10
    while True:
        job = client.get(f"/api/v1/jobs/{job_id}", headers=headers).json()
        if job["state"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.02)


def test_a_failed_upload_is_listed_with_its_reason_and_can_be_deleted(remote, settings):
    headers = bearer(INTERNAL_TOKEN)
    job = remote.post("/api/v1/documents", headers=headers, files={"file": ("programm.pdf", ELF, "application/pdf")}).json()
    assert _wait(remote, job["job_id"], headers)["state"] == "failed"
    listed = remote.get("/api/v1/uploads/failed", headers=headers).json()
    assert listed["count"] == 1
    [failed] = listed["uploads"]
    assert failed["file_name"] == "programm.pdf" and failed["size_bytes"] == len(ELF) and failed["code"]
    assert remote.get("/api/v1/uploads/failed", headers=bearer(PUBLIC_TOKEN)).status_code == 403  # read-only partners: no
    assert remote.delete(f"/api/v1/uploads/failed/{failed['upload_id']}", headers=bearer(PUBLIC_TOKEN)).status_code == 403
    assert remote.delete(f"/api/v1/uploads/failed/{failed['upload_id']}", headers=headers).status_code == 204
    assert remote.get("/api/v1/uploads/failed", headers=headers).json()["count"] == 0
    assert not any((settings.data_dir / "uploads-failed").iterdir())
    gone = remote.delete(f"/api/v1/uploads/failed/{failed['upload_id']}", headers=headers)
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "failed_upload_not_found"
    odd = remote.delete("/api/v1/uploads/failed/..", headers=headers)
    assert odd.status_code in (404, 405)


def test_the_app_runs_the_cleanup_on_its_schedule_and_stops_it(tmp_path):
    settings = front_settings(tmp_path / "data").model_copy(update={"retention": Settings().retention.model_copy(
        update={"cleanup_interval_minutes": 1, "first_cleanup_delay_s": 0.0})})
    app = create_app(build_front_services(settings))
    assert not app.state.cleanup.running  # building the app starts nothing
    with TestClient(app):
        assert app.state.cleanup.running
        deadline = time.monotonic() + 5
        while not app.state.audit.entries(action="cleanup") and time.monotonic() < deadline:
            time.sleep(0.02)
        [run] = app.state.audit.entries(action="cleanup")
        assert run.user == "system" and set(run.detail) >= {"conversations", "feedback", "failed_uploads", "audit_entries"}
    assert not app.state.cleanup.running

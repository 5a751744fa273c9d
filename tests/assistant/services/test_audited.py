"""The audited stand-ins the UI gets: the UI backend, unchanged, now leaves one audit entry per question, opened,
uploaded and deleted document, under the caller's name, with questions rate-limited like the API's."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.core.errors import RateLimitedError
from assistant.services.audit import AuditService
from assistant.services.audited import AuditedAnswering, AuditedDocuments, AuditedJobs
from assistant.services.file_links import FileLinks
from assistant.services.jobs import JobService
from assistant.services.rate_limits import RateLimiter
from assistant.services.uploads import UploadInbox
from assistant.testing.fake_audit import InMemoryAuditLog
from assistant.testing.front_services import build_front_services, front_settings
from ui.backend import UiBackend

QUESTION = "Was sind Sozialraumteams?"


@pytest.fixture
def wired(tmp_path):
    from assistant.adapters.sqlite_feedback import sqlite_feedback_service
    from assistant.testing.fake_jobs import InMemoryJobStore

    settings = front_settings(tmp_path / "data")
    services = build_front_services(settings)
    audit = AuditService(InMemoryAuditLog(), b"k" * 32)
    user = {"name": "anna"}
    actor = lambda: user["name"]  # noqa: E731
    limiter = RateLimiter({"ask": 2})
    ui_services = replace(services, answering=AuditedAnswering(services.answering, audit, actor, limiter),
                          documents=AuditedDocuments(services.documents, audit, actor))
    jobs = JobService(services.ingestion, store=InMemoryJobStore())
    inbox = UploadInbox(settings.data_dir / "uploads", 1024 * 1024, {".md"})
    backend = UiBackend(services=ui_services, jobs=AuditedJobs(jobs, audit, actor), feedback=sqlite_feedback_service(settings.data_dir),
                        inbox=inbox, links=FileLinks())
    yield backend, audit, user, tmp_path
    jobs.shutdown()


def test_a_ui_question_is_one_entry_with_cited_documents_and_no_text(wired):
    backend, audit, _, _ = wired
    views = list(backend.answer(QUESTION, backend.filters("internal")))
    assert views[-1].sources
    [entry] = audit.entries(action="ask")
    assert entry.user == "anna" and entry.outcome == "ok" and "planungskonzept-2023" in entry.doc_ids
    assert entry.detail["question_chars"] == len(QUESTION) and QUESTION not in str(entry.to_dict())


def test_ui_questions_share_the_rate_limit(wired):
    backend, audit, user, _ = wired
    for _ in range(2):
        list(backend.answer(QUESTION, backend.filters("internal")))
    with pytest.raises(RateLimitedError):
        list(backend.answer(QUESTION, backend.filters("internal")))
    user["name"] = "ben"  # another user has their own budget
    list(backend.answer(QUESTION, backend.filters("internal")))


def test_opening_uploading_and_deleting_in_the_ui_are_recorded(wired):
    backend, audit, _, tmp_path = wired
    backend.document_detail("planungskonzept-2023", "internal")
    note = tmp_path / "notiz.md"
    note.write_text("Eine Notiz.\n", encoding="utf-8")
    job = backend.start_upload([str(note)], "internal", [], [], "internal")
    backend.delete_document("sozialraumprofil-hohenlimburg-2024", "internal")
    recorded = [(e.action, e.doc_ids, e.ref) for e in audit.entries()]
    assert ("open", ("planungskonzept-2023",), "") in recorded
    assert ("upload", (), f"job:{job.job_id}") in recorded
    assert ("delete", ("sozialraumprofil-hohenlimburg-2024",), "") == recorded[-1]
    assert audit.verify() == []

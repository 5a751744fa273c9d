"""The upload use case shared by API and UI: refusals before anything is stored, all or nothing, new versions."""

from __future__ import annotations

import pytest

from assistant.bootstrap import build_inbox
from assistant.core.errors import AccessDeniedError, InvalidInputError, UnsupportedFormatError
from assistant.services.upload_use_case import UploadForm, UploadService
from assistant.testing.front_services import build_front_services, front_settings


class RecordingJobs:
    """Stands in for the JobService: keeps what would be queued."""

    def __init__(self):
        self.batches = []

    def submit_uploads(self, batch, *, overrides=None, level="public"):
        self.batches.append((batch, overrides, level))
        return "job"


@pytest.fixture
def setup(tmp_path):
    services = build_front_services(front_settings(tmp_path / "data"))
    jobs = RecordingJobs()
    return UploadService(build_inbox(services.settings), services.documents, jobs), jobs


def _stored(service: UploadService) -> list[str]:
    return sorted(p.name for p in service.inbox.folder.rglob("*") if p.is_file()) if service.inbox.folder.exists() else []


def test_a_read_only_caller_or_a_level_above_theirs_is_refused_before_anything_is_stored(setup):
    service, jobs = setup
    with pytest.raises(AccessDeniedError):
        service.submit([("notiz.md", [b"Text\n"])], "public", UploadForm(confidentiality="public"))
    with pytest.raises(InvalidInputError):
        service.submit([("notiz.md", [b"Text\n"])], "internal", UploadForm(confidentiality="geheim"))
    with pytest.raises(InvalidInputError):
        service.submit([("notiz.md", [b"Text\n"])], "internal", UploadForm(date="31.12.2024"))
    assert _stored(service) == [] and jobs.batches == []


def test_one_bad_file_name_stores_none_of_the_files(setup):
    service, jobs = setup
    with pytest.raises(UnsupportedFormatError):
        service.submit([("a.md", [b"A\n"]), ("b.exe", [b"B\n"])], "internal", UploadForm())
    assert _stored(service) == [] and jobs.batches == []


def test_an_empty_file_takes_the_ones_stored_before_it_back(setup):
    service, jobs = setup
    with pytest.raises(InvalidInputError):
        service.submit([("a.md", [b"A\n"]), ("leer.md", [])], "internal", UploadForm())
    assert _stored(service) == [] and jobs.batches == []


def test_the_form_becomes_the_job_overrides(setup):
    service, jobs = setup
    assert service.submit([("bericht.md", [b"Text\n"])], "internal",
                          UploadForm(confidentiality="public", districts=["Haspe, Eilpe/Dahl"], topics="Armut",
                                     date=" 2024-05 ", title="  Bericht   Haspe ")) == "job"
    _, overrides, level = jobs.batches[0]
    assert overrides == {"confidentiality": "public", "districts": ["Haspe", "Eilpe/Dahl"], "topics": ["Armut"], "date": "2024-05",
                         "title": "Bericht Haspe"}
    assert level == "public"


def test_only_uploaded_documents_get_a_new_version_by_upload(setup):
    service, jobs = setup
    with pytest.raises(InvalidInputError):  # a document of the document folder
        service.submit([("angebote.md", [b"Neu\n"])], "internal", UploadForm(replaces={"angebote.md": "angebote-haspe"}))
    assert jobs.batches == []

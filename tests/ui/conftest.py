"""Fixtures for UI tests: fake-backed services and the UI backend wired like `serve` wires it."""

from __future__ import annotations

import pytest

from assistant.adapters.sqlite_feedback import sqlite_feedback_service
from assistant.core.settings import Settings
from assistant.services.file_links import FileLinks
from assistant.services.jobs import JobService
from assistant.services.uploads import UploadInbox
from assistant.testing.fake_jobs import InMemoryJobStore
from assistant.testing.front_services import build_front_services, front_settings
from ui.backend import UiBackend


@pytest.fixture
def settings(tmp_path) -> Settings:
    return front_settings(tmp_path / "data")


@pytest.fixture
def services(settings):
    return build_front_services(settings)


@pytest.fixture
def backend(services, settings):
    jobs = JobService(services.ingestion, store=InMemoryJobStore())
    inbox = UploadInbox(settings.data_dir / "uploads", 1024 * 1024, {".md", ".txt", ".pdf"})
    yield UiBackend(services=services, jobs=jobs, feedback=sqlite_feedback_service(settings.data_dir), inbox=inbox, links=FileLinks())
    jobs.shutdown()

"""The composition root builds a server's own parts once: the API and the UI mounted in it share them."""

from __future__ import annotations

from assistant.api.app import create_app
from assistant.bootstrap import build_server_parts
from assistant.testing.front_services import build_front_services, front_settings


def test_server_parts_come_from_settings_and_given_parts_are_kept(tmp_path):
    services = build_front_services(front_settings(tmp_path / "data"))
    parts = build_server_parts(services)
    assert parts.inbox.folder == services.settings.data_dir / "uploads"
    assert parts.inbox.max_bytes == services.settings.server.max_upload_mb * 1024 * 1024
    assert parts.sign_in is None  # OIDC is off in these settings
    again = build_server_parts(services, jobs=parts.jobs, feedback=parts.feedback, audit=parts.audit)
    assert (again.jobs, again.feedback, again.audit) == (parts.jobs, parts.feedback, parts.audit)
    assert again.retention is not parts.retention  # the retention run wraps the given stores anew
    parts.jobs.shutdown(wait=True)


def test_the_app_keeps_the_parts_it_was_built_with(tmp_path):
    services = build_front_services(front_settings(tmp_path / "data"))
    parts = build_server_parts(services)
    app = create_app(services, jobs=parts.jobs, feedback=parts.feedback, audit=parts.audit)
    assert app.state.jobs is parts.jobs and app.state.feedback is parts.feedback and app.state.audit is parts.audit
    assert app.state.inbox.folder == services.settings.data_dir / "uploads"
    uploads = app.state.uploads  # the one upload use case, over the app's own inbox and jobs
    assert uploads.inbox is app.state.inbox and uploads.jobs is parts.jobs
    parts.jobs.shutdown(wait=True)


def test_file_links_are_signed_only_when_requests_are_authenticated(tmp_path):
    services = build_front_services(front_settings(tmp_path / "data"))
    local, remote = build_server_parts(services), build_server_parts(services, remote=True)
    assert local.links.signer is None and remote.links.signer is not None
    for parts in (local, remote):
        parts.jobs.shutdown(wait=True)

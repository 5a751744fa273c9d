"""`planwissen feedback list|remove` and `planwissen uploads failed|remove`: German lines, unknown ids are errors."""

from __future__ import annotations

import pytest

from assistant.adapters.sqlite_feedback import sqlite_feedback_service
from assistant.cli.housekeeping_cmd import failed_lines, feedback_lines, remove_failed, remove_feedback
from assistant.services.failed_uploads import FailedUploadNotFoundError, FailedUploads
from assistant.services.feedback import FeedbackNotFoundError


def test_feedback_is_listed_and_removed_by_id(tmp_path):
    feedback = sqlite_feedback_service(tmp_path)
    assert feedback_lines(feedback) == ["Keine Rückmeldungen."]
    entry = feedback.record(rating="down", question="Wie hoch ist die Quote?", answer="…", source="ui")
    lines = feedback_lines(feedback)
    assert "Wie hoch ist die Quote?" in lines[0] and lines[-1] == "1 Rückmeldung."
    assert remove_feedback(feedback, entry.entry_id) == [f"Rückmeldung {entry.entry_id} gelöscht."]
    with pytest.raises(FeedbackNotFoundError):
        remove_feedback(feedback, entry.entry_id)


def test_failed_uploads_are_listed_and_removed(tmp_path):
    failed = FailedUploads.in_data_dir(tmp_path)
    assert failed_lines(failed) == ["Keine fehlgeschlagenen Uploads."]
    inbox_folder = tmp_path / "uploads" / "0123abcd"
    inbox_folder.mkdir(parents=True)
    (inbox_folder / "programm.pdf").write_bytes(b"\x7fELF")
    failed.keep(inbox_folder, "document_unreadable", "Die Datei konnte nicht gelesen werden.")
    lines = failed_lines(failed)
    assert lines[0].startswith("0123abcd") and "programm.pdf" in lines[0] and "document_unreadable" in lines[0]
    assert remove_failed(failed, "0123abcd") == ["Fehlgeschlagener Upload 0123abcd gelöscht."]
    with pytest.raises(FailedUploadNotFoundError):
        remove_failed(failed, "0123abcd")
    with pytest.raises(FailedUploadNotFoundError):
        remove_failed(failed, "../../etc")

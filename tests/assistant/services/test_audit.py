"""The audit service: questions are kept only as length and keyed hash; settings changes are recorded once each."""

from __future__ import annotations

import pytest

from assistant.adapters.jsonl_audit import JsonlAuditLog, load_or_create_key
from assistant.core.errors import InvalidInputError
from assistant.core.settings import Settings
from assistant.services.audit import AuditService, record_settings, settings_sections
from assistant.testing.fake_audit import InMemoryAuditLog

QUESTION = "Bekommt Familie Yilmaz aus der Goldbergstraße 12 noch Wohngeld?"


@pytest.fixture
def audit(tmp_path):
    return AuditService(JsonlAuditLog(tmp_path / "audit.jsonl"), load_or_create_key(tmp_path / "question.key"))


def test_the_question_text_is_never_written(audit, tmp_path):
    entry = audit.record("ask", "staff", question=QUESTION, doc_ids=["wohngeld-2024"])
    stored = (tmp_path / "audit.jsonl").read_text(encoding="utf-8")
    assert "Yilmaz" not in stored and "Goldberg" not in stored and "Wohngeld?" not in stored
    assert entry.detail["question_chars"] == len(QUESTION) and len(entry.detail["question_hmac"]) == 16
    assert "wohngeld-2024" in stored


def test_the_same_question_has_the_same_hash_but_another_key_another(audit, tmp_path):
    one = audit.record("ask", "a", question=QUESTION).detail["question_hmac"]
    two = audit.record("search", "b", question=QUESTION).detail["question_hmac"]
    other = AuditService(InMemoryAuditLog(), b"x" * 32).fingerprint(QUESTION)["question_hmac"]
    assert one == two != other


def test_the_key_file_is_private_and_stable(tmp_path):
    path = tmp_path / "k" / "question.key"
    assert load_or_create_key(path) == load_or_create_key(path)
    assert path.stat().st_mode & 0o077 == 0


def test_unknown_actions_are_refused(audit):
    with pytest.raises(InvalidInputError):
        audit.record("frobnicate", "x")
    with pytest.raises(InvalidInputError):
        audit.entries(action="frobnicate")


def test_a_settings_change_is_recorded_once_with_the_changed_sections(tmp_path):
    audit = AuditService(InMemoryAuditLog(), b"k" * 32)
    settings = Settings(data_dir=tmp_path, server={"tokens": [{"token": "geheim-geheim-geheim", "name": "staff"}]})
    first = record_settings(audit, settings_sections(settings), "system")
    assert first is not None and first.detail["first"] is True
    assert record_settings(audit, settings_sections(settings), "system") is None
    changed = Settings(data_dir=tmp_path, server={"tokens": [{"token": "geheim-geheim-geheim", "name": "staff"}], "max_body_kb": 64})
    entry = record_settings(audit, settings_sections(changed), "system")
    assert entry is not None and entry.detail["changed"] == ["server"]
    assert "geheim" not in str(audit.entries())

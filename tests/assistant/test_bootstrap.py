"""Startup checks: the data directory carries a schema version, an incompatible one is refused clearly."""

from __future__ import annotations

import json

import pytest

from assistant.bootstrap import DATA_SCHEMA_VERSION, check_data_dir
from assistant.core.errors import DataDirVersionError


def test_new_data_dir_gets_a_version_marker(tmp_path):
    check_data_dir(tmp_path / "data")
    marker = json.loads((tmp_path / "data" / "planwissen-data.json").read_text())
    assert marker == {"schema": DATA_SCHEMA_VERSION}
    check_data_dir(tmp_path / "data")  # reopening the same version is fine


def test_old_data_dir_is_refused_with_a_german_message(tmp_path):
    (tmp_path / "planwissen-data.json").write_text(json.dumps({"schema": 0}))
    with pytest.raises(DataDirVersionError) as info:
        check_data_dir(tmp_path)
    assert "neu einlesen" in info.value.describe("de")


def test_filled_data_dir_without_marker_is_refused(tmp_path):
    (tmp_path / "chroma").mkdir()  # even empty: no planwissen run creates it before the marker
    with pytest.raises(DataDirVersionError):
        check_data_dir(tmp_path)


def test_json_log_format_writes_one_object_per_line():
    import logging

    from assistant.bootstrap import JsonLogFormatter

    record = logging.LogRecord("planwissen.test", logging.INFO, __file__, 1, "%d Dokumente", (3,), None)
    entry = json.loads(JsonLogFormatter().format(record))
    assert entry["level"] == "INFO" and entry["message"] == "3 Dokumente" and entry["logger"] == "planwissen.test"


def test_conversations_live_in_the_data_dir_and_old_ones_are_purged_at_startup(tmp_path):
    from datetime import UTC, datetime, timedelta

    from assistant.adapters.sqlite_conversations import SqliteConversationStore
    from assistant.bootstrap import build_conversations
    from assistant.core.data_dir import DataDir
    from assistant.core.settings import Settings

    path = DataDir(tmp_path).conversations
    old = SqliteConversationStore(path, clock=lambda: datetime.now(UTC) - timedelta(days=100)).create("local", "internal")
    kept = SqliteConversationStore(path).create("local", "internal")
    service = build_conversations(Settings(data_dir=tmp_path, conversations={"retention_days": 90}))
    assert [c.conversation_id for c in service.list("local", "internal")] == [kept.conversation_id]
    assert old.conversation_id != kept.conversation_id

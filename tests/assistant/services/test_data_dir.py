"""The version marker is written atomically before anything else; an interrupted first start is continued, a foreign
or old folder is still refused."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from assistant.core.errors import DataDirFullError, DataDirNotWritableError, DataDirVersionError
from assistant.services import data_dir as module
from assistant.services.data_dir import MARKER, prepare_data_dir

SCHEMA = 1


def _marker(folder: Path) -> dict:
    return json.loads((folder / MARKER).read_text(encoding="utf-8"))


def test_the_marker_is_written_before_anything_else_and_through_a_rename(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def watching_replace(source, target):
        seen.append((Path(source).name, Path(target).name, sorted(p.name for p in Path(target).parent.iterdir())))
        real_replace(source, target)

    monkeypatch.setattr(module.os, "replace", watching_replace)
    prepare_data_dir(tmp_path / "data", SCHEMA)
    assert seen == [(f".{MARKER}.{os.getpid()}.tmp", MARKER, [f".{MARKER}.{os.getpid()}.tmp"])]
    assert _marker(tmp_path / "data") == {"schema": SCHEMA}
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == [MARKER]


def test_a_start_killed_before_the_rename_is_continued(tmp_path, monkeypatch):
    data = tmp_path / "data"

    def killed(step):
        if step == "before-marker":
            raise SystemExit("killed")

    with pytest.raises(SystemExit):
        prepare_data_dir(data, SCHEMA, pause=killed)
    assert not (data / MARKER).exists() and [p.name for p in data.iterdir()] == [f".{MARKER}.{os.getpid()}.tmp"]
    (data / f".{MARKER}.999999999.tmp").write_text('{"schema"')  # a half-written one of a dead process
    prepare_data_dir(data, SCHEMA)
    assert _marker(data) == {"schema": SCHEMA}
    assert sorted(p.name for p in data.iterdir()) == [MARKER]  # leftovers of dead processes are tidied


def test_a_blank_marker_of_an_interrupted_plain_write_is_continued(tmp_path):
    (tmp_path / MARKER).write_text("")
    (tmp_path / "ingest.lock").write_text("")
    prepare_data_dir(tmp_path, SCHEMA)
    assert _marker(tmp_path) == {"schema": SCHEMA}


@pytest.mark.parametrize("leftover", ["chroma/", "chroma/chroma.sqlite3", "lexical/meta.json", "notizen.txt", "ingest.journal"])
def test_a_folder_with_anything_else_and_no_marker_is_refused(tmp_path, leftover):
    path = tmp_path / leftover
    if leftover.endswith("/"):
        path.mkdir()
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    with pytest.raises(DataDirVersionError) as caught:
        prepare_data_dir(tmp_path, SCHEMA)
    assert "ohne Versionsmarker" in caught.value.describe("de") and leftover.split("/")[0] in caught.value.describe("de")
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before  # nothing written into a foreign folder


def test_a_lock_file_with_content_is_not_a_leftover(tmp_path):
    (tmp_path / "ingest.lock").write_text("pid 12")
    with pytest.raises(DataDirVersionError):
        prepare_data_dir(tmp_path, SCHEMA)


def test_a_marked_directory_is_opened_and_a_damaged_marker_refused(tmp_path):
    prepare_data_dir(tmp_path, SCHEMA)
    (tmp_path / "chroma").mkdir()
    prepare_data_dir(tmp_path, SCHEMA)  # reopening with content is fine
    (tmp_path / MARKER).write_text('{"sch')
    with pytest.raises(DataDirVersionError):
        prepare_data_dir(tmp_path, SCHEMA)
    (tmp_path / MARKER).write_text(json.dumps({"schema": SCHEMA + 1}))
    with pytest.raises(DataDirVersionError) as caught:
        prepare_data_dir(tmp_path, SCHEMA)
    assert f"erwartet {SCHEMA}" in caught.value.describe("de")


def test_the_marker_written_pause_comes_after_the_marker(tmp_path):
    steps = []
    prepare_data_dir(tmp_path / "data", SCHEMA, pause=lambda step: steps.append((step, (tmp_path / "data" / MARKER).exists())))
    assert steps == [("before-marker", False), ("marker-written", True)]


# --- read-only, unusable or full data directory: one typed German error, never a traceback -------------------------


def _fail_with(code: int):
    def failing(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(args[0]) if args else None)

    return failing


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.EPERM])
def test_a_data_dir_that_cannot_be_written_is_refused_clearly(tmp_path, monkeypatch, code):
    monkeypatch.setattr(Path, "mkdir", _fail_with(code))
    with pytest.raises(DataDirNotWritableError) as caught:
        prepare_data_dir(tmp_path / "data", SCHEMA)
    assert "nicht beschreibbar" in caught.value.describe("de") and os.strerror(code) in caught.value.describe("de")


def test_a_marked_dir_that_became_read_only_is_found_at_start(tmp_path, monkeypatch):
    prepare_data_dir(tmp_path, SCHEMA)
    real_open = Path.open

    def read_only(self, mode="r", *args, **kwargs):
        if "w" in mode or "a" in mode:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", read_only)
    with pytest.raises(DataDirNotWritableError):
        prepare_data_dir(tmp_path, SCHEMA)


def test_a_full_disk_while_writing_the_marker_says_how_much_is_free(tmp_path, monkeypatch):
    monkeypatch.setattr(module.os, "fsync", _fail_with(errno.ENOSPC))
    with pytest.raises(DataDirFullError) as caught:
        prepare_data_dir(tmp_path / "data", SCHEMA)
    assert caught.value.describe("de").startswith("Zu wenig Speicherplatz im Datenordner") and "MB frei" in caught.value.describe("de")


def test_less_free_space_than_configured_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(DataDirFullError) as caught:
        prepare_data_dir(tmp_path / "data", SCHEMA, min_free_mb=10**12)
    assert "MB frei, mindestens" in caught.value.describe("de") and list((tmp_path / "data").iterdir()) == []

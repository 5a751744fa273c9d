"""The data directory's layout is named once: every entry distinct, inside the root, derived ones left out of backups."""

from __future__ import annotations

from pathlib import Path

from assistant.core.data_dir import DataDir
from assistant.core.settings import Settings


def _entries(paths: DataDir) -> dict[str, Path]:
    return {name: getattr(paths, name) for name in dir(DataDir) if isinstance(getattr(DataDir, name), property)}


def test_every_entry_is_distinct_and_inside_the_data_dir(tmp_path):
    entries = _entries(DataDir(tmp_path))
    assert len(set(entries.values())) == len(entries) >= 15
    assert all(path.is_relative_to(tmp_path) for path in entries.values())


def test_settings_name_the_same_layout(tmp_path):
    settings = Settings(data_dir=tmp_path)
    assert settings.paths == DataDir(tmp_path) and settings.chroma_path == DataDir(tmp_path).chroma


def test_backups_leave_out_only_derived_and_temporary_entries(tmp_path):
    paths = DataDir(tmp_path)
    derived = set(paths.derived_entries())
    assert {paths.snapshot.parent.name, paths.temp.name, paths.eval_index.name, paths.ingest_lock.name} <= derived
    kept = {paths.marker, paths.chroma, paths.facts, paths.uploads, paths.jobs, paths.conversations, paths.feedback, paths.audit}
    assert not any(path.relative_to(tmp_path).parts[0] in derived for path in kept)

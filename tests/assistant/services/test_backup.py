"""Backup and restore round-trip the whole index (Chroma, BM25, state, marker), through the service and the CLI."""

from __future__ import annotations

import io
import json
import tarfile

import pytest
from typer.testing import CliRunner

from assistant.bootstrap import DATA_SCHEMA_VERSION, build_services
from assistant.core.errors import DataDirVersionError, InvalidInputError
from assistant.core.settings import Settings
from assistant.services.backup import create_backup, read_backup, restore_backup
from assistant.testing.fakes import FakeEmbedder
from assistant.testing.trust_corpus import build_trust_services


def _state(data_dir):
    """Everything a user would notice: documents, chunks, lexical index and answers (as a fresh process sees them)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # Chroma caches one client per path and process; restore is a new process in real use
    services = build_services(Settings(data_dir=data_dir), embedder=FakeEmbedder(dim=128))
    services.retrieval.refresh_lexical()
    docs = sorted((d.doc_id, d.content_hash, d.confidentiality) for d in services.store.documents())
    chunks = sorted(s.chunk.chunk_id for s in services.store.iter_chunks())
    hits = [p.chunk.chunk_id for p in services.retrieval.search("Quartiersmittel Haspe", k=5)]
    return docs, chunks, services.lexical.fingerprint() == services.store.fingerprint(), hits


@pytest.fixture
def indexed(tmp_path):
    data = tmp_path / "data"
    build_trust_services(data)
    return data


def test_backup_restores_into_a_fresh_directory(indexed, tmp_path):
    before = _state(indexed)
    info = create_backup(indexed, tmp_path / "sicherung.tar.gz")
    assert info.files > 3 and info.schema == DATA_SCHEMA_VERSION
    restored = tmp_path / "anderswo" / "data"
    restore_backup(info.path, restored, DATA_SCHEMA_VERSION)
    after = _state(restored)
    assert after == before and after[2] is True and len(after[1]) > 0
    assert (restored / "lexical" / "meta.json").is_file() and (restored / "planwissen-data.json").is_file()


def test_restore_over_a_changed_index_brings_the_old_state_back_and_keeps_the_previous(indexed, tmp_path):
    before = _state(indexed)
    info = create_backup(indexed, tmp_path)  # a folder as target: dated file name
    assert info.path.parent == tmp_path and info.path.name.startswith("planwissen-sicherung-")
    services = build_services(Settings(data_dir=indexed), embedder=FakeEmbedder(dim=128))
    services.documents.remove(services.store.documents()[0].doc_id)
    del services
    assert _state(indexed) != before
    _, kept = restore_backup(info.path, indexed, DATA_SCHEMA_VERSION)
    assert _state(indexed) == before
    assert kept is not None and (kept / "planwissen-data.json").is_file()


def test_backup_of_another_version_is_refused(indexed, tmp_path):
    info = create_backup(indexed, tmp_path / "alt.tar.gz")
    with pytest.raises(DataDirVersionError) as caught:
        read_backup(info.path, DATA_SCHEMA_VERSION + 1)
    assert "anderen planwissen-Version" in caught.value.describe("de")


@pytest.mark.parametrize("name", ["../boese.txt", "/etc/boese.txt", "data/../../boese.txt"])
def test_archive_with_escaping_members_is_refused(tmp_path, name):
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as archive:
        for member, raw in ((name, b"x"), ("planwissen-backup.json", json.dumps({"schema": DATA_SCHEMA_VERSION}).encode()),
                            ("data/planwissen-data.json", b"{}")):
            info = tarfile.TarInfo(member)
            info.size = len(raw)
            archive.addfile(info, io.BytesIO(raw))
    with pytest.raises(InvalidInputError) as caught:
        restore_backup(evil, tmp_path / "data", DATA_SCHEMA_VERSION)
    assert "unzulässigen Eintrag" in caught.value.describe("de")
    assert not (tmp_path / "boese.txt").exists() and not (tmp_path / "data").exists()


def test_garbage_and_missing_files_get_clear_messages(tmp_path):
    junk = tmp_path / "kaputt.tar.gz"
    junk.write_bytes(b"kein archiv")
    with pytest.raises(InvalidInputError, match="damaged"):
        read_backup(junk, DATA_SCHEMA_VERSION)
    with pytest.raises(InvalidInputError, match="not found"):
        read_backup(tmp_path / "fehlt.tar.gz", DATA_SCHEMA_VERSION)
    with pytest.raises(InvalidInputError):
        create_backup(tmp_path / "leer", tmp_path / "x.tar.gz")


def test_backup_inside_the_data_dir_is_refused(indexed):
    with pytest.raises(InvalidInputError):
        create_backup(indexed, indexed / "sicherung.tar.gz")


def test_cli_backup_and_restore(indexed, tmp_path, monkeypatch):
    from assistant.cli import main as cli

    before = _state(indexed)
    monkeypatch.setattr(cli._State, "settings", Settings(data_dir=indexed))
    runner = CliRunner()
    target = tmp_path / "cli.tar.gz"
    made = runner.invoke(cli.app, ["backup", str(target)])
    assert made.exit_code == 0 and "Gesichert" in made.output and target.is_file()
    (indexed / "planwissen-data.json").unlink()  # damage the index
    done = runner.invoke(cli.app, ["restore", str(target)])
    assert done.exit_code == 0 and "Wiederhergestellt" in done.output, done.output
    assert _state(indexed) == before

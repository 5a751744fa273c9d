"""The check before an upload: same content is a duplicate; same name with other content may be a new version (uploads only)."""

from __future__ import annotations

import os

import pytest

from assistant.core.errors import UnsupportedFormatError
from assistant.core.types import DocumentMeta
from assistant.services.upload_check import check_uploads
from assistant.services.uploads import UploadInbox


@pytest.fixture
def inbox(tmp_path) -> UploadInbox:
    return UploadInbox(tmp_path / "uploads", max_bytes=1000, suffixes={".md"})


def _indexed(upload, title: str) -> DocumentMeta:
    return DocumentMeta(doc_id=upload.doc_id, title=title, source_path=str(upload.path), content_hash=upload.content_hash, format="md")


def _local(tmp_path, name: str, content: bytes):
    path = tmp_path / "browser" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    return name, path


def test_same_name_other_content_asks_and_same_content_is_a_duplicate(inbox, tmp_path):
    v1 = _indexed(inbox.store("Bericht Eilpe.md", [b"Fassung 1"]), "Bericht Eilpe 2024")
    [new_version, same, other] = check_uploads([_local(tmp_path, "bericht eilpe.md", b"Fassung 2"),
                                                _local(tmp_path, "Bericht Eilpe.md", b"Fassung 1"),
                                                _local(tmp_path, "Anderes.md", b"Fassung 2")], inbox, [v1])
    assert new_version.file == "bericht_eilpe.md"
    assert new_version.earlier == v1 and new_version.duplicate is None and new_version.asks  # names match case-insensitively
    assert same.duplicate == v1 and same.earlier == v1 and not same.asks  # identical: nothing to decide, reported as present
    assert other.earlier is None and other.duplicate is None and not other.asks


def test_folder_documents_and_invisible_documents_are_never_candidates(inbox, tmp_path):
    folder_file = tmp_path / "dokumente" / "Bericht.md"
    folder_file.parent.mkdir()
    folder_file.write_bytes(b"aus dem Ordner")
    in_folder = DocumentMeta(doc_id="bericht", title="Bericht", source_path=str(folder_file), content_hash="x", format="md")
    [check] = check_uploads([_local(tmp_path, "Bericht.md", b"neu")], inbox, [in_folder])
    assert check.earlier is None and not check.asks  # a folder document changes in its folder, not by upload
    inbox.store("Geheim.md", [b"intern"])
    [check] = check_uploads([_local(tmp_path, "Geheim.md", b"anders")], inbox, [])  # stored, but not visible to this uploader
    assert check.earlier is None and check.duplicate is None


def test_of_two_uploads_with_one_name_the_latest_is_meant(inbox, tmp_path):
    older = inbox.store("Protokoll.md", [b"eins"])
    newer = inbox.store("Protokoll.md", [b"zwei"])
    os.utime(older.path, (1_000_000, 1_000_000))
    docs = [_indexed(newer, "Protokoll neu"), _indexed(older, "Protokoll alt")]
    [check] = check_uploads([_local(tmp_path, "Protokoll.md", b"drei")], inbox, docs)
    assert check.earlier.doc_id == newer.doc_id


def test_a_refused_file_type_is_refused_by_the_check(inbox, tmp_path):
    with pytest.raises(UnsupportedFormatError):
        check_uploads([_local(tmp_path, "tool.exe", b"x")], inbox, [])

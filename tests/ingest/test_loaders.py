"""The loader registry: limits checked before parsing, and every failure a typed error naming the file."""

from __future__ import annotations

import pytest

from assistant.core.errors import DocumentError, EmptyDocumentError, FileTooLargeError, UnsupportedFormatError
from assistant.core.settings import IngestSettings
from ingest import loaders
from ingest.loaders import SUPPORTED_SUFFIXES, is_supported, load_file

LIMITS = IngestSettings()


def test_supported_suffixes():
    assert {".pdf", ".docx", ".md", ".txt", ".csv", ".xlsx"} <= SUPPORTED_SUFFIXES
    assert ".doc" not in SUPPORTED_SUFFIXES and ".xls" not in SUPPORTED_SUFFIXES
    assert all(suffix == suffix.lower() and suffix.startswith(".") for suffix in SUPPORTED_SUFFIXES)


def test_suffix_case_does_not_matter(tmp_path):
    path = tmp_path / "NOTIZ.TXT"
    path.write_text("Treffen der Sozialraumteams im Mai.", encoding="utf-8")
    assert is_supported(path)
    assert load_file(path, LIMITS).blocks[0].text == "Treffen der Sozialraumteams im Mai."


def test_unknown_suffix(tmp_path):
    path = tmp_path / "praesentation.pptx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFormatError) as caught:
        load_file(path, LIMITS)
    assert caught.value.detail == "praesentation.pptx"
    assert caught.value.code == "unsupported_format"


def test_size_limit_is_checked_before_parsing(tmp_path, monkeypatch):
    path = tmp_path / "riesig.txt"
    path.write_bytes(b"a " * (600 * 1024))
    monkeypatch.setitem(loaders._LOADERS, ".txt", lambda *a: pytest.fail("must not parse an oversized file"))
    with pytest.raises(FileTooLargeError) as caught:
        load_file(path, IngestSettings(max_file_mb=1))
    assert "1 MB" in caught.value.describe("de")


def test_empty_file(tmp_path):
    path = tmp_path / "leer.pdf"
    path.touch()
    with pytest.raises(EmptyDocumentError) as caught:
        load_file(path, LIMITS)
    assert caught.value.detail == "leer.pdf"


def test_missing_file(tmp_path):
    with pytest.raises(DocumentError) as caught:
        load_file(tmp_path / "weg.md", LIMITS)
    assert "nicht gefunden" in caught.value.describe("de")


def test_a_loader_bug_becomes_a_document_error(tmp_path, monkeypatch):
    path = tmp_path / "notiz.md"
    path.write_text("# Titel\n\nText.", encoding="utf-8")

    def broken(*args):
        raise ZeroDivisionError("bug")

    monkeypatch.setitem(loaders._LOADERS, ".md", broken)
    with pytest.raises(DocumentError) as caught:
        load_file(path, LIMITS)
    assert type(caught.value) is DocumentError
    assert caught.value.detail == "notiz.md"
    assert isinstance(caught.value.__cause__, ZeroDivisionError)

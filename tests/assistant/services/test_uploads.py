"""Upload inbox: sanitised names, suffix whitelist, size limit, nothing half-written."""

from __future__ import annotations

import pytest

from assistant.core.errors import FileTooLargeError, InvalidInputError, UnsupportedFormatError
from assistant.services.uploads import UploadInbox, discard_if_uploaded, sanitize_filename


@pytest.mark.parametrize(("raw", "safe"), [
    ("Bericht.pdf", "Bericht.pdf"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\boot.ini.txt", "boot.ini.txt"),
    ("C:\\Users\\x\\Bericht (final).PDF", "Bericht_final.pdf"),
    ("Übersicht Größen ß.md", "Übersicht_Größen_ß.md"),
    ("Sozialraum\x00Profil\n.md", "SozialraumProfil.md"),
    ("\u202eexe.txt", "exe.txt"),  # right-to-left override (a format character) is dropped
    (".bashrc", "upload.bashrc"),
    ("", "upload"),
    ("....", "upload"),
    ("a" * 300 + ".xlsx", "a" * 115 + ".xlsx"),  # 120 characters at most
    ("Bericht.p d f", "Bericht.pdf"),
])
def test_sanitize_filename(raw, safe):
    assert sanitize_filename(raw) == safe
    assert "/" not in sanitize_filename(raw) and "\\" not in sanitize_filename(raw)


@pytest.fixture
def inbox(tmp_path) -> UploadInbox:
    return UploadInbox(tmp_path / "uploads", max_bytes=100, suffixes={".md", ".pdf"})


def test_store_writes_under_the_folder(inbox):
    path = inbox.store("../x/Notiz.MD", [b"Hallo ", b"Welt"])
    assert path == (inbox.folder / "Notiz.md").resolve() and path.read_bytes() == b"Hallo Welt"


def test_too_large_leaves_nothing(inbox):
    with pytest.raises(FileTooLargeError) as caught:
        inbox.store("gross.md", [b"a" * 60, b"a" * 60])
    assert "MB" in caught.value.describe("de")
    assert list(inbox.folder.iterdir()) == []


def test_wrong_suffix_and_empty_file(inbox):
    with pytest.raises(UnsupportedFormatError):
        inbox.store("x.exe", [b"a"])
    with pytest.raises(InvalidInputError):
        inbox.store("leer.md", [])
    assert not inbox.folder.exists() or list(inbox.folder.iterdir()) == []


def test_same_name_replaces_the_earlier_upload(inbox):
    inbox.store("a.md", [b"eins"])
    path = inbox.store("a.md", [b"zwei"])
    assert path.read_bytes() == b"zwei" and len(list(inbox.folder.iterdir())) == 1


def test_discard_only_touches_files_in_the_inbox(inbox, tmp_path):
    uploaded = inbox.store("a.md", [b"x"])
    own = tmp_path / "eigene.md"
    own.write_text("x")
    assert discard_if_uploaded(inbox, uploaded) and not uploaded.exists()
    assert not discard_if_uploaded(inbox, own) and own.exists()

"""Upload inbox: sanitised names, suffix whitelist, size limit, nothing half-written."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor

import pytest
import yaml

from assistant.core.errors import FileTooLargeError, InvalidInputError, UnsupportedFormatError
from assistant.services.uploads import UploadInbox, discard_if_uploaded, sanitize_filename
from ingest.manifest import discover
from ingest.pipeline import version_of


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


def test_store_writes_into_an_upload_folder_of_its_own(inbox):
    upload = inbox.store("../x/Notiz.MD", [b"Hallo ", b"Welt"])
    assert upload.path == (inbox.folder / upload.upload_id / "Notiz.md").resolve() and upload.path.read_bytes() == b"Hallo Welt"
    assert upload.doc_id == f"notiz-md-{upload.upload_id}"
    assert upload.content_hash == version_of(hashlib.sha256(b"Hallo Welt").hexdigest()[:32])
    entry = yaml.safe_load((upload.path.parent / "manifest.yaml").read_text())["documents"]
    assert entry == [{"id": upload.doc_id, "file": "Notiz.md"}]
    assert discover([upload.path])[0].doc_id == upload.doc_id  # the ingestion (and any re-ingest of the inbox) keeps the id


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


def test_same_name_never_replaces_an_earlier_upload(inbox):
    """Before, the second `a.md` overwrote the first in the inbox and both became the document `a-md`."""
    first, second = inbox.store("a.md", [b"eins"]), inbox.store("a.md", [b"zwei"])
    assert first.path.read_bytes() == b"eins" and second.path.read_bytes() == b"zwei" and first.doc_id != second.doc_id
    one, two = inbox.store("Bericht (1).md", [b"x"]), inbox.store("Bericht_1.md", [b"y"])
    assert one.doc_id != two.doc_id and one.path != two.path


def test_a_new_version_keeps_the_document_id(inbox):
    first = inbox.store("a.md", [b"eins"])
    again = inbox.store("a-neu.md", [b"zwei"], replaces=first.doc_id)
    assert again.doc_id == first.doc_id and again.replaces == first.doc_id and again.path != first.path


def test_same_name_uploads_from_many_threads_all_survive(inbox):
    inbox.max_bytes = 1000
    with ThreadPoolExecutor(max_workers=8) as pool:
        uploads = list(pool.map(lambda n: inbox.store("protokoll.md", [f"Fassung {n}".encode()]), range(24)))
    assert len({u.doc_id for u in uploads}) == 24
    assert sorted(u.path.read_text() for u in uploads) == sorted(f"Fassung {n}" for n in range(24))


def test_discard_only_touches_files_in_the_inbox(inbox, tmp_path):
    uploaded = inbox.store("a.md", [b"x"])
    own = tmp_path / "eigene.md"
    own.write_text("x")
    assert inbox.holds(uploaded.path) and not inbox.holds(own)
    assert discard_if_uploaded(inbox, uploaded.path) and not uploaded.path.parent.exists()  # the whole upload folder
    assert not discard_if_uploaded(inbox, own) and own.exists()
    flat = inbox.folder / "alt.md"  # an upload of an older version, directly in the inbox
    flat.write_text("x")
    assert discard_if_uploaded(inbox, flat) and not flat.exists() and inbox.folder.exists()

"""Screening and tidying around an upload job: duplicates by content, and only what the store points at stays."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.core.types import DocumentMeta
from assistant.services.upload_batch import UploadBatch
from assistant.services.uploads import UploadInbox


@pytest.fixture
def inbox(tmp_path) -> UploadInbox:
    return UploadInbox(tmp_path / "uploads", max_bytes=1000, suffixes={".md"})


def _doc(upload, **changes) -> DocumentMeta:
    meta = DocumentMeta(doc_id=upload.doc_id, title=upload.path.stem, source_path=str(upload.path), content_hash=upload.content_hash,
                        format="md")
    return replace(meta, **changes)


def test_identical_files_in_one_batch_and_already_indexed_content_are_screened_out(inbox):
    indexed = inbox.store("alt.md", [b"schon da"])
    known = {indexed.doc_id: _doc(indexed, title="Alter Bericht")}
    uploads = [inbox.store("a.md", [b"neu"]), inbox.store("b.md", [b"neu"]), inbox.store("c.md", [b"schon da"])]
    batch = UploadBatch(uploads, inbox, visible=lambda: known.values(), lookup=known.get)
    assert batch.screen() == [uploads[0].path]
    assert [(d.file, d.doc_id) for d in batch.duplicates] == [("b.md", uploads[0].doc_id), ("c.md", indexed.doc_id)]
    assert batch.duplicates[1].describe() == f"c.md bereits vorhanden als „Alter Bericht“ ({indexed.doc_id})"


def test_content_hidden_from_the_uploader_is_not_revealed_as_a_duplicate(inbox):
    hidden = inbox.store("intern.md", [b"gleich"])
    upload = inbox.store("offen.md", [b"gleich"])
    batch = UploadBatch([upload], inbox, visible=lambda: [], lookup={hidden.doc_id: _doc(hidden)}.get)
    assert batch.screen() == [upload.path] and batch.duplicates == []


def test_after_the_job_only_committed_uploads_stay(inbox):
    ok, failed, duplicate = inbox.store("ok.md", [b"1"]), inbox.store("kaputt.md", [b"2"]), inbox.store("kopie.md", [b"1"])
    committed = {ok.doc_id: _doc(ok)}
    batch = UploadBatch([ok, failed, duplicate], inbox, visible=lambda: [], lookup=committed.get)
    batch.finish(None)  # also after a crash: the store's state decides
    assert ok.path.exists() and not failed.path.parent.exists() and not duplicate.path.parent.exists()
    assert {f.upload_id for f in inbox.failed.list()} == {failed.upload_id, duplicate.upload_id}  # kept aside, not lost


def test_a_file_the_ingestion_refused_is_kept_aside_with_its_reason_and_a_duplicate_is_not(inbox):
    from assistant.core.types import FileFailure, IngestReport

    bad, copy = inbox.store("programm.md", [b"\x7fELF\x02\x01"]), inbox.store("kopie.md", [b"schon da"])
    indexed = inbox.store("alt.md", [b"schon da"])
    known = {indexed.doc_id: _doc(indexed)}
    batch = UploadBatch([bad, copy], inbox, visible=lambda: known.values(), lookup=known.get)
    assert batch.screen() == [bad.path]
    batch.finish(IngestReport(failed=[FileFailure(str(bad.path), "document_unreadable", "Die Datei konnte nicht gelesen werden.")]))
    [kept] = inbox.failed.list()
    assert (kept.upload_id, kept.file_name, kept.code) == (bad.upload_id, "programm.md", "document_unreadable")
    assert kept.size_bytes == 6 and not bad.path.parent.exists() and not copy.path.parent.exists()
    inbox.failed.delete(kept.upload_id)
    assert inbox.failed.list() == []


def test_a_committed_replacement_removes_the_old_version_and_a_failed_one_keeps_it(inbox):
    first = inbox.store("v1.md", [b"eins"])
    store = {first.doc_id: _doc(first)}
    failed = inbox.store("v2.md", [b"zwei"], replaces=first.doc_id)
    batch = UploadBatch([failed], inbox, visible=lambda: store.values(), lookup=store.get)
    assert batch.screen() == [failed.path]
    batch.finish(None)  # the new version was not committed
    assert first.path.exists() and not failed.path.parent.exists()
    second = inbox.store("v2.md", [b"zwei"], replaces=first.doc_id)
    batch = UploadBatch([second], inbox, visible=lambda: store.values(), lookup=store.get)
    batch.screen()
    store[first.doc_id] = _doc(second)  # what the ingestion commits
    batch.finish(None)
    assert second.path.exists() and not first.path.parent.exists()

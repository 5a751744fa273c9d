"""Bad input through the real ingestion path (real Chroma, real BM25; fake embedder): each bad file gets a clear German
message and is skipped, the readable files are ingested, and the index stays consistent."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from bad_files import PROSE, bad_files, odd_but_readable, text_pdf, write_big_csv, write_big_xlsx

from assistant.bootstrap import build_services
from assistant.core.errors import FileTooLargeError, InvalidInputError
from assistant.core.settings import IngestSettings, Settings
from assistant.testing.fakes import FakeEmbedder
from ingest.loaders import load_file

#: What each bad file must get: its error code and a German phrase of the message.
EXPECTED = {
    "abgebrochen.pdf": ("document_unreadable", "beschädigt oder unvollständig"),
    "kaputt.pdf": ("document_unreadable", "beschädigt oder unvollständig"),
    "nur-kopf.pdf": ("document_unreadable", "beschädigt oder unvollständig"),
    "passwort.pdf": ("encrypted_document", "passwortgeschützt"),
    "scan.pdf": ("no_text_layer", "keine Textebene"),
    "leer.txt": ("empty_document", "keinen Text"),
    "nur-leerzeichen.md": ("empty_document", "keinen Text"),
    "eigentlich-pdf.txt": ("document_unreadable", "passt nicht zur Dateiendung .txt"),
    "eigentlich-text.pdf": ("document_unreadable", "passt nicht zur Dateiendung .pdf"),
    "eigentlich-text.docx": ("document_unreadable", "passt nicht zur Dateiendung .docx"),
    "zufall.xlsx": ("document_unreadable", "passt nicht zur Dateiendung .xlsx"),
    "binaer.md": ("document_unreadable", "der Inhalt ist binär"),
    "kaputtes-zip.docx": ("document_unreadable", "beschädigt"),
    "bombe.docx": ("file_too_large", "Zip-Bombe"),
    "bombe.xlsx": ("file_too_large", "Zip-Bombe"),
    "luegende-bombe.docx": ("document_unreadable", "beschädigt"),
    "riesig.csv": ("file_too_large", "max_table_rows"),
}


def settings_for(tmp_path: Path, **ingest) -> Settings:
    return Settings(data_dir=tmp_path / "data", ingest=IngestSettings(max_unzipped_mb=20, max_table_rows=1000, **ingest))


def assert_consistent(services) -> None:
    """No orphaned chunks, every committed document complete, lexical index in step with the vector store."""
    store = services.store
    assert store.remove_orphans() == 0
    documents = {doc.doc_id: doc for doc in store.documents()}
    visible = list(store.iter_chunks())
    assert store.count() == len(visible)
    for doc_id, doc in documents.items():
        assert len(store.chunks_of(doc_id)) == doc.chunk_count > 0
    services.retrieval.refresh_lexical()
    assert services.lexical.fingerprint() == store.fingerprint()
    assert sorted(services.lexical._state.chunk_ids) == sorted(s.chunk.chunk_id for s in visible)


@pytest.fixture
def services(tmp_path):
    return build_services(settings_for(tmp_path), embedder=FakeEmbedder(dim=64))


def test_every_bad_file_is_skipped_with_a_german_message_and_the_rest_is_ingested(services, tmp_path):
    folder = tmp_path / "ablage"
    folder.mkdir()
    for name, content in {**bad_files(), **odd_but_readable()}.items():
        (folder / name).write_bytes(content)
    write_big_csv(folder / "riesig.csv", 5000)
    (folder / "konzept.md").write_text(f"# Sozialraumteams\n\n{PROSE}\n", encoding="utf-8")
    (folder / "bericht.pdf").write_bytes(text_pdf())

    report = services.ingestion.ingest([folder])

    failed = {Path(f.path).name: f for f in report.failed}
    assert set(failed) == set(EXPECTED)
    for name, (code, phrase) in EXPECTED.items():
        assert failed[name].code == code, (name, failed[name])
        assert phrase in failed[name].message and name in failed[name].message, (name, failed[name].message)
    readable = {"konzept.md", "bericht.pdf", *odd_but_readable()}
    assert {Path(doc.source_path).name for doc in services.store.documents()} == readable
    assert len(report.added) == len(readable)
    assert_consistent(services)
    hits = services.retrieval.search("Stadtteilkonferenzen im Sozialraumteam", k=3)
    assert hits and "Stadtteilkonferenzen" in hits[0].chunk.text


def test_a_second_run_reports_the_bad_files_again_and_changes_nothing(services, tmp_path):
    folder = tmp_path / "ablage"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(bad_files()["scan.pdf"])
    (folder / "konzept.md").write_text(f"# Titel\n\n{PROSE}\n", encoding="utf-8")
    services.ingestion.ingest([folder])
    count = services.store.count()
    again = services.ingestion.ingest([folder])
    assert [Path(f.path).name for f in again.failed] == ["scan.pdf"] and again.unchanged and not again.added
    assert services.store.count() == count
    assert_consistent(services)


def test_missing_path_is_reported_not_fatal(services, tmp_path):
    (tmp_path / "da.md").write_text(f"# Titel\n\n{PROSE}\n", encoding="utf-8")
    report = services.ingestion.ingest([tmp_path / "weg.pdf", tmp_path / "da.md"])
    assert [f.code for f in report.failed] == ["not_found"] and "nicht gefunden" in report.failed[0].message
    assert len(report.added) == 1


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_million_rows_are_refused_quickly_with_bounded_memory(tmp_path, kind):
    path = tmp_path / f"export.{kind}"
    (write_big_csv if kind == "csv" else write_big_xlsx)(path, 1_000_000)
    tracemalloc.start()
    try:
        with pytest.raises(FileTooLargeError) as caught:
            load_file(path, IngestSettings())  # default limit: 100.000 rows
        peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()
    message = caught.value.describe("de")
    assert "100.000 Datenzeilen" in message and "max_table_rows" in message and path.name in message
    assert peak_mb < 200, f"peak {peak_mb:.0f} MB"


def test_the_row_limit_is_a_setting(tmp_path):
    path = write_big_xlsx(tmp_path / "klein.xlsx", 40)
    assert len(load_file(path, IngestSettings(max_table_rows=40)).blocks) == 40
    with pytest.raises(FileTooLargeError):
        load_file(path, IngestSettings(max_table_rows=39))
    csv = write_big_csv(tmp_path / "klein.csv", 40)
    assert len(load_file(csv, IngestSettings(max_table_rows=40)).blocks) == 40


@pytest.mark.parametrize("question, phrase", [
    ("", "leer"),
    ("   \n\t ", "leer"),
    ("Sozialplanung " * 7500, "zu lang"),  # ~100 KB
    ("\x00\x01\x02\x1b\x7f\x1f", "keinen lesbaren Text"),
    ("\u200b\u200e\ufeff", "keinen lesbaren Text"),
])
def test_unusable_questions_get_a_clear_german_message(services, question, phrase):
    from assistant.core.validation import clean_question

    with pytest.raises(InvalidInputError) as caught:
        clean_question(question)
    assert phrase in caught.value.describe("de")
    if phrase != "keinen lesbaren Text":  # the service itself refuses empty and oversized questions too
        with pytest.raises(InvalidInputError):
            services.answering.ask(question)


def test_control_characters_inside_a_real_question_are_dropped(services, tmp_path):
    from assistant.core.validation import clean_question

    (tmp_path / "konzept.md").write_text(f"# Sozialraumteams\n\n{PROSE}\n", encoding="utf-8")
    services.ingestion.ingest([tmp_path / "konzept.md"])
    question = clean_question("Wie oft\x00 finden\x1b Stadtteilkonferenzen\u200b statt?\x07")
    assert question == "Wie oft finden Stadtteilkonferenzen statt?"
    answer = services.answering.ask(question)
    assert answer.question == question


def test_what_a_loader_noticed_reaches_the_report_with_the_file_ingested(services, tmp_path):
    import openpyxl

    folder = tmp_path / "ablage"
    folder.mkdir()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Daten"
    sheet.append(["Stadtbezirk", "Einwohner"])
    for name, value in [("Haspe", 31574), ("Eilpe/Dahl", 16035), ("Hohenlimburg", "k. A. (Umstellung)"), ("Hagen-Nord", 38512)]:
        sheet.append([name, value])
    hidden = book.create_sheet("Alt")
    hidden.append(["Stadtbezirk", "Einwohner"])
    hidden.append(["Haspe", 30994])
    hidden.sheet_state = "hidden"
    book.save(folder / "einwohner.xlsx")
    report = services.ingestion.ingest([folder])
    assert report.added and not report.failed
    messages = [w.message for w in report.warnings if Path(w.path).name == "einwohner.xlsx"]
    assert any("ausgeblendet" in m for m in messages), messages

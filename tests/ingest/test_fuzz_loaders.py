"""Fuzzing (hypothesis, bounded: a fixed number of examples and a deadline per example) over every loader and the
query path. A loader may only return parsed blocks or raise a DocumentError; a question may only get an answer or
an InvalidInputError — never another exception, never a hang."""

from __future__ import annotations

import io
import zipfile

import pytest
from bad_files import text_pdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.core.errors import DocumentError, InvalidInputError
from assistant.core.settings import IngestSettings
from assistant.core.validation import clean_question
from assistant.testing.sample_corpus import sample_setup
from ingest.loaders import SUPPORTED_SUFFIXES, load_file

LIMITS = IngestSettings(max_file_mb=5, max_unzipped_mb=20, max_table_rows=5000)
FUZZ = settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Bericht", level=1)
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


SEEDS = {".pdf": text_pdf(), ".docx": _docx("Die Sozialplanung stimmt sich mit den Trägern ab.")}


def _mutate(seed: bytes, data: st.DataObject) -> bytes:
    """Flip, cut or splice bytes of a valid file: the inputs real damage produces."""
    raw = bytearray(seed)
    for _ in range(data.draw(st.integers(1, 8))):
        kind = data.draw(st.sampled_from(["flip", "cut", "splice"]))
        at = data.draw(st.integers(0, max(0, len(raw) - 1)))
        if kind == "flip" and raw:
            raw[at] ^= data.draw(st.integers(1, 255))
        elif kind == "cut":
            del raw[at:at + data.draw(st.integers(1, 4096))]
        else:
            raw[at:at] = data.draw(st.binary(max_size=256))
    return bytes(raw)


def _check(path) -> None:
    try:
        parsed = load_file(path, LIMITS)
    except DocumentError as exc:
        assert exc.describe("de") and path.name in exc.describe("de")
        return
    assert any(block.text.strip() for block in parsed.blocks)


@FUZZ
@given(suffix=st.sampled_from(sorted(SUPPORTED_SUFFIXES)), content=st.binary(max_size=4096))
def test_random_bytes_under_every_suffix(tmp_path_factory, suffix, content):
    path = tmp_path_factory.mktemp("fuzz") / f"datei{suffix}"
    path.write_bytes(content)
    _check(path)


@FUZZ
@given(suffix=st.sampled_from([".txt", ".md", ".csv"]), text=st.text(max_size=3000),
       encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
def test_random_text_in_every_encoding(tmp_path_factory, suffix, text, encoding):
    path = tmp_path_factory.mktemp("fuzz") / f"notiz{suffix}"
    path.write_bytes(text.encode(encoding, errors="replace"))
    _check(path)


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
@FUZZ
@given(data=st.data())
def test_damaged_pdf_and_docx(tmp_path_factory, suffix, data):
    path = tmp_path_factory.mktemp("fuzz") / f"beschaedigt{suffix}"
    path.write_bytes(_mutate(SEEDS[suffix], data))
    _check(path)


@FUZZ
@given(members=st.dictionaries(st.sampled_from(["word/document.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml",
                                                "[Content_Types].xml", "docProps/core.xml"]), st.binary(max_size=512), max_size=4),
       suffix=st.sampled_from([".docx", ".xlsx"]))
def test_zips_with_random_office_parts(tmp_path_factory, members, suffix):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, raw in members.items():
            archive.writestr(name, raw)
    path = tmp_path_factory.mktemp("fuzz") / f"buero{suffix}"
    path.write_bytes(out.getvalue())
    _check(path)


_ANSWERING = sample_setup().answering


@settings(max_examples=80, deadline=5000)
@given(question=st.text(max_size=300) | st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=50))
def test_the_query_path_answers_or_refuses_cleanly(question):
    try:
        cleaned = clean_question(question)
    except InvalidInputError as exc:
        assert exc.describe("de")
        return
    answer = _ANSWERING.ask(cleaned)
    assert answer.text and (answer.refused or answer.citations or answer.notes is not None)

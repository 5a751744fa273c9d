"""Plain-text loader: encodings, heading-like lines as sections, lists, fixed-width tables, huge lines, binary files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from assistant.core.errors import DocumentError, EmptyDocumentError
from assistant.core.settings import IngestSettings
from ingest.loaders import load_file
from ingest.loaders._common import MAX_BLOCK_CHARS

LIMITS = IngestSettings()

PROTOCOL = """PROTOKOLL DER STADTTEILKONFERENZ HASPE

Datum: 13.03.2024
Ort: Rathaus Haspe

TOP 1: Begrüßung
Die Moderation begrüßt die Anwesenden.

TOP 2: Bericht der Quartiersarbeit
Die Quartiersarbeit berichtet über den Mittagstisch,
der seit Januar zweimal pro Woche stattfindet.

Ergebnisse
==========

1. Sprechstunde verlängern
2. Flyer übersetzen

- Aufgabe: Raum klären
- Aufgabe: Termin festlegen

3. Verschiedenes

Keine weiteren Punkte.
"""


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_heading_like_lines_open_sections(tmp_path):
    parsed = load_file(_write(tmp_path, "protokoll.txt", PROTOCOL), LIMITS)
    headings = [(block.text, block.section) for block in parsed.blocks if block.kind == "heading"]
    top = "PROTOKOLL DER STADTTEILKONFERENZ HASPE"
    assert headings == [
        (top, (top,)),
        ("TOP 1: Begrüßung", (top, "TOP 1: Begrüßung")),
        ("TOP 2: Bericht der Quartiersarbeit", (top, "TOP 2: Bericht der Quartiersarbeit")),
        ("Ergebnisse", ("Ergebnisse",)),
        ("3. Verschiedenes", ("Ergebnisse", "3. Verschiedenes")),
    ]
    report = next(block for block in parsed.blocks if block.text.startswith("Die Quartiersarbeit"))
    assert report.section == (top, "TOP 2: Bericht der Quartiersarbeit")


def test_numbered_lines_that_follow_each_other_are_a_list_not_headings(tmp_path):
    parsed = load_file(_write(tmp_path, "protokoll.txt", PROTOCOL), LIMITS)
    items = [block.text for block in parsed.blocks if block.kind == "list_item"]
    assert items == ["1. Sprechstunde verlängern", "2. Flyer übersetzen", "Aufgabe: Raum klären", "Aufgabe: Termin festlegen"]


def test_short_lines_keep_their_breaks_and_offsets_match(tmp_path):
    parsed = load_file(_write(tmp_path, "protokoll.txt", PROTOCOL), LIMITS)
    meta = next(block for block in parsed.blocks if block.text.startswith("Datum"))
    assert meta.text == "Datum: 13.03.2024\nOrt: Rathaus Haspe"
    assert PROTOCOL[meta.char_start : meta.char_end] == meta.text


def test_hard_wrapped_prose_is_joined(tmp_path):
    line = "Die Sozialplanung stellt die Kennzahlen für den Stadtbezirk Haspe vor und ordnet sie"
    text = "\n".join([line, "in den Vergleich mit der Gesamtstadt ein, wie es die Steuerungsgruppe beschlossen hat.", line, "zum Schluss."])
    parsed = load_file(_write(tmp_path, "notiz.txt", text), LIMITS)
    assert parsed.blocks[0].text == " ".join(text.split("\n"))


def test_windows_1252_text_is_decoded(tmp_path):
    text = "BEGRÜSSUNG\n\nDie Kosten von 1.200 € für „Mittagstisch“ übernimmt die Stadt – bis Ende März.\n"
    parsed = load_file(_write(tmp_path, "alt.txt", text, encoding="cp1252"), LIMITS)
    assert parsed.blocks[1].text == "Die Kosten von 1.200 € für „Mittagstisch“ übernimmt die Stadt – bis Ende März."


def test_utf16_with_bom_is_decoded(tmp_path):
    parsed = load_file(_write(tmp_path, "export.txt", "Übersicht der Träger in Hohenlimburg.", encoding="utf-16"), LIMITS)
    assert parsed.blocks[0].text == "Übersicht der Träger in Hohenlimburg."


def test_undecodable_bytes_never_crash(tmp_path):
    path = tmp_path / "kaputt.txt"
    path.write_bytes("Größe ".encode() + b"\x81\x8d\x8f\x90\x9d" + b" Ende der Datei mit genug normalem Text.")
    parsed = load_file(path, LIMITS)
    assert "Ende der Datei" in parsed.blocks[0].text


def test_fixed_width_table_rows_become_records(tmp_path):
    text = (
        "Aufgaben bis zur nächsten Sitzung:\n\n"
        "Nr.  Aufgabe                     Verantwortlich   Termin\n"
        "---  --------------------------  ---------------  ----------\n"
        "1    Raum für Sprechstunde       Sozialplanung    05.11.2024\n"
        "2    Flyer übersetzen            Caritas          \n"
    )
    parsed = load_file(_write(tmp_path, "aufgaben.txt", text), LIMITS)
    rows = [block for block in parsed.blocks if block.kind == "table_row"]
    assert [row.record for row in rows] == [
        {"Nr.": "1", "Aufgabe": "Raum für Sprechstunde", "Verantwortlich": "Sozialplanung", "Termin": "05.11.2024"},
        {"Nr.": "2", "Aufgabe": "Flyer übersetzen", "Verantwortlich": "Caritas"},
    ]
    assert [row.row for row in rows] == [1, 2]
    assert rows[0].table == "Aufgaben bis zur nächsten Sitzung"


def test_a_huge_single_line_is_cut_into_bounded_blocks(tmp_path):
    sentence = "Die Begegnungsstätte bietet montags einen offenen Treff an. "
    path = _write(tmp_path, "lang.txt", sentence * 60_000)  # ~3.6 MB without one line break
    started = time.perf_counter()
    parsed = load_file(path, LIMITS)
    assert time.perf_counter() - started < 20
    assert len(parsed.blocks) > 1000
    assert max(len(block.text) for block in parsed.blocks) <= MAX_BLOCK_CHARS
    assert all(block.text.endswith("Treff an.") for block in parsed.blocks[:-1])  # cut at sentence ends


def test_binary_content_named_txt_is_refused(tmp_path):
    path = tmp_path / "bild.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(DocumentError) as caught:
        load_file(path, LIMITS)
    assert "binär" in caught.value.describe("de")


def test_pdf_named_txt_is_refused(tmp_path):
    path = tmp_path / "bericht.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with pytest.raises(DocumentError) as caught:
        load_file(path, LIMITS)
    assert "es ist ein PDF" in caught.value.describe("de")


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_or_blank_text_is_empty(tmp_path, content):
    path = tmp_path / "leer.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyDocumentError):
        load_file(path, LIMITS)

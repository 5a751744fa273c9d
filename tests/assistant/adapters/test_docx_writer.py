"""The DOCX export opens with python-docx and carries the sources as numbered endnotes with document and page."""

import io

import pytest
from docx import Document

from assistant.adapters.chart_png import render_chart
from assistant.adapters.docx_writer import docx_bytes, write_docx
from assistant.services.drafting.render_md import footnote_text
from assistant.services.drafting.types import ChartSpec, Draft, Figure, FigureTable, Section, SourceRef, Statement

REF_A = SourceRef("profil", "Sozialraumprofil Haspe 2024", ("c1",), page=4, date="2024-11-15")
REF_B = SourceRef("angebote", "Angebotserhebung 2024", ("c2",), rows=(17, 19), section="Angebote")


def _draft(prose: str = "") -> Draft:
    figure = Figure("SGB-II-Quote", "Haspe", 2024, "19,6", "%", REF_A, "sgb ii quote")
    return Draft(
        title="Steckbrief Haspe", subtitle="Stadtbezirk",
        sections=[Section("Kennzahlen", [Statement("SGB-II-Quote in Haspe 2024: 19,6 %", [REF_A])]),
                  Section("Partner", [Statement("Caritas: 2 Angebote (gezählt)", [REF_B, REF_A], label="Träger")])],
        table=FigureTable("Haspe", [2024], [("SGB-II-Quote (%)", {2024: figure})]),
        chart_png=render_chart(ChartSpec("Haspe", "%", [("SGB-II-Quote", [(2019, 18.6), (2024, 19.6)])])), chart_caption="Verlauf",
        prose=prose,
    )


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_docx_opens_with_endnotes_table_and_chart(tmp_path):
    path = write_docx(_draft(), tmp_path / "out" / "steckbrief.docx")
    document = Document(str(path))
    text = _text(document)
    assert "Steckbrief Haspe" in text and "Quellen" in text
    assert "1. Sozialraumprofil Haspe 2024, S. 4 (2024-11-15)" in text
    assert "2. Angebotserhebung 2024, Zeilen 17, 19" in text
    superscripts = [r.text for p in document.paragraphs for r in p.runs if r.font.superscript]
    assert superscripts == ["1", "2", ",1"]
    assert document.tables[0].cell(1, 1).text == "19,6" and document.tables[0].cell(1, 2).text == "1"
    assert len(document.inline_shapes) == 1


def test_prose_markers_become_superscript_endnotes():
    document = Document(io.BytesIO(docx_bytes(_draft(prose="## Lage\nDie Quote liegt bei 19,6 % [1]; Träger sind aktiv [2]."))))
    runs = [(r.text, bool(r.font.superscript)) for p in document.paragraphs for r in p.runs]
    assert ("1", True) in runs and ("2", True) in runs
    assert "Lage" in [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert footnote_text(REF_B) in _text(document)


@pytest.mark.parametrize("lines", [[], [("leer", [])]])
def test_chart_without_points_still_renders(lines):
    assert render_chart(ChartSpec("x", "%", lines)).startswith(b"\x89PNG")

"""The DOCX export opens with python-docx, carries real Word footnotes (one per statement) and renders with LibreOffice."""

import io
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from lxml import etree

from assistant.adapters.chart_png import render_chart
from assistant.adapters.docx_writer import docx_bytes, write_docx
from assistant.services.drafting.render_md import footnote_text, render_markdown
from assistant.services.drafting.types import ChartSpec, Draft, Figure, FigureTable, Section, SourceRef, Statement

REF_A = SourceRef("profil", "Sozialraumprofil Haspe 2024", ("c1",), page=4, date="2024-11-15")
REF_B = SourceRef("angebote", "Angebotserhebung 2024", ("c2",), rows=(17, 19), section="Angebote")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHART = render_chart(ChartSpec("Haspe", "%", [("SGB-II-Quote", [(2019, 18.6), (2024, 19.6)])]))


def _draft(prose: str = "") -> Draft:
    figure = Figure("SGB-II-Quote", "Haspe", 2024, "19,6", "%", REF_A, "sgb ii quote")
    development = Section("Entwicklung", [Statement("Die SGB-II-Quote ist seit 2019 gestiegen.", [REF_A]),
                                          Statement("Sie liegt über dem Wert der Stadt.", [REF_A])],
                          layout="prose", chart_png=CHART, chart_caption="Abbildung: SGB-II-Quote")
    return Draft(
        title="Steckbrief Haspe", subtitle="Stadtbezirk",
        sections=[Section("Kennzahlen", [Statement("SGB-II-Quote in Haspe 2024: 19,6 %", [REF_A])]),
                  Section("Partner", [Statement("Caritas: 2 Angebote (gezählt)", [REF_B, REF_A], label="Träger")]),
                  development],
        table=FigureTable("Haspe", [2024], [("SGB-II-Quote (%)", {2024: figure})]),
        prose=prose,
    )


def _text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def _parts(data: bytes) -> tuple[list, list[str], str, str]:
    """Footnote notes (without the separators), reference ids in the body, content types, document relationships."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
        body = etree.fromstring(archive.read("word/document.xml"))
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    real = [n for n in notes.iter(f"{W}footnote") if int(n.get(f"{W}id")) > 0]
    refs = [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")]
    return real, refs, types, rels


def test_docx_holds_real_footnotes_one_per_statement(tmp_path):
    draft = _draft()
    path = write_docx(draft, tmp_path / "out" / "steckbrief.docx")
    data = path.read_bytes()
    notes, refs, types, rels = _parts(data)
    assert "wordprocessingml.footnotes+xml" in types and "relationships/footnotes" in rels
    assert len(refs) == len(draft.statements()) + 1  # + the table row's source
    assert refs == [n.get(f"{W}id") for n in notes]
    texts = ["".join(t.text for t in n.iter(f"{W}t")) for n in notes]
    assert texts[0].strip() == "Sozialraumprofil Haspe 2024, S. 4 (2024-11-15)."
    assert "Angebotserhebung 2024, Zeilen 17, 19; Sozialraumprofil Haspe 2024, S. 4" in texts[2]
    document = Document(str(path))
    reference_runs = [r for p in document.paragraphs for r in p.runs if r.style is not None and r.style.name == "Footnote Reference"]
    assert len(reference_runs) == len(draft.statements())
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[-1] == "Quellen" and "Entwicklung" in headings
    assert "Angebotserhebung 2024" in _text(document) and len(document.inline_shapes) == 1
    prose = next(p.text for p in document.paragraphs if p.text.startswith("Die SGB-II-Quote"))
    assert "gestiegen. Sie liegt" in prose  # one running paragraph


def test_markdown_keeps_numbered_footnotes():
    markdown = render_markdown(_draft(), section_charts={2: "chart.png"})
    assert "- SGB-II-Quote in Haspe 2024: 19,6 %[^1]" in markdown
    assert "Die SGB-II-Quote ist seit 2019 gestiegen.[^1] Sie liegt" in markdown
    assert "![Abbildung: SGB-II-Quote](chart.png)" in markdown and "[^2]: Angebotserhebung 2024, Zeilen 17, 19" in markdown


def test_prose_markers_become_footnotes():
    data = docx_bytes(_draft(prose="## Lage\nDie Quote liegt bei 19,6 % [1]; Träger sind aktiv [2]."))
    notes, refs, _, _ = _parts(data)
    assert len(refs) == 3  # table row + two markers
    assert footnote_text(REF_B) in "".join(t.text for t in notes[-1].iter(f"{W}t"))
    document = Document(io.BytesIO(data))
    assert "Lage" in [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


@pytest.mark.parametrize("lines", [[], [("leer", [])]])
def test_chart_without_points_still_renders(lines):
    assert render_chart(ChartSpec("x", "%", lines)).startswith(b"\x89PNG")


@pytest.mark.slow
def test_docx_renders_to_pdf_with_footnotes(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) ist nicht installiert: apt-get install libreoffice-writer-nogui")
    from pypdf import PdfReader

    path = write_docx(_draft(), tmp_path / "entwurf.docx")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    reader = PdfReader(str(tmp_path / "entwurf.pdf"))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    assert 1 <= len(reader.pages) <= 3
    assert "Angebotserhebung 2024, Zeilen 17, 19" in text and "Quellen" in text

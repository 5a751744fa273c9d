"""`draft`, `steckbrief`, `einstieg`: the commands write Markdown (with chart PNG) or DOCX and report the check."""

from types import SimpleNamespace

import pytest
from docx import Document

from assistant.cli import draft_cmd
from assistant.core.errors import InvalidInputError
from assistant.testing.drafting_corpus import FakeChart, build_drafting


@pytest.fixture(scope="module")
def services():
    return SimpleNamespace(drafting=build_drafting(chart=FakeChart()))


def test_draft_to_markdown_and_docx(services, tmp_path):
    out = tmp_path / "entwurf.md"
    lines = draft_cmd.draft_command(services, "Abschnitt Armut in Haspe", place=None, out=out, level="public", prose=False)
    assert lines[0].startswith("Geschrieben:") and "(100%)" in lines[1]
    text = (tmp_path / "entwurf.md").read_text(encoding="utf-8")
    assert "## Quellen" in text and "[^1]: Sozialraumprofil Haspe 2024, S. 4" in text
    draft_cmd.draft_command(services, "Abschnitt Armut in Haspe", place=None, out=tmp_path / "entwurf.docx", level="public", prose=False)
    assert "Quellen" in "\n".join(p.text for p in Document(str(tmp_path / "entwurf.docx")).paragraphs)


def test_steckbrief_writes_chart_beside_markdown(services, tmp_path):
    lines = draft_cmd.steckbrief_command(services, "Haspe", out=tmp_path / "steckbrief.md", level="public")
    assert "Diagramm: steckbrief.png" in lines[0]
    assert (tmp_path / "steckbrief.png").read_bytes() == FakeChart.PNG
    assert "![" in (tmp_path / "steckbrief.md").read_text(encoding="utf-8")


def test_einstieg_and_bad_suffix(services, tmp_path):
    overview = draft_cmd.einstieg_command(services, None, glossary=False, out=None, level="public")
    assert overview[0].startswith("# Einstieg in die Sozialplanung")
    glossary = draft_cmd.einstieg_command(services, None, glossary=True, out=None, level="public")
    assert "Sozialraumteam:" in glossary[0]
    with pytest.raises(InvalidInputError):
        draft_cmd.steckbrief_command(services, "Haspe", out=tmp_path / "x.pdf", level="public")

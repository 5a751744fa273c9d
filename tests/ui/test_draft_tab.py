"""The drafting tabs: the draft as it reads (superscript footnotes that open their documents); kinds as German labels."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.adapters.docx_writer import docx_bytes
from assistant.services.callers import Caller
from assistant.services.drafting.render_md import render_markdown
from assistant.services.drafting.types import Draft, Section, SourceRef, Statement
from assistant.testing.drafting_corpus import FakeChart
from ui.draft_tab import _files, for_display, with_kind_labels

REF = SourceRef("profil", "Sozialraumprofil Haspe 2024", ("c1",), page=4, date="2024-11-15")


def _draft() -> Draft:
    return Draft(title="Entwurf", sections=[Section("Lage", [Statement("Die Quote liegt bei 19,6 %.", [REF])], layout="prose",
                                                    chart_png=FakeChart()(None))])


def test_footnotes_become_superscripts_and_links_to_the_viewer():
    draft = _draft()
    def link(doc_id, page, caller):
        return f"/api/v1/documents/{doc_id}/file?stufe={caller.level}&sub={caller.owner}#page={page}"

    shown = for_display(render_markdown(draft), draft, link, Caller(name="alice.meier", level="internal", subject="alice"))
    assert "19,6 %.<sup>1</sup>" in shown
    assert "1. [Sozialraumprofil Haspe 2024, S. 4 (2024-11-15)](/api/v1/documents/profil/file?stufe=internal&sub=alice#page=4)" in shown
    assert "1. Sozialraumprofil Haspe 2024, S. 4" in for_display(render_markdown(draft))  # without a viewer: plain list
    assert for_display("Text.[^2][^3]") == "Text.<sup>2</sup>\u2009<sup>3</sup>"


def test_downloads_hold_the_docx_and_the_section_chart():
    services = SimpleNamespace(drafting=SimpleNamespace(docx=docx_bytes))  # the real DOCX writer, no corpus needed
    docx, chart = _files(services, _draft(), "entwurf")
    assert docx.endswith("entwurf.docx") and chart is not None and open(chart, "rb").read().startswith(b"\x89PNG")


def test_reading_list_kinds_become_labels_only_for_known_kinds():
    markdown = "1. Sozialbericht Hagen (bericht, 2025)\n2. Qualität (qualitaetsbericht, 2024)\n3. Zitat (siehe, 2020)"
    out = with_kind_labels(markdown, {"bericht", "qualitaetsbericht"}, {"qualitaetsbericht": "Qualitätsbericht"})
    assert out == "1. Sozialbericht Hagen (Bericht, 2025)\n2. Qualität (Qualitätsbericht, 2024)\n3. Zitat (siehe, 2020)"

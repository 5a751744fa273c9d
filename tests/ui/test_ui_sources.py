"""The sources panel: title, place, quote highlighted in context, link to the original at its page; everything escaped."""

from __future__ import annotations

from assistant.core.types import Answer, Chunk, Citation, DocumentMeta, Passage
from ui.sources import sources_html

DOC = DocumentMeta(doc_id="konzept", title="Planungskonzept <2023>", source_path="/srv/x.pdf", content_hash="h", format="pdf")
CHUNK = Chunk(chunk_id="c1", doc_id="konzept", ordinal=0, page=4,
              text="Einleitung. Die Sozialplanung nutzt Stadtteilkonferenzen & Befragungen. Danach folgt mehr.")


def link(citation: Citation) -> str:
    return f"/api/v1/documents/{citation.doc_id}/file" + (f"#page={citation.page}" if citation.page else "")


def answer(**citation_fields) -> Answer:
    fields = {"number": 1, "doc_id": "konzept", "title": DOC.title, "quote": "Die Sozialplanung nutzt Stadtteilkonferenzen & Befragungen.",
              "page": 4, "chunk_id": "c1", "date": "2023-05-01"}
    fields.update(citation_fields)
    return Answer(question="q", text="… [1]", citations=[Citation(**fields)], passages=[Passage(chunk=CHUNK, document=DOC, score=0.9)])


def test_quote_is_marked_inside_its_context_and_escaped():
    html = sources_html(answer(), link)
    assert "<mark>Die Sozialplanung nutzt Stadtteilkonferenzen &amp; Befragungen.</mark>" in html
    assert "Einleitung. <mark>" in html and "</mark> Danach folgt mehr." in html
    assert "Planungskonzept &lt;2023&gt;" in html and "<2023>" not in html
    assert "href='/api/v1/documents/konzept/file#page=4'" in html and "Original öffnen (S. 4)" in html
    assert "href='#ansehen-1'>Fundstelle ansehen</a>" in html  # the viewer inside the app comes first
    assert "S. 4" in html and "2023-05-01" in html


def test_rows_and_unknown_chunks():
    html = sources_html(answer(page=None, row=17, chunk_id="unbekannt"), link)
    assert "Zeile 17" in html and "Original öffnen (Zeile 17)" in html
    assert "<blockquote><mark>Die Sozialplanung" in html  # quote alone when its chunk is not among the passages


def test_no_citations_says_so():
    assert "Keine Quellen" in sources_html(Answer(question="q", text="Dazu finde ich in den Dokumenten nichts.", refused=True), link)


def test_source_place_without_repeated_title_or_capitals():
    html = sources_html(answer(section="PLANUNGSKONZEPT <2023> > 2.1 LEITZIEL UND ZIELE"), link)
    assert "S. 4 · 2.1 Leitziel und Ziele · 2023-05-01" in html
    assert html.count("Planungskonzept &lt;2023&gt;") == 1

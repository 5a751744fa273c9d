"""Core value types and typed errors."""

from __future__ import annotations

from assistant.core.errors import DocumentNotFoundError, NoTextLayerError, PlanwissenError
from assistant.core.types import Citation, DocumentMeta, QueryFilters


def _doc(**kw) -> DocumentMeta:
    base = dict(doc_id="d", title="T", source_path="/x", content_hash="h", format="pdf", date="2024-03-01",
                districts=("Haspe",), topics=("armut",), kind="bericht")
    base.update(kw)
    return DocumentMeta(**base)


def test_filters_enforce_confidentiality_districts_topics_years():
    assert QueryFilters().allows(_doc())
    assert not QueryFilters().allows(_doc(confidentiality="internal"))
    assert QueryFilters(max_confidentiality="internal").allows(_doc(confidentiality="internal"))
    assert not QueryFilters(max_confidentiality="public").allows(_doc(confidentiality="geheim"))
    assert not QueryFilters(districts=["Hohenlimburg"]).allows(_doc())
    assert QueryFilters(topics=["armut", "wohnen"]).allows(_doc())
    assert not QueryFilters(year_from=2025).allows(_doc())
    assert not QueryFilters(year_to=2020).allows(_doc(date=""))
    assert QueryFilters(kinds=["bericht"], year_from=2024, year_to=2024).allows(_doc())


def test_citation_location_prefers_page_then_row():
    assert Citation(1, "d", "T", "q", page=4).location == "S. 4"
    assert Citation(1, "d", "T", "q", row=17).location == "Zeile 17"
    assert Citation(1, "d", "T", "q", section="Kap. 2").location == "Kap. 2"


def test_errors_have_stable_codes_and_bilingual_messages():
    err = NoTextLayerError("scan.pdf")
    assert isinstance(err, PlanwissenError) and err.code == "no_text_layer"
    assert "scan.pdf" in err.describe("de") and "Textebene" in err.describe("de")
    assert "text layer" in err.describe("en")
    custom = DocumentNotFoundError("x", message_de="Weg", message_en="Gone")
    assert custom.describe("de") == "Weg (x)" and DocumentNotFoundError().describe("de") == "Dieses Dokument ist nicht im Index."

""""Unterschied zwischen A und B": both terms explained, one numbering, the unexplained one named."""

from __future__ import annotations

from assistant.core.types import Answer, Citation
from assistant.services.contrast import contrast_answer, contrasted_terms


def test_the_two_contrasted_terms_are_read_from_the_question():
    assert contrasted_terms("Was ist der Unterschied zwischen Sozialraum und Stadtbezirk?") == ("Sozialraum", "Stadtbezirk")
    assert contrasted_terms("Worin unterscheiden sich Sozialraumteam und Stadtteilkonferenz?") == ("Sozialraumteam", "Stadtteilkonferenz")
    assert contrasted_terms("Was unterscheidet die SGB-II-Quote von der Kinderarmut?") == ("SGB-II-Quote", "Kinderarmut")
    assert contrasted_terms("Wie hoch ist die Kinderarmut in Haspe und Eilpe?") is None


def _citation(number: int, doc: str) -> Citation:
    return Citation(number=number, doc_id=doc, title=doc, quote="…")


def test_both_explanations_share_one_numbering_and_a_missing_one_is_said():
    answers = {
        "Was ist A?": Answer(question="", text="A ist x. [1] A heißt y. [2]", citations=[_citation(1, "a1"), _citation(2, "a2")]),
        "Was ist B?": Answer(question="", text="B ist z. [1]", citations=[_citation(1, "b1")]),
        "Was ist C?": Answer(question="", text="Dazu finde ich nichts.", refused=True),
    }
    both = contrast_answer("Unterschied zwischen A und B?", ("A", "B"), answers.__getitem__)
    assert both.text == "**A:** A ist x. [1] A heißt y. [2]\n\n**B:** B ist z. [3]"
    assert [(c.number, c.doc_id) for c in both.citations] == [(1, "a1"), (2, "a2"), (3, "b1")]
    one = contrast_answer("Unterschied zwischen A und C?", ("A", "C"), answers.__getitem__)
    assert "**C:** Dazu finde ich in den Dokumenten keine Erklärung." in one.text
    assert contrast_answer("?", ("C", "C"), answers.__getitem__) is None

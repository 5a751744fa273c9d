"""One plain-text form of a citation for the terminal and the OpenAI-compatible API."""

from assistant.core.types import Citation
from assistant.text.citation_text import short_quote, source_heading, source_line


def test_heading_names_number_title_and_place_but_not_a_place_that_repeats_the_title():
    cited = Citation(2, "profil-haspe", "Sozialraumprofil Haspe", "Die Quote lag bei 19,6 %.", page=4)
    assert source_heading(cited) == "[2] Sozialraumprofil Haspe, S. 4"
    assert source_heading(Citation(1, "d", "Angebote", "x", section="Angebote")) == "[1] Angebote"
    assert source_heading(Citation(1, "d", "Angebote", "x")) == "[1] Angebote"


def test_long_quotes_are_cut_on_one_line():
    assert short_quote("a\n b", 10) == "a b"
    cut = short_quote("x" * 400)
    assert len(cut) == 300 and cut.endswith("…")
    assert source_line(Citation(3, "d", "T", "kurz")).endswith(": „kurz“")

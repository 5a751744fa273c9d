import dataclasses

import pytest

from assistant.core.errors import InvalidInputError
from assistant.services.drafting.verify import check_statement, numbers_in
from assistant.testing.fake_chat import FakeChatModel


def _titles(draft):
    return [s.title for s in draft.sections]


def test_draft_has_every_part_and_every_statement_is_verified(drafting):
    draft = drafting.draft("Abschnitt Armut in Haspe für den Sozialbericht 2025")
    assert _titles(draft) == ["Aktuelle Lage", "Entwicklung", "Vergleich mit den anderen Stadtbezirken",
                              "Was Befragungen und Konferenzen sagen", "Angebote und Partner",
                              "Bestehende Angebote", "Offene Punkte und Widersprüche"]
    texts = [s.text for s in draft.statements()]
    assert any("SGB-II-Quote" in t and "19,6 %" in t and "1,2 Prozentpunkte über dem städtischen Wert von 18,4 % (eigene Berechnung)" in t
               for t in texts), texts
    assert any("um 1,0 Prozentpunkte gestiegen" in t or "um 1,0 Prozentpunkte angestiegen" in t for t in texts), texts
    assert draft.sections[0].layout == draft.sections[1].layout == "prose" and draft.sections[1].chart_png
    offers = [s for s in draft.statements() if s.kind == "offer" and s.sources[0].rows]
    assert offers and all("Hohenlimburg" not in s.text for s in offers)  # only the asked Bezirk
    report = drafting.verify(draft)
    assert report.total >= 10 and report.share == 1.0, [c.reasons for c in report.failures()]


def test_kinderarmut_section_holds_only_its_topic(drafting):
    """A child-poverty section names no Grundsicherung im Alter, no SGB-II-Quote of adults, no unrelated voice."""
    draft = drafting.draft("Abschnitt Kinderarmut in Haspe für den Sozialbericht 2025")
    figures = [s.text for section in draft.sections[:3] for s in section.statements]
    assert figures and all("Kinderarmut" in t or "Sozialräume" in t or "Rang" in t for t in figures), figures
    assert not any("Grundsicherung" in s.text or "65+" in s.text for s in draft.statements())
    assert drafting.verify(draft).share == 1.0


def test_every_figure_is_in_its_cited_chunk_on_the_cited_page(drafting):
    draft = drafting.draft("Kinderarmut in Haspe")
    chunks = drafting.evidence.snapshot().chunks
    figures = [s for s in draft.statements() if s.kind in ("figure", "development")]
    assert figures
    for statement in figures:
        cited = [chunks[c] for ref in statement.sources for c in ref.chunk_ids]
        assert all(c.page == ref.page for ref in statement.sources for c in (chunks[i] for i in ref.chunk_ids))
        for number in numbers_in(statement.text):
            assert any(number in c.text for c in cited), (number, statement.text)


def test_verifier_catches_a_changed_number_a_wrong_page_and_a_wrong_calculation(drafting):
    draft = drafting.draft("Abschnitt Armut in Haspe")
    figure = next(s for s in draft.statements() if "19,6" in s.text and s.calcs)
    chunks = drafting.evidence.snapshot().chunks
    assert check_statement(figure, chunks).ok
    changed = dataclasses.replace(figure, text=figure.text.replace("19,6", "19,7"))
    assert not check_statement(changed, chunks).ok
    moved = dataclasses.replace(figure, sources=[dataclasses.replace(figure.sources[0], page=9)])
    assert not check_statement(moved, chunks).ok
    unlabelled = dataclasses.replace(figure, text=figure.text.split(" (eigene")[0])
    assert not check_statement(unlabelled, chunks).ok
    calc = figure.calcs[0]
    wrong = dataclasses.replace(figure, calcs=[dataclasses.replace(calc, result="1,3")], text=figure.text.replace(calc.result, "1,3"))
    assert any("Differenz" in r for r in check_statement(wrong, chunks).reasons)
    foreign = dataclasses.replace(figure, calcs=[dataclasses.replace(calc, inputs=("17,1", calc.inputs[1]))])
    assert any("Rechengröße 17,1" in r for r in check_statement(foreign, chunks).reasons)


def test_open_points_hold_perceived_versus_recorded(drafting):
    draft = drafting.draft("Sicherheit in Haspe")
    open_section = draft.sections[-1]
    assert any("registrierten Fallzahlen" in s.text for s in open_section.statements)


def test_draft_needs_a_place(drafting):
    with pytest.raises(InvalidInputError):
        drafting.draft("Abschnitt über Armut")
    with pytest.raises(InvalidInputError):
        drafting.steckbrief("Atlantis")


def _prose_keeping(draft_lines):
    return "\n".join(line.lstrip("- ") for line in draft_lines.splitlines())


def test_llm_prose_is_kept_when_every_footnote_survives(make_drafting):
    from assistant.services.drafting.prose import statement_lines

    def reply(messages):
        material = messages[-1]["content"].split("Aussagen:\n", 1)[1].split("\n\nSchreibe", 1)[0]
        return _prose_keeping(material)

    drafting = make_drafting(chat=FakeChatModel(reply))
    draft = drafting.draft("Abschnitt Armut in Haspe")
    assert draft.mode == "generative" and draft.prose
    assert statement_lines(draft)  # the footnotes of the statements stay the reference list


def test_llm_prose_losing_a_footnote_or_adding_a_number_falls_back(make_drafting):
    drafting = make_drafting(chat=FakeChatModel("Die Armut in Haspe ist hoch [1]."))
    draft = drafting.draft("Abschnitt Armut in Haspe")
    assert draft.mode == "extractive" and not draft.prose
    assert "fehlende Fußnoten" in draft.notes[0]

    def invents(messages):
        material = messages[-1]["content"].split("Aussagen:\n", 1)[1].split("\n\nSchreibe", 1)[0]
        return _prose_keeping(material) + "\nDas sind 99,9 % mehr als erwartet."

    draft = make_drafting(chat=FakeChatModel(invents)).draft("Abschnitt Armut in Haspe")
    assert draft.mode == "extractive" and "99,9" in draft.notes[0]


def test_llm_down_gives_the_extractive_draft(make_drafting):
    draft = make_drafting(chat=FakeChatModel(unavailable=True)).draft("Abschnitt Armut in Haspe")
    assert draft.mode == "extractive" and draft.notes

"""Facts of the Kennzahlen engine become draft figures only with a passage that shows value, place, year and label numbers."""

from assistant.core.types import Fact
from assistant.services.drafting.fact_figures import FactFigures
from assistant.services.drafting.figures import CITY_PLACE
from assistant.services.drafting.verify import check_statement
from assistant.testing.drafting_corpus import profile_document
from assistant.testing.fake_facts import InMemoryFactStore


def _fact(place: str, year: int, raw: str, indicator: str = "SGB-II-Quote", page: int | None = 4) -> Fact:
    value = float(raw.replace("%", "").replace(",", ".").strip())
    return Fact("sozialraumprofil-haspe", "Tabelle 4", place, "bezirk", indicator, "sgb ii quote", str(year), value, raw, "%", page=page)


def test_facts_become_sourced_figures_and_unshown_facts_are_dropped(drafting):
    doc, chunks = profile_document()
    store = InMemoryFactStore()
    facts = [_fact("Haspe", 2024, "19,6 %"), _fact("Hagen", 2024, "18,4 %"),
             _fact("Haspe", 2024, "99,9 %"),  # stands in no passage
             _fact("Haspe", 2017, "19,6 %"),  # the year stands in no passage with the value
             _fact("Haspe", 2024, "19,6 %", indicator="SGB-II-Quote 65+")]  # label number 65 not with the value
    store.replace_document(doc, facts, [])
    snapshot = drafting.evidence.snapshot()
    figures = FactFigures(store).figures("fp", "internal", snapshot.documents, snapshot.chunks.values(), snapshot.vocabulary)
    assert [(f.place, f.year, f.value) for f in figures] == [("Haspe", 2024, "19,6"), (CITY_PLACE, 2024, "18,4")]
    assert figures[0].source.page == 4 and figures[0].source.chunk_ids == ("profil-0",)
    from assistant.services.drafting.types import Statement

    statement = Statement(f"SGB-II-Quote in Haspe 2024: {figures[0].value} %", [figures[0].source])
    assert check_statement(statement, snapshot.chunks).ok


def test_drafts_use_the_engine_and_fall_back_when_it_is_empty(drafting):
    from assistant.services.drafting.draft import DraftingService

    request = "Abschnitt Armut in Haspe"
    empty = DraftingService(drafting.evidence.retrieval, facts=InMemoryFactStore()).draft(request)
    assert any("19,6 %" in s.text for s in empty.statements())  # figures module as fallback
    doc, _ = profile_document()
    store = InMemoryFactStore()
    store.replace_document(doc, [_fact("Haspe", 2024, "19,6 %"), _fact("Hagen", 2024, "18,4 %")], [])
    service = DraftingService(drafting.evidence.retrieval, facts=store)
    draft = service.draft(request)
    figures = [s.text for s in draft.sections[0].statements]
    assert len(figures) == 1 and "1,2 Prozentpunkte über dem städtischen Wert von 18,4 %" in figures[0]  # only the engine's figure
    assert service.verify(draft).share == 1.0

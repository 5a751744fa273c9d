"""A survey table's figures by Bezirk describe its respondents: a population question takes the population's figure."""

from kennzahlen_fake_store import MemoryFactStore

from assistant.core.types import DocumentMeta, Fact
from assistant.services.kennzahlen.catalog import asks_about_respondents
from assistant.services.kennzahlen.service import KennzahlenService


def _fact(doc_id: str, table: str, indicator: str, key: str, value: float, unit: str = "%") -> Fact:
    return Fact(doc_id=doc_id, table=table, place="Haspe", place_level="bezirk", indicator=indicator, indicator_key=key,
                period="2022", value=value, raw=str(value).replace(".", ","), unit=unit, row=2)


def _store() -> MemoryFactStore:
    store = MemoryFactStore()
    survey = [_fact("befragung", "Tabelle S. 7", "Anteil 65+", "anteil 65", 59.0), _fact("befragung", "Tabelle S. 7", "n", "n", 70.0, "")]
    store.replace_document(DocumentMeta(doc_id="befragung", title="Befragung der Ehrenamtlichen 2022", source_path="b.pdf",
                                        content_hash="b", format="pdf", date="2022-12-01"), survey, [])
    profile = [_fact("profil", "Tabelle 3", "Anteil 65+", "anteil 65", 22.0)]
    store.replace_document(DocumentMeta(doc_id="profil", title="Sozialraumprofil Haspe", source_path="p.pdf", content_hash="p",
                                        format="pdf", date="2024-06-01"), profile, [])
    return store


def test_population_share_is_not_answered_from_the_survey_table():
    store = _store()
    answer = KennzahlenService(store, store.document).answer("Wie hoch war 2022 der Anteil der Menschen ab 65 im Bezirk Haspe?")
    assert answer is not None and "22,0 %" in answer.text and "59" not in answer.text


def test_respondent_questions_are_recognised():
    assert asks_about_respondents("Wie hoch ist der Anteil der Befragten ab 65 in Haspe?")
    assert asks_about_respondents("Wie alt sind die Ehrenamtlichen in Haspe?")
    assert not asks_about_respondents("Wie hoch war 2022 der Anteil der Menschen ab 65 im Bezirk Haspe?")


def _forecast_store() -> MemoryFactStore:
    store = MemoryFactStore()
    facts = [Fact(doc_id="pflege", table="Tabelle 5", place="Emst", place_level="sozialraum", indicator=label, indicator_key=key,
                  period=period, value=value, raw=raw, unit="", row=2)
             for label, key, period, value, raw in (("Pflegebedürftige", "pflegebeduerftige", "2024", 910.0, "910"),
                                                    ("Pflegebedürftige: Vorausschätzung", "pflegebeduerftige vorausschaetzung",
                                                     "2030", 1138.0, "1.138"))]
    store.replace_document(DocumentMeta(doc_id="pflege", title="Pflegebedarf 2024", source_path="p.pdf", content_hash="p",
                                        format="pdf", date="2024-06-01"), facts, [])
    return store


def test_a_forecast_is_no_current_figure_but_answers_its_year():
    store = _forecast_store()
    service = KennzahlenService(store, store.document)
    now = service.answer("Wie viele Pflegebedürftige gibt es in Emst?")
    assert now is not None and "910" in now.text and "1.138" not in now.text
    later = service.answer("Wie viele Pflegebedürftige werden 2030 in Emst erwartet?")
    assert later is not None and "1.138" in later.text

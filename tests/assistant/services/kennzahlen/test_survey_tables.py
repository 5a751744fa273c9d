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


def _youth_store() -> MemoryFactStore:
    store = MemoryFactStore()
    rows = [("Hagen-Mitte", "bezirk", 60.0, 31.0), ("Eilpe/Dahl", "bezirk", 73.0, 19.0), ("Haspe", "bezirk", 71.0, 30.0),
            ("alle", "stadt", 64.0, 26.0)]
    facts = [Fact(doc_id="jugend", table="Tabelle S. 2", place=place, place_level=level, indicator=label, indicator_key=key,
                  period="2024", value=value, raw=f"{value:.0f} %", unit="%", row=row)
             for row, (place, level, missing, money) in enumerate(rows, start=1)
             for label, key, value in (("Treffpunkt am Wochenende fehlt", "treffpunkt am wochenende fehlt", missing),
                                       ("kann oft aus Geldgründen nicht mitmachen", "kann oft aus geldgruenden nicht mitmachen", money))]
    store.replace_document(DocumentMeta(doc_id="jugend", title="Jugendbefragung 2024", source_path="j.pdf", content_hash="j",
                                        format="pdf", date="2024-10-15"), facts, [])
    return store


def test_a_survey_table_ranks_by_am_haeufigsten_and_its_own_total_row_answers_for_the_town():
    """"In welchem Bezirk fehlen Treffpunkte am häufigsten?" ranks the shares; with no place, the table's total row
    ("alle") is the town's figure; a modal verb ("können" for the header's "kann") narrows nothing."""
    store = _youth_store()
    engine = KennzahlenService(store, store.document)
    ranked = engine.answer("In welchem Bezirk fehlen Treffpunkte am Wochenende am häufigsten?")
    assert ranked is not None and "Eilpe/Dahl" in ranked.text.splitlines()[0] and "73" in ranked.text.splitlines()[0]
    rarest = engine.answer("In welchem Bezirk fehlen Treffpunkte am Wochenende am seltensten?")
    assert rarest is not None and "Hagen-Mitte" in rarest.text.splitlines()[0]
    town = engine.answer("Wie viele Jugendliche können aus Geldgründen oft nicht mitmachen?")
    assert town is not None and "26 %" in town.text.splitlines()[0]
    # "am häufigsten" without a place asked for asks for the answer named most often, no ranking of places
    assert engine.answer("Was fehlt am häufigsten am Wochenende?") is None


"""The catalog pools a report's name for a place with the place the alias file says it is (values from
corpus/src/data/indikatoren.csv plus one report table)."""

from __future__ import annotations

from kennzahlen_fake_store import indicator_store

from assistant.core.types import DocumentMeta, Fact, TableRow
from assistant.services.kennzahlen.service import KennzahlenService
from assistant.services.vocabulary import build_vocabulary, default_aliases
from assistant.text import simple_key


def _with_report(place: str, level: str) -> KennzahlenService:
    store = indicator_store(only={"kinderarmut"})
    label = "Kinderarmut (Minderjährige in SGB-II-Bedarfsgemeinschaften)"  # the label of the indicator table
    fact = Fact(doc_id="bericht", table="Tabelle S. 6", place=place, place_level=level, indicator=label,
                indicator_key=simple_key(label), period="2022", value=49.0, raw="49,0 %", unit="%", row=2, column="Kinderarmut",
                place_key=simple_key(place))
    row = TableRow(doc_id="bericht", table="Tabelle S. 6", row=2, cells={"Gebiet": place, "Jahr": "2022", "Kinderarmut": "49,0 %"})
    store.replace_document(DocumentMeta(doc_id="bericht", title="Sachstandsbericht 2023", source_path="b.pdf", content_hash="b",
                                        format="pdf", date="2023-05-01"), [fact], [row])
    return KennzahlenService(store, store.document)


def test_a_variant_name_of_a_sozialraum_is_that_sozialraum_with_its_newest_figures():
    engine = _with_report("Wehringhausen", "sozialraum")
    vocab = build_vocabulary([], default_aliases())
    answer = engine.answer("Wie hoch ist die Kinderarmut in Wehringhausen?", vocabulary=vocab)
    first = answer.text.splitlines()[0]
    assert "Wehringhausen/Villa Post (Sozialraum), 2024" in first and "49,7 %" in first  # not the report's 2022 value
    ranked = engine.answer("Welche Sozialräume hatten 2022 die höchste Kinderarmut?", vocabulary=vocab)
    assert "unter den 18 Sozialräumen" in ranked.text  # the report's row is no 19th Sozialraum


def test_a_variant_of_another_level_stays_its_own_place():
    engine = _with_report("Eilpe", "stadtteil")  # the alias file names "Eilpe" a variant of the Bezirk Eilpe/Dahl
    catalog = engine.catalog(vocabulary=build_vocabulary([], default_aliases()))
    assert "Eilpe" in catalog.places and not catalog.same_as


def test_a_column_headed_by_a_place_name_is_no_indicator_of_a_question_naming_that_place():
    # a survey table with the Bezirke as columns ("Zufriedenheit … | Haspe | Eilpe/Dahl"): its column label is a place
    store = indicator_store(only={"einwohner"})
    fact = Fact(doc_id="umfrage", table="Tabelle S. 7", place="Treffpunkte", place_level="other", indicator="Eilpe/Dahl",
                indicator_key=simple_key("Eilpe/Dahl"), period="2023", value=48.0, raw="48 %", unit="%", row=3,
                column="Eilpe/Dahl", place_key="treffpunkte")
    row = TableRow(doc_id="umfrage", table="Tabelle S. 7", row=3, cells={"Thema": "Treffpunkte", "Eilpe/Dahl": "48 %"})
    store.replace_document(DocumentMeta(doc_id="umfrage", title="Umfrage 2023", source_path="u.pdf", content_hash="u",
                                        format="pdf", date="2023-05-01"), [fact], [row])
    engine = KennzahlenService(store, store.document)
    answer = engine.answer("Wie hat sich die Einwohnerzahl in Eilpe/Dahl entwickelt?",
                           vocabulary=build_vocabulary([], default_aliases()))
    assert answer is not None and answer.text.startswith("Entwicklung Einwohner")
    assert all(c.doc_id != "umfrage" for c in answer.citations)

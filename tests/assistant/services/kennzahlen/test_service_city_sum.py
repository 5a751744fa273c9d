"""A town whose tables list only its Stadtteile (column 'Stadt' = the town, as in Kiel's open data): its counts are
the sum of the Stadtteile, said to be one; its shares are never summed; a table with the town's own row is read."""

from __future__ import annotations

from kennzahlen_fake_store import MemoryFactStore

from assistant.core.types import DocumentMeta, Fact, TableRow
from assistant.services.kennzahlen.service import KennzahlenService
from assistant.text import simple_key

_PARTS = {"Altdorf": (1220, 40.0), "Neuhof": (1648, 55.0), "Au": (300, 61.0)}


def _fact(place: str, label: str, value: float, unit: str, row: int, parent: str = "Wendelbach", level: str = "stadtteil") -> Fact:
    return Fact(doc_id="einwohner", table="einwohner", place=place, place_level=level, indicator=label,
                indicator_key=simple_key(label), period="2023-12-31", value=value, raw=str(value), unit=unit, row=row,
                column=label, place_key=simple_key(place), parent_place=parent)


def _engine(with_total: int | None = None) -> KennzahlenService:
    facts, rows = [], []
    for i, (place, (count, share)) in enumerate(_PARTS.items(), start=2):
        facts += [_fact(place, "Einwohner insgesamt", count, "", i), _fact(place, "Anteil weiblich", share, "%", i)]
        rows.append(TableRow(doc_id="einwohner", table="einwohner", row=i, cells={"Stadtteil": place, "insgesamt": str(count)}))
    if with_total is not None:
        facts.append(_fact("Wendelbach", "Einwohner insgesamt", with_total, "", 9, parent="", level="stadt"))
    store = MemoryFactStore()
    store.replace_document(DocumentMeta(doc_id="einwohner", title="Einwohner nach Stadtteilen", source_path="e.csv",
                                        content_hash="e", format="csv", date="2024-01-15"), facts, rows)
    return KennzahlenService(store, store.document)


def test_the_town_of_a_stadtteil_table_is_a_city_whose_count_is_the_sum_of_its_parts():
    engine = _engine()
    assert engine.catalog().resolver.city()[0].name == "Wendelbach"
    answer = engine.answer("Wie viele Einwohner hat Wendelbach?")
    assert not answer.refused
    assert "3.168" in answer.text.splitlines()[0]
    assert "Wendelbach als Summe seiner 3 Teilräume" in answer.text
    assert {c.row for c in answer.citations} == {2, 3, 4}  # every summed row is cited


def test_a_share_of_the_town_is_never_the_sum_of_its_parts_shares():
    answer = _engine().answer("Wie hoch ist der Anteil weiblich in Wendelbach?")
    assert answer is None or answer.refused or "156" not in answer.text


def test_the_towns_own_row_wins_over_the_sum():
    answer = _engine(with_total=3200).answer("Wie viele Einwohner hat Wendelbach?")
    assert "3.200" in answer.text.splitlines()[0] and "Summe" not in answer.text


def test_parents_that_share_a_table_are_bezirke_not_the_city():
    facts = [_fact(place, "Einwohner insgesamt", count, "", i, parent=("Nord" if i < 4 else "Süd"), level="sozialraum")
             for i, (place, (count, _share)) in enumerate({**_PARTS, "Berg": (10, 1.0), "Tal": (20, 1.0), "See": (5, 1.0)}.items(), 2)]
    store = MemoryFactStore()
    store.replace_document(DocumentMeta(doc_id="einwohner", title="Einwohner", source_path="e.csv", content_hash="e", format="csv",
                                        date="2024-01-15"), facts, [])
    places = KennzahlenService(store, store.document).catalog().resolver.places
    assert places["Nord"] == places["Süd"] == "bezirk"


def test_a_stadtteil_spelt_two_ways_in_two_years_is_one_part_of_the_sum():
    facts = []
    for period, names in (("2022-12-31", ["Altdorf", "Düsterau", "Au"]), ("2023-12-31", ["Altdorf", "Duesterau", "Au"])):
        for i, place in enumerate(names, start=2):
            fact = _fact(place, "Einwohner insgesamt", 100.0 * i, "", i)
            facts.append(Fact(**{**fact.__dict__, "period": period}))
    store = MemoryFactStore()
    store.replace_document(DocumentMeta(doc_id="einwohner", title="Einwohner", source_path="e.csv", content_hash="e", format="csv",
                                        date="2024-01-15"), facts, [])
    answer = KennzahlenService(store, store.document).answer("Wie viele Einwohner hatte Wendelbach 2022?")
    assert "900" in answer.text.splitlines()[0] and "Summe seiner 3 Teilräume" in answer.text


def test_a_town_that_grows_grows_in_people_summed_over_its_stadtteile():
    # a city name the figure words ignore ("Kiel", as a table's constant column writes it)
    facts = [Fact(**{**_fact(place, "Einwohner insgesamt", count + (50.0 if period.startswith("2023") else 0.0), "", i,
                             parent="Kiel").__dict__, "period": period})
             for period in ("2014-12-31", "2023-12-31") for i, (place, (count, _)) in enumerate(_PARTS.items(), start=2)]
    store = MemoryFactStore()
    store.replace_document(DocumentMeta(doc_id="einwohner", title="Einwohner", source_path="e.csv", content_hash="e", format="csv",
                                        date="2024-01-15"), facts, [])
    answer = KennzahlenService(store, store.document).answer("Ist Kiel seit 2014 gewachsen?")
    assert answer is not None and "3.168" in answer.text and "3.318" in answer.text and "gestiegen" in answer.text


def test_a_withheld_cell_is_said_to_be_withheld_with_its_row_cited_never_replaced():
    facts = [_fact("Altdorf", "Ausländer: männlich", None, "", 2), _fact("Neuhof", "Ausländer: männlich", 40.0, "", 3)]
    facts[0] = Fact(**{**facts[0].__dict__, "raw": "–"})
    store = MemoryFactStore()
    store.replace_document(DocumentMeta(doc_id="einwohner", title="Ausländer", source_path="a.csv", content_hash="a", format="csv",
                                        date="2024-01-15"), facts, [])
    answer = KennzahlenService(store, store.document).answer("Wie viele ausländische Männer leben in Altdorf?")
    assert answer is not None and answer.refused and "„–“" in answer.text and [c.row for c in answer.citations] == [2]


def _by_sex(place_counts):
    facts = []
    for i, (place, (men, women)) in enumerate(place_counts.items(), start=2):
        facts += [_fact(place, "Ausländer/-innen: männlich", men, "", i), _fact(place, "Ausländer/-innen: weiblich", women, "", i)]
    store = MemoryFactStore()
    store.replace_document(DocumentMeta(doc_id="einwohner", title="Staatsangehörigkeit", source_path="s.xlsx", content_hash="s",
                                        format="xlsx", date="2024-01-15"), facts, [])
    return KennzahlenService(store, store.document)


def test_one_figures_two_sexes_add_up_to_the_figure_said_to_be_a_sum_and_a_feminine_plural_asks_for_women():
    engine = _by_sex({"Altdorf": (2600.0, 2300.0), "Neuhof": (1650.0, 1430.0), "Au": (1000.0, 900.0)})
    answer = engine.answer("Wie viele Ausländer leben in Altdorf?")
    assert "4.900" in answer.text.splitlines()[0] and "Summe aus männlich + weiblich" in answer.text
    assert {c.row for c in answer.citations} == {2}
    ranked = engine.answer("Welcher Stadtteil hat die wenigsten Ausländer?")
    assert "Au" in ranked.text.splitlines()[0] and "1.900" in ranked.text
    women = engine.answer("Wie viele Ausländerinnen leben in Neuhof?")
    assert "1.430" in women.text.splitlines()[0] and "3.080" not in women.text
    assert "1.430" not in engine.answer("Wie viele Ausländerinnen und Ausländer leben in Neuhof?").text.splitlines()[0]


def test_the_share_of_women_in_a_town_is_its_sum_of_women_over_its_sum_of_everyone_every_row_cited():
    facts = []
    for i, (place, (count, _share)) in enumerate(_PARTS.items(), start=2):
        facts += [_fact(place, "Einwohner insgesamt", count, "", i), _fact(place, "Einwohner insgesamt: weiblich", count / 2 + 10, "", i)]
    store = MemoryFactStore()
    store.replace_document(DocumentMeta(doc_id="einwohner", title="Einwohner", source_path="e.csv", content_hash="e", format="csv",
                                        date="2024-01-15"), facts, [])
    answer = KennzahlenService(store, store.document).answer("Wie hoch ist der Frauenanteil in Wendelbach?")
    assert "50,9 %" in answer.text.splitlines()[0]  # (1.584 + 30) ÷ 3.168
    assert {c.row for c in answer.citations} == {2, 3, 4} and "beide als Summe der Teilräume" in answer.text


def test_a_value_withheld_in_the_newest_period_leaves_the_last_stated_one_never_called_the_newest():
    """Kirchdorf: 2022 4,0 %, 2023 'x'. Asked without a year, the answer says 2023 is withheld (that cell cited) and
    gives 2022 as the last stated value, not as the newest stand of the tables."""
    old = _fact("Kirchdorf", "SGB-II-Quote", 4.0, "%", 2)
    old = Fact(**{**old.__dict__, "period": "2022-12-31", "raw": "4,0"})
    secret = Fact(**{**_fact("Kirchdorf", "SGB-II-Quote", None, "%", 9).__dict__, "raw": "x"})
    others = [Fact(**{**_fact("Au", "SGB-II-Quote", v, "%", r).__dict__, "period": p})
              for v, r, p in ((7.0, 3, "2022-12-31"), (7.5, 10, "2023-12-31"))]
    store = MemoryFactStore()
    store.replace_document(DocumentMeta(doc_id="einwohner", title="SGB II", source_path="s.xlsx", content_hash="s", format="xlsx",
                                        date="2024-01-15"), [old, secret, *others], [])
    answer = KennzahlenService(store, store.document).answer("Wie hoch ist die SGB-II-Quote in Kirchdorf?")
    first = answer.text.splitlines()[0]
    assert first.startswith("Für 2023 nennt die Tabelle") and "„x“" in first and "4,0 %" in first
    assert "neuester Stand" not in first and sorted(c.row for c in answer.citations) == [2, 9]

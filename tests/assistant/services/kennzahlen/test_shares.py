"""A share computed from two counts of one row, only by that row's own total."""

from __future__ import annotations

from assistant.core.types import Fact
from assistant.services.kennzahlen.shares import band_shares, derived_shares, keep_shares, total_keys
from assistant.services.kennzahlen.values import Value

LABELS = {"bev weiblich": "Bevölkerung: weiblich", "bev maennlich": "Bevölkerung: männlich", "bev insgesamt": "Bevölkerung: insgesamt",
          "einwohner": "Einwohner", "sgb": "SGB-II-Quote", "u18": "unter 18", "18-65": "18 bis unter 65", "65+": "65 und älter",
          "u6": "unter 6"}
INF = float("inf")


def fact(key: str, place: str, value: float, row: int, table: str = "Tab 1", period: str = "2023-12-31") -> Fact:
    return Fact(doc_id="d", table=table, place=place, place_level="stadtteil", indicator=LABELS[key], indicator_key=key,
                period=period, value=value, raw=str(int(value)), row=row, place_key=place.lower())


def value(f: Fact) -> Value:
    return Value(f.place, f.place_level, 2023, f.value, f)


def test_the_total_is_the_same_headings_total_column_then_the_population():
    assert total_keys(["bev weiblich"], LABELS, ["einwohner"]) == ["bev insgesamt", "einwohner"]


def test_a_share_divides_by_the_total_of_the_same_row_only():
    women = [fact("bev weiblich", "Altstadt", 582, 2), fact("bev weiblich", "Vorstadt", 819, 3)]
    totals = [fact("bev insgesamt", "Altstadt", 1220, 2), fact("bev insgesamt", "Vorstadt", 1648, 9, table="Tab 2")]
    shares = derived_shares([value(f) for f in women], totals)
    assert round(shares[("altstadt", 2023)].value, 1) == 47.7
    assert shares[("altstadt", 2023)].share_of is totals[0]
    assert ("vorstadt", 2023) not in shares  # its total is in another table: no share is guessed
    assert keep_shares(shares, {1: 1, 2: 2}) and not keep_shares(shares, {1: 1, 2: 2, 3: 3})


def test_a_total_smaller_than_the_part_is_no_total():
    assert not derived_shares([value(fact("bev weiblich", "Altstadt", 582, 2))], [fact("bev insgesamt", "Altstadt", 100, 2)])


def test_an_age_range_is_a_share_of_all_bands_of_its_row_when_they_cover_every_age_once():
    bands = {"u18": (0.0, 18.0), "18-65": (18.0, 65.0), "65+": (65.0, INF)}
    row = [fact("u18", "Altstadt", 200, 2), fact("18-65", "Altstadt", 600, 2), fact("65+", "Altstadt", 200, 2)]
    shares = band_shares([value(row[0])], row, bands)
    assert shares[("altstadt", 2023)].value == 20.0
    assert set(map(id, shares[("altstadt", 2023)].parts)) == set(map(id, row))  # every summed band is cited


def test_bands_with_a_gap_or_an_overlap_give_no_share():
    gap = {"u18": (0.0, 18.0), "65+": (65.0, INF)}
    row = [fact("u18", "Altstadt", 200, 2), fact("65+", "Altstadt", 200, 2)]
    assert band_shares([value(row[0])], row, gap) == {}
    overlap = {"u6": (0.0, 6.0), "u18": (0.0, 18.0), "18-65": (18.0, 65.0), "65+": (65.0, INF)}
    row += [fact("u6", "Altstadt", 50, 2), fact("18-65", "Altstadt", 600, 2)]
    assert band_shares([value(row[0])], row, overlap) == {}

"""Header inference on the six real CSV files of the city of Kiel (../shared, absent in a user's clone)."""

from pathlib import Path

import pytest

from assistant.core.settings import IngestSettings
from ingest.loaders import load_file

ROOT = Path(__file__).resolve().parents[3]
KIEL = ROOT.parent / "shared" / "external" / "kiel-open-data"
pytestmark = pytest.mark.skipif(not KIEL.is_dir(), reason=f"Kiel open-data files not present ({KIEL}); they live in ../shared")


def _table(name: str):
    parsed = load_file(KIEL / name, IngestSettings())
    (table,) = parsed.tables
    return parsed, table


def _value(table, place_key: str, indicator: str, year: int) -> float | None:
    values = {f.value for f in table.facts if f.place_key == place_key and f.indicator == indicator and f.period.startswith(str(year))}
    assert len(values) == 1, values
    return values.pop()


def test_sex_file_roles_periods_and_duplicate_warning():
    parsed, table = _table("kiel_bevoelkerung_stadtteile_einwohner_geschlecht.csv")
    roles = {c.label: c.role for c in table.columns}
    assert roles["Stadtteil"] == "place" and roles["Datum"] == "period" and roles["Stadtteilnummer"] == "code"
    assert roles["Land"] == roles["Stadt"] == roles["Kategorie"] == "constant"
    assert [c.label for c in table.value_columns] == ["insgesamt", "maennlich", "weiblich"]
    assert _value(table, "altstadt", "Einwohner insgesamt", 2023) == 1220
    assert _value(table, "duesternbrook", "Einwohner insgesamt: weiblich", 2023) == 1624
    assert table.levels == {"stadtteil": 990}
    assert table.periods[0] == "2014-12-31" and table.periods[-1] == "2023-12-31"
    assert any("mehrfach" in w for w in parsed.warnings)  # 2016 appears twice with different figures
    fact = next(f for f in table.facts if f.place == "Altstadt" and f.period == "2023-12-31")
    assert fact.row == 2 and fact.column == "insgesamt"
    assert fact.parent_place == "Kiel"  # the column 'Stadt': the city's counts are the sum of its Stadtteile
    passages = [b for b in parsed.blocks if b.kind == "table_row"]  # 330 rows → one passage per Stadtteil
    assert len(passages) == 30 and passages[0].text.startswith("Altstadt: Einwohner insgesamt")
    assert passages[0].record["Datum"] == "2014-12-31 … 2023-12-31"


def test_age_file_impossible_dates_reported():
    parsed, table = _table("kiel_bevoelkerung_altersgruppen_stadtteile.csv")
    assert len(table.value_columns) == 20
    assert table.value_columns[2].label == "6 bis unter 10"  # padded header cell
    assert any("unmögliches Datum" in w and "2020_12_32" in w for w in parsed.warnings)
    assert _value(table, "altstadt", "Einwohner nach Altersgruppen: 0 bis unter 3", 2023) == 19
    assert "2020" in table.periods


def test_nationalities_padded_names_floats_and_markers():
    _, table = _table("kiel_bevoelkerung_auslaender_nach_ausgesuchten_nationalitaeten_in_den_stadtteilen.csv")
    assert _value(table, "altstadt", "Polen", 2023) == 4.0
    marker = next(f for f in table.facts if f.place == "Roenne" and f.indicator == "Tuerkei" and f.period == "2015")
    assert marker.value is None and marker.raw == "-"
    assert all(f.place == f.place.strip() for f in table.facts)
    assert {c.label: c.role for c in table.columns}["lat"] == "coord"


def test_households_mixed_date_forms_and_umlaut_variants():
    _, table = _table("kiel_bevoelkerung_haushalte_nach_haushaltstypen_und_personenanzahl_in_den_stadtteilen.csv")
    assert "2023-12-31" in table.periods and "2019-12-31" in table.periods
    assert _value(table, "altstadt", "Haushalte: Einpersonen", 2023) == 520
    assert _value(table, "altstadt", "Personen: Einpersonen", 2015) is not None
    written = {f.place for f in table.facts if f.place_key == "bluecherplatz"}
    assert {"Blücherplatz", "Bluecherplatz"} <= written
    assert len({f.place_key for f in table.facts}) == 30  # 'Neumueh\x9dlen' (a stray control character) is Neumühlen too
    assert _value(table, "neumuehlen dietrichsdorf", "Haushalte: Einpersonen", 2015) == 3536  # written '3.536' among '520.0'
    assert all(f.value is None or f.value.is_integer() for f in table.facts)  # counts stay whole numbers


@pytest.mark.parametrize("name", ["kiel_bevoelkerung_einwohner_nach_familienstand_in_den_stadtteilen.csv",
                                  "kiel_bevoelkerung_einwohner_nach_religionszugehoerigkeit_in_den_stadtteilen.csv"])
def test_other_files_one_fact_per_place_value_and_period(name):
    _, table = _table(name)
    assert table.facts and not table.skipped
    assert len(table.facts) == len(table.rows) * len(table.value_columns)
    assert len({f.place_key for f in table.facts}) == 30

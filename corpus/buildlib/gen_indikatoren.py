"""One-off generator for corpus/src/data/indikatoren.csv.

The committed CSV is the source of truth; this script only documents how the
invented-but-plausible figures were produced. Run it again only when the
model below changes:  .venv/bin/python corpus/buildlib/gen_indikatoren.py
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "src" / "data"
YEARS = list(range(2018, 2025))

# Base profile per Sozialraum (reference year 2019):
# population, % under 18, % 65+, % 80+, SGB-II, child poverty, migration,
# single parents, yearly population growth, yearly drift of the poverty profile.
PROFILE: dict[str, tuple] = {
    "zentrum-remberg": (22400, 18.6, 17.5, 5.2, 28.4, 38.5, 61.0, 29.5, 0.005, 0.006),
    "altenhagen-eckesey-sued": (18900, 20.8, 15.8, 4.6, 29.6, 40.2, 63.5, 28.0, 0.006, 0.010),
    "wehringhausen-villa-post": (15800, 19.9, 16.2, 4.8, 31.2, 47.9, 58.0, 31.5, 0.005, 0.012),
    "hochschulviertel": (12400, 13.8, 30.5, 10.9, 5.1, 7.2, 17.5, 14.0, -0.002, -0.005),
    "emst": (10700, 15.2, 27.6, 9.8, 6.8, 10.1, 21.0, 15.5, -0.003, -0.008),
    "eckesey-nord": (4300, 19.5, 18.0, 5.5, 24.3, 34.0, 56.0, 26.5, 0.004, 0.008),
    "vorhalle": (10200, 16.8, 23.5, 7.6, 15.2, 22.8, 35.5, 22.0, 0.000, 0.004),
    "boele-kabel": (12800, 16.2, 24.4, 8.0, 10.4, 15.0, 29.0, 19.0, -0.001, 0.000),
    "helfe-fley": (10300, 17.6, 22.0, 7.0, 14.1, 19.5, 37.0, 22.5, 0.002, 0.002),
    "elsey": (9300, 16.0, 24.8, 8.4, 12.6, 17.8, 32.0, 19.5, -0.002, 0.000),
    "hohenlimburg-zentrum": (9000, 17.4, 22.6, 7.5, 15.4, 21.0, 40.5, 23.0, 0.001, 0.005),
    "henkhausen-reh": (5700, 15.4, 26.2, 8.9, 11.8, 19.4, 24.0, 18.0, -0.004, -0.004),
    "lennetal": (5100, 15.8, 25.5, 7.8, 5.8, 7.5, 16.5, 14.5, -0.005, 0.000),
    "eilpe-delstern-selbecke": (11900, 17.0, 22.5, 7.3, 17.2, 26.1, 38.0, 24.0, 0.001, 0.003),
    "dahl-priorei-rummenohl": (5100, 15.0, 26.8, 8.6, 5.2, 6.9, 13.5, 13.0, -0.006, 0.000),
    "haspe-zentrum": (13900, 19.8, 18.4, 5.9, 28.1, 45.6, 55.0, 30.0, 0.006, 0.010),
    "quambusch-baukloh": (8300, 17.2, 22.9, 7.7, 14.6, 20.2, 37.5, 21.5, 0.000, 0.002),
    "haspe-west-westerbauer": (8800, 15.9, 25.1, 8.5, 11.4, 15.8, 30.0, 18.5, -0.002, 0.000),
}

# City-wide targets the profiles are scaled to (population-weighted means).
CITY_TARGET = {
    "sgb2_quote": {2018: 17.9, 2019: 17.5, 2020: 17.7, 2021: 17.3, 2022: 17.8, 2023: 18.2, 2024: 18.4},
    "kinderarmut": {2018: 28.2, 2019: 27.1, 2020: 27.6, 2021: 27.9, 2022: 28.4, 2023: 28.8, 2024: 28.6},
    "migration": {2018: 38.4, 2019: 39.3, 2020: 40.1, 2021: 40.9, 2022: 42.6, 2023: 43.4, 2024: 44.1},
    "alleinerziehende": {2018: 21.1, 2019: 21.4, 2020: 21.6, 2021: 21.9, 2022: 22.1, 2023: 22.2, 2024: 22.4},
    "arbeitslosenquote": {2018: 9.6, 2019: 9.1, 2020: 10.3, 2021: 9.9, 2022: 9.5, 2023: 10.1, 2024: 10.5},
    "grusi_alter": {2018: 5.8, 2019: 5.9, 2020: 6.1, 2021: 6.3, 2022: 6.6, 2023: 6.9, 2024: 7.2},
}
# Extra influx of refugees from Ukraine in 2022, strongest in the inner city.
UKRAINE_2022 = {"zentrum-remberg": 0.018, "altenhagen-eckesey-sued": 0.016,
                "wehringhausen-villa-post": 0.017, "haspe-zentrum": 0.015,
                "eckesey-nord": 0.012, "eilpe-delstern-selbecke": 0.010,
                "hohenlimburg-zentrum": 0.010}
PFLEGE_RATE = {2018: 0.205, 2019: 0.214, 2020: 0.226, 2021: 0.236, 2022: 0.246, 2023: 0.255, 2024: 0.262}


def _population(rng: random.Random) -> dict[tuple[str, int], dict[str, int]]:
    """Population and age-group counts per Sozialraum and year."""
    out = {}
    for raum, p in PROFILE.items():
        pop0, u18, a65, a80, *_rest = p
        growth = p[8]
        for year in YEARS:
            k = year - 2019
            pop = pop0 * (1 + growth) ** k
            if year >= 2022:
                pop *= 1 + UKRAINE_2022.get(raum, 0.004)
            pop = round(pop + rng.randint(-35, 35))
            young = u18 + 0.12 * k * (1 if growth > 0 else 0.3)
            if year >= 2022:
                young += 0.5 if raum in UKRAINE_2022 else 0.1
            old = a65 + 0.17 * k * (1.4 if growth <= 0 else 0.6)
            very_old = a80 + 0.11 * k * (1.3 if growth <= 0 else 0.7)
            out[(raum, year)] = {
                "einwohner": pop,
                "einwohner_unter_18": round(pop * (young + rng.uniform(-0.1, 0.1)) / 100),
                "einwohner_65_plus": round(pop * (old + rng.uniform(-0.1, 0.1)) / 100),
                "einwohner_80_plus": round(pop * (very_old + rng.uniform(-0.05, 0.05)) / 100),
            }
    return out


def _weights(counts: dict[str, int]) -> dict[str, float]:
    """Reference populations used to weight rates."""
    pop = counts["einwohner"]
    return {
        "einwohner": pop,
        "einwohner_unter_18": counts["einwohner_unter_18"],
        "einwohner_65_plus": counts["einwohner_65_plus"],
        "einwohner_unter_65": pop - counts["einwohner_65_plus"],
        "einwohner_15_64": pop - counts["einwohner_65_plus"] - counts["einwohner_unter_18"] * 0.83,
    }


BEZUG = {"sgb2_quote": "einwohner_unter_65", "kinderarmut": "einwohner_unter_18",
         "migration": "einwohner", "alleinerziehende": "einwohner_unter_18",
         "arbeitslosenquote": "einwohner_15_64", "grusi_alter": "einwohner_65_plus"}


def _raw_rate(ind: str, raum: str, year: int) -> float:
    """Unscaled profile value of a rate before calibration to the city target."""
    p = PROFILE[raum]
    k = year - 2019
    drift = 1 + p[9] * k
    if ind == "sgb2_quote":
        return p[4] * drift
    if ind == "kinderarmut":
        return p[5] * drift
    if ind == "migration":
        return p[6] * (1 + 0.004 * k * (1.5 if raum in UKRAINE_2022 else 1))
    if ind == "alleinerziehende":
        return p[7] * (1 + p[9] * k * 0.5)
    if ind == "arbeitslosenquote":
        return (p[4] * drift) ** 0.8
    if ind == "grusi_alter":
        return (p[4] * drift) ** 0.7
    raise KeyError(ind)


def generate() -> list[tuple[str, int, str, str]]:
    """Build all rows for Sozialräume, Bezirke and the city."""
    rng = random.Random(20240531)
    geo = yaml.safe_load((DATA / "geography.yaml").read_text(encoding="utf-8"))
    bgs = yaml.safe_load((DATA / "begegnungsstaetten.yaml").read_text(encoding="utf-8"))
    raum_bezirk = {s["id"]: s["bezirk"] for s in geo["sozialraeume"]}
    assert set(raum_bezirk) == set(PROFILE), "PROFILE and geography.yaml differ"
    pops = _population(rng)
    values: dict[tuple[str, int], dict[str, float]] = {k: dict(v) for k, v in pops.items()}
    for ind, targets in CITY_TARGET.items():
        for year in YEARS:
            raw = {r: _raw_rate(ind, r, year) for r in PROFILE}
            w = {r: _weights(pops[(r, year)])[BEZUG[ind]] for r in PROFILE}
            mean = sum(raw[r] * w[r] for r in PROFILE) / sum(w.values())
            scale = targets[year] / mean
            for r in PROFILE:
                values[(r, year)][ind] = round(raw[r] * scale + rng.uniform(-0.15, 0.15), 1)
    for r in PROFILE:
        for year in YEARS:
            v = values[(r, year)]
            factor = 0.8 + 2.2 * v["einwohner_80_plus"] / max(v["einwohner_65_plus"], 1)
            v["pflegebeduerftige"] = round(v["einwohner_65_plus"] * PFLEGE_RATE[year] * factor * 0.68
                                           + v["einwohner"] * 0.004)
            v["plaetze_begegnungsstaetten"] = sum(
                b["plaetze"] for b in bgs["begegnungsstaetten"]
                if b["sozialraum"] == r and b["seit"] <= year <= b.get("bis", 9999))
    rows = []
    groups = {"hagen": list(PROFILE)}
    for b in geo["stadtbezirke"]:
        groups[b["id"]] = [r for r, bz in raum_bezirk.items() if bz == b["id"]]
    for year in YEARS:
        for r in PROFILE:
            rows.extend(_rows(r, year, values[(r, year)]))
        for gid, members in groups.items():
            rows.extend(_rows(gid, year, aggregate([values[(m, year)] for m in members])))
    return rows


COUNTS = ["einwohner", "einwohner_unter_18", "einwohner_65_plus", "einwohner_80_plus",
          "pflegebeduerftige", "plaetze_begegnungsstaetten"]


def aggregate(members: list[dict[str, float]]) -> dict[str, float]:
    """Sum counts and weight rates with their reference population."""
    out: dict[str, float] = {c: sum(m[c] for m in members) for c in COUNTS}
    for ind, bezug in BEZUG.items():
        ws = [_weights(m)[bezug] for m in members]
        out[ind] = round(sum(m[ind] * w for m, w in zip(members, ws, strict=True)) / sum(ws), 1)
    return out


def _rows(raum: str, year: int, v: dict[str, float]) -> list[tuple[str, int, str, str]]:
    """Rows in CSV order, including the derived age shares."""
    pop = v["einwohner"]
    derived = {
        "anteil_unter_18": round(100 * v["einwohner_unter_18"] / pop, 1),
        "anteil_65_plus": round(100 * v["einwohner_65_plus"] / pop, 1),
        "anteil_80_plus": round(100 * v["einwohner_80_plus"] / pop, 1),
    }
    order = COUNTS[:4] + list(derived) + list(BEZUG) + COUNTS[4:]
    allv = {**v, **derived}
    out = []
    for ind in order:
        val = allv[ind]
        text = str(int(val)) if ind in COUNTS else f"{val:.1f}"
        out.append((raum, year, ind, text))
    return out


def main() -> None:
    """Write the CSV."""
    rows = generate()
    with open(DATA / "indikatoren.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["raum", "jahr", "indikator", "wert"])
        w.writerows(rows)
    print(f"{len(rows)} rows")


if __name__ == "__main__":
    main()

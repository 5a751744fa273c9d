"""Indicator tables and generated interpretations shared by profiles and reports."""

from __future__ import annotations

import hashlib

from ..data import Corpusdata, Raum, fmt_dec, fmt_int, fmt_signed
from ..model import Table

CORE = ["einwohner", "anteil_unter_18", "anteil_65_plus", "anteil_80_plus", "sgb2_quote",
        "kinderarmut", "migration", "alleinerziehende", "arbeitslosenquote", "grusi_alter",
        "pflegebeduerftige", "plaetze_begegnungsstaetten"]


def label(data: Corpusdata, ind: str) -> str:
    """Short column/row label with unit."""
    m = data.meta[ind]
    return m["kurz"] + (" (%)" if m["einheit"] == "%" else "")


def col(data: Corpusdata, ind: str) -> str:
    """Compact column header for wide tables."""
    return data.meta[ind].get("spalte") or label(data, ind)


def val(data: Corpusdata, ind: str, raum: str, jahr: int) -> str:
    """Table cell: value without unit (unit is in the header)."""
    return data.fmt(ind, raum, jahr, unit=False)


def year_table(data: Corpusdata, ind: str, raeume: list[Raum], years: list[int],
               caption: str, first: str = "Raum") -> Table:
    """Rows = areas, columns = years, for one indicator."""
    rows = [[r.name] + [val(data, ind, r.id, y) for y in years] for r in raeume]
    return Table([first] + [str(y) for y in years], rows, caption=caption)


def indicator_table(data: Corpusdata, raum: str, years: list[int], caption: str,
                    indicators: list[str] = CORE) -> Table:
    """Rows = indicators, columns = years, for one area."""
    rows = [[label(data, i)] + [val(data, i, raum, y) for y in years] for i in indicators]
    return Table(["Indikator"] + [str(y) for y in years], rows, caption=caption)


def cross_table(data: Corpusdata, raeume: list[Raum], year: int, indicators: list[str],
                caption: str) -> Table:
    """Rows = areas, columns = indicators, one year."""
    rows = [[r.name] + [val(data, i, r.id, year) for i in indicators] for r in raeume]
    return Table(["Raum"] + [col(data, i) for i in indicators], rows, caption=caption)


def long_table(data: Corpusdata, raeume: list[Raum], years: list[int], indicators: list[str],
               caption: str) -> Table:
    """Rows = (area, year): deliberately long, spans page breaks."""
    rows = []
    for r in raeume:
        for y in years:
            rows.append([r.name, str(y)] + [val(data, i, r.id, y) for i in indicators])
    return Table(["Raum", "Jahr"] + [col(data, i) for i in indicators], rows, caption=caption,
                 align=["L", "L"] + ["R"] * len(indicators))


def _pick(key: str, options: list[str]) -> str:
    """Deterministic choice of a phrasing, so texts vary between areas."""
    h = int(hashlib.md5(key.encode()).hexdigest(), 16)
    return options[h % len(options)]


def trend_word(delta: float, pct: bool = True) -> str:
    """Verbal description of a change."""
    small = 0.5 if pct else 0.5
    if abs(delta) < small:
        return "nahezu unverändert"
    if delta > 0:
        return "deutlich gestiegen" if (delta >= 3 if pct else delta >= 3) else "leicht gestiegen"
    return "deutlich gesunken" if (delta <= -3 if pct else delta <= -3) else "leicht gesunken"


def interpretation(data: Corpusdata, raum: Raum, y0: int = 2019, y1: int = 2024) -> list[str]:
    """A few generated sentences on one Sozialraum, all figures from the CSV."""
    rid = raum.id
    n = len(data.sozialraeume())
    w = data.wert
    pop0, pop1 = w("einwohner", rid, y0), w("einwohner", rid, y1)
    dpop = pop1 - pop0
    pct = 100 * dpop / pop0
    if abs(pct) < 0.5:
        pop_s = (f"Die Einwohnerzahl ist seit {y0} mit {fmt_int(pop1)} Personen nahezu stabil "
                 f"({fmt_signed(pct)} %).")
    elif dpop > 0:
        pop_s = _pick(rid + "pop", [
            f"Die Bevölkerung ist von {fmt_int(pop0)} ({y0}) auf {fmt_int(pop1)} ({y1}) gewachsen "
            f"({fmt_signed(pct)} %).",
            f"Seit {y0} hat der Sozialraum {fmt_int(dpop)} Einwohnerinnen und Einwohner hinzugewonnen "
            f"und zählt {y1} {fmt_int(pop1)} Menschen ({fmt_signed(pct)} %).",
        ])
    else:
        pop_s = _pick(rid + "pop", [
            f"Die Bevölkerung ist von {fmt_int(pop0)} ({y0}) auf {fmt_int(pop1)} ({y1}) "
            f"zurückgegangen ({fmt_signed(pct)} %).",
            f"Seit {y0} hat der Sozialraum {fmt_int(-dpop)} Einwohnerinnen und Einwohner verloren; "
            f"{y1} lebten hier {fmt_int(pop1)} Menschen ({fmt_signed(pct)} %).",
        ])
    sgb, sgb_city = w("sgb2_quote", rid, y1), w("sgb2_quote", "hagen", y1)
    d_sgb = sgb - w("sgb2_quote", rid, y0)
    rel = "über" if sgb > sgb_city else "unter"
    sgb_s = (f"Die SGB-II-Quote liegt {y1} bei {fmt_dec(sgb)} % und damit "
             f"{fmt_dec(abs(sgb - sgb_city))} Prozentpunkte {rel} dem städtischen Wert "
             f"({fmt_dec(sgb_city)} %); gegenüber {y0} ist sie {trend_word(d_sgb)} "
             f"({fmt_signed(d_sgb)} Prozentpunkte).")
    ka, ka_city = w("kinderarmut", rid, y1), w("kinderarmut", "hagen", y1)
    rank = data.rang("kinderarmut", rid, y1)
    if ka >= 1.3 * ka_city:
        klass = _pick(rid + "ka", ["gehört damit zu den am stärksten belasteten Sozialräumen der Stadt",
                                   "zählt damit zur Spitzengruppe der Hagener Sozialräume"])
    elif ka >= ka_city:
        klass = "liegt damit über dem städtischen Durchschnitt"
    elif ka >= 0.6 * ka_city:
        klass = "liegt damit unter dem städtischen Durchschnitt"
    else:
        klass = "gehört damit zu den am wenigsten belasteten Sozialräumen"
    ka_s = (f"Bei der Kinderarmut ({fmt_dec(ka)} % der Minderjährigen in SGB-II-Bedarfsgemeinschaften) "
            f"steht der Sozialraum auf Rang {rank} von {n} und {klass}.")
    a65_0, a65_1 = w("anteil_65_plus", rid, y0), w("anteil_65_plus", rid, y1)
    age_s = _pick(rid + "age", [
        f"Der Anteil der Menschen ab 65 Jahren beträgt {fmt_dec(a65_1)} % "
        f"({fmt_signed(a65_1 - a65_0)} Prozentpunkte seit {y0}), "
        f"der Anteil der unter 18-Jährigen {fmt_dec(w('anteil_unter_18', rid, y1))} %.",
        f"{fmt_dec(w('anteil_unter_18', rid, y1))} % der Bevölkerung sind minderjährig, "
        f"{fmt_dec(a65_1)} % sind 65 Jahre oder älter (Veränderung seit {y0}: "
        f"{fmt_signed(a65_1 - a65_0)} Prozentpunkte).",
    ])
    mig = w("migration", rid, y1)
    mig_s = (f"{fmt_dec(mig)} % der Einwohnerinnen und Einwohner haben eine Zuwanderungsgeschichte "
             f"(Stadt: {fmt_dec(w('migration', 'hagen', y1))} %); die Arbeitslosenquote liegt bei "
             f"{fmt_dec(w('arbeitslosenquote', rid, y1))} %.")
    return [pop_s + " " + age_s, sgb_s + " " + ka_s, mig_s]


def kurzbilanz(data: Corpusdata, raum: Raum, y0: int = 2019, y1: int = 2024) -> str:
    """One compact sentence per Sozialraum for overview reports (differs from the profiles)."""
    w = data.wert
    rid = raum.id
    pct = 100 * (w("einwohner", rid, y1) - w("einwohner", rid, y0)) / w("einwohner", rid, y0)
    return (f"**{raum.name}** zählt {fmt_int(w('einwohner', rid, y1))} Einwohnerinnen und Einwohner "
            f"({fmt_signed(pct)} % gegenüber {y0}). Die SGB-II-Quote beträgt {fmt_dec(w('sgb2_quote', rid, y1))} % "
            f"({fmt_signed(w('sgb2_quote', rid, y1) - w('sgb2_quote', rid, y0))} Pp.), die Kinderarmut "
            f"{fmt_dec(w('kinderarmut', rid, y1))} % ({fmt_signed(w('kinderarmut', rid, y1) - w('kinderarmut', rid, y0))} Pp.; "
            f"Rang {data.rang('kinderarmut', rid, y1)} von {len(data.sozialraeume())}). "
            f"{fmt_dec(w('anteil_65_plus', rid, y1))} % der Bevölkerung sind 65 Jahre oder älter.")

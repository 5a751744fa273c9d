"""Sozialbericht 2019 (outdated, data 2018, two-column) and Sozialbericht 2024."""

from __future__ import annotations

import yaml

from ..data import Corpusdata, fmt_dec, fmt_int, fmt_signed, resolve_placeholders
from ..model import Document, Heading, ListBlock, PageBreak, Para, Table, fn
from .common import DATA, HEADER, meta
from .tables import (
    CORE,
    cross_table,
    indicator_table,
    kurzbilanz,
    label,
    long_table,
    year_table,
)

SOURCE = "src/data/sozialbericht.yaml"
TOPICS = ["armut", "kinder", "familie", "alter-und-pflege", "integration-migration",
          "beschaeftigung", "organisation"]


def _texts(data: Corpusdata) -> dict:
    """Report prose with placeholders resolved."""
    raw = (DATA / "sozialbericht.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(resolve_placeholders(raw, data, SOURCE))


def _ranking(data: Corpusdata, year: int, ind: str, caption: str, base: int | None = None) -> Table:
    """All Sozialräume sorted by one indicator (highest first)."""
    raeume = sorted(data.sozialraeume(), key=lambda s: -data.wert(ind, s.id, year))
    header = ["Rang", "Sozialraum", "Stadtbezirk", f"{label(data, ind)} {year}"]
    rows = []
    for i, s in enumerate(raeume, 1):
        row = [str(i), s.name, data.bezirk_name(s.id), data.fmt(ind, s.id, year, unit=False)]
        if base:
            row.append(fmt_signed(data.wert(ind, s.id, year) - data.wert(ind, s.id, base)))
        rows.append(row)
    if base:
        header.append(f"Veränderung seit {base} (Pp.)")
    return Table(header, rows, caption=caption, align=["R", "L", "L", "R"] + (["R"] if base else []))


def _definitions(data: Corpusdata, indicators: list[str]) -> Table:
    """Definitions of the indicators used."""
    return Table(["Indikator", "Definition"],
                 [[label(data, i), data.meta[i]["beschreibung"]] for i in indicators],
                 align=["L", "L"], caption="Definitionen der Indikatoren")


QUELLEN_2019 = [
    ["Einwohnermelderegister", "Bevölkerung nach Alter, Staatsangehörigkeit, Zuwanderungsgeschichte", "30.06.2018"],
    ["Bundesagentur für Arbeit", "Leistungsberechtigte nach dem SGB II, Arbeitslose", "Juni 2018"],
    ["Sozialamt (SGB XII)", "Grundsicherung im Alter und bei Erwerbsminderung", "30.06.2018"],
    ["Pflegestatistik", "Pflegebedürftige, kleinräumig geschätzt", "2017, fortgeschrieben"],
    ["Altenplanung", "Plätze in Seniorenbegegnungsstätten", "30.06.2018"],
]


def _kernaussagen_2018(data: Corpusdata) -> list[str]:
    """Key findings of the 2019 report, computed from 2018 data."""
    y = 2018
    top = sorted(data.sozialraeume(), key=lambda s: -data.wert("kinderarmut", s.id, y))[:5]
    return [
        f"Hagen hatte {fmt_int(data.wert('einwohner', 'hagen', y))} Einwohnerinnen und Einwohner.",
        f"Die SGB-II-Quote lag bei {data.fmt('sgb2_quote', 'hagen', y)}, die Kinderarmut bei "
        f"{data.fmt('kinderarmut', 'hagen', y)}.",
        "Die höchste Kinderarmut hatten " + ", ".join(
            f"{s.name} ({data.fmt('kinderarmut', s.id, y)})" for s in top) + ".",
        f"{data.fmt('anteil_65_plus', 'hagen', y)} der Bevölkerung waren 65 Jahre oder älter; "
        f"am ältesten ist der Stadtbezirk Hohenlimburg ({data.fmt('anteil_65_plus', 'hohenlimburg', y)}).",
        f"{data.fmt('migration', 'hagen', y)} der Einwohnerinnen und Einwohner hatten eine "
        "Zuwanderungsgeschichte.",
    ]


def _portraits_2018(data: Corpusdata, bezirk: str) -> list[str]:
    """Short status sentences per Sozialraum, using only 2018 figures."""
    y = 2018
    n = len(data.sozialraeume())
    out = []
    for s in data.sozialraeume(bezirk):
        rank = data.rang("kinderarmut", s.id, y)
        lage = ("stark überdurchschnittlich" if rank <= 5 else
                "überdurchschnittlich" if data.wert("kinderarmut", s.id, y) > data.wert("kinderarmut", "hagen", y)
                else "unterdurchschnittlich")
        out.append(
            f"**{s.name}:** {fmt_int(data.wert('einwohner', s.id, y))} Einwohnerinnen und Einwohner, "
            f"davon {data.fmt('anteil_unter_18', s.id, y)} Minderjährige und "
            f"{data.fmt('anteil_65_plus', s.id, y)} Menschen ab 65 Jahren. Die Armutsbelastung ist "
            f"{lage} (Kinderarmut {data.fmt('kinderarmut', s.id, y)}, Rang {rank} von {n}; "
            f"SGB-II-Quote {data.fmt('sgb2_quote', s.id, y)}).")
    return out


def bericht_2019(data: Corpusdata, tx: dict) -> Document:
    """The outdated first report: figures as of 2018 only, two-column brochure layout."""
    t = tx["bericht_2019"]
    y = 2018
    ind_2019 = ["einwohner", "anteil_unter_18", "anteil_65_plus", "sgb2_quote", "kinderarmut",
                "migration", "arbeitslosenquote"]
    m = meta("sozialbericht-2019", "Sozialbericht der Stadt Hagen 2019", "sozialbericht",
             "2019-10-15", ["Gesamtstadt"], TOPICS, "pdf", layout="two-column",
             header=f"{HEADER} · Sozialbericht 2019",
             footer="Sozialbericht 2019 – Datenstand 30.06.2018")
    doc = Document(meta=m, subtitle="Lebenslagen in den Stadtbezirken und Sozialräumen – Datenstand 30.06.2018")
    bl = doc.blocks
    bl.append(Heading(1, "Vorwort"))
    bl += [Para(p) for p in t["vorwort"]]
    bl.append(Heading(1, "Das Wichtigste in Kürze"))
    bl.append(ListBlock(_kernaussagen_2018(data)))
    bl.append(PageBreak())
    bl.append(Heading(1, "1 Einleitung"))
    bl += [Para(p) for p in t["einleitung"]]
    bl.append(Table(["Datenquelle", "Inhalt", "Stand"], QUELLEN_2019, align=["L", "L", "L"],
                    caption="Übersicht: Datengrundlagen des Berichts"))
    bl.append(Para("Die Sozialräume folgen den Planungsräumen der Jugendhilfeplanung." + fn(1)))
    bl.append(Heading(1, "2 Die Gesamtstadt im Überblick"))
    bl += [Para(p) for p in t["gesamtstadt"]]
    bl.append(cross_table(data, [data.raeume["hagen"]] + data.bezirke, y, ind_2019,
                          f"Tabelle 1: Kennzahlen der Stadtbezirke {y}"))
    bl.append(Para("Bezirkswerte sind aus den Sozialräumen berechnet." + fn(2), style="small"))
    bl.append(PageBreak())
    bl.append(Heading(1, "3 Die Stadtbezirke"))
    for i, b in enumerate(data.bezirke, 2):
        if i > 2:
            bl.append(PageBreak())
        bl.append(Heading(2, f"3.{i - 1} {b.name}"))
        bl.append(Para(t["bezirke"][b.id]))
        bl.append(cross_table(data, data.sozialraeume(b.id) + [b], y, ind_2019,
                              f"Tabelle {i}: Sozialräume im Stadtbezirk {b.name} {y}"))
        bl.append(Heading(3, f"Sozialräume in {b.name}"))
        bl += [Para(p) for p in _portraits_2018(data, b.id)]
    bl.append(PageBreak())
    bl.append(Heading(1, "4 Themen"))
    for k, th in enumerate(t["themen"], 1):
        bl.append(Heading(2, f"4.{k} {th['titel']}"))
        bl += [Para(p) for p in th["text"]]
        if k == 1:
            bl.append(_ranking(data, y, "sgb2_quote", f"Tabelle 7: Sozialräume nach SGB-II-Quote {y}"))
        if k == 2:
            bl.append(_ranking(data, y, "kinderarmut", f"Tabelle 8: Sozialräume nach Kinderarmut {y}"))
        if k == 3:
            bl.append(cross_table(data, [data.raeume["hagen"]] + data.bezirke, y,
                                  ["einwohner_65_plus", "anteil_65_plus", "anteil_80_plus",
                                   "pflegebeduerftige", "plaetze_begegnungsstaetten"],
                                  f"Tabelle 9: Ältere Menschen und Pflege {y}"))
    bl.append(Heading(1, "5 Ausblick"))
    bl += [Para(p) for p in t["ausblick"]]
    bl.append(PageBreak())
    bl.append(Heading(1, "Anhang"))
    bl.append(long_table(data, data.sozialraeume(), [y], ind_2019,
                         f"Tabelle A1: Alle Sozialräume {y}"))
    bl.append(Heading(2, "Kennzahlen je Sozialraum"))
    for k, s in enumerate(data.sozialraeume(), 2):
        rows = [[label(data, i2), data.fmt(i2, s.id, y, False), data.fmt(i2, s.bezirk, y, False),
                 data.fmt(i2, "hagen", y, False)] for i2 in CORE]
        bl.append(Table(["Indikator", s.name, data.bezirk_name(s.id), "Hagen"], rows,
                        caption=f"Tabelle A{k}: {s.name} im Vergleich ({y})"))
    bl.append(_definitions(data, ind_2019))
    doc.footnotes = [
        "Die Abgrenzung kann sich in späteren Berichten ändern; maßgeblich ist die jeweils "
        "aktuelle Fassung der Raumgliederung.",
        "Quoten sind mit der jeweiligen Bezugsbevölkerung gewichtet; Rundungsdifferenzen sind möglich.",
    ]
    return doc


def bericht_2024(data: Corpusdata, tx: dict) -> Document:
    """The current report: figures 2023/2024, explicitly replacing the 2019 report."""
    t = tx["bericht_2024"]
    years = [2019, 2020, 2021, 2022, 2023, 2024]
    ind = ["einwohner", "anteil_unter_18", "anteil_65_plus", "sgb2_quote", "kinderarmut",
           "migration", "alleinerziehende", "arbeitslosenquote"]
    stadt = data.raeume["hagen"]
    m = meta("sozialbericht-2024", "Sozialbericht der Stadt Hagen 2024", "sozialbericht",
             "2024-12-10", ["Gesamtstadt"], TOPICS + ["beteiligung"], "pdf",
             header=f"{HEADER} · Sozialbericht 2024",
             footer="Sozialbericht 2024 – ersetzt den Sozialbericht 2019")
    doc = Document(meta=m, subtitle="Sozialräumliche Berichterstattung – Datenstand 30.06.2024")
    bl = doc.blocks
    bl.append(Para("Hinweis: " + t["ersetzt"], style="quote"))
    bl.append(Heading(1, "Vorwort"))
    bl += [Para(p) for p in t["vorwort"]]
    bl.append(Heading(1, "1 Was ist neu?"))
    bl += [Para(p) for p in t["neu"]]
    bl.append(Table(["Stadtbezirk", "Nr.", "Sozialräume"],
                    [[b.name, str(b.nummer), ", ".join(s.name for s in data.sozialraeume(b.id))]
                     for b in data.bezirke],
                    align=["L", "R", "L"], caption="Tabelle 1: Stadtbezirke und Sozialräume"))
    bl.append(PageBreak())
    bl.append(Heading(1, "2 Die Gesamtstadt"))
    bl += [Para(p) for p in t["gesamtstadt"]]
    bl.append(indicator_table(data, "hagen", [2018] + years, "Tabelle 2: Kennzahlen der Stadt Hagen 2018–2024"))
    bl.append(cross_table(data, [stadt] + data.bezirke, 2024, ind,
                          "Tabelle 3: Kennzahlen der Stadtbezirke 2024"))
    bl.append(PageBreak())
    bl.append(Heading(1, "3 Die Stadtbezirke"))
    n = 4
    for i, b in enumerate(data.bezirke, 1):
        raeume = data.sozialraeume(b.id)
        if i > 1:
            bl.append(PageBreak())
        bl.append(Heading(2, f"3.{i} {b.name}"))
        bl.append(Para(t["bezirke"][b.id]))
        bl.append(cross_table(data, raeume + [b], 2024, ind,
                              f"Tabelle {n}: Sozialräume im Stadtbezirk {b.name} 2024"))
        bl.append(year_table(data, "kinderarmut", raeume + [b], years,
                             f"Tabelle {n + 1}: Kinderarmut im Stadtbezirk {b.name} 2019–2024 (%)"))
        n += 2
        bl.append(Heading(3, f"Die Sozialräume in {b.name}"))
        bl += [Para(kurzbilanz(data, s)) for s in raeume]
    bl.append(PageBreak())
    bl.append(Heading(1, "4 Themen"))
    for k, th in enumerate(t["themen"], 1):
        bl.append(Heading(2, f"4.{k} {th['titel']}"))
        bl += [Para(p) for p in th["text"]]
        if k == 1:
            bl.append(_ranking(data, 2024, "kinderarmut",
                               f"Tabelle {n}: Sozialräume nach Kinderarmut 2024", base=2019))
            bl.append(_ranking(data, 2024, "sgb2_quote",
                               f"Tabelle {n + 1}: Sozialräume nach SGB-II-Quote 2024", base=2019))
            n += 2
        if k == 2:
            bl.append(year_table(data, "alleinerziehende", [stadt] + data.bezirke, years,
                                 f"Tabelle {n}: Alleinerziehende je 100 Haushalte mit Kindern (%)"))
            n += 1
        if k == 3:
            bl.append(year_table(data, "pflegebeduerftige", [stadt] + data.bezirke, years,
                                 f"Tabelle {n}: Pflegebedürftige (geschätzt) 2019–2024"))
            bl.append(cross_table(data, [stadt] + data.bezirke, 2024,
                                  ["einwohner_65_plus", "einwohner_80_plus", "grusi_alter",
                                   "plaetze_begegnungsstaetten"],
                                  f"Tabelle {n + 1}: Ältere Menschen 2024"))
            n += 2
        if k == 4:
            bl.append(year_table(data, "migration", [stadt] + data.bezirke, years,
                                 f"Tabelle {n}: Anteil Menschen mit Zuwanderungsgeschichte (%)"))
            n += 1
    bl.append(PageBreak())
    bl.append(Heading(1, "5 Handlungsempfehlungen"))
    bl.append(ListBlock(t["empfehlungen"], ordered=True))
    bl.append(Heading(1, "6 Vergleich mit dem Sozialbericht 2019"))
    bl += [Para(p) for p in t["vergleich"]]
    rows = []
    for r in [stadt] + data.bezirke:
        for i2 in ["einwohner", "sgb2_quote", "kinderarmut", "migration"]:
            a, b2 = data.wert(i2, r.id, 2018), data.wert(i2, r.id, 2024)
            pct = data.is_percent(i2)
            rows.append([r.name, label(data, i2), data.fmt(i2, r.id, 2018, False),
                         data.fmt(i2, r.id, 2024, False),
                         fmt_signed(b2 - a) if pct else fmt_signed(b2 - a, 0)])
    bl.append(Table(["Raum", "Indikator", "Bericht 2019 (Stand 2018)", "Bericht 2024", "Veränderung"],
                    rows, align=["L", "L", "R", "R", "R"],
                    caption=f"Tabelle {n}: Werte des Sozialberichts 2019 und aktuelle Werte"))
    d = data.wert("kinderarmut", "hagen", 2024) - data.wert("kinderarmut", "hagen", 2018)
    bl.append(Para(f"Gegenüber dem Datenstand des Sozialberichts 2019 hat sich die Kinderarmut in "
                   f"der Gesamtstadt um {fmt_signed(d)} Prozentpunkte verändert, die Einwohnerzahl um "
                   f"{fmt_int(data.wert('einwohner', 'hagen', 2024) - data.wert('einwohner', 'hagen', 2018))} "
                   f"Personen. Die SGB-II-Quote lag 2018 bei {fmt_dec(data.wert('sgb2_quote', 'hagen', 2018))} % "
                   f"und 2024 bei {fmt_dec(data.wert('sgb2_quote', 'hagen', 2024))} %."))
    bl.append(Heading(1, "7 Ausblick"))
    bl += [Para(p) for p in t["ausblick"]]
    bl.append(PageBreak())
    bl.append(Heading(1, "Anhang"))
    bl.append(long_table(data, data.sozialraeume(), [2023, 2024], ind,
                         "Tabelle A1: Alle Sozialräume 2023 und 2024"))
    bl.append(_definitions(data, CORE))
    return doc


def documents(data: Corpusdata) -> list[Document]:
    """Both reports."""
    tx = _texts(data)
    return [bericht_2019(data, tx), bericht_2024(data, tx)]

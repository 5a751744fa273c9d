"""Sozialraumprofile 2024: one multi-page PDF per Stadtbezirk."""

from __future__ import annotations

from collections import Counter

import yaml

from ..data import Corpusdata, fmt_dec, fmt_int, resolve_placeholders
from ..model import Document, Heading, ListBlock, PageBreak, Para, Table
from .common import DATA, HEADER, meta, read_csv
from .tables import CORE, cross_table, indicator_table, interpretation, label, long_table, year_table

YEARS = [2018, 2019, 2020, 2021, 2022, 2023, 2024]
SOURCE = "src/data/bezirkstexte.yaml"


def _texts(data: Corpusdata) -> dict:
    """Hand-written texts with placeholders resolved."""
    raw = (DATA / "bezirkstexte.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(resolve_placeholders(raw, data, SOURCE))


def _offers_by_raum() -> dict[str, list[dict]]:
    """Inventory rows grouped by Sozialraum name."""
    _h, rows = read_csv(DATA / "angebote.csv")
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["Sozialraum"], []).append(r)
    return out


def _begegnung() -> list[dict]:
    """Seniorenbegegnungsstätten open in 2024."""
    items = yaml.safe_load((DATA / "begegnungsstaetten.yaml").read_text(encoding="utf-8"))
    return [b for b in items["begegnungsstaetten"] if b.get("bis", 9999) >= 2024]


def profile(data: Corpusdata, bezirk_id: str, texts: dict, offers: dict) -> Document:
    """Build the Sozialraumprofil of one Stadtbezirk."""
    b = data.raeume[bezirk_id]
    t = texts["bezirke"][bezirk_id]
    raeume = data.sozialraeume(bezirk_id)
    stadt = data.raeume["hagen"]
    m = meta(f"sozialraumprofil-{bezirk_id}-2024", f"Sozialraumprofil {b.name} 2024",
             "sozialraumprofil", "2024-11-15", [b.name],
             ["armut", "kinder", "alter-und-pflege", "integration-migration", "familie",
              "beschaeftigung"], "pdf", sozialraeume=[s.name for s in raeume],
             header=f"{HEADER} · Sozialraumprofil {b.name}",
             footer=f"Sozialraumprofil {b.name} 2024 (Datenstand 30.06.2024)")
    doc = Document(meta=m, subtitle=f"Stadtbezirk {b.nummer} – Daten, Entwicklungen, Handlungsbedarfe")
    bl = doc.blocks
    bl += [
        Heading(1, "Vorbemerkung"),
        Para(f"Das Sozialraumprofil beschreibt die Lebenslagen der Menschen im Stadtbezirk {b.name} "
             f"und in seinen {len(raeume)} Sozialräumen. Es ist Teil der sozialraumorientierten "
             "Sozialplanung, die der Fachbereich Jugend und Soziales seit 2023 neu ausgerichtet hat, "
             "und soll Politik, Verwaltung, Trägern und Stadtteilkonferenzen eine gemeinsame "
             "Datengrundlage geben."),
        Para("Alle Zahlen stammen aus dem kleinräumigen Indikatorensatz der Sozialplanung "
             "(Einwohnermelderegister, Statistik der Bundesagentur für Arbeit, eigene "
             "Berechnungen) mit Stichtag jeweils 30. Juni. Bezirkswerte sind aus den Sozialräumen "
             "abgeleitet; Quoten sind mit ihrer jeweiligen Bezugsbevölkerung gewichtet. Begriffe "
             "und Berechnungswege erläutert der Anhang."),
        Heading(1, f"Der Stadtbezirk {b.name} im Überblick"),
    ]
    bl += [Para(p) for p in t["charakter"]]
    pop24 = data.wert("einwohner", b.id, 2024)
    facts = [
        ["Amtliche Nummer", str(b.nummer)],
        ["Fläche", f"{fmt_dec(b.flaeche_km2)} km²"],
        ["Einwohnerinnen und Einwohner 2024", fmt_int(pop24)],
        ["Einwohner je km²", fmt_int(pop24 / b.flaeche_km2)],
        ["Anteil an der Stadtbevölkerung", f"{fmt_dec(100 * pop24 / data.wert('einwohner', 'hagen', 2024))} %"],
        ["Stadtteile", ", ".join(b.teile)],
        ["Sozialräume", ", ".join(s.name for s in raeume)],
        ["SGB-II-Quote 2024 (Stadt)", f"{data.fmt('sgb2_quote', b.id, 2024)} ({data.fmt('sgb2_quote', 'hagen', 2024)})"],
        ["Kinderarmut 2024 (Stadt)", f"{data.fmt('kinderarmut', b.id, 2024)} ({data.fmt('kinderarmut', 'hagen', 2024)})"],
    ]
    bl.append(Table(["Merkmal", "Wert"], facts, align=["L", "L"],
                    caption=f"Tabelle 1: Kennzahlen Stadtbezirk {b.name}"))
    bl.append(Heading(2, "Besondere Themen im Stadtbezirk"))
    for item in t["themen"]:
        bl += [Heading(3, item["titel"]), Para(item["text"])]

    areas = [b] + raeume + [stadt]
    bl.append(PageBreak())
    bl.append(Heading(1, "Bevölkerung"))
    d = data.wert("einwohner", b.id, 2024) - data.wert("einwohner", b.id, 2019)
    grow = "gewachsen" if d > 0 else "geschrumpft"
    bl.append(Para(f"Zwischen 2019 und 2024 ist die Bevölkerung des Stadtbezirks um "
                   f"{fmt_int(abs(d))} Personen {grow}. Die Entwicklung verläuft in den Sozialräumen "
                   "unterschiedlich: Zuwanderung, insbesondere der Zuzug Geflüchteter im Jahr 2022, "
                   "betrifft vor allem verdichtete Quartiere, während Wohngebiete mit älterer "
                   "Bevölkerung eher schrumpfen."))
    bl.append(year_table(data, "einwohner", areas, YEARS,
                         "Tabelle 2: Einwohnerinnen und Einwohner 2018–2024 (Stichtag 30.06.)"))
    ages = []
    for r in areas:
        ages.append([r.name, data.fmt("einwohner_unter_18", r.id, 2024),
                     data.fmt("anteil_unter_18", r.id, 2019, False), data.fmt("anteil_unter_18", r.id, 2024, False),
                     data.fmt("anteil_65_plus", r.id, 2019, False), data.fmt("anteil_65_plus", r.id, 2024, False),
                     data.fmt("anteil_80_plus", r.id, 2019, False), data.fmt("anteil_80_plus", r.id, 2024, False)])
    bl.append(Heading(2, "Altersgruppen"))
    bl.append(Para("Die Altersstruktur entscheidet darüber, welche Angebote vor Ort gebraucht "
                   "werden: Kitas, Schulen und Jugendarbeit dort, wo viele Kinder leben, "
                   "Seniorenberatung, Begegnung und Pflege dort, wo der Anteil Hochaltriger wächst."))
    bl.append(Table(["Raum", "unter 18 (Anzahl) 2024", "u18 % 2019", "u18 % 2024", "65+ % 2019",
                     "65+ % 2024", "80+ % 2019", "80+ % 2024"], ages,
                    caption="Tabelle 3: Altersgruppen 2019 und 2024"))
    bl.append(PageBreak())
    bl.append(Heading(1, "Soziale Lage"))
    bl.append(Para("Die SGB-II-Quote gibt an, wie viele Menschen unter 65 Jahren Leistungen der "
                   "Grundsicherung für Arbeitsuchende erhalten. Die Kinderarmut misst den Anteil der "
                   "Minderjährigen, die in solchen Bedarfsgemeinschaften leben. Beide Werte sind die "
                   "wichtigsten Armutsindikatoren der Hagener Sozialplanung."))
    bl.append(year_table(data, "sgb2_quote", areas, YEARS, "Tabelle 4: SGB-II-Quote 2018–2024 (%)"))
    bl.append(year_table(data, "kinderarmut", areas, YEARS,
                         "Tabelle 5: Kinderarmut – Minderjährige in SGB-II-Bedarfsgemeinschaften 2018–2024 (%)"))
    bl.append(Heading(2, "Zuwanderung, Familienformen, Arbeitsmarkt"))
    bl.append(cross_table(data, areas, 2024, ["migration", "alleinerziehende", "arbeitslosenquote",
                                              "grusi_alter"],
                          "Tabelle 6: Weitere Indikatoren der sozialen Lage 2024"))
    bl.append(year_table(data, "arbeitslosenquote", areas, YEARS,
                         "Tabelle 7: Arbeitslosenquote (kleinräumig) 2018–2024 (%)"))
    bl.append(Heading(2, "Alter und Pflege"))
    bl.append(year_table(data, "pflegebeduerftige", areas, YEARS,
                         "Tabelle 8: Pflegebedürftige (geschätzt) 2018–2024"))
    bl.append(Heading(1, "Zeitreihe aller Kernindikatoren"))
    bl.append(Para("Die folgende Übersicht stellt die Kernindikatoren für den Stadtbezirk und jeden "
                   "Sozialraum Jahr für Jahr zusammen. Sie dient als Nachschlagetabelle für "
                   "Anfragen aus Politik und Stadtteilkonferenzen."))
    bl.append(long_table(data, [b] + raeume, YEARS,
                         ["einwohner", "anteil_unter_18", "anteil_65_plus", "sgb2_quote",
                          "kinderarmut", "migration", "alleinerziehende", "arbeitslosenquote"],
                         "Tabelle 9: Kernindikatoren nach Raum und Jahr"))

    bgs = _begegnung()
    for i, s in enumerate(raeume, 1):
        bl.append(PageBreak())
        bl.append(Heading(1, f"Sozialraum {s.name}"))
        bl.append(Para(texts["sozialraeume"][s.id]))
        bl.append(Para(f"Zum Sozialraum gehören: {', '.join(s.teile)}."))
        bl.append(indicator_table(data, s.id, YEARS, f"Tabelle {9 + i}: Indikatoren {s.name} 2018–2024"))
        bl.append(Heading(2, "Einordnung"))
        bl += [Para(p) for p in interpretation(data, s)]
        own = offers.get(s.name, [])
        topics = Counter(x.strip() for r in own for x in r["Themen"].split(";"))
        local_bgs = [x for x in bgs if x["sozialraum"] == s.id]
        info = (f"In der Angebotserhebung 2024 wurden für den Sozialraum {len(own)} Angebote gemeldet, "
                f"am häufigsten zu den Themen {', '.join(k for k, _n in topics.most_common(3))}.")
        if local_bgs:
            info += " Seniorenbegegnungsstätten: " + "; ".join(
                f"{x['name']} ({x['traeger']}, {x['plaetze']} Plätze)" for x in local_bgs) + "."
        else:
            info += " Eine geförderte Seniorenbegegnungsstätte gibt es im Sozialraum nicht."
        bl.append(Heading(2, "Angebote im Sozialraum"))
        bl.append(Para(info))
    bl.append(PageBreak())
    bl.append(Heading(1, "Handlungsbedarfe und Empfehlungen"))
    worst = max(raeume, key=lambda s: data.wert("kinderarmut", s.id, 2024))
    oldest = max(raeume, key=lambda s: data.wert("anteil_65_plus", s.id, 2024))
    bl.append(Para(f"Innerhalb des Stadtbezirks ist die Kinderarmut im Sozialraum {worst.name} am "
                   f"höchsten ({data.fmt('kinderarmut', worst.id, 2024)}); der höchste Anteil älterer "
                   f"Menschen findet sich in {oldest.name} ({data.fmt('anteil_65_plus', oldest.id, 2024)}). "
                   "Aus den Daten, den Rückmeldungen der Stadtteilkonferenz und der Angebotserhebung "
                   "leitet die Sozialplanung folgende Empfehlungen ab:"))
    bl.append(ListBlock(t["empfehlungen"], ordered=True))
    bl.append(Para("Die Empfehlungen sind mit den Sozialraumteams abzustimmen und werden im "
                   "Ausschuss für Soziales, Integration und Demographie beraten. Ihre Umsetzung "
                   "hängt von Haushaltsmitteln und Förderprogrammen ab."))
    bl.append(Heading(1, "Anhang: Begriffe und Datenquellen"))
    bl.append(Table(["Indikator", "Definition"],
                    [[label(data, i), data.meta[i]["beschreibung"]] for i in CORE],
                    align=["L", "L"], caption="Tabelle A1: Definitionen der Indikatoren"))
    bl.append(Para("Abweichungen zu Veröffentlichungen von IT.NRW entstehen, weil die Sozialplanung "
                   "mit den Daten des kommunalen Melderegisters arbeitet. Werte für kleine "
                   "Sozialräume schwanken stärker und sollten über mehrere Jahre betrachtet werden.",
                   style="small"))
    return doc


def documents(data: Corpusdata) -> list[Document]:
    """Five Sozialraumprofile."""
    texts = _texts(data)
    offers = _offers_by_raum()
    return [profile(data, b.id, texts, offers) for b in data.bezirke]

"""Bericht Begegnungsstätten und Pflegebedarf 2024 (part of the Altenbericht), data-driven."""

from __future__ import annotations

import yaml

from ..data import Corpusdata, fmt_dec, fmt_int
from ..model import Document, Heading, ListBlock, PageBreak, Para, Table
from .common import DATA, HEADER, meta
from .tables import year_table

YEARS = [2018, 2019, 2020, 2021, 2022, 2023, 2024]


def _quote(data: Corpusdata, raum: str, year: int) -> float:
    """Places in Begegnungsstätten per 1,000 inhabitants aged 65+."""
    return 1000 * data.wert("plaetze_begegnungsstaetten", raum, year) / data.wert("einwohner_65_plus", raum, year)


def _projection(data: Corpusdata, raum: str) -> int:
    """Linear continuation of the 2019-2024 trend in care dependency to 2030."""
    a, b = data.wert("pflegebeduerftige", raum, 2019), data.wert("pflegebeduerftige", raum, 2024)
    return round(b + (b - a) / 5 * 6)


def bericht(data: Corpusdata) -> Document:
    """The report document."""
    items = yaml.safe_load((DATA / "begegnungsstaetten.yaml").read_text(encoding="utf-8"))
    bgs = items["begegnungsstaetten"]
    stadt = data.raeume["hagen"]
    m = meta("bericht-begegnungsstaetten-pflegebedarf-2024",
             "Seniorenbegegnungsstätten und Pflegebedarf 2024 – Datenteil zum Altenbericht",
             "bericht", "2024-10-21", ["Gesamtstadt"], ["alter-und-pflege", "ehrenamt", "gesundheit"],
             "pdf", header=f"{HEADER} · Altenplanung",
             footer="Altenbericht 2024 – Begegnungsstätten und Pflegebedarf")
    doc = Document(meta=m, subtitle="Bericht Begegnungsstätten und Pflegebedarfsplanung, Datenstand 30.06.2024")
    bl = doc.blocks
    open_now = [b for b in bgs if b.get("bis", 9999) >= 2024]
    closed = [b for b in bgs if b.get("bis", 9999) < 2024]
    new = [b for b in bgs if b["seit"] >= 2019]
    bl.append(Heading(1, "Zusammenfassung"))
    bl.append(ListBlock([
        f"In Hagen werden {len(open_now)} Seniorenbegegnungsstätten mit zusammen "
        f"{data.fmt('plaetze_begegnungsstaetten', 'hagen', 2024)} Plätzen gefördert.",
        f"Auf 1.000 Menschen ab 65 Jahren kommen damit {fmt_dec(_quote(data, 'hagen', 2024))} Plätze "
        f"(2019: {fmt_dec(_quote(data, 'hagen', 2019))}).",
        "Seit 2019 neu aufgenommen: " + ", ".join(f"{b['name']} ({b['seit']})" for b in new) + ".",
        "Aufgegeben: " + ", ".join(f"{b['name']} (letztes Förderjahr {b['bis']})" for b in closed) + ".",
        f"Die Zahl der Pflegebedürftigen wird für 2024 auf {data.fmt('pflegebeduerftige', 'hagen', 2024)} "
        f"geschätzt; setzt sich der Trend fort, sind es 2030 rund {fmt_int(_projection(data, 'hagen'))}.",
    ]))
    bl.append(Heading(1, "1 Auftrag und Datengrundlage"))
    bl.append(Para("Der Altenbericht der Stadt Hagen besteht aus drei Teilen: der "
                   "Pflegebedarfsplanung, dem Bericht über die Begegnungsstätten und der Untersuchung "
                   "„Senioren im Quartier“. Dieser Datenteil bündelt die Kennzahlen der ersten beiden "
                   "Teile für 2024 und ordnet sie den Sozialräumen zu."))
    bl.append(Para("Grundlage sind die Förderdaten der Altenplanung, die Qualitätsberichte der "
                   "Begegnungsstätten und der kleinräumige Indikatorensatz der Sozialplanung. Die Zahl "
                   "der Pflegebedürftigen ist eine Schätzung, weil die Pflegestatistik keine "
                   "kleinräumigen Werte liefert."))
    bl.append(Heading(1, "2 Die Begegnungsstätten"))
    bl.append(Para("Seniorenbegegnungsstätten sind offene Treffpunkte für ältere Menschen. Sie bieten "
                   "Mittagstisch, Bewegungs- und Bildungsangebote, Beratungssprechstunden und vor allem "
                   "Gelegenheit zur Begegnung. Getragen werden sie von den Verbänden der Freien "
                   "Wohlfahrtspflege; viele Angebote beruhen auf ehrenamtlicher Mitarbeit."))
    rows = [[b["name"], b["traeger"], data.raeume[b["sozialraum"]].name, str(b["plaetze"]),
             str(b["oeffnungstage"]), str(b["seit"]), str(b.get("bis", ""))]
            for b in sorted(bgs, key=lambda x: (data.bezirk_name(x["sozialraum"]), x["name"]))]
    bl.append(Table(["Begegnungsstätte", "Träger", "Sozialraum", "Plätze", "Tage/Woche", "seit", "bis"],
                    rows, align=["L", "L", "L", "R", "R", "R", "R"],
                    caption="Tabelle 1: Geförderte Seniorenbegegnungsstätten 2018–2024"))
    bl.append(year_table(data, "plaetze_begegnungsstaetten", [stadt] + data.bezirke, YEARS,
                         "Tabelle 2: Plätze in Begegnungsstätten nach Stadtbezirk 2018–2024"))
    bl.append(PageBreak())
    bl.append(Heading(1, "3 Versorgung nach Sozialräumen"))
    bl.append(Para("Die Versorgungsquote setzt die Plätze ins Verhältnis zur Zahl der Menschen ab 65 "
                   "Jahren. Sie zeigt, wo das Netz dicht und wo es lückenhaft ist. Sozialräume ohne "
                   "eigene Begegnungsstätte sind nicht automatisch unterversorgt, wenn Angebote in "
                   "erreichbarer Nähe liegen; im ländlichen Süden und im Lennetal sind die Wege jedoch weit."))
    qrows = []
    for s in data.sozialraeume():
        qrows.append([s.name, data.bezirk_name(s.id), data.fmt("einwohner_65_plus", s.id, 2024),
                      data.fmt("plaetze_begegnungsstaetten", s.id, 2024),
                      fmt_dec(_quote(data, s.id, 2019)), fmt_dec(_quote(data, s.id, 2024))])
    bl.append(Table(["Sozialraum", "Stadtbezirk", "Einwohner 65+ 2024", "Plätze 2024",
                     "Plätze je 1.000 Ew. 65+ 2019", "Plätze je 1.000 Ew. 65+ 2024"], qrows,
                    align=["L", "L", "R", "R", "R", "R"],
                    caption="Tabelle 3: Versorgungsquote nach Sozialraum"))
    without = [s.name for s in data.sozialraeume() if data.wert("plaetze_begegnungsstaetten", s.id, 2024) == 0]
    bl.append(Para("Ohne geförderte Begegnungsstätte sind 2024 die Sozialräume " + ", ".join(without)
                   + ". Für diese Gebiete schlägt die Altenplanung mobile Angebote und Kooperationen "
                     "mit Kirchengemeinden und Vereinen vor."))
    bl.append(PageBreak())
    bl.append(Heading(1, "4 Pflegebedarf"))
    bl.append(Para("Die Zahl der Pflegebedürftigen wächst schneller als die Zahl der älteren Menschen. "
                   "Gründe sind die weitere Alterung, die Ausweitung des Pflegebegriffs seit 2017 und "
                   "eine höhere Inanspruchnahme von Leistungen. Die große Mehrheit wird zu Hause "
                   "versorgt, meist von Angehörigen."))
    bl.append(year_table(data, "pflegebeduerftige", [stadt] + data.bezirke, YEARS,
                         "Tabelle 4: Pflegebedürftige (geschätzt) nach Stadtbezirk 2018–2024"))
    prow = []
    for s in data.sozialraeume():
        prow.append([s.name, data.fmt("pflegebeduerftige", s.id, 2019), data.fmt("pflegebeduerftige", s.id, 2024),
                     fmt_int(_projection(data, s.id)), data.fmt("anteil_80_plus", s.id, 2024, False)])
    bl.append(Table(["Sozialraum", "2019", "2024", "Vorausschätzung 2030", "Anteil 80+ 2024 (%)"], prow,
                    align=["L", "R", "R", "R", "R"],
                    caption="Tabelle 5: Pflegebedürftige nach Sozialraum mit Vorausschätzung 2030"))
    bl.append(Para("Die Vorausschätzung schreibt die Entwicklung der Jahre 2019 bis 2024 linear fort. "
                   "Sie ist keine Prognose, sondern zeigt die Größenordnung, auf die sich Pflege, "
                   "Beratung und Angehörigenentlastung einstellen müssen.", style="small"))
    bl.append(Heading(2, "Grundsicherung im Alter"))
    bl.append(year_table(data, "grusi_alter", [stadt] + data.bezirke, YEARS,
                         "Tabelle 6: Empfänger von Grundsicherung im Alter je 100 Ew. 65+ (%)"))
    bl.append(Heading(1, "5 Empfehlungen"))
    bl.append(ListBlock([
        "Für Sozialräume ohne Begegnungsstätte mobile Treffpunkte im festen Wochenrhythmus erproben.",
        "Die Qualitätsberichte der Begegnungsstätten jährlich in die Sozialraumprofile übernehmen.",
        "Angebote zur Entlastung pflegender Angehöriger vor allem in Sozialräumen mit hohem Anteil "
        "Hochaltriger ausbauen.",
        "Seniorenberatung und Pflegestützpunkt stärker in die Sozialraumteams einbinden.",
    ], ordered=True))
    return doc


def documents(data: Corpusdata) -> list[Document]:
    """Single report."""
    return [bericht(data)]

"""Sozialraum-Steckbriefe 2024: a short PDF per Sozialraum for quick reference."""

from __future__ import annotations

from collections import Counter

from ..data import Corpusdata, Raum
from ..model import Document, Heading, Para, Table
from .common import HEADER, meta
from .profile import YEARS, _begegnung, _offers_by_raum, _texts
from .tables import CORE, indicator_table, interpretation, label

RANKED = ["sgb2_quote", "kinderarmut", "migration", "alleinerziehende", "arbeitslosenquote",
          "anteil_unter_18", "anteil_65_plus", "anteil_80_plus", "grusi_alter"]


def steckbrief(data: Corpusdata, s: Raum, texts: dict, offers: dict, bgs: list[dict]) -> Document:
    """Two to three pages on one Sozialraum."""
    bname = data.bezirk_name(s.id)
    m = meta(f"steckbrief-{s.id}-2024", f"Sozialraum-Steckbrief {s.name} 2024", "steckbrief",
             "2024-11-15", [bname], ["armut", "kinder", "alter-und-pflege", "integration-migration"],
             "pdf", sozialraeume=[s.name], header=f"{HEADER} · Steckbrief {s.name}",
             footer=f"Sozialraum-Steckbrief {s.name} (Stadtbezirk {bname}) – Datenstand 30.06.2024")
    doc = Document(meta=m, subtitle=f"Stadtbezirk {bname}")
    bl = doc.blocks
    n = len(data.sozialraeume())
    bl.append(Heading(1, "Kurzporträt"))
    bl.append(Para(texts["sozialraeume"][s.id]))
    bl.append(Para(f"Ortsteile und Wohnbezirke: {', '.join(s.teile)}. Der Sozialraum gehört zum "
                   f"Stadtbezirk {bname} und umfasst "
                   f"{data.fmt('einwohner', s.id, 2024)} Einwohnerinnen und Einwohner "
                   f"({data.fmt('einwohner_unter_18', s.id, 2024)} Minderjährige, "
                   f"{data.fmt('einwohner_65_plus', s.id, 2024)} Menschen ab 65 Jahren)."))
    rows = []
    for ind in RANKED:
        rows.append([label(data, ind), data.fmt(ind, s.id, 2024, False),
                     data.fmt(ind, s.bezirk, 2024, False), data.fmt(ind, "hagen", 2024, False),
                     f"{data.rang(ind, s.id, 2024)} von {n}"])
    bl.append(Table(["Indikator 2024", s.name, bname, "Hagen", "Rang"], rows,
                    align=["L", "R", "R", "R", "R"],
                    caption="Auf einen Blick: Sozialraum, Stadtbezirk und Stadt (Rang 1 = höchster Wert)"))
    bl.append(Heading(1, "Einordnung"))
    bl += [Para(p) for p in interpretation(data, s)]
    bl.append(Heading(1, "Entwicklung 2018–2024"))
    bl.append(indicator_table(data, s.id, YEARS, f"Indikatoren {s.name} 2018–2024", CORE))
    bl.append(Heading(1, "Angebote und Treffpunkte"))
    own = offers.get(s.name, [])
    topics = Counter(x.strip() for r in own for x in r["Themen"].split(";"))
    bl.append(Para(f"Bei der Erhebung von Angeboten und Maßnahmen 2024 wurden für {s.name} "
                   f"{len(own)} Angebote von {len({r['Träger'].strip() for r in own})} Trägern gemeldet. "
                   "Hinzu kommen bezirksweite Angebote, die im Auszug für den Stadtbezirk aufgeführt sind."))
    if topics:
        bl.append(Table(["Themenfeld", "Angebote"],
                        [[t, str(c)] for t, c in sorted(topics.items(), key=lambda x: (-x[1], x[0]))],
                        caption="Gemeldete Angebote nach Themenfeld (Mehrfachnennung möglich)"))
    local = [b for b in bgs if b["sozialraum"] == s.id]
    if local:
        bl.append(Para("Seniorenbegegnungsstätten im Sozialraum: " + "; ".join(
            f"{b['name']}, {b['adresse']} ({b['traeger']}, {b['plaetze']} Plätze, "
            f"an {b['oeffnungstage']} Tagen pro Woche geöffnet)" for b in local) + "."))
    else:
        bl.append(Para("Im Sozialraum gibt es keine geförderte Seniorenbegegnungsstätte; ältere "
                       "Menschen nutzen Angebote in den Nachbarquartieren."))
    return doc


def documents(data: Corpusdata) -> list[Document]:
    """One Steckbrief per Sozialraum."""
    texts = _texts(data)
    offers = _offers_by_raum()
    bgs = _begegnung()
    return [steckbrief(data, s, texts, offers, bgs) for s in data.sozialraeume()]

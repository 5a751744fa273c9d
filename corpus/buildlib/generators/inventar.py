"""Erhebung von Angeboten und Maßnahmen 2024: CSV, XLSX and PDF extracts per Bezirk."""

from __future__ import annotations

from collections import Counter
from functools import partial
from pathlib import Path

from ..data import TOPICS, Corpusdata
from ..model import Document, Heading, Para, Table
from . import Direct
from .common import DATA, HEADER, fill_sheet, meta, new_workbook, read_csv, save_workbook

DATE = "2024-09-30"
LABEL_TO_ID = {v: k for k, v in TOPICS.items()}


def _rows() -> tuple[list[str], list[dict]]:
    """The inventory exactly as stored in src/data/angebote.csv."""
    return read_csv(DATA / "angebote.csv")


def write_csv_copy(path: Path) -> None:
    """The CSV export is the source file itself (semicolon-separated, UTF-8)."""
    path.write_bytes((DATA / "angebote.csv").read_bytes())


LEGENDE = [
    ["Angebot", "Bezeichnung des Angebots bzw. der Maßnahme, wie vom Träger gemeldet"],
    ["Träger", "Anbieter laut Rückmeldung; Schreibweisen wurden nicht vereinheitlicht "
               "(z. B. „AWO“ und „AWO Unterbezirk Hagen“ bezeichnen denselben Verband, "
               "siehe Partnerverzeichnis, Spalte Aliasse)"],
    ["Stadtbezirk", "Stadtbezirk nach amtlicher Gliederung (Hagen-Mitte, Hagen-Nord, "
                    "Hohenlimburg, Eilpe/Dahl, Haspe)"],
    ["Sozialraum", "Sozialraum der Sozial- und Jugendhilfeplanung; „bezirksweit“ oder leer = "
                   "Angebot für den ganzen Stadtbezirk"],
    ["Themen", "Themenfelder, mehrere durch Semikolon getrennt"],
    ["Zielgruppe", "vorrangig angesprochene Personengruppe"],
    ["Adresse", "Ort des Angebots (nicht zwingend Sitz des Trägers)"],
    ["Seit", "Jahr, seit dem das Angebot besteht (Angabe des Trägers)"],
    ["Kontakt", "Ansprechstelle als Funktion; Namen werden nicht erhoben"],
]


def write_xlsx(path: Path, m: dict) -> None:
    """Workbook with sheets Angebote, Übersicht and Legende."""
    header, rows = _rows()
    wb = new_workbook()
    ws = wb.create_sheet("Angebote")
    data_rows = [[int(r[h]) if h == "Seit" and r[h].isdigit() else r[h] for h in header]
                 for r in rows]
    fill_sheet(ws, header, data_rows, widths=[44, 34, 14, 24, 36, 36, 34, 7, 36])
    ov = wb.create_sheet("Übersicht")
    bezirke = ["Hagen-Mitte", "Hagen-Nord", "Hohenlimburg", "Eilpe/Dahl", "Haspe"]
    counts = Counter()
    for r in rows:
        for t in r["Themen"].split(";"):
            counts[(t.strip(), r["Stadtbezirk"])] += 1
    table = []
    for label in TOPICS.values():
        vals = [counts[(label, b)] for b in bezirke]
        if sum(vals):
            table.append([label] + vals + [sum(vals)])
    per_bez = [sum(1 for r in rows if r["Stadtbezirk"] == b) for b in bezirke]
    table.append(["Angebote insgesamt"] + per_bez + [len(rows)])
    fill_sheet(ov, ["Thema"] + bezirke + ["Gesamt"], table,
               widths=[28, 13, 13, 13, 13, 13, 10], autofilter=False)
    lg = wb.create_sheet("Legende")
    intro = [
        ["Erhebung von Angeboten und Maßnahmen 2024", ""],
        ["Herausgeber", m["author"]],
        ["Stand", "30.09.2024"],
        ["Erhebung", "Fragebogen an Träger und Einrichtungen (Mai bis Juli 2024), "
                     "ergänzt in Workshops der Stadtteilkonferenzen"],
        ["Hinweis", "Fiktive Demo-Daten. Die Tabelle gibt die Rückmeldungen weitgehend "
                    "unbearbeitet wieder; Doppelnennungen und abweichende Schreibweisen sind möglich."],
        ["CSV-Fassung", "angebote-massnahmen-2024-export.csv: UTF-8, Trennzeichen Semikolon"],
        ["", ""],
    ]
    fill_sheet(lg, ["Spalte", "Bedeutung"], intro + LEGENDE, widths=[22, 110], autofilter=False)
    save_workbook(wb, path, m)


def _bezirk_doc(data: Corpusdata, bezirk_id: str, rows: list[dict]) -> Document:
    """PDF extract of the inventory for one Stadtbezirk."""
    b = data.raeume[bezirk_id]
    own = [r for r in rows if r["Stadtbezirk"] == b.name]
    raeume = data.sozialraeume(bezirk_id)
    topics = Counter(t.strip() for r in own for t in r["Themen"].split(";"))
    traeger = Counter(r["Träger"].strip() for r in own)
    m = meta(f"angebote-massnahmen-2024-{bezirk_id}",
             f"Angebote und Maßnahmen im Stadtbezirk {b.name} – Auszug aus der Erhebung 2024",
             "angebotsuebersicht", DATE, [b.name],
             sorted({LABEL_TO_ID[t] for t in topics}, key=list(TOPICS).index),
             "pdf", sozialraeume=[s.name for s in raeume],
             header=HEADER, footer=f"Angebotserhebung 2024 – Auszug {b.name}")
    top = ", ".join(f"{t} ({n})" for t, n in topics.most_common(4))
    bezirksweit = sum(1 for r in own if r["Sozialraum"] in ("", "bezirksweit"))
    blocks: list = [
        Heading(1, "Zu diesem Auszug"),
        Para(f"Dieser Auszug enthält alle {len(own)} Angebote und Maßnahmen, die bei der "
             f"Erhebung 2024 für den Stadtbezirk {b.name} gemeldet wurden. Davon richten sich "
             f"{bezirksweit} an den gesamten Stadtbezirk, die übrigen sind einem Sozialraum "
             f"zugeordnet. Am häufigsten wurden die Themenfelder {top} genannt."),
        Para("Die Angaben stammen aus den Fragebögen der Träger und wurden in den "
             "Stadtteilkonferenzen ergänzt. Die Sozialplanung hat sie nicht inhaltlich geprüft; "
             "Trägernamen erscheinen so, wie sie gemeldet wurden. Die vollständige Erhebung für "
             "alle Stadtbezirke liegt als Excel-Tabelle und als CSV-Export vor."),
        Heading(2, "Angebote nach Sozialraum"),
    ]
    count_rows = []
    for s in raeume:
        sub = [r for r in own if r["Sozialraum"] == s.name]
        count_rows.append([s.name, str(len(sub)),
                           str(len({r['Träger'].strip() for r in sub})),
                           data.fmt("einwohner", s.id, 2023)])
    count_rows.append(["bezirksweit", str(bezirksweit), "", ""])
    blocks.append(Table(["Sozialraum", "Angebote", "Träger", "Einwohner 2023"], count_rows,
                        caption=f"Tabelle 1: Gemeldete Angebote je Sozialraum, {b.name}"))
    blocks.append(Para("Häufig genannte Träger im Stadtbezirk (Schreibweise wie gemeldet): "
                       + ", ".join(f"{t} ({n})" for t, n in traeger.most_common(6)) + "."))
    blocks.append(Heading(2, "Angebote nach Themenfeld"))
    blocks.append(Table(["Themenfeld", "Anzahl Nennungen"],
                        [[t, str(n)] for t, n in sorted(topics.items(), key=lambda x: (-x[1], x[0]))],
                        caption="Tabelle 2: Nennungen je Themenfeld (Mehrfachzuordnung möglich)"))
    for s in raeume + [None]:
        name = s.name if s else "bezirksweit"
        sub = [r for r in own if (r["Sozialraum"] == name if s else r["Sozialraum"] in ("", "bezirksweit"))]
        if not sub:
            continue
        blocks.append(Heading(1, f"Sozialraum {name}" if s else "Bezirksweite Angebote"))
        blocks.append(Table(["Angebot", "Träger", "Themen", "Zielgruppe", "Seit"],
                            [[r["Angebot"], r["Träger"].strip(), r["Themen"], r["Zielgruppe"], r["Seit"]]
                             for r in sub]))
        blocks.append(Table(["Angebot", "Adresse", "Kontakt"],
                            [[r["Angebot"], r["Adresse"], r["Kontakt"]] for r in sub]))
    return Document(meta=m, blocks=blocks)


def documents(data: Corpusdata) -> list:
    """CSV, XLSX and five PDF extracts."""
    _h, rows = _rows()
    all_topics = sorted({LABEL_TO_ID[t.strip()] for r in rows for t in r["Themen"].split(";")},
                        key=list(TOPICS).index)
    districts = [b.name for b in data.bezirke]
    title = "Erhebung von Angeboten und Maßnahmen 2024"
    xm = meta("angebote-massnahmen-2024", f"{title} (Excel-Tabelle)", "angebotserhebung", DATE,
              districts, all_topics, "xlsx")
    cm = meta("angebote-massnahmen-2024-export", f"{title} (CSV-Export)", "angebotserhebung",
              DATE, districts, all_topics, "csv")
    out: list = [Direct(xm, partial(write_xlsx, m=xm)), Direct(cm, write_csv_copy)]
    out += [_bezirk_doc(data, b.id, rows) for b in data.bezirke]
    return out

"""Tables from data files: population CSV, cooperation survey, partner directory."""

from __future__ import annotations

from collections import Counter
from functools import partial
from pathlib import Path

import yaml

from ..data import TOPICS, Corpusdata, fmt_dec
from ..model import Document, Heading, ListBlock, Para, Table
from . import Direct
from .common import DATA, HEADER, fill_sheet, meta, new_workbook, save_workbook, write_csv

BEZIRKE_ALL = ["Hagen-Mitte", "Hagen-Nord", "Hohenlimburg", "Eilpe/Dahl", "Haspe"]
POP_COLS = [("Einwohner", "einwohner"), ("unter 18", "einwohner_unter_18"),
            ("65 und älter", "einwohner_65_plus"), ("80 und älter", "einwohner_80_plus"),
            ("Anteil unter 18 (%)", "anteil_unter_18"), ("Anteil 65+ (%)", "anteil_65_plus"),
            ("Anteil 80+ (%)", "anteil_80_plus"),
            ("Anteil mit Zuwanderungsgeschichte (%)", "migration")]


def _yaml(name: str) -> dict:
    """Load a YAML data file."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


# --- Bevölkerungstabelle ---------------------------------------------------------

def write_population(path: Path, data: Corpusdata) -> None:
    """Sozialraum population 2018-2024, German number format, semicolon separated."""
    header = ["Sozialraum", "Stadtbezirk", "Jahr"] + [c for c, _i in POP_COLS]
    rows = []
    for s in data.sozialraeume():
        for y in data.jahre:
            rows.append([s.name, data.bezirk_name(s.id), str(y)]
                        + [data.fmt(i, s.id, y, unit=False).replace(".", "") if not data.is_percent(i)
                           else data.fmt(i, s.id, y, unit=False) for _c, i in POP_COLS])
    write_csv(path, header, rows)


# --- Kooperationsbefragung -----------------------------------------------------------

def write_kooperation_xlsx(path: Path, m: dict) -> None:
    """Survey workbook: intensity per unit, wishes, free-text comments, legend."""
    k = _yaml("kooperation.yaml")
    rollen = k["befragung"]["rollen"]
    wb = new_workbook()
    ws = wb.create_sheet("Intensität")
    rows = []
    for s in k["stellen"]:
        mean = sum(s["einzelwerte"]) / len(s["einzelwerte"])
        rows.append([s["stelle"], s["einheit"], s["intensitaet"], round(mean, 2)]
                    + s["einzelwerte"] + [s["formate"], s["kommentar"]])
    fill_sheet(ws, ["Kooperierende Stelle", "Organisationseinheit", "Intensität (1–5)",
                    "Mittelwert"] + rollen + ["Bestehende Formate", "Kommentar"], rows,
               widths=[42, 40, 10, 10] + [12] * len(rollen) + [40, 70])
    ws2 = wb.create_sheet("Wünsche")
    wrows = [["Intensivierung", w["stelle"], w["begruendung"], w["vorschlag"]]
             for w in k["wuensche"]["intensivierung"]]
    wrows += [["Neubeginn", w["stelle"], w["begruendung"], w["vorschlag"]]
              for w in k["wuensche"]["neubeginn"]]
    fill_sheet(ws2, ["Art", "Stelle", "Begründung", "Vorschlag"], wrows, widths=[16, 28, 70, 70])
    ws3 = wb.create_sheet("Freitext")
    fill_sheet(ws3, ["Nr.", "Rolle", "Anmerkung"],
               [[i, f["rolle"], f["text"]] for i, f in enumerate(k["freitext"], 1)],
               widths=[6, 30, 110])
    ws4 = wb.create_sheet("Legende")
    b = k["befragung"]
    fill_sheet(ws4, ["Feld", "Erläuterung"], [
        ["Befragung", b["titel"]],
        ["Zeitraum", b["zeitraum"]],
        ["Teilnehmende", f"{b['teilnehmende']} Fachkräfte aus {len(rollen)} Rollen"],
        ["Skala", b["skala"]],
        ["Intensität (1–5)", "Gesamteinschätzung der Sozialplanung (gerundeter Mittelwert)"],
        ["Spalten je Rolle", "Mittelwert der Antworten innerhalb der jeweiligen Rolle"],
        ["Vertraulichkeit", "Nur für den internen Dienstgebrauch"],
    ], widths=[22, 100], autofilter=False)
    save_workbook(wb, path, m)


def kooperation_summary(data: Corpusdata, m: dict) -> Document:
    """Short DOCX summary of the internal cooperation survey."""
    k = _yaml("kooperation.yaml")
    b = k["befragung"]
    st = sorted(k["stellen"], key=lambda s: (-s["intensitaet"], s["stelle"]))
    doc = Document(meta=m)
    bl = doc.blocks
    bl.append(Heading(1, "Anlass und Vorgehen"))
    bl.append(Para(f"Im Rahmen der Neuausrichtung der Sozialplanung wurden vom {b['zeitraum']} "
                   f"{b['teilnehmende']} Fachkräfte aus {len(b['rollen'])} Rollen gefragt, wie eng "
                   "sie mit anderen Stellen der Verwaltung zusammenarbeiten und wo sie sich mehr "
                   f"Kooperation wünschen. Bewertet wurde auf einer Skala von 1 bis 5 ({b['skala']})."))
    bl.append(Heading(1, "Ergebnisse"))
    bl.append(Table(["Kooperierende Stelle", "Intensität", "Bestehende Formate"],
                    [[s["stelle"], str(s["intensitaet"]), s["formate"]] for s in st],
                    align=["L", "R", "L"]))
    high = [s["stelle"] for s in st if s["intensitaet"] >= 4]
    low = [s["stelle"] for s in st if s["intensitaet"] == 1]
    mean = sum(s["intensitaet"] for s in st) / len(st)
    bl.append(Para(f"Am engsten ist die Zusammenarbeit mit {' und '.join(high)}. Kaum Kontakt "
                   f"besteht zu {', '.join(low[:-1])} und {low[-1]}. Über alle Stellen liegt die "
                   f"durchschnittliche Intensität bei {fmt_dec(mean)}."))
    bl.append(Heading(2, "Wunsch nach intensiverer Zusammenarbeit"))
    bl.append(ListBlock([f"**{w['stelle']}:** {w['begruendung']} Vorschlag: {w['vorschlag']}"
                         for w in k["wuensche"]["intensivierung"]]))
    bl.append(Heading(2, "Wunsch nach neuer Zusammenarbeit"))
    bl.append(ListBlock([f"**{w['stelle']}:** {w['begruendung']} Vorschlag: {w['vorschlag']}"
                         for w in k["wuensche"]["neubeginn"]]))
    bl.append(Heading(2, "Stimmen aus der Befragung"))
    bl += [Para(f"„{f['text']}“ ({f['rolle']})", style="quote") for f in k["freitext"][:5]]
    bl.append(Heading(1, "Schlussfolgerungen"))
    bl.append(ListBlock([
        "Die Verzahnung mit der Jugendhilfeplanung ist eine Stärke und soll beibehalten werden.",
        "Mit Gesundheit, Integration/Migration und Stadtentwicklungsplanung werden feste "
        "Austauschformate vereinbart (mindestens zweimal jährlich).",
        "Bauplanung und Grünflächenplanung werden zu den Sozialraumteams der am stärksten "
        "belasteten Sozialräume eingeladen.",
        "Die Befragung wird 2025 wiederholt, um Veränderungen sichtbar zu machen.",
    ], ordered=True))
    bl.append(Para("Als positives Ergebnis nannten viele Teilnehmende ein besseres Verständnis für "
                   "die Arbeit der anderen Bereiche und die Chance, Doppelstrukturen zu vermeiden."))
    return doc


# --- Partnerverzeichnis --------------------------------------------------------------

def _partner_rows() -> list[list[str]]:
    """One row per partner, human-readable."""
    rows = []
    for p in _yaml("partner.yaml")["partner"]:
        rows.append([p["name"], p["typ"], p["adresse"], "; ".join(p["bezirke"]),
                     "; ".join(TOPICS[t] for t in p["themen"]), p["kontakt"],
                     "; ".join(p.get("aliases", [])),
                     "ja" if p.get("agw") else "nein"])
    return rows


PARTNER_HEADER = ["Organisation", "Typ", "Adresse", "Aktiv in Stadtbezirken", "Themen",
                  "Kontakt (Funktion)", "Aliasse / andere Schreibweisen", "Mitglied AG Wohlfahrt"]


def write_partner_xlsx(path: Path, m: dict) -> None:
    """Partner directory as a filterable workbook."""
    wb = new_workbook()
    ws = wb.create_sheet("Partner")
    fill_sheet(ws, PARTNER_HEADER, _partner_rows(), widths=[48, 20, 34, 50, 50, 34, 60, 12])
    lg = wb.create_sheet("Hinweise")
    fill_sheet(lg, ["Hinweis", "Text"], [
        ["Zweck", "Übersicht der externen Partner der Sozialplanung mit Zuständigkeiten"],
        ["Aliasse", "Schreibweisen, unter denen ein Partner in Erhebungen und Altdaten vorkommt"],
        ["Kontakt", "Es werden nur Funktionen genannt, keine Personen"],
        ["Stand", "30.09.2024; fiktive Demo-Daten"],
    ], widths=[14, 100], autofilter=False)
    save_workbook(wb, path, m)


def partner_docx(m: dict) -> Document:
    """Partner directory as a Word document grouped by type."""
    partners = _yaml("partner.yaml")["partner"]
    doc = Document(meta=m)
    bl = doc.blocks
    bl.append(Para("Das Verzeichnis listet die externen Partner der Sozialplanung mit ihren "
                   "Tätigkeitsfeldern. Es ergänzt die Erhebung von Angeboten und Maßnahmen: Dort "
                   "erscheinen Träger oft in abweichenden Schreibweisen, die hier als Aliasse "
                   "aufgeführt sind."))
    types = Counter(p["typ"] for p in partners)
    bl.append(Table(["Typ", "Anzahl"], [[t, str(n)] for t, n in sorted(types.items())]))
    for typ in sorted(types):
        bl.append(Heading(1, typ))
        for p in [x for x in partners if x["typ"] == typ]:
            bl.append(Heading(2, p["name"]))
            items = [f"**Adresse:** {p['adresse']}",
                     f"**Aktiv in:** {', '.join(p['bezirke'])}",
                     f"**Themen:** {', '.join(TOPICS[t] for t in p['themen'])}",
                     f"**Kontakt:** {p['kontakt']}"]
            if p.get("aliases"):
                items.append(f"**Auch geschrieben als:** {'; '.join(p['aliases'])}")
            if p.get("agw"):
                items.append("Mitglied der Arbeitsgemeinschaft der Freien Wohlfahrtspflege Hagen")
            bl.append(ListBlock(items))
    return doc


def documents(data: Corpusdata) -> list:
    """Population CSV, cooperation survey (XLSX + DOCX), partner directory (XLSX + DOCX)."""
    out: list = []
    pm = meta("bevoelkerung-sozialraeume-2018-2024",
              "Bevölkerung in den Sozialräumen 2018–2024", "statistik", "2024-10-01",
              BEZIRKE_ALL, ["alter-und-pflege", "kinder", "integration-migration"], "csv",
              sozialraeume=[s.name for s in data.sozialraeume()])
    out.append(Direct(pm, partial(write_population, data=data)))
    km = meta("kooperationsbefragung-2023", "Interne Kooperationsbefragung der Sozialplanung 2023 – Rohdaten",
              "befragung", "2023-04-05", ["Gesamtstadt"], ["organisation"], "xlsx",
              confidentiality="internal")
    out.append(Direct(km, partial(write_kooperation_xlsx, m=km)))
    ks = meta("kooperationsbefragung-2023-zusammenfassung",
              "Interne Kooperationsbefragung 2023 – Zusammenfassung der Ergebnisse", "befragung",
              "2023-04-20", ["Gesamtstadt"], ["organisation", "gesundheit", "integration-migration"],
              "docx", confidentiality="internal", header=f"{HEADER} · intern",
              footer="Kooperationsbefragung 2023 – nur für den Dienstgebrauch")
    out.append(kooperation_summary(data, ks))
    partners = _yaml("partner.yaml")["partner"]
    ptopics = sorted({t for p in partners for t in p["themen"]}, key=list(TOPICS).index)
    xm = meta("partnerverzeichnis-sozialplanung", "Verzeichnis der externen Partner der Sozialplanung",
              "verzeichnis", "2024-09-30", BEZIRKE_ALL, ptopics, "xlsx")
    out.append(Direct(xm, partial(write_partner_xlsx, m=xm)))
    dm = meta("partnerverzeichnis-sozialplanung-druckfassung",
              "Partnerverzeichnis der Sozialplanung – Druckfassung", "verzeichnis", "2024-09-30",
              BEZIRKE_ALL, ptopics, "docx", header=HEADER, footer="Partnerverzeichnis der Sozialplanung")
    out.append(partner_docx(dm))
    return out

"""Helpers shared by the data-driven document generators."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..ziputil import normalize_zip

AUTHOR = "Stadt Hagen, Fachbereich Jugend und Soziales – Sozialplanung"
HEADER = "Stadt Hagen · Fachbereich Jugend und Soziales · Sozialplanung"
SRC = Path(__file__).resolve().parent.parent.parent / "src"
DATA = SRC / "data"


def meta(id: str, title: str, kind: str, date: str, districts: list[str], topics: list[str],
         fmt: str, confidentiality: str = "public", sozialraeume: list[str] | None = None,
         **extra) -> dict:
    """Front-matter-like metadata for generated documents."""
    m = {"id": id, "title": title, "kind": kind, "date": date, "districts": districts,
         "sozialraeume": sozialraeume or [], "topics": topics,
         "confidentiality": confidentiality, "format": fmt, "author": AUTHOR}
    m.update(extra)
    return m


def read_csv(path: Path, delimiter: str = ";") -> tuple[list[str], list[dict]]:
    """Header and rows of a CSV file."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=delimiter)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Semicolon-separated UTF-8 CSV, the usual format of German office exports."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";", lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


HEAD_FONT = Font(bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="00548C")


def fill_sheet(ws, header: list[str], rows: list[list], widths: list[int] | None = None,
               autofilter: bool = True) -> None:
    """Header row styled, data rows, column widths, frozen header."""
    ws.append(header)
    for c in ws[1]:
        c.font = HEAD_FONT
        c.fill = HEAD_FILL
        c.alignment = Alignment(vertical="center", wrap_text=True)
    for r in rows:
        ws.append(r)
    for i, _h in enumerate(header, 1):
        if widths:
            w = widths[i - 1]
        else:
            w = min(60, max(len(str(x)) for x in [header[i - 1]] + [r[i - 1] for r in rows]) + 2)
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    if autofilter and rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"


def new_workbook() -> Workbook:
    """Empty workbook without the default sheet."""
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def save_workbook(wb: Workbook, path: Path, m: dict) -> None:
    """Save with fixed document properties and a normalised zip container."""
    when = dt.datetime.strptime(m["date"], "%Y-%m-%d").replace(hour=9)
    p = wb.properties
    p.creator = m.get("author", AUTHOR)
    p.lastModifiedBy = p.creator
    p.title = m["title"]
    p.subject = m["kind"]
    p.created = when
    p.modified = when
    p.keywords = ", ".join(m["topics"])
    wb.save(str(path))
    normalize_zip(path, when=when.strftime("%Y-%m-%dT%H:%M:%SZ"))

"""A statistics-office spreadsheet for the table benchmark: title, grouped header, column labels, unit row, 100 rows ×
70 columns of figures, Bezirk sums and a city total, a footnote — the shape that made wide rows slow to ingest."""

from __future__ import annotations

import random
from pathlib import Path

GROUPS = ("Einwohner nach Altersgruppen", "Haushalte nach Typ", "Staatsangehörigkeit", "Familienstand", "Leistungsbezug",
          "Wohndauer", "Bildung")


def write_wide_sheet(path: Path, rows: int = 100, value_columns: int = 68, seed: int = 7) -> Path:
    """Write the workbook (2 label columns + `value_columns` figures = 70 columns by default) and return its path."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    rng = random.Random(seed)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Stadtteile"
    width = 2 + value_columns
    sheet.append(["Bevölkerung und Haushalte in den Stadtteilen am 31.12.2023"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    groups = [""] * 2
    labels = ["Stadtteil", "Stadtbezirk"]
    per_group = -(-value_columns // len(GROUPS))
    for index in range(value_columns):
        group = GROUPS[index // per_group]
        groups.append(group if index % per_group == 0 else "")
        labels.append(f"Merkmal {index % per_group + 1}")
    sheet.append(groups)
    for start in range(2, width, per_group):
        sheet.merge_cells(start_row=2, start_column=start + 1, end_row=2, end_column=min(width, start + per_group))
    sheet.append(labels)
    sheet.append(["", ""] + ["Anzahl"] * value_columns)
    bezirke = [f"Bezirk {n}" for n in range(1, 11)]
    for number in range(rows):
        bezirk = bezirke[number * len(bezirke) // rows]
        sheet.append([f"Stadtteil {number + 1:03d}", bezirk] + [rng.randint(0, 5000) for _ in range(value_columns)])
    sheet.append(["Stadt insgesamt", ""] + [rng.randint(100_000, 300_000) for _ in range(value_columns)])
    sheet.append(["Quelle: Einwohnermelderegister; eigene Berechnungen."])
    for column in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 10
    book.save(path)
    return path

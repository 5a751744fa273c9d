"""Corpus statistics for `build.py --stats` and the report."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import yaml


def corpus_stats(root: Path) -> str:
    """Counts of documents, formats, PDF pages, inventory rows."""
    manifest = root / "manifest.yaml"
    if not manifest.exists():
        return "manifest.yaml fehlt - zuerst bauen."
    docs = yaml.safe_load(manifest.read_text(encoding="utf-8"))["documents"]
    formats = Counter(d["format"] for d in docs)
    pdf_pages = sum(d["pages"] or 0 for d in docs if d["format"] == "pdf")
    conf = Counter(d["confidentiality"] for d in docs)
    districts = Counter(x for d in docs for x in d["districts"])
    inv = root / "src" / "data" / "angebote.csv"
    rows = 0
    if inv.exists():
        with open(inv, encoding="utf-8", newline="") as fh:
            rows = sum(1 for _ in csv.DictReader(fh, delimiter=";"))
    lines = [
        f"Dokumente:          {len(docs)}",
        "Formate:            " + ", ".join(f"{k} {v}" for k, v in sorted(formats.items())),
        f"PDF-Seiten gesamt:  {pdf_pages}",
        f"Vertraulichkeit:    public {conf.get('public', 0)}, internal {conf.get('internal', 0)}",
        "Bezirke:            " + ", ".join(f"{k} {v}" for k, v in sorted(districts.items())),
        f"Angebote (Zeilen):  {rows}",
    ]
    return "\n".join(lines)

"""Derive the complete expected sets of the eval set's list questions from the offers inventory, so they are exactly right.

Each list question in eval/questions.yaml carries a `list_query` (filters on the inventory's columns and the field to
list); this module filters corpus/src/data/angebote.csv accordingly and gives, per question, the expected items and
the gold sources (data rows of the CSV export and of the XLSX sheet "Angebote", pages of the district PDF extract);
eval/build_dataset.py writes them into eval/dataset.yaml. Provider names are folded to one canonical name per organisation using the
partner directory's spellings (corpus/src/data/partner.yaml), because the inventory writes e.g. the AWO five ways.

    .venv/bin/python -m eval.derive_lists           # print every list question's expected set

list_query keys: field (traeger | angebot), stadtbezirk, sozialraum (a name or a list: any of them), thema (a name or
a list: all of them), thema_any (list: any of them), traeger (canonical provider), zielgruppe / angebot (substring),
seit_min / seit_max (year).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import yaml

from eval.normalize import fold

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT / "corpus"
INVENTORY_CSV = CORPUS / "src" / "data" / "angebote.csv"
PARTNERS = CORPUS / "src" / "data" / "partner.yaml"
EXPORT_NAME = "angebote-massnahmen-2024-export.csv"
XLSX_NAME = "angebote-massnahmen-2024.xlsx"
XLSX_SHEET = "Angebote"
DISTRICT_PDF = "angebote-massnahmen-2024-{slug}.pdf"
FIELDS = {"traeger": "Träger", "angebot": "Angebot"}


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def read_inventory(path: Path = INVENTORY_CSV) -> list[dict[str, str]]:
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle, delimiter=";")]


def provider_groups(rows: list[dict[str, str]], partners_path: Path = PARTNERS) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(raw provider spelling -> canonical name, canonical name -> every spelling) from the partner directory."""
    partners = (yaml.safe_load(Path(partners_path).read_text(encoding="utf-8")) or {}).get("partner", [])
    by_spelling: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for partner in partners:
        name = str(partner["name"]).strip()
        spellings = [name, *(str(a).strip() for a in partner.get("aliases", []) or [])]
        groups[name] = list(dict.fromkeys(spellings))
        for spelling in spellings:
            by_spelling.setdefault(fold(spelling), name)
    canonical: dict[str, str] = {}
    for row in rows:
        raw = row["Träger"]
        name = by_spelling.get(fold(raw), raw)
        canonical[raw] = name
        group = groups.setdefault(name, [name])
        if raw not in group:
            group.append(raw)
    return canonical, groups


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def _themes(row: dict[str, str]) -> set[str]:
    return {fold(t) for t in row["Themen"].split(";") if t.strip()}


def matches(row: dict[str, str], query: dict, canonical: dict[str, str]) -> bool:
    """True when an inventory row passes every filter of the list query."""
    if query.get("stadtbezirk") and fold(row["Stadtbezirk"]) not in {fold(v) for v in _as_list(query["stadtbezirk"])}:
        return False
    if query.get("sozialraum") and fold(row["Sozialraum"]) not in {fold(v) for v in _as_list(query["sozialraum"])}:
        return False
    if query.get("thema") and not {fold(t) for t in _as_list(query["thema"])} <= _themes(row):
        return False
    if query.get("thema_any") and not {fold(t) for t in _as_list(query["thema_any"])} & _themes(row):
        return False
    if query.get("traeger") and fold(canonical[row["Träger"]]) not in {fold(v) for v in _as_list(query["traeger"])}:
        return False
    if query.get("zielgruppe") and not any(fold(v) in fold(row["Zielgruppe"]) for v in _as_list(query["zielgruppe"])):
        return False
    if query.get("angebot") and not any(fold(v) in fold(row["Angebot"]) for v in _as_list(query["angebot"])):
        return False
    year = int(row["Seit"]) if row["Seit"].isdigit() else None
    if query.get("seit_min") is not None and (year is None or year < int(query["seit_min"])):
        return False
    return query.get("seit_max") is None or (year is not None and year <= int(query["seit_max"]))


def _item(row: dict[str, str], field: str, canonical: dict[str, str]) -> str:
    return canonical[row["Träger"]] if field == "traeger" else row["Angebot"]


class CorpusFiles:
    """Document ids and the places (XLSX rows, PDF pages) of inventory rows in the generated documents."""

    def __init__(self, corpus: Path = CORPUS):
        from eval.baseline import discover_files

        self.ids = {path.name: doc_id for path, doc_id in discover_files([corpus])}
        self.documents = corpus / "documents"
        self._xlsx_rows: dict[tuple[str, str, str], int] | None = None
        self._pdf_pages: dict[str, list[str]] = {}

    def xlsx_row(self, row: dict[str, str]) -> int | None:
        if self._xlsx_rows is None:
            import openpyxl

            self._xlsx_rows = {}
            workbook = openpyxl.load_workbook(self.documents / XLSX_NAME, read_only=True)
            values = list(workbook[XLSX_SHEET].iter_rows(values_only=True))
            header = [str(v).strip() for v in values[0]]
            for number, cells in enumerate(values[1:], start=1):
                record = {h: ("" if c is None else str(c).strip()) for h, c in zip(header, cells, strict=False)}
                self._xlsx_rows.setdefault((record.get("Angebot", ""), record.get("Träger", ""), record.get("Adresse", "")), number)
        return self._xlsx_rows.get((row["Angebot"], row["Träger"], row["Adresse"]))

    def pdf_pages(self, row: dict[str, str]) -> tuple[str, list[int]] | None:
        """The district extract and the pages whose text names this offer (with its provider's first word)."""
        name = DISTRICT_PDF.format(slug=_slug(row["Stadtbezirk"]))
        if name not in self.ids:
            return None
        if name not in self._pdf_pages:
            from pypdf import PdfReader

            self._pdf_pages[name] = [" ".join(fold(page.extract_text() or "").split()) for page in PdfReader(self.documents / name).pages]
        offer = " ".join(fold(row["Angebot"]).split())
        pages = [number for number, text in enumerate(self._pdf_pages[name], start=1) if offer in text]
        return (self.ids[name], pages) if pages else None


def derive_case(raw: dict, rows: list[dict[str, str]], canonical: dict[str, str], files: CorpusFiles) -> dict:
    """Expected items and gold sources (CSV rows, XLSX rows, district PDF pages) of one list question."""
    query = raw["list_query"]
    field = query.get("field", "traeger")
    if field not in FIELDS:
        raise ValueError(f"{raw['id']}: unbekanntes Feld {field!r} (möglich: {', '.join(FIELDS)})")
    hits = [(number, row) for number, row in enumerate(rows, start=1) if matches(row, query, canonical)]
    if not hits:
        raise ValueError(f"{raw['id']}: list_query trifft keine Zeile: {query}")
    sources = [{"doc": files.ids[EXPORT_NAME], "rows": [n for n, _ in hits]}]
    xlsx_rows = sorted({r for _, row in hits if (r := files.xlsx_row(row)) is not None})
    if xlsx_rows:
        sources.append({"doc": files.ids[XLSX_NAME], "rows": xlsx_rows, "section": XLSX_SHEET})
    pdf_pages: dict[str, set[int]] = {}
    for _, row in hits:
        found = files.pdf_pages(row)
        if found:
            pdf_pages.setdefault(found[0], set()).update(found[1])
    sources += [{"doc": doc, "pages": sorted(pages)} for doc, pages in sorted(pdf_pages.items())]
    return {"expected": sorted({_item(row, field, canonical) for _, row in hits}), "rows": len(hits), "sources": sources}


def main(argv: list[str] | None = None) -> int:
    """Print the expected set of every list question (eval/build_dataset.py writes them into the dataset)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=Path(__file__).resolve().parent / "questions.yaml")
    args = parser.parse_args(argv)
    rows = read_inventory()
    canonical, _ = provider_groups(rows)
    files = CorpusFiles()
    data = yaml.safe_load(args.questions.read_text(encoding="utf-8")) or {}
    for raw in data.get("questions", []):
        if raw.get("list_query"):
            derived = derive_case(raw, rows, canonical, files)
            print(f"{raw['id']}: {len(derived['expected'])} Einträge aus {derived['rows']} Zeilen: {'; '.join(derived['expected'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

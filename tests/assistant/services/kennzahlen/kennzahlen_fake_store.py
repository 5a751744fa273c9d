"""A small in-memory FactStore for the question side's tests, plus a loader of the demo corpus's indicator data
(corpus/src/data/indikatoren.csv, long format) as facts of one fictional table document."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import yaml

from assistant.core.interfaces import FactStore
from assistant.core.types import DocumentMeta, Fact, FactQuery, TableRow, confidentiality_rank
from assistant.text import simple_key

ROOT = Path(__file__).resolve().parents[4]
DATA = ROOT / "corpus" / "src" / "data"


class MemoryFactStore(FactStore):
    """Facts and rows in lists; the same filtering rules as the SQL store's contract."""

    def __init__(self):
        self.docs: dict[str, DocumentMeta] = {}
        self.facts: dict[str, list[Fact]] = {}
        self.row_lists: dict[str, list[TableRow]] = {}

    def replace_document(self, doc: DocumentMeta, facts: Sequence[Fact], rows: Sequence[TableRow]) -> None:
        self.docs[doc.doc_id] = doc
        self.facts[doc.doc_id] = list(facts)
        self.row_lists[doc.doc_id] = list(rows)

    def delete_document(self, doc_id: str) -> bool:
        had = doc_id in self.docs
        for table in (self.docs, self.facts, self.row_lists):
            table.pop(doc_id, None)
        return had

    def doc_versions(self) -> dict[str, str]:
        return {d: m.content_hash for d, m in self.docs.items()}

    def _visible(self, level: str):
        for facts in self.facts.values():
            for fact in facts:
                if confidentiality_rank(fact.confidentiality) <= confidentiality_rank(level):
                    yield fact

    def query(self, query: FactQuery) -> list[Fact]:
        out = []
        for f in self._visible(query.max_confidentiality):
            if query.indicator_keys and f.indicator_key not in query.indicator_keys:
                continue
            if query.places and f.place not in query.places:
                continue
            if query.place_levels and f.place_level not in query.place_levels:
                continue
            if query.periods and f.period not in query.periods:
                continue
            if query.year_from is not None and (f.year is None or f.year < query.year_from):
                continue
            if query.year_to is not None and (f.year is None or f.year > query.year_to):
                continue
            if query.doc_ids and f.doc_id not in query.doc_ids:
                continue
            out.append(f)
            if len(out) >= query.limit:
                break
        return out

    def rows(self, doc_id: str, table: str | None = None, max_confidentiality: str = "public") -> list[TableRow]:
        return [r for r in self.row_lists.get(doc_id, []) if (table is None or r.table == table)
                and confidentiality_rank(r.confidentiality) <= confidentiality_rank(max_confidentiality)]

    def indicators(self, max_confidentiality: str = "public") -> dict[str, str]:
        return {f.indicator_key: f.indicator for f in self._visible(max_confidentiality)}

    def places(self, max_confidentiality: str = "public") -> dict[str, str]:
        return {f.place: f.place_level for f in self._visible(max_confidentiality)}

    def document(self, doc_id: str) -> DocumentMeta | None:
        return self.docs.get(doc_id)


def _raw(value: float, unit: str) -> str:
    if unit == "%":
        return f"{value:.1f}".replace(".", ",")
    return f"{int(value):,}".replace(",", ".")


def indicator_store(doc_id: str = "kennzahlen-2024", date: str = "2024-11-15", only: set[str] | None = None,
                    store: MemoryFactStore | None = None) -> MemoryFactStore:
    """The demo corpus's indicator table as facts (one row per place and year, one column per indicator)."""
    meta = yaml.safe_load((DATA / "indikatoren_meta.yaml").read_text(encoding="utf-8"))["indikatoren"]
    geo = yaml.safe_load((DATA / "geography.yaml").read_text(encoding="utf-8"))
    names = {geo["stadt"]["id"]: (geo["stadt"]["name"], "stadt", "")}
    bezirk_names = {}
    for b in geo["stadtbezirke"]:
        names[b["id"]] = (b["name"], "bezirk", "")
        bezirk_names[b["id"]] = b["name"]
    for s in geo["sozialraeume"]:
        names[s["id"]] = (s["name"], "sozialraum", bezirk_names[s["bezirk"]])
    store = store or MemoryFactStore()
    facts: list[Fact] = []
    cells: dict[tuple[str, str], dict[str, str]] = {}
    order: list[tuple[str, str]] = []
    with (DATA / "indikatoren.csv").open(encoding="utf-8") as handle:
        for rec in csv.DictReader(handle):
            ind = rec["indikator"]
            if only and ind not in only:
                continue
            place, level, parent = names[rec["raum"]]
            unit = "%" if meta[ind]["einheit"] == "%" else "Anzahl"
            value = float(rec["wert"])
            key = (place, rec["jahr"])
            if key not in cells:
                cells[key] = {"Raum": place, "Jahr": rec["jahr"]}
                order.append(key)
            label = meta[ind]["label"]
            cells[key][label] = _raw(value, unit)
            facts.append(Fact(doc_id=doc_id, table="Tabelle 1: Kernindikatoren", place=place, place_level=level, indicator=label,
                              indicator_key=simple_key(label), period=rec["jahr"], value=value, raw=_raw(value, unit), unit=unit,
                              row=order.index(key) + 2, column=label, parent_place=parent))
    rows = [TableRow(doc_id=doc_id, table="Tabelle 1: Kernindikatoren", row=i + 2, cells=cells[k]) for i, k in enumerate(order)]
    doc = DocumentMeta(doc_id=doc_id, title=f"Kennzahlen {doc_id}", source_path=f"{doc_id}.csv", content_hash=doc_id + date,
                       format="csv", date=date)
    store.replace_document(doc, facts, rows)
    return store


def age_band_store() -> MemoryFactStore:
    """A Kiel-like wide table: age bands as grouped columns, three Stadtteile and the city total, two dates."""
    store = MemoryFactStore()
    bands = ["0 bis unter 3", "3 bis unter 6", "6 bis unter 10", "10 bis unter 18", "18 bis unter 65", "65 und älter"]
    data = {
        ("Altstadt", "stadtteil"): [19, 14, 14, 19, 700, 300],
        ("Gaarden-Ost", "stadtteil"): [900, 800, 1000, 1500, 12000, 1800],
        ("Düsternbrook", "stadtteil"): [100, 110, 150, 300, 4000, 1500],
        ("Kiel", "stadt"): [7000, 6500, 9000, 15000, 180000, 50000],
    }
    facts, rows = [], []
    for year_index, period in enumerate(["2022-12-31", "2023-12-31"]):
        for i, ((place, level), numbers) in enumerate(data.items()):
            row = 2 + year_index * len(data) + i
            cells = {"Datum": period.replace("-", "_"), "Stadtteil": place}
            for band, n in zip(bands, numbers, strict=True):
                value = n + year_index * 10
                label = f"Einwohner nach Altersgruppen: {band}"
                cells[band] = str(value)
                facts.append(Fact(doc_id="kiel-alter", table="kiel-alter", place=place, place_level=level, indicator=label,
                                  indicator_key=simple_key(label), period=period, value=float(value), raw=str(value), unit="Anzahl",
                                  row=row, column=band))
            rows.append(TableRow(doc_id="kiel-alter", table="kiel-alter", row=row, cells=cells))
    doc = DocumentMeta(doc_id="kiel-alter", title="Kiel Altersgruppen", source_path="kiel-alter.csv", content_hash="k1", format="csv",
                       date="2024-01-01")
    store.replace_document(doc, facts, rows)
    return store


def ask(engine, question: str):
    """The engine's answer to a question (`engine` = the conftest fixture's service and vocabulary)."""
    service, vocab = engine
    return service.answer(question, vocabulary=vocab)


def first_line(answer) -> str:
    return answer.text.splitlines()[0]

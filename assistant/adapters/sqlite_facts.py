"""The Kennzahlen fact store in one SQLite file (<data_dir>/facts.sqlite), from Python's standard library.

Why SQLite and not DuckDB: no new dependency (sqlite3 ships with Python), a tiny footprint, safe concurrent
readers beside one writer with WAL (the server answers while an ingest runs), and fast enough for this size —
a city's tables hold some 10⁴–10⁶ facts, and an indexed lookup or a ranking over one indicator takes milliseconds.
DuckDB's columnar engine pays off for analytics over far larger data, which planwissen does not have.

One normalised fact table (place, level, indicator, unit, period, value, raw cell text, provenance, confidentiality)
with indexes for the usual lookups, the raw rows of every table, and a registry of the document versions stored.
Only parameterised SQL; every read filters by the caller's confidentiality level.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from assistant.adapters.sqlite_open import SqliteFile
from assistant.core.data_dir import DataDir
from assistant.core.interfaces import FactStore
from assistant.core.types import DocumentMeta, Fact, FactQuery, TableRow, confidentiality_rank
from assistant.text.normalize import simple_key

SCHEMA_VERSION = 1

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS documents (
        doc_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, confidentiality TEXT NOT NULL, conf_rank INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS facts (
        id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, tbl TEXT NOT NULL, place TEXT NOT NULL, place_key TEXT NOT NULL,
        place_level TEXT NOT NULL, parent_place TEXT NOT NULL, indicator TEXT NOT NULL, indicator_key TEXT NOT NULL,
        unit TEXT NOT NULL, period TEXT NOT NULL, year INTEGER, value REAL, raw TEXT NOT NULL, row INTEGER, col TEXT NOT NULL,
        page INTEGER, sheet TEXT NOT NULL, confidentiality TEXT NOT NULL, conf_rank INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS facts_indicator ON facts (indicator_key, year)",
    "CREATE INDEX IF NOT EXISTS facts_place ON facts (place_key, indicator_key)",
    "CREATE INDEX IF NOT EXISTS facts_level ON facts (place_level, indicator_key)",
    "CREATE INDEX IF NOT EXISTS facts_doc ON facts (doc_id)",
    """CREATE TABLE IF NOT EXISTS table_rows (
        id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, tbl TEXT NOT NULL, row INTEGER, cells TEXT NOT NULL, page INTEGER,
        sheet TEXT NOT NULL, confidentiality TEXT NOT NULL, conf_rank INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS rows_doc ON table_rows (doc_id, tbl)",
)
_FACT_COLUMNS = ("doc_id, tbl, place, place_key, place_level, parent_place, indicator, indicator_key, unit, period, year, value, raw, "
                 "row, col, page, sheet, confidentiality, conf_rank")


def _year(period: str) -> int | None:
    head = period[:4]
    return int(head) if head.isdigit() else None


def fact_values(fact: Fact, confidentiality: str) -> tuple:
    """The row stored for a fact; the document's confidentiality wins over the fact's own field."""
    return (fact.doc_id, fact.table, fact.place, fact.place_key or simple_key(fact.place), fact.place_level, fact.parent_place,
            fact.indicator, fact.indicator_key or simple_key(fact.indicator), fact.unit, fact.period, _year(fact.period),
            fact.value, fact.raw, fact.row, fact.column, fact.page, fact.sheet, confidentiality, confidentiality_rank(confidentiality))


def _fact(row: sqlite3.Row) -> Fact:
    return Fact(doc_id=row["doc_id"], table=row["tbl"], place=row["place"], place_level=row["place_level"],
                indicator=row["indicator"], indicator_key=row["indicator_key"], period=row["period"], value=row["value"],
                raw=row["raw"], unit=row["unit"], row=row["row"], column=row["col"], page=row["page"], sheet=row["sheet"],
                parent_place=row["parent_place"], confidentiality=row["confidentiality"], place_key=row["place_key"])


def _in(column: str, values: Sequence, params: list) -> str:
    params.extend(values)
    return f"{column} IN ({', '.join('?' for _ in values)})"


class SqliteFactStore(FactStore):
    """One short connection per call (safe from any thread); a lock serialises writers inside the process."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._file = SqliteFile(self.path, schema=_SCHEMA, version=SCHEMA_VERSION, timeout=30, pragmas=("synchronous=NORMAL",),
                                rows=True)

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> SqliteFactStore:
        return cls(DataDir(data_dir).facts)

    # -- writes -------------------------------------------------------------------------------------------

    def replace_document(self, doc: DocumentMeta, facts: Sequence[Fact], rows: Sequence[TableRow]) -> None:
        level = doc.confidentiality
        rank = confidentiality_rank(level)
        with self._file.write() as conn:  # one transaction: a document's facts are all old or all new
            conn.execute("DELETE FROM facts WHERE doc_id = ?", (doc.doc_id,))
            conn.execute("DELETE FROM table_rows WHERE doc_id = ?", (doc.doc_id,))
            conn.executemany(f"INSERT INTO facts ({_FACT_COLUMNS}) VALUES ({', '.join('?' * 19)})",
                             (fact_values(fact, level) for fact in facts))
            conn.executemany(
                "INSERT INTO table_rows (doc_id, tbl, row, cells, page, sheet, confidentiality, conf_rank) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((doc.doc_id, r.table, r.row, json.dumps(r.cells, ensure_ascii=False), r.page, r.sheet, level, rank) for r in rows))
            conn.execute(
                "INSERT INTO documents (doc_id, content_hash, confidentiality, conf_rank) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(doc_id) DO UPDATE SET content_hash = excluded.content_hash, "
                "confidentiality = excluded.confidentiality, conf_rank = excluded.conf_rank",
                (doc.doc_id, doc.content_hash, level, rank))

    def delete_document(self, doc_id: str) -> bool:
        with self._file.write() as conn:
            known = conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,)).rowcount
            facts = conn.execute("DELETE FROM facts WHERE doc_id = ?", (doc_id,)).rowcount
            rows = conn.execute("DELETE FROM table_rows WHERE doc_id = ?", (doc_id,)).rowcount
        return bool(known or facts or rows)

    # -- reads --------------------------------------------------------------------------------------------

    def doc_versions(self) -> dict[str, str]:
        return {row["doc_id"]: row["content_hash"] for row in self._file.read("SELECT doc_id, content_hash FROM documents", ())}

    def query(self, query: FactQuery) -> list[Fact]:
        params: list = [confidentiality_rank(query.max_confidentiality)]
        where = ["conf_rank <= ?"]
        if query.indicator_keys:
            where.append(_in("indicator_key", list(query.indicator_keys), params))
        if query.places:
            where.append(_in("place_key", sorted({simple_key(place) for place in query.places}), params))
        if query.place_levels:
            where.append(_in("place_level", list(query.place_levels), params))
        if query.periods:
            where.append(_in("period", list(query.periods), params))
        if query.doc_ids:
            where.append(_in("doc_id", list(query.doc_ids), params))
        if query.year_from is not None:
            where.append("year >= ?")
            params.append(query.year_from)
        if query.year_to is not None:
            where.append("year <= ?")
            params.append(query.year_to)
        params.append(max(0, int(query.limit)))
        rows = self._file.read(f"SELECT * FROM facts WHERE {' AND '.join(where)} ORDER BY id LIMIT ?", params)
        return [_fact(row) for row in rows]

    def rows(self, doc_id: str, table: str | None = None, max_confidentiality: str = "public") -> list[TableRow]:
        params: list = [doc_id, confidentiality_rank(max_confidentiality)]
        sql = "SELECT * FROM table_rows WHERE doc_id = ? AND conf_rank <= ?"
        if table is not None:
            sql += " AND tbl = ?"
            params.append(table)
        return [TableRow(doc_id=row["doc_id"], table=row["tbl"], row=row["row"], cells=json.loads(row["cells"]), page=row["page"],
                         sheet=row["sheet"], confidentiality=row["confidentiality"])
                for row in self._file.read(sql + " ORDER BY id", params)]

    def indicators(self, max_confidentiality: str = "public") -> dict[str, str]:
        rows = self._file.read("SELECT indicator_key, MIN(indicator) AS label FROM facts WHERE conf_rank <= ? GROUP BY indicator_key",
                          (confidentiality_rank(max_confidentiality),))
        return {row["indicator_key"]: row["label"] for row in rows}

    def places(self, max_confidentiality: str = "public") -> dict[str, str]:
        rows = self._file.read("SELECT place, place_level, COUNT(*) AS n FROM facts WHERE conf_rank <= ? GROUP BY place, place_level "
                          "ORDER BY n", (confidentiality_rank(max_confidentiality),))
        return {row["place"]: row["place_level"] for row in rows}  # the most frequent level of a name wins

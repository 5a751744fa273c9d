"""The Kiel check: real open-data CSVs of the city of Kiel that nobody here wrote, and ≥ 30 figure questions over them.

The six files of ../shared/external/kiel-open-data are read by planwissen's loaders and table normaliser into a
temporary SQLite fact store; every question of eval/kiel/questions.yaml is answered by the Kennzahlen engine. A
question counts as correct when the answer contains every gold value (German number format) AND cites at least
one of the gold rows of the gold file.

    .venv/bin/python -m eval.kiel                 # prints the table and the share correct
    .venv/bin/python -m eval.kiel --shared DIR    # another location of the shared folder
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from eval.normalize import contains, fact_text, normalize

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = Path(__file__).resolve().parent / "kiel" / "questions.yaml"
#: The shared folder lies beside the project checkout.
DEFAULT_SHARED = ROOT.parent / "shared"
KIEL_DIR = Path("external") / "kiel-open-data"


def kiel_dir(shared: Path = DEFAULT_SHARED) -> Path:
    return Path(shared) / KIEL_DIR


@dataclass
class KielResult:
    id: str
    question: str
    kind: str
    correct: bool
    value_ok: bool
    row_ok: bool
    ms: float
    answer: str = ""


@dataclass
class KielReport:
    results: list[KielResult] = field(default_factory=list)
    ingest_seconds: float = 0.0

    @property
    def score(self) -> float:
        return sum(r.correct for r in self.results) / len(self.results) if self.results else 0.0


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    return list((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("questions") or [])


def build_store(folder: Path, data_dir: Path):
    """The six files → facts and rows in a SQLite fact store under data_dir (document id = file stem)."""
    from assistant.adapters.sqlite_facts import SqliteFactStore
    from assistant.core.settings import IngestSettings
    from assistant.core.types import DocumentMeta
    from ingest.loaders import load_file
    from ingest.tables.records import to_core

    store = SqliteFactStore.in_data_dir(data_dir)
    documents: dict[str, DocumentMeta] = {}
    for path in sorted(folder.glob("*.csv")):
        parsed = load_file(path, IngestSettings())
        doc = DocumentMeta(doc_id=path.stem, title=path.name, source_path=str(path), content_hash=str(path.stat().st_mtime_ns),
                           format="csv")
        facts, rows = to_core(parsed.tables, doc.doc_id, doc.confidentiality)
        store.replace_document(doc, facts, rows)
        documents[doc.doc_id] = doc
    return store, documents


def judge(question: dict, answer) -> tuple[bool, bool]:
    """(all gold values in the answer, a citation of a gold row of the gold file)."""
    if answer is None or answer.refused:
        return False, False
    text = normalize(answer.text)
    value_ok = all(contains(text, fact_text(f)) for f in question.get("facts") or [])
    rows = set(question.get("rows") or [])
    row_ok = any(c.doc_id == question["doc"] and c.row in rows for c in answer.citations)
    return value_ok, row_ok


def run(shared: Path = DEFAULT_SHARED, questions: Path = QUESTIONS) -> KielReport:
    from assistant.services.kennzahlen.service import KennzahlenService

    folder = kiel_dir(shared)
    report = KielReport()
    with tempfile.TemporaryDirectory(prefix="planwissen-kiel-") as tmp:
        start = time.perf_counter()
        store, documents = build_store(folder, Path(tmp))
        report.ingest_seconds = time.perf_counter() - start
        engine = KennzahlenService(store, documents=documents.get)
        engine.catalog()  # warm: the vocabulary is read once per store version
        for q in load_questions(questions):
            start = time.perf_counter()
            answer = engine.answer(q["question"])
            ms = (time.perf_counter() - start) * 1000
            value_ok, row_ok = judge(q, answer)
            report.results.append(KielResult(q["id"], q["question"], q.get("kind", ""), value_ok and row_ok, value_ok, row_ok, ms,
                                              answer.text if answer else ""))
    return report


def render(report: KielReport) -> str:
    lines = ["| id | Art | richtig | Wert | Zeile | ms | Frage |", "|---|---|---|---|---|---|---|"]
    for r in report.results:
        lines.append(f"| {r.id} | {r.kind} | {'ja' if r.correct else 'nein'} | {'✓' if r.value_ok else '✗'} | "
                     f"{'✓' if r.row_ok else '✗'} | {r.ms:.1f} | {r.question} |")
    correct = sum(r.correct for r in report.results)
    times = sorted(r.ms for r in report.results)
    p95 = times[int(0.95 * (len(times) - 1))] if times else 0.0
    lines.append("")
    lines.append(f"Kiel: {correct}/{len(report.results)} richtig ({report.score:.0%}); Einlesen {report.ingest_seconds:.1f} s; "
                 f"Antwortzeit warm p50 {times[len(times) // 2] if times else 0:.1f} ms, p95 {p95:.1f} ms")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kennzahlen-Check auf den Kieler Open-Data-Tabellen")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="Ordner 'shared' (enthält external/kiel-open-data)")
    parser.add_argument("--verbose", action="store_true", help="auch die Antworten der falsch beantworteten Fragen zeigen")
    args = parser.parse_args(argv)
    if not kiel_dir(args.shared).is_dir():
        print(f"Kieler Dateien nicht gefunden: {kiel_dir(args.shared)}", file=sys.stderr)
        return 2
    report = run(args.shared)
    print(render(report))
    if args.verbose:
        for r in report.results:
            if not r.correct:
                print(f"\n--- {r.id}: {r.question}\n{r.answer}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

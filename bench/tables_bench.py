"""Benchmark section "tables": ingesting one wide statistics spreadsheet (100 rows × 70 columns, title and grouped
headers) and the real Kiel CSV (330 rows, if ../shared is present), each into a fresh data directory, with the real
embedder, then the warm query time of the Kennzahlen engine over the file's facts. Beside each ingestion figure: the
embedder alone over the same rows written out as one long passage each (what ingestion embedded before rows got
compact texts), so the ratio shows what the compact texts save."""

from __future__ import annotations

import time
from pathlib import Path

from assistant.core.settings import PROJECT_ROOT

KIEL_FILE = PROJECT_ROOT.parent / "shared" / "external" / "kiel-open-data" / "kiel_bevoelkerung_stadtteile_einwohner_geschlecht.csv"
#: Rows embedded as full passages for the comparison figure (scaled to all rows, like bench.tasks._embed_alone).
FULL_ROWS_SAMPLE = 24
#: Targets of the Kennzahlen issue on this machine.
TARGETS_S = {"wide_xlsx": 20.0, "kiel_csv": 10.0}
#: Target of a warm engine answer (the Kennzahlen engine over the file's facts, catalog already built).
QUERY_TARGET_MS = 100.0
#: Each question is asked this often after one warm-up, so p50/p95 are over several runs.
QUERY_REPEATS = 5
#: level → (singular, plural, dative plural) for the probe questions.
_LEVEL_NOUNS = {"stadtteil": ("Stadtteil", "Stadtteile", "Stadtteilen"), "sozialraum": ("Sozialraum", "Sozialräume", "Sozialräumen"),
                "bezirk": ("Stadtbezirk", "Stadtbezirke", "Stadtbezirken"), "other": ("Gebiet", "Gebiete", "Gebieten")}


def ingest_table_file(path: str, data_dir: str) -> dict:
    """Child task: ingest one file with the real services; then embed its rows as full passages with the embedder alone."""
    from assistant.bootstrap import build_services
    from bench.stats import self_peak_rss_mb
    from bench.tasks import load_embedder, planwissen_settings
    from ingest.loaders import load_file
    from ingest.loaders._common import render_record

    settings = planwissen_settings(data_dir)
    embedder, load_s = load_embedder(settings)
    services = build_services(settings, embedder=embedder)
    report = services.ingestion.ingest([Path(path)])
    facts = len(services.facts.query(_all())) if services.facts is not None else 0
    parsed = load_file(Path(path), settings.ingest)
    full_rows = [render_record(row.cells) for table in parsed.tables for row in table.rows]
    step = max(1, len(full_rows) // FULL_ROWS_SAMPLE)
    sample = full_rows[::step][:FULL_ROWS_SAMPLE]
    started = time.perf_counter()
    for start in range(0, len(sample), settings.embedder.batch_size):
        embedder.embed_passages(sample[start:start + settings.embedder.batch_size])
    full_s = (time.perf_counter() - started) * len(full_rows) / max(1, len(sample))  # scaled to all rows
    queries = engine_queries(services)
    return {"seconds": report.seconds, "chunks": report.chunks_written, "chunks_embedded": report.chunks_embedded,
            "facts": facts, "rows": len(full_rows), "full_rows_embed_s": full_s, "embedder_load_s": load_s,
            "failed": len(report.failed), "peak_rss_mb": self_peak_rss_mb(), "queries": queries}


def probe_questions(facts) -> list[str]:
    """Rank, lookup and threshold questions built from the store's own facts (the most frequent indicator at the
    finest level), so any spreadsheet gets questions the engine can take."""
    import statistics
    from collections import Counter

    levels = Counter(f.place_level for f in facts if f.place_level != "stadt" and f.value is not None)
    if not levels:
        return []
    level = levels.most_common(1)[0][0]
    at_level = [f for f in facts if f.place_level == level and f.value is not None]
    indicator = Counter(f.indicator for f in at_level).most_common(1)[0][0]
    chosen = [f for f in at_level if f.indicator == indicator]
    one, many, in_many = _LEVEL_NOUNS.get(level, _LEVEL_NOUNS["other"])
    middle = statistics.median(f.value for f in chosen)
    threshold = f"{middle:,.0f}".replace(",", ".") if middle >= 10 else f"{middle:.1f}".replace(".", ",")
    first, last = chosen[0].place, chosen[-1].place
    return [f"Welcher {one} hat den höchsten Wert bei {indicator}?", f"Welcher {one} hat den niedrigsten Wert bei {indicator}?",
            f"Wie hoch ist {indicator} in {first}?", f"Wie hoch ist {indicator} in {last}?",
            f"In welchen {in_many} liegt {indicator} über {threshold}?", f"Wie viele {many} liegen bei {indicator} über {threshold}?"]


def engine_queries(services) -> dict:
    """Warm engine timing: each probe question once to warm up, then QUERY_REPEATS times; p50/p95 in ms."""
    from bench.stats import percentile

    engine = services.answering.kennzahlen
    if engine is None or services.facts is None:
        return {}
    questions = probe_questions(services.facts.query(_all()))
    answered = 0
    times: list[float] = []
    for question in questions:
        answered += engine.answer(question) is not None  # warm-up (catalog, caches)
        for _ in range(QUERY_REPEATS):
            started = time.perf_counter()
            engine.answer(question)
            times.append((time.perf_counter() - started) * 1000)
    if not times:
        return {}
    return {"questions": questions, "answered": answered, "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95),
            "target_ms": QUERY_TARGET_MS, "within_target": percentile(times, 95) <= QUERY_TARGET_MS}


def _all():
    from assistant.core.types import FactQuery

    return FactQuery(max_confidentiality="internal", limit=10_000_000)


def bench_tables(work: Path, log=print) -> dict:
    """Run the table ingestion measurements (each in its own child process)."""
    from bench.proc import run_task
    from bench.stats import ratio
    from bench.tables_sheet import write_wide_sheet

    work.mkdir(parents=True, exist_ok=True)
    files = {"wide_xlsx": write_wide_sheet(work / "statistik-100x70.xlsx")}
    if KIEL_FILE.is_file():
        files["kiel_csv"] = KIEL_FILE
    else:
        log(f"Kiel-Datei fehlt ({KIEL_FILE}); nur die erzeugte Tabelle wird gemessen.")
    result: dict = {}
    for name, path in files.items():
        log(f"Tabellen einlesen: {path.name} …")
        entry = run_task("ingest_table_file", {"path": str(path), "data_dir": str(work / f"data-{name}")})
        entry["file"] = path.name
        entry["target_s"] = TARGETS_S[name]
        entry["within_target"] = entry["seconds"] <= TARGETS_S[name]
        entry["ratio_to_full_rows"] = ratio(entry["seconds"], entry["full_rows_embed_s"])
        result[name] = entry
    return result


def markdown(section: dict) -> list[str]:
    """The report lines of the section."""
    lines = ["## Tabellen einlesen (Kennzahlen)", "",
             "Je Datei ein frisches Datenverzeichnis, echter Embedder. „Volle Zeilen“ = dieselben Zeilen als je eine lange Passage "
             "„Spalte: Wert; …“ nur durch den Embedder (so wurden breite Zeilen vorher eingebettet; reine Embedder-Zeit, also eine "
             f"Untergrenze des früheren Einlesens; gemessen an {FULL_ROWS_SAMPLE} Zeilen, auf alle hochgerechnet).", "",
             "| Datei | Zeilen | Kennzahlen | Passagen eingebettet | Einlesen | volle Zeilen (nur Embedder) | Verhältnis | Ziel |",
             "|---|---|---|---|---|---|---|---|"]
    for entry in section.values():
        if not isinstance(entry, dict) or "seconds" not in entry:
            continue
        mark = "✓" if entry["within_target"] else "✗"
        lines.append(f"| `{entry['file']}` | {entry['rows']} | {entry['facts']} | {entry['chunks_embedded']} | {entry['seconds']:.1f} s | "
                     f"{entry['full_rows_embed_s']:.1f} s | {entry['ratio_to_full_rows']} | ≤ {entry['target_s']:.0f} s {mark} |")
    lines += ["", f"Abfrage über die Kennzahlen-Engine (warm, je Frage {QUERY_REPEATS}×; Rang-, Einzelwert- und Schwellenfragen aus "
              "den eigenen Kennzahlen der Datei):", "",
              "| Datei | Fragen | beantwortet | p50 | p95 | Ziel |", "|---|---|---|---|---|---|"]
    for entry in section.values():
        queries = entry.get("queries") if isinstance(entry, dict) else None
        if not queries:
            continue
        mark = "✓" if queries["within_target"] else "✗"
        lines.append(f"| `{entry['file']}` | {len(queries['questions'])} | {queries['answered']} | {queries['p50_ms']:.1f} ms | "
                     f"{queries['p95_ms']:.1f} ms | ≤ {queries['target_ms']:.0f} ms {mark} |")
    return lines + [""]

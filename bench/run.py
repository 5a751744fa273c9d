"""The benchmark run: every measurement for planwissen and the LlamaIndex baseline, in the same run, each in its
own child process (ingestion, warm queries, cold start, server memory, search at 10k/100k chunks)."""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bench.machine import describe, load_average
from bench.proc import Server, child_env, chroma_server, free_port, run_task
from bench.stats import latency_summary, ratio
from bench.tables_bench import bench_tables

SECTIONS = ("ingest", "query", "coldstart", "server", "scale", "tables")
FALLBACK_QUESTIONS = (
    "Welche Partner arbeiten zum Thema Armut in Haspe?",
    "Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?",
    "Was sind Sozialraumteams und wer sitzt darin?",
    "Welche Beteiligungsformate gibt es?",
    "Welche Seniorenbegegnungsstätten gibt es in Hagen-Nord?",
    "Wie viele Einwohner hat Eilpe/Dahl?",
    "Was wünschen sich die Ehrenamtlichen?",
    "Wie sicher fühlen sich die Bürgerinnen und Bürger nachts?",
)


@dataclass
class BenchOptions:
    corpus: Path
    sections: Sequence[str] = SECTIONS
    scales: Sequence[int] = (10_000, 100_000)
    chroma_server: bool = True
    questions: int = 60
    coldstart_runs: int = 3
    server_requests: int = 30
    work_dir: Path | None = None
    keep: bool = False
    log: Callable[[str], None] = print
    extra: dict = field(default_factory=dict)


def eval_questions(limit: int) -> list[str]:
    """Questions for the latency runs: the eval set's answerable ones (or a fixed handful when it is missing)."""
    try:
        from eval.dataset import load_eval_set

        questions = [c.question for c in load_eval_set().cases if c.answerable]
    except (OSError, ValueError):
        questions = []
    questions = questions or list(FALLBACK_QUESTIONS)
    return questions[:limit]


def _with_ratio(ours: dict, theirs: dict, keys: Sequence[str]) -> dict:
    return {key: {"planwissen": ours.get(key), "baseline": theirs.get(key), "ratio": ratio(ours.get(key), theirs.get(key))} for key in keys}


def bench_ingest(work: Path, options: BenchOptions) -> dict:
    options.log("Einlesen: planwissen …")
    ours = run_task("ingest_planwissen", {"corpus": str(options.corpus), "data_dir": str(work / "planwissen")})
    options.log("Einlesen: Baseline (LlamaIndex + Chroma) …")
    theirs = run_task("ingest_baseline", {"corpus": str(options.corpus), "persist_dir": str(work / "baseline")})
    for side in (ours, theirs):
        side["pages_per_s"] = round(side["pages"] / side["seconds"], 2) if side["seconds"] else None
        side["chunks_per_s"] = round(side["chunks_embedded"] / side["seconds"], 2) if side["seconds"] else None
        side["ingest_over_embed_alone"] = ratio(side["seconds"], side.get("embed_alone_s"))
    return {
        "planwissen": ours,
        "baseline": theirs,
        "compare": _with_ratio(
            ours,
            theirs,
            ("seconds", "pages_per_s", "chunks_per_s", "embed_alone_s", "embed_chunks_per_s", "ingest_over_embed_alone", "peak_rss_mb"),
        ),
    }


def bench_query(work: Path, options: BenchOptions, questions: list[str]) -> dict:
    options.log(f"Warme Abfragen ({len(questions)} Fragen) …")
    ours = run_task("query_planwissen", {"data_dir": str(work / "planwissen"), "questions": questions})
    theirs = run_task("query_baseline", {"persist_dir": str(work / "baseline"), "questions": questions})
    compare = {}
    for kind in ("search", "ask"):
        for pct in ("p50_ms", "p95_ms"):
            compare[f"{kind}_{pct}"] = {
                "planwissen": ours[kind][pct],
                "baseline": theirs[kind][pct],
                "ratio": ratio(ours[kind][pct], theirs[kind][pct]),
            }
    return {"planwissen": ours, "baseline": theirs, "compare": compare}


def _cold_runs(argv: list[str], env: dict, runs: int) -> dict:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run(argv, capture_output=True, text=True, env=child_env(env), timeout=300)
        times.append(time.perf_counter() - started)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:3])} … fehlgeschlagen: {proc.stderr[-1500:]}")
    return {"median_s": round(statistics.median(times), 2), "runs_s": [round(t, 2) for t in times]}


def bench_coldstart(work: Path, options: BenchOptions, question: str) -> dict:
    options.log("Kaltstart `planwissen ask` …")
    planwissen_cli = str(Path(sys.executable).parent / "planwissen")
    ours = _cold_runs([planwissen_cli, "ask", question], {"PLANWISSEN_DATA_DIR": str(work / "planwissen")}, options.coldstart_runs)
    theirs = _cold_runs([sys.executable, "-m", "bench.baseline_app", "ask", str(work / "baseline"), question], {}, options.coldstart_runs)
    return {
        "planwissen": ours,
        "baseline": theirs,
        "compare": {
            "median_s": {
                "planwissen": ours["median_s"],
                "baseline": theirs["median_s"],
                "ratio": ratio(ours["median_s"], theirs["median_s"]),
            }
        },
    }


def _serve_cmd_available() -> bool:
    proc = subprocess.run([str(Path(sys.executable).parent / "planwissen"), "serve", "--help"], capture_output=True, env=child_env())
    return proc.returncode == 0


def _drive(base_url: str, search_path: str, ask_path: str, questions: list[str]) -> dict:
    import httpx

    times = []
    with httpx.Client(timeout=60) as client:
        for question in questions:
            started = time.perf_counter()
            client.post(base_url + search_path, json={"query": question}).raise_for_status()
            client.post(base_url + ask_path, json={"question": question}).raise_for_status()
            times.append((time.perf_counter() - started) * 1000)
    return latency_summary(times)


def bench_server(work: Path, options: BenchOptions, questions: list[str]) -> dict:
    """Peak memory of the planwissen server and of a baseline server after the same requests."""
    questions = questions[: options.server_requests]
    port = free_port()
    if _serve_cmd_available():
        argv, how = [str(Path(sys.executable).parent / "planwissen"), "serve", "--port", str(port)], "planwissen serve (API + UI)"
    else:
        argv, how = (
            [sys.executable, "-m", "bench.planwissen_app", str(work / "planwissen"), str(port)],
            "planwissen API (create_app + uvicorn)",
        )
    options.log(f"Server-Speicher: {how} …")
    base = f"http://127.0.0.1:{port}"
    with Server(
        argv,
        base + "/api/v1/health",
        env={"PLANWISSEN_DATA_DIR": str(work / "planwissen"), "PLANWISSEN_SERVER__PORT": str(port)},
        log_path=work / "planwissen-server.log",
    ) as server:
        idle = server.memory()
        requests = _drive(base, "/api/v1/search", "/api/v1/ask", questions)
        ours = {"how": how, "ready_s": round(server.ready_s, 2), "idle": idle, **server.memory(), "requests": requests}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with Server(
        [sys.executable, "-m", "bench.baseline_app", "serve", str(work / "baseline"), str(port)],
        base + "/health",
        log_path=work / "baseline-server.log",
    ) as server:
        idle = server.memory()
        requests = _drive(base, "/search", "/ask", questions)
        theirs = {
            "how": "LlamaIndex baseline (FastAPI + uvicorn)",
            "ready_s": round(server.ready_s, 2),
            "idle": idle,
            **server.memory(),
            "requests": requests,
        }
    return {"planwissen": ours, "baseline": theirs, "compare": _with_ratio(ours, theirs, ("peak_rss_mb", "rss_mb", "ready_s"))}


def bench_scale(work: Path, options: BenchOptions, questions: list[str]) -> dict:
    """Search at 10k/100k synthetic chunks in embedded Chroma and in a Chroma server, planwissen vs baseline."""
    seed_path = work / "seed" / "seed"
    if not seed_path.with_suffix(".json").exists():
        options.log("Saatkorpus aus dem eingelesenen Demo-Korpus exportieren …")
        run_task("export_seed", {"data_dir": str(work / "planwissen"), "seed_path": str(seed_path)})
    results: dict = {
        "vectors": "abgeleitet: echte Chunk-Vektoren + Gaußsches Rauschen, renormiert (cos ≈ 0,95); Texte umbenannt "
        "(erfundene Städte/Bezirke)"
    }
    modes = ["embedded"] + (["server"] if options.chroma_server else [])
    for n in options.scales:
        for mode in modes:
            entry: dict = {}
            for system in ("planwissen", "baseline"):
                options.log(f"Skalierung: {n:,} Chunks, {mode}, {system} …".replace(",", "."))
                scale_dir = work / f"scale-{n}-{mode}"
                params = {"system": system, "chunks": n, "seed_path": str(seed_path), "work_dir": str(scale_dir), "questions": questions}
                if mode == "server":
                    port = free_port()
                    with chroma_server(scale_dir / f"chroma-server-{system}", port, log_path=work / f"chroma-{n}-{system}.log") as server:
                        params["chroma_port"] = port
                        result = run_task("scale", params)
                        result["chroma_server"] = {**server.memory(), "ready_s": round(server.ready_s, 2)}
                else:
                    result = run_task("scale", params)
                entry[system] = result
                shutil.rmtree(scale_dir / system, ignore_errors=True)
            ours, theirs = entry["planwissen"], entry["baseline"]
            entry["compare"] = {
                "search_p50_ms": _triple(ours["search"]["p50_ms"], theirs["search"]["p50_ms"]),
                "search_p95_ms": _triple(ours["search"]["p95_ms"], theirs["search"]["p95_ms"]),
                "recall_at_10": _triple(ours["recall_at_10"], theirs["recall_at_10"]),
                "load_s": _triple(ours["load_s"], theirs["load_s"]),
                "client_peak_rss_mb": _triple(ours["peak_rss_mb"], theirs["peak_rss_mb"]),
            }
            if mode == "server":
                entry["compare"]["chroma_server_peak_rss_mb"] = _triple(
                    ours["chroma_server"].get("peak_rss_mb"), theirs["chroma_server"].get("peak_rss_mb")
                )
            results[f"{n}-{mode}"] = entry
            # the 100k runs take long: keep what is measured so far, in case the run is stopped
            (work / "scale-partial.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return results


def _triple(ours, theirs) -> dict:
    return {"planwissen": ours, "baseline": theirs, "ratio": ratio(ours, theirs)}


def run_benchmarks(options: BenchOptions) -> dict:
    """Run the chosen sections; returns everything measured (also written by the caller)."""
    work = Path(options.work_dir) if options.work_dir else Path(tempfile.mkdtemp(prefix="planwissen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    questions = eval_questions(options.questions)
    result: dict = {
        "started": datetime.now().isoformat(timespec="seconds"),
        "machine": describe(),
        "corpus": str(options.corpus),
        "questions": len(questions),
        "sections": list(options.sections),
    }
    steps = {
        "query": lambda: bench_query(work, options, questions),
        "coldstart": lambda: bench_coldstart(work, options, questions[0]),
        "server": lambda: bench_server(work, options, questions),
        "scale": lambda: bench_scale(work, options, questions),
        "tables": lambda: bench_tables(work / "tables", options.log),
    }
    try:
        needs_index = any(s in options.sections for s in ("ingest", "query", "coldstart", "server", "scale"))
        if "ingest" in options.sections or (needs_index and not (work / "planwissen").exists()):
            result["ingest"] = bench_ingest(work, options)  # everything else needs this index: a failure here ends the run
        for name, step in steps.items():
            if name in options.sections:
                try:
                    result[name] = step()
                except Exception as exc:  # one failed section must not throw away the others' figures
                    options.log(f"Abschnitt {name} fehlgeschlagen: {exc}")
                    result.setdefault("errors", {})[name] = str(exc)[-2000:]
    finally:
        if not options.keep and options.work_dir is None:
            shutil.rmtree(work, ignore_errors=True)
    result["finished"] = datetime.now().isoformat(timespec="seconds")
    result["machine"]["loadavg_end"] = load_average()
    return result


def save_json(result: dict, results_dir: Path) -> Path:
    results_dir = Path(results_dir)
    results_dir.mkdir(parents=True, exist_ok=True)
    path = results_dir / f"bench-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return path

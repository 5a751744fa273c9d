"""`planwissen bench`: plain function the typer command calls. Runs the benchmarks in child processes and writes
results/bench-<timestamp>.json and docs/benchmarks.md."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.core.settings import PROJECT_ROOT, Settings

DEFAULT_CORPUS = PROJECT_ROOT / "corpus"
DEFAULT_DOC = PROJECT_ROOT / "docs" / "benchmarks.md"
DEFAULT_RESULTS = PROJECT_ROOT / "results"


def run_bench(
    settings: Settings | None = None,
    *,
    corpus: Path = DEFAULT_CORPUS,
    sections: Sequence[str] | None = None,
    scales: Sequence[int] = (10_000, 100_000),
    chroma_server: bool = True,
    questions: int = 60,
    out: Path | None = DEFAULT_DOC,
    results_dir: Path = DEFAULT_RESULTS,
    work_dir: Path | None = None,
    keep: bool = False,
    command: str = "planwissen bench",
    console=None,
) -> int:
    """Run the benchmarks (sections: ingest, query, coldstart, server, scale, tables; default all) and write the reports.

    `settings` is accepted for symmetry with the other commands; every measurement builds its own settings
    in a temporary data directory so the user's index is never touched. Returns 0, or 2 when a run failed.
    """
    from bench.report import write_markdown
    from bench.run import SECTIONS, BenchOptions, run_benchmarks, save_json

    if console is None:
        from rich.console import Console

        console = Console()
    chosen = list(sections or SECTIONS)
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        console.print(f"[red]Unbekannte Abschnitte: {', '.join(unknown)} (möglich: {', '.join(SECTIONS)})[/red]")
        return 2
    options = BenchOptions(
        corpus=Path(corpus),
        sections=chosen,
        scales=list(scales),
        chroma_server=chroma_server,
        questions=questions,
        work_dir=work_dir,
        keep=keep,
        log=lambda text: console.print(text),
    )
    try:
        result = run_benchmarks(options)
    except Exception as exc:  # a failed child: report it in one German line, keep the exit code meaningful
        console.print(f"[red]Benchmark fehlgeschlagen:[/red] {exc}")
        return 2
    path = save_json(result, results_dir)
    console.print(f"Messwerte: {path}")
    if out is not None:
        console.print(f"Bericht: {write_markdown(result, out, command)}")
    return 2 if result.get("errors") else 0

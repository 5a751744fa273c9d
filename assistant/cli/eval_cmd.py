"""`planwissen eval`: plain functions the typer command calls (eval set, external checks, feedback export).

Return values are exit codes: 0 passed, 1 a score below its threshold, 2 could not run.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

from assistant.core.settings import PROJECT_ROOT, Settings

DEFAULT_CORPUS = PROJECT_ROOT / "corpus"
DEFAULT_RESULTS = PROJECT_ROOT / "results"
DEFAULT_SHARED = PROJECT_ROOT.parent / "shared"


def _console(console=None):
    if console is not None:
        return console
    from rich.console import Console

    return Console()


#: Baseline vectors of the demo corpus, committed so that CI does not spend minutes re-embedding the baseline.
BASELINE_SEED = PROJECT_ROOT / "eval" / "cache" / "baseline-vectors"


def eval_settings(settings: Settings, index_dir: Path | None = None) -> Settings:
    """The eval's own index: embedded Chroma in `index_dir` (default <data_dir>/eval-index), the demo corpus only.

    Kept between runs (re-ingest skips unchanged files, baseline vectors are cached there), and never the
    user's collection: a configured Chroma server or store path is not used.
    """
    chroma = settings.chroma.model_copy(update={"mode": "embedded", "path": None})
    return settings.model_copy(update={"data_dir": Path(index_dir or settings.paths.eval_index), "chroma": chroma})


def run_eval(
    services,
    *,
    dataset: Path | None = None,
    corpus: Path = DEFAULT_CORPUS,
    baseline: bool = True,
    dense: bool = True,
    out_dir: Path = DEFAULT_RESULTS,
    thresholds: Path | None = None,
    ingest: bool = True,
    categories: list[str] | None = None,
    limit: int | None = None,
    cache_dir: Path | None = None,
    console=None,
) -> int:
    """Ingest the corpus (no-op when unchanged), run the eval set through planwissen and the baseline, print the tables
    (dev and test split), write results/<timestamp>/report.{json,md,html} + chart.png; 1 when a TEST-split score is below
    eval/thresholds.yaml. A question without a split entry (eval/splits.yaml) stops the run (exit 2)."""
    from rich.progress import Progress

    from eval.dataset import DEFAULT_DATASET, load_eval_set, validate
    from eval.embed_cache import CachingEmbedder
    from eval.gold_check import unresolved_in_store
    from eval.harness import evaluate
    from eval.records import BASELINE_NAME
    from eval.report import build_report, print_tables, timestamp_dir, write_report
    from eval.systems import DenseOnlySystem, PlanwissenSystem
    from eval.thresholds import DEFAULT_THRESHOLDS, GATED_SPLIT, Violation, check, load_thresholds

    console = _console(console)
    if baseline and not _baseline_installed():
        console.print(
            "[red]Für den Vergleich mit der Baseline fehlt llama-index:[/red] "
            "`pip install -e '.[eval]'` (macht `make setup`) oder `planwissen eval --no-baseline`."
        )
        return 2
    eval_set = load_eval_set(dataset or DEFAULT_DATASET)
    problems = validate(eval_set)
    if problems:
        console.print("[red]Das Eval-Set ist fehlerhaft:[/red]\n  " + "\n  ".join(problems))
        return 2
    begun_all = time.perf_counter()
    cases = [c for c in eval_set.cases if not categories or c.category in categories][: limit or None]
    started = datetime.now().isoformat(timespec="seconds")
    meta: dict = {"started": started, "corpus": str(corpus), "dataset": str(dataset or DEFAULT_DATASET)}
    if ingest:
        with console.status("Korpus einlesen (unveränderte Dateien werden übersprungen) …"):
            report = services.ingestion.ingest([Path(corpus)])
        meta["ingest"] = {
            "added": len(report.added),
            "updated": len(report.updated),
            "unchanged": len(report.unchanged),
            "failed": [f"{f.path}: {f.message}" for f in report.failed],
            "seconds": round(report.seconds, 1),
        }
        if report.failed:
            console.print(f"[yellow]{len(report.failed)} Datei(en) nicht eingelesen.[/yellow]")
    gold_missing = unresolved_in_store(cases, services.store)
    meta["gold_unresolved"] = gold_missing
    systems = [PlanwissenSystem(services)]
    embed_cache = None
    if baseline:
        cache_path = (cache_dir or services.settings.data_dir) / "baseline-vectors"
        from eval.baseline import LlamaIndexBaseline

        embed_cache = CachingEmbedder(services.embedder, cache_path, seed=BASELINE_SEED)
        base = LlamaIndexBaseline(embed_cache)
        with console.status("Baseline (LlamaIndex VectorStoreIndex) aufbauen …"):
            stats = base.build([Path(corpus)], services.settings.ingest)
        embed_cache.save()
        meta["baseline"] = {
            "documents": stats.documents,
            "chunks": stats.chunks,
            "seconds": round(stats.seconds, 1),
            "cached_vectors": embed_cache.hits,
            "embedded": embed_cache.misses,
            "failed": stats.failed,
        }
        systems.append(base)
    if dense:
        systems.append(DenseOnlySystem(services))
    eval_set.cases = cases
    with Progress(console=console, transient=True) as progress:
        tasks: dict[str, int] = {}

        def tick(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(f"{name}", total=total)
            progress.update(tasks[name], completed=done)

        begun = time.perf_counter()
        runs = evaluate(eval_set, systems, progress=tick)
        meta["eval_seconds"] = round(time.perf_counter() - begun, 1)
    limits = load_thresholds(thresholds or DEFAULT_THRESHOLDS)
    # the floors gate on the test split only: dev is where settings are calibrated
    ours = runs[0].split_summary(GATED_SPLIT)
    theirs = next((run.split_summary(GATED_SPLIT) for run in runs if run.name == BASELINE_NAME), None)
    others = {run.name: run.split_summary(GATED_SPLIT) for run in runs[1:]}
    violations = check(ours, limits, theirs, others) if not categories and not limit else []
    violations += [Violation(problem.split(":")[0], problem.split(": ", 1)[1], None, 0.0, "gold") for problem in gold_missing]
    if categories or limit:
        meta["thresholds_checked"] = False
    report = build_report(eval_set, runs, limits, violations, meta)
    out = timestamp_dir(Path(out_dir))
    paths = write_report(report, out)
    print_tables(report, console)
    console.print(f"Bericht: {paths['md']} (JSON: {paths['json'].name}, HTML: {paths['html'].name}, Diagramm: {paths['chart'].name})")
    console.print(f"Dauer: {time.perf_counter() - begun_all:.0f} s")
    return 1 if violations else 0


def run_eval_from_settings(settings: Settings, index_dir: Path | None = None, **kwargs) -> int:
    """`planwissen eval`: builds its own services on an isolated index (see eval_settings) and runs the eval."""
    from assistant.bootstrap import build_services

    services = build_services(eval_settings(settings, index_dir))
    return run_eval(services, **kwargs)


def run_external(
    settings: Settings,
    *,
    shared_dir: Path = DEFAULT_SHARED,
    out_dir: Path = DEFAULT_RESULTS,
    xquad: bool = True,
    statutes: bool = True,
    baseline: bool = True,
    limit: int | None = None,
    console=None,
) -> int:
    """`planwissen eval --external`: XQuAD-de paragraph retrieval and the SGB statutes, planwissen vs dense-only baseline,
    each in a temporary index. Skips with a message (exit 0) when ../shared is absent."""
    from eval.external import run_external_checks

    return run_external_checks(
        settings,
        shared_dir=Path(shared_dir),
        out_dir=Path(out_dir),
        xquad=xquad,
        statutes=statutes,
        baseline=baseline,
        limit=limit,
        console=_console(console),
    )


def _baseline_installed() -> bool:
    """llama-index is only in the `[eval]` extra: the product runs without it, the baseline needs it."""
    import importlib.util

    return importlib.util.find_spec("llama_index") is not None and importlib.util.find_spec("llama_index.core") is not None


def export_feedback(settings: Settings, *, out: Path | None = None, console=None) -> int:
    """`planwissen eval --from-feedback`: thumbs-down feedback as draft eval cases (YAML with TODO fields)."""
    from eval.feedback_export import export_drafts

    console = _console(console)
    target = Path(out) if out else DEFAULT_RESULTS / f"feedback-drafts-{datetime.now():%Y%m%d-%H%M%S}.yaml"
    result = export_drafts(settings.data_dir, target)
    if result is None:
        console.print(f"Keine Rückmeldungen gefunden ({settings.data_dir / 'feedback.sqlite'} fehlt).")
        return 0
    count, target = result
    console.print(f"{count} Entwurf/Entwürfe aus negativen Rückmeldungen geschrieben: {target}")
    console.print(
        "Bitte die TODO-Felder (Kategorie, Fakten, Quellen) ausfüllen, die Fälle nach eval/questions.yaml übernehmen "
        "und `python -m eval.split` (Dev/Test-Zuordnung) sowie `python -m eval.build_dataset` ausführen."
    )
    return 0


def eval_command(
    settings: Settings,
    *,
    external: bool = False,
    from_feedback: bool = False,
    baseline: bool = True,
    out: Path | None = None,
    index: Path | None = None,
    console=None,
) -> int:
    """One entry for `planwissen eval [--external] [--from-feedback] [--baseline/--no-baseline] [--out DIR] [--index DIR]`."""
    if from_feedback:
        return export_feedback(settings, out=out, console=console)
    if external:
        return run_external(settings, out_dir=out or DEFAULT_RESULTS, baseline=baseline, console=console)
    return run_eval_from_settings(settings, index, baseline=baseline, out_dir=out or DEFAULT_RESULTS, console=console)

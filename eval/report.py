"""Eval reports: a rich table in the terminal; report.json, report.md, report.html and a bar chart on disk."""

from __future__ import annotations

import html
import json
import platform
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from eval.dataset import SPLITS, EvalSet
from eval.harness import SystemRun
from eval.thresholds import GATED_SPLIT, Violation

#: Columns of the per-category table, with German labels.
METRIC_LABELS: dict[str, str] = {
    "answer_score": "Antwort",
    "hit@1": "hit@1",
    "hit@5": "hit@5",
    "hit@10": "hit@10",
    "mrr": "MRR",
    "fact_recall": "Fakten",
    "list_recall": "Listen-Recall",
    "list_precision": "Listen-Präz.",
    "citation_precision": "Beleg-Präz.",
    "citation_page_accuracy": "Seite/Zeile",
    "refusal_accuracy": "Ablehnung",
    "false_refusal_rate": "Fehlablehn.",
}
CATEGORY_TABLE_METRICS = (
    "answer_score",
    "hit@5",
    "mrr",
    "fact_recall",
    "list_recall",
    "citation_precision",
    "citation_page_accuracy",
    "refusal_accuracy",
    "false_refusal_rate",
)


NOTES = (
    "Schwellen gelten nur für den Test-Split; kalibriert und abgestimmt wird nur auf dem Dev-Split.",
    "Folgefragen: planwissen erhält die früheren Fragen als Gesprächsverlauf; die Baseline kennt keine Gespräche und "
    "bekommt nur die letzte Frage. Die Suche (hit@k, MRR) sieht bei allen Systemen nur die letzte Frage.",
    "dense: nur Suche (reine Vektorsuche), ohne Antworten.",
    "Ablehnung (gesamt) = Anteil abgelehnter Fragen aus unbeantwortbar und verlockend-unbeantwortbar; "
    "Fehlablehnung = Anteil abgelehnter beantwortbarer Fragen (kleiner ist besser).",
)


def timestamp_dir(root: Path) -> Path:
    """results/<YYYYmmdd-HHMMSS>/ (created)."""
    out = Path(root) / datetime.now().strftime("%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    return out


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _runs_by_name(runs: Sequence[SystemRun]) -> dict[str, SystemRun]:
    return {run.name: run for run in runs}


def build_report(eval_set: EvalSet, runs: Sequence[SystemRun], thresholds: dict, violations: Sequence[Violation], meta: dict) -> dict:
    """The JSON report: summary per system, thresholds, violations, and every question's result."""
    counts: dict[str, int] = {}
    per_split: dict[str, dict[str, int]] = {split: {} for split in SPLITS}
    for case in eval_set.cases:
        counts[case.category] = counts.get(case.category, 0) + 1
        if case.split in per_split:
            per_split[case.split][case.category] = per_split[case.split].get(case.category, 0) + 1
    questions = []
    for case in eval_set.cases:
        entry = {"id": case.id, "category": case.category, "split": case.split, "question": case.question, "answerable": case.answerable}
        if case.turns:
            entry["turns"] = list(case.turns)
        for run in runs:
            output = run.outputs.get(case.id)
            if output is None:
                continue
            scores = {name: r.per_question[case.id] for name, r in run.overall.items() if case.id in r.per_question}
            answer = output.answer
            entry[run.name] = {
                "scores": scores,
                "refused": bool(answer and answer.refused),
                **({"understood_as": answer.understood_as} if answer and answer.understood_as else {}),
                "answer": (answer.text[:1500] if answer else ""),
                "citations": [
                    {"doc": c.doc_id, "pages": sorted(c.pages), "rows": sorted(c.rows), "sections": list(c.sections)}
                    for c in (answer.citations if answer else [])
                ][:20],
                "retrieved": [{"doc": p.doc_id, "pages": sorted(p.pages), "rows": sorted(p.rows)} for p in output.retrieved[:5]],
                "search_ms": round(output.search_ms, 1),
                "ask_ms": round(output.ask_ms, 1),
                "error": output.error,
            }
        questions.append(entry)
    return {
        "meta": {
            **meta,
            "python": platform.python_version(),
            "questions": len(eval_set.cases),
            "per_category": counts,
            "per_split": {split: sum(c.values()) for split, c in per_split.items()},
            "per_split_category": per_split,
            "gated_split": GATED_SPLIT,
        },
        "systems": {run.name: {**run.summary(), "info": run.info} for run in runs},
        "thresholds": thresholds,
        "violations": [v.describe() for v in violations],
        "passed": not violations,
        "questions": questions,
    }


def failing_questions(report: dict, system: str = "planwissen", limit: float = 1.0, split: str | None = "dev") -> list[dict]:
    """Questions whose headline score is below `limit`, worst first (for the 'which fail and why' list).

    Only the dev split by default: whoever reads the list to improve planwissen must not see which test questions fail,
    or the test split stops being held out."""
    rows = []
    for q in report["questions"]:
        if split is not None and q.get("split") != split:
            continue
        result = q.get(system)
        if not result:
            continue
        score = result["scores"].get("answer_score")
        hit = result["scores"].get("hit@5")
        if (score is not None and score < limit) or result["error"] or hit == 0.0:
            rows.append(
                {
                    "id": q["id"],
                    "category": q["category"],
                    "split": q.get("split", ""),
                    "question": q["question"],
                    "answer_score": score,
                    "hit@5": hit,
                    "refused": result["refused"],
                    "error": result["error"],
                }
            )
    return sorted(rows, key=lambda r: (r["answer_score"] if r["answer_score"] is not None else 1.0, r["id"]))


def _category_rows(report: dict, split: str | None = None) -> list[tuple[str, int, dict[str, dict]]]:
    """(category, n, {system: scores}) per category and 'gesamt' — over all questions, or of one split."""
    systems = report["systems"]
    if split is None:
        counts, total = report["meta"]["per_category"], report["meta"]["questions"]
        scopes = {name: s for name, s in systems.items()}
    else:
        counts = report["meta"].get("per_split_category", {}).get(split, {})
        total = report["meta"].get("per_split", {}).get(split, 0)
        scopes = {name: s.get("splits", {}).get(split, {"overall": {}, "categories": {}}) for name, s in systems.items()}
    rows = []
    for category in report["meta"]["per_category"]:
        by_system = {name: scope["categories"].get(category, {}) for name, scope in scopes.items()}
        rows.append((category, counts.get(category, 0), by_system))
    rows.append(("gesamt", total, {name: scope["overall"] for name, scope in scopes.items()}))
    return rows


def split_rows(report: dict) -> list[tuple[str, dict[str, tuple[int, dict[str, dict]]]]]:
    """Per category (and 'gesamt'): {split: (n, {system: scores})} for the dev | test table."""
    by_split = {split: _category_rows(report, split) for split in SPLITS}
    rows = []
    for index, (category, _n, _scores) in enumerate(by_split[SPLITS[0]]):
        rows.append((category, {split: (by_split[split][index][1], by_split[split][index][2]) for split in SPLITS}))
    return rows


def _cell(by_system: dict[str, dict], names: Sequence[str], metric: str) -> str:
    return " / ".join(_fmt(by_system[n].get(metric)) for n in names)


def split_table_header() -> list[str]:
    header = ["Kategorie", "n " + "/".join(SPLITS)]
    for metric in CATEGORY_TABLE_METRICS:
        header += [f"{METRIC_LABELS[metric]} {split}" for split in SPLITS]
    return header


def split_table_cells(category: str, per_split: dict[str, tuple[int, dict[str, dict]]], names: Sequence[str]) -> list[str]:
    cells = [category, "/".join(str(per_split[split][0]) for split in SPLITS)]
    for metric in CATEGORY_TABLE_METRICS:
        cells += [_cell(per_split[split][1], names, metric) for split in SPLITS]
    return cells


def markdown(report: dict) -> str:
    """report.md: per-category table (planwissen | baseline per metric), thresholds, failing questions."""
    names = list(report["systems"])
    meta = report["meta"]
    splits = meta.get("per_split", {})
    lines = [f"# planwissen eval — {meta.get('started', '')}", ""]
    lines.append(
        f"{meta['questions']} Fragen ({', '.join(f'{s} {splits.get(s, 0)}' for s in SPLITS)}). "
        f"Werte je Zelle: {' / '.join(names)}; je Kennzahl Dev- und Test-Split nebeneinander."
    )
    lines += [""] + [f"- {note}" for note in NOTES] + [""]
    header = split_table_header()
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    for category, per_split in split_rows(report):
        lines.append("| " + " | ".join(split_table_cells(category, per_split, names)) + " |")
    lines += ["", "### Alle Fragen (dev + test, nur zur Übersicht)", ""]
    header = ["Kategorie", "n"] + [METRIC_LABELS[m] for m in CATEGORY_TABLE_METRICS]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    for category, count, by_system in _category_rows(report):
        lines.append("| " + " | ".join([category, str(count)] + [_cell(by_system, names, m) for m in CATEGORY_TABLE_METRICS]) + " |")
    lines += ["", f"## Schwellen (Split: {meta.get('gated_split', GATED_SPLIT)})", ""]
    lines.append("Bestanden." if report["passed"] else "**Nicht bestanden:**")
    lines += [f"- {v}" for v in report["violations"]]
    lines += ["", "```yaml", json.dumps(report["thresholds"], indent=2, ensure_ascii=False), "```", ""]
    for name, system in report["systems"].items():
        info = system.get("info", {})
        lines.append(
            f"- {name}: Suche p50 {_fmt_ms(info.get('search_ms_p50'))}, p95 {_fmt_ms(info.get('search_ms_p95'))}; "
            f"Antwort p50 {_fmt_ms(info.get('ask_ms_p50'))}, p95 {_fmt_ms(info.get('ask_ms_p95'))}; Fehler: {len(info.get('errors', {}))}"
        )
    failing = failing_questions(report)
    lines += ["", f"## Dev-Fragen unter 1,0 (planwissen): {len(failing)}", ""]
    lines.append("Nur der Dev-Split wird einzeln gelistet; die Test-Fragen bleiben zurückgehalten (nur ihre Summen oben).")
    lines.append("")
    if failing:
        lines.append("| id | Kategorie | Split | Antwort | hit@5 | abgelehnt | Frage |")
        lines.append("|---|---|---|---|---|---|---|")
        for row in failing:
            lines.append(
                f"| {row['id']} | {row['category']} | {row['split']} | {_fmt(row['answer_score'])} | {_fmt(row['hit@5'])} | "
                f"{'ja' if row['refused'] else 'nein'} | {row['question']} |"
            )
    lines += ["", "![Antwort-Score je Kategorie (Test)](chart.png)", "", "![hit@5 je Kategorie (Test)](chart-hit5.png)", ""]
    return "\n".join(lines)


def _fmt_ms(value) -> str:
    return "—" if value is None else f"{value:.0f} ms"


def html_page(report: dict) -> str:
    """report.html: the same tables as the Markdown report, self-contained except the chart image."""
    names = list(report["systems"])
    head = "".join(f"<th>{html.escape(label)}</th>" for label in split_table_header())
    body = []
    for category, per_split in split_rows(report):
        first, *cells = split_table_cells(category, per_split, names)
        body.append(f"<tr><th>{html.escape(first)}</th>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    notes = "".join(f"<li>{html.escape(note)}</li>" for note in NOTES)
    violations = "".join(f"<li>{html.escape(v)}</li>" for v in report["violations"]) or "<li>keine — bestanden</li>"
    failing = "".join(
        f"<tr><td>{html.escape(r['id'])}</td><td>{r['category']}</td><td>{r['split']}</td><td>{_fmt(r['answer_score'])}</td>"
        f"<td>{html.escape(r['question'])}</td></tr>"
        for r in failing_questions(report)
    )
    return f"""<!doctype html><html lang="de"><head><meta charset="utf-8"><title>planwissen eval</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:4px 8px;text-align:right}} th:first-child,td:last-child{{text-align:left}}</style></head><body>
<h1>planwissen eval</h1><p>{report["meta"]["questions"]} Fragen — Werte: {" / ".join(map(html.escape, names))}; dev | test nebeneinander</p>
<ul>{notes}</ul>
<table><tr>{head}</tr>{"".join(body)}</table>
<h2>Schwellen (Test-Split)</h2><ul>{violations}</ul><img src="chart.png" alt="Balkendiagramm je Kategorie (Test)" width="900">
<h2>Dev-Fragen unter 1,0 (planwissen); Test-Fragen werden nicht einzeln gelistet</h2>
<table><tr><th>id</th><th>Kategorie</th><th>Split</th><th>Antwort</th><th>Frage</th></tr>{failing}</table>
</body></html>"""


def bar_chart(report: dict, path: Path, metric: str = "answer_score", split: str | None = GATED_SPLIT) -> Path:
    """Grouped bars: the metric per category (of one split; None: all questions), one bar per system."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    rows = _category_rows(report, split if report["meta"].get("per_split", {}).get(split) else None)
    names = list(report["systems"])
    labels = [r[0] for r in rows]
    x = np.arange(len(labels))
    fig, ax = plt.subplots(figsize=(12, 4.5))
    names = [n for n in names if any(r[2][n].get(metric) is not None for r in rows)]
    width = 0.8 / max(len(names), 1)
    for i, name in enumerate(names):
        values = [r[2][name].get(metric) or 0.0 for r in rows]
        ax.bar(x + (i - (len(names) - 1) / 2) * width, values, width, label=name)
    ax.set_xticks(x, labels, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel(METRIC_LABELS.get(metric, metric))
    ax.set_title(f"{METRIC_LABELS.get(metric, metric)} je Kategorie" + (f" ({split})" if split else ""))
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_report(report: dict, out_dir: Path) -> dict[str, Path]:
    """Write report.json, report.md, report.html and chart.png into out_dir."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "json": out_dir / "report.json",
        "md": out_dir / "report.md",
        "html": out_dir / "report.html",
        "chart": out_dir / "chart.png",
        "chart_hit5": out_dir / "chart-hit5.png",
    }
    paths["json"].write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    bar_chart(report, paths["chart"])
    bar_chart(report, paths["chart_hit5"], "hit@5")
    paths["md"].write_text(markdown(report), encoding="utf-8")
    paths["html"].write_text(html_page(report), encoding="utf-8")
    return paths


def print_tables(report: dict, console=None) -> None:
    """The per-category table and the overall table in the terminal."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    names = list(report["systems"])
    for split in (GATED_SPLIT, *[s for s in SPLITS if s != GATED_SPLIT]):
        gated = " — Schwellen prüfen diesen Split" if split == GATED_SPLIT else " — nur zur Kalibrierung"
        table = Table(title=f"planwissen eval, {split}-Split, je Kategorie (" + " / ".join(names) + ")" + gated)
        table.add_column("Kategorie")
        table.add_column("n", justify="right")
        for metric in CATEGORY_TABLE_METRICS:
            table.add_column(METRIC_LABELS[metric], justify="right")
        for category, count, by_system in _category_rows(report, split):
            table.add_row(
                category,
                str(count),
                *[_cell(by_system, names, m) for m in CATEGORY_TABLE_METRICS],
                style="bold" if category == "gesamt" else None,
            )
        console.print(table)
    console.print(NOTES[1])
    if report["violations"]:
        console.print("[red]Schwellen nicht erreicht:[/red]")
        for line in report["violations"]:
            console.print(f"  - {line}")
    else:
        console.print("[green]Alle Schwellen erreicht.[/green]")

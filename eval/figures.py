"""Answer scores of the figure categories (Kennzahlen engine) per dev/test split, on an ingested index.

    .venv/bin/python -m eval.figures --index DATA_DIR [--split dev|test|all] [--show-wrong]

Uses the eval's own answer score (eval/metrics.answer_score) and eval/splits.yaml; prints one table row per
category and split, plus the warm answer time of the engine-answered questions.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path

from eval.dataset import CATEGORIES, load_eval_set
from eval.metrics import answer_score, citation_precision
from eval.records import CaseOutput

FIGURE_CATEGORIES = ("rangfolge", "anzahl", "schwelle", "entwicklung", "zahlen", "vergleich")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Antwort-Score der Kennzahlen-Kategorien je Split")
    parser.add_argument("--index", type=Path, required=True, help="eingelesenes Datenverzeichnis")
    parser.add_argument("--split", default="all", choices=("dev", "test", "all"))
    parser.add_argument("--categories", default=",".join(FIGURE_CATEGORIES), help="kommagetrennt, oder 'alle'")
    parser.add_argument("--show-wrong", action="store_true", help="falsche Antworten zeigen (nur dev: test bleibt verdeckt)")
    parser.add_argument("--no-engine", action="store_true", help="zum Vergleich: ohne Kennzahlen-Engine (nur Textweg)")
    args = parser.parse_args(argv)

    from assistant.bootstrap import build_services, configure_runtime
    from assistant.core.settings import Settings
    from eval.systems import PlanwissenSystem

    settings = Settings(data_dir=args.index)
    configure_runtime(settings)
    services = build_services(settings)
    if args.no_engine:
        services.answering.kennzahlen = None
    system = PlanwissenSystem(services)
    wanted = set(CATEGORIES) if args.categories == "alle" else set(args.categories.split(","))
    cases = [c for c in load_eval_set().cases if c.category in wanted and (args.split == "all" or c.split == args.split)]
    outputs: dict[str, CaseOutput] = {}
    times: dict[str, float] = {}
    system.answer("Welcher Sozialraum hat die höchste Kinderarmut?")  # warm up
    for case in cases:
        start = time.perf_counter()
        answer = system.answer(case.question)
        times[case.id] = (time.perf_counter() - start) * 1000
        outputs[case.id] = CaseOutput(case_id=case.id, answer=answer)
    scores = answer_score(cases, outputs).per_question
    precision = citation_precision(cases, outputs, load_eval_set().aliases).per_question
    table: dict[tuple[str, str], list[float]] = defaultdict(list)
    cited: dict[tuple[str, str], list[float]] = defaultdict(list)
    for case in cases:
        table[(case.category, case.split or "?")].append(scores.get(case.id, 0.0))
        if case.id in precision:
            cited[(case.category, case.split or "?")].append(precision[case.id])
    print("| Kategorie | Split | n | Antwort-Score | Zitat-Präzision (n) |")
    print("|---|---|---|---|---|")
    for category in [c for c in CATEGORIES if c in wanted]:
        for split in ("dev", "test"):
            values = table.get((category, split))
            if values:
                prec = cited.get((category, split), [])
                prec_text = f"{sum(prec) / len(prec):.2f} ({len(prec)})" if prec else "–"
                print(f"| {category} | {split} | {len(values)} | {sum(values) / len(values):.2f} | {prec_text} |")
    for split in ("dev", "test"):
        pooled = [v for (_c, s), vs in cited.items() if s == split for v in vs]
        if pooled:
            print(f"| alle | {split} | – | – | {sum(pooled) / len(pooled):.2f} ({len(pooled)}) |")
    ordered = sorted(times.values())
    if ordered:
        print(f"\nAntwortzeit ask() warm (Retrieval + Engine): p50 {ordered[len(ordered) // 2]:.0f} ms, "
              f"p95 {ordered[int(0.95 * (len(ordered) - 1))]:.0f} ms")
    if args.show_wrong:
        for case in cases:
            if case.split == "dev" and scores.get(case.id, 0.0) < 1.0:
                text = outputs[case.id].answer.text if outputs[case.id].answer else ""
                print(f"\n--- {case.id} {scores.get(case.id, 0.0):.2f}: {case.question}\n"
                      f"    facts: {list(case.facts)}\n{text[:700]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

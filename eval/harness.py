"""Runs the eval set through planwissen and the baseline in the same run and scores both the same way."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.core.types import Turn
from eval.dataset import CATEGORIES, SPLITS, EvalCase, EvalSet
from eval.metrics import MetricResult, all_metrics
from eval.records import CaseOutput
from eval.systems import EvaluatedSystem

log = logging.getLogger(__name__)

#: Ranks looked at for hit@k and MRR.
RETRIEVAL_KS: tuple[int, ...] = (1, 5, 10)
RETRIEVAL_METRICS = {f"hit@{k}" for k in RETRIEVAL_KS} | {"mrr"}


@dataclass
class SplitScores:
    """Scores of one split (dev or test): overall and per category."""

    overall: dict[str, MetricResult]
    categories: dict[str, dict[str, MetricResult]] = field(default_factory=dict)

    def summary(self) -> dict:
        return {
            "overall": {name: r.overall for name, r in self.overall.items()},
            "categories": {cat: {name: r.overall for name, r in metrics.items()} for cat, metrics in self.categories.items()},
        }


@dataclass
class SystemRun:
    """One system's outputs and scores: over all questions, per category, and the same per split (dev, test)."""

    name: str
    outputs: dict[str, CaseOutput]
    overall: dict[str, MetricResult]
    categories: dict[str, dict[str, MetricResult]] = field(default_factory=dict)
    info: dict = field(default_factory=dict)
    splits: dict[str, SplitScores] = field(default_factory=dict)

    def summary(self) -> dict:
        """Plain numbers: {"overall": {metric: score}, "categories": {category: {metric: score}},
        "splits": {"dev"|"test": {"overall": …, "categories": …}}}."""
        return {
            **SplitScores(self.overall, self.categories).summary(),
            "splits": {name: scores.summary() for name, scores in self.splits.items()},
        }

    def split_summary(self, split: str) -> dict:
        """The summary of one split ({"overall": {}, "categories": {}} when it has no questions)."""
        return self.summary()["splits"].get(split, {"overall": {}, "categories": {}})


def answers(system: EvaluatedSystem) -> bool:
    """False for retrieval-only variants (e.g. dense-only), which are scored on hit@k and MRR alone."""
    return getattr(system, "answers", True)


def _scores(cases: Sequence[EvalCase], eval_set: EvalSet, outputs: dict[str, CaseOutput], retrieval_only: bool) -> dict[str, MetricResult]:
    found = all_metrics(cases, outputs, eval_set.aliases, eval_set.universes, RETRIEVAL_KS)
    return {k: v for k, v in found.items() if k in RETRIEVAL_METRICS} if retrieval_only else found


def converses(system: EvaluatedSystem) -> bool:
    """True for systems that take a conversation's earlier turns (planwissen); the others get only the last turn."""
    return getattr(system, "conversational", False)


def conversation_history(system: EvaluatedSystem, case: EvalCase) -> list[Turn]:
    """The earlier turns of a conversation as the system saw them: each asked in order (with the history before it),
    its answer text kept, so the last turn is asked as a user would in a real conversation."""
    history: list[Turn] = []
    for question in case.earlier_turns:
        answer = system.answer(question, history=list(history))
        history.append(Turn(question=question, answer_text=answer.text, understood_as=answer.understood_as))
    return history


def run_system(
    system: EvaluatedSystem, cases: Sequence[EvalCase], k: int = max(RETRIEVAL_KS), progress: Callable[[int, int], None] | None = None
) -> dict[str, CaseOutput]:
    """Ask every question; a failing question is recorded with its error and scored as a miss.

    Retrieval (hit@k, MRR) always sees the question alone — for a follow-up, its last turn; only the answer of a
    conversational system gets the earlier turns."""
    outputs: dict[str, CaseOutput] = {}
    for index, case in enumerate(cases, start=1):
        output = CaseOutput(case_id=case.id)
        try:
            started = time.perf_counter()
            output.retrieved = system.retrieve(case.question, k)
            output.search_ms = (time.perf_counter() - started) * 1000
            if answers(system):
                history = conversation_history(system, case) if case.earlier_turns and converses(system) else None
                started = time.perf_counter()
                output.answer = system.answer(case.question, history=history) if history is not None else system.answer(case.question)
                output.ask_ms = (time.perf_counter() - started) * 1000
        except Exception as exc:  # one broken question must not hide the scores of the other 150
            log.exception("%s failed on %s", system.name, case.id)
            output.error = f"{type(exc).__name__}: {exc}"
        outputs[case.id] = output
        if progress is not None:
            progress(index, len(cases))
    return outputs


def score(
    name: str, eval_set: EvalSet, outputs: dict[str, CaseOutput], cases: Sequence[EvalCase] | None = None, retrieval_only: bool = False
) -> SystemRun:
    """Every metric (retrieval metrics only for a system that writes no answers) overall and per category, over all
    questions and per split."""
    cases = list(cases if cases is not None else eval_set.cases)
    everything = _split_scores(cases, eval_set, outputs, retrieval_only)
    run = SystemRun(name, outputs, everything.overall, everything.categories)
    for split in SPLITS:
        members = [c for c in cases if c.split == split]
        if members:
            run.splits[split] = _split_scores(members, eval_set, outputs, retrieval_only)
    return run


def _split_scores(cases: Sequence[EvalCase], eval_set: EvalSet, outputs: dict[str, CaseOutput], retrieval_only: bool) -> SplitScores:
    overall = _scores(cases, eval_set, outputs, retrieval_only)
    grouped: dict[str, list[EvalCase]] = {}
    for case in cases:
        grouped.setdefault(case.category, []).append(case)
    order = [c for c in CATEGORIES if c in grouped] + sorted(c for c in grouped if c not in CATEGORIES)
    return SplitScores(overall, {cat: _scores(grouped[cat], eval_set, outputs, retrieval_only) for cat in order})


def evaluate(
    eval_set: EvalSet,
    systems: Sequence[EvaluatedSystem],
    cases: Sequence[EvalCase] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[SystemRun]:
    """Run and score each system on the same cases."""
    cases = list(cases if cases is not None else eval_set.cases)
    runs = []
    for system in systems:

        def tick(done: int, total: int, _name: str = system.name) -> None:
            if progress is not None:
                progress(_name, done, total)

        outputs = run_system(system, cases, progress=tick)
        run = score(system.name, eval_set, outputs, cases, retrieval_only=not answers(system))
        search = sorted(o.search_ms for o in outputs.values() if not o.error)
        ask = sorted(o.ask_ms for o in outputs.values() if not o.error and o.answer is not None)
        run.info.update(
            {
                "errors": {cid: o.error for cid, o in outputs.items() if o.error},
                "search_ms_p50": _percentile(search, 50),
                "search_ms_p95": _percentile(search, 95),
                "ask_ms_p50": _percentile(ask, 50),
                "ask_ms_p95": _percentile(ask, 95),
            }
        )
        runs.append(run)
    return runs


def _percentile(values: Sequence[float], pct: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]

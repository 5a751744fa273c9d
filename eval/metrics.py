"""The eval metrics as plain functions. Each returns the overall score and the score of every question it applies to.

A metric applies only to some questions (list recall to list questions, refusal accuracy to unanswerable
ones …); `overall` is the mean over those, or None when none apply.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from eval.dataset import EvalCase, GoldSource
from eval.normalize import contains, fact_text, fold, normalize
from eval.records import CaseOutput, Located


@dataclass
class MetricResult:
    """Overall score and per-question scores (question id -> score in [0, 1])."""

    name: str
    overall: float | None
    per_question: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_scores(cls, name: str, scores: dict[str, float]) -> MetricResult:
        overall = sum(scores.values()) / len(scores) if scores else None
        return cls(name, overall, scores)


Outputs = Mapping[str, CaseOutput]


# -- matching ------------------------------------------------------------------------------------


def section_matches(gold_section: str, sections: Sequence[str]) -> bool:
    """The gold section (e.g. 'Sozialraumteams' or '§ 80') occurs as a whole heading part in one of the sections."""
    needle = normalize(gold_section)
    if not needle:
        return False
    pattern = r"(?<![0-9a-z])" + re.escape(needle) + r"(?![0-9a-z])"
    return any(re.search(pattern, normalize(s)) for s in sections)


def source_matches(passage: Located, gold: GoldSource) -> bool:
    """A passage supports a gold source when it comes from the gold document and, if the gold gives a
    place, from that place: a gold page or data row (within the gold section, if one is given too), or the gold section."""
    if passage.doc_id != gold.doc:
        return False
    if not gold.located:
        return True
    in_section = not gold.section or section_matches(gold.section, passage.sections)
    if gold.pages or gold.rows:
        # a section given beside pages/rows narrows them (e.g. rows of the sheet "Angebote", not of "Übersicht")
        return in_section and bool(passage.pages & gold.pages or passage.rows & gold.rows)
    return in_section


def first_gold_rank(case: EvalCase, retrieved: Sequence[Located]) -> int | None:
    """1-based rank of the first retrieved passage that matches a gold source."""
    for rank, passage in enumerate(retrieved, start=1):
        if any(source_matches(passage, gold) for gold in case.sources):
            return rank
    return None


def _fact_found(fact, text_normalized: str) -> bool:
    """A fact (or one of its alternatives, when it is a list) occurs in the normalised text."""
    alternatives = fact if isinstance(fact, list | tuple) else [fact]
    return any(contains(text_normalized, fact_text(alt)) for alt in alternatives)


def _answerable_with_gold(case: EvalCase) -> bool:
    return case.answerable and bool(case.sources)


# -- retrieval -----------------------------------------------------------------------------------


def hit_at_k(cases: Sequence[EvalCase], outputs: Outputs, k: int) -> MetricResult:
    """1 when a passage from a gold source is among the first k retrieved, else 0 (answerable questions)."""
    scores: dict[str, float] = {}
    for case in cases:
        if not _answerable_with_gold(case) or case.id not in outputs:
            continue
        rank = first_gold_rank(case, outputs[case.id].retrieved)
        scores[case.id] = 1.0 if rank is not None and rank <= k else 0.0
    return MetricResult.from_scores(f"hit@{k}", scores)


def mrr(cases: Sequence[EvalCase], outputs: Outputs, cutoff: int = 10) -> MetricResult:
    """Reciprocal rank of the first gold passage within the first `cutoff` retrieved (0 when none)."""
    scores: dict[str, float] = {}
    for case in cases:
        if not _answerable_with_gold(case) or case.id not in outputs:
            continue
        rank = first_gold_rank(case, outputs[case.id].retrieved[:cutoff])
        scores[case.id] = 1.0 / rank if rank else 0.0
    return MetricResult.from_scores("mrr", scores)


# -- lists ---------------------------------------------------------------------------------------


def _variant_pattern(variant: str) -> re.Pattern:
    needle = normalize(variant)
    start = r"(?<![0-9a-z])" if needle[:1].isalnum() else ""
    end = r"(?![0-9a-z])" if needle[-1:].isalnum() else ""
    return re.compile(start + re.escape(needle) + end)


def items_in_text(text: str, universe: Sequence[str], variants_of) -> set[str]:
    """Which items of the universe the text names (via any alias).

    Longer names are matched first and their spans consumed, so 'AWO' inside 'AWO Begegnungsstätte
    Vorhalle' is not counted as the item 'AWO' as well.
    """
    normalized = normalize(text)
    occupied = [False] * len(normalized)
    candidates: list[tuple[str, str]] = []
    for item in universe:
        for variant in variants_of(item):
            if normalize(variant):
                candidates.append((item, variant))
    candidates.sort(key=lambda pair: len(normalize(pair[1])), reverse=True)
    found: set[str] = set()
    for item, variant in candidates:
        for match in _variant_pattern(variant).finditer(normalized):
            if not any(occupied[match.start() : match.end()]):
                found.add(item)
                for i in range(match.start(), match.end()):
                    occupied[i] = True
    return found


def _list_universe(case: EvalCase, universes: Mapping[str, Sequence[str]]) -> list[str]:
    universe = list(universes.get(case.list_field, ())) if case.list_field else []
    for item in case.expected:
        if item not in universe:
            universe.append(item)
    return universe


def _variants_fn(aliases: Mapping[str, Sequence[str]]):
    def variants_of(item: str) -> list[str]:
        found = [item]
        folded = fold(item)
        for canonical, others in aliases.items():
            group = [canonical, *others]
            if folded in {fold(g) for g in group}:
                found.extend(g for g in group if g not in found)
        return found

    return variants_of


def _answer_text(output: CaseOutput | None) -> str:
    if output is None or output.answer is None or output.answer.refused:
        return ""
    return output.answer.text


def list_recall(
    cases: Sequence[EvalCase],
    outputs: Outputs,
    aliases: Mapping[str, Sequence[str]] | None = None,
    universes: Mapping[str, Sequence[str]] | None = None,
) -> MetricResult:
    """Share of the expected items the answer names (list questions)."""
    variants_of = _variants_fn(aliases or {})
    scores: dict[str, float] = {}
    for case in cases:
        if not case.is_list or case.id not in outputs:
            continue
        found = items_in_text(_answer_text(outputs[case.id]), _list_universe(case, universes or {}), variants_of)
        scores[case.id] = len(found & set(case.expected)) / len(case.expected)
    return MetricResult.from_scores("list_recall", scores)


def list_precision(
    cases: Sequence[EvalCase],
    outputs: Outputs,
    aliases: Mapping[str, Sequence[str]] | None = None,
    universes: Mapping[str, Sequence[str]] | None = None,
) -> MetricResult:
    """Share of the named items (out of all items of that kind) that belong to the expected set.

    An answer that names no item scores 0 (it answered nothing), not 1.
    """
    variants_of = _variants_fn(aliases or {})
    scores: dict[str, float] = {}
    for case in cases:
        if not case.is_list or case.id not in outputs:
            continue
        found = items_in_text(_answer_text(outputs[case.id]), _list_universe(case, universes or {}), variants_of)
        scores[case.id] = len(found & set(case.expected)) / len(found) if found else 0.0
    return MetricResult.from_scores("list_precision", scores)


# -- answers -------------------------------------------------------------------------------------


def fact_recall(cases: Sequence[EvalCase], outputs: Outputs) -> MetricResult:
    """Share of the required facts that appear in the answer text (answerable questions with facts)."""
    scores: dict[str, float] = {}
    for case in cases:
        if not case.answerable or not case.facts or case.id not in outputs:
            continue
        text = normalize(_answer_text(outputs[case.id]))
        scores[case.id] = sum(_fact_found(f, text) for f in case.facts) / len(case.facts)
    return MetricResult.from_scores("fact_recall", scores)


def _supported_facts(case: EvalCase, aliases: Mapping[str, Sequence[str]]) -> list:
    variants_of = _variants_fn(aliases)
    return list(case.facts) + [variants_of(item) for item in case.expected]


def _citations(output: CaseOutput | None) -> list[Located]:
    if output is None or output.answer is None or output.answer.refused:
        return []
    return output.answer.citations


def citation_precision(cases: Sequence[EvalCase], outputs: Outputs, aliases: Mapping[str, Sequence[str]] | None = None) -> MetricResult:
    """Share of an answer's citations whose passage contains at least one fact (or expected item) of the question.

    Applies to answerable questions whose answer cites something; an uncited answer is not scored here
    (fact recall catches it).
    """
    scores: dict[str, float] = {}
    for case in cases:
        citations = _citations(outputs.get(case.id))
        if not case.answerable or not citations:
            continue
        supported = _supported_facts(case, aliases or {})
        if not supported:
            continue
        good = sum(any(_fact_found(f, normalize(c.text)) for f in supported) for c in citations)
        scores[case.id] = good / len(citations)
    return MetricResult.from_scores("citation_precision", scores)


def citation_page_accuracy(cases: Sequence[EvalCase], outputs: Outputs) -> MetricResult:
    """Share of citations into a gold document with a gold page/row whose page/row is a gold one."""
    scores: dict[str, float] = {}
    for case in cases:
        if not case.answerable:
            continue
        located = {g.doc: g for g in case.sources if g.pages or g.rows}
        if not located:
            continue
        relevant = [c for c in _citations(outputs.get(case.id)) if c.doc_id in located]
        if not relevant:
            continue
        gold_pages: dict[str, set[int]] = {}
        gold_rows: dict[str, set[int]] = {}
        for g in case.sources:
            gold_pages.setdefault(g.doc, set()).update(g.pages)
            gold_rows.setdefault(g.doc, set()).update(g.rows)
        good = sum(bool(c.pages & gold_pages[c.doc_id] or c.rows & gold_rows[c.doc_id]) for c in relevant)
        scores[case.id] = good / len(relevant)
    return MetricResult.from_scores("citation_page_accuracy", scores)


def _refused(output: CaseOutput | None) -> bool:
    return output is not None and output.answer is not None and output.answer.refused


def refusal_accuracy(cases: Sequence[EvalCase], outputs: Outputs) -> MetricResult:
    """1 when an unanswerable question was declined, else 0."""
    scores = {c.id: float(_refused(outputs[c.id])) for c in cases if not c.answerable and c.id in outputs}
    return MetricResult.from_scores("refusal_accuracy", scores)


def false_refusal_rate(cases: Sequence[EvalCase], outputs: Outputs) -> MetricResult:
    """1 when an answerable question was declined (lower is better)."""
    scores = {c.id: float(_refused(outputs[c.id])) for c in cases if c.answerable and c.id in outputs}
    return MetricResult.from_scores("false_refusal_rate", scores)


def answer_score(
    cases: Sequence[EvalCase],
    outputs: Outputs,
    aliases: Mapping[str, Sequence[str]] | None = None,
    universes: Mapping[str, Sequence[str]] | None = None,
) -> MetricResult:
    """One headline score per question, comparable across categories: list recall for list questions,
    refusal for unanswerable ones, fact recall for the rest."""
    scores: dict[str, float] = {}
    lists = list_recall(cases, outputs, aliases, universes).per_question
    facts = fact_recall(cases, outputs).per_question
    refusals = refusal_accuracy(cases, outputs).per_question
    for case in cases:
        if case.id in lists:
            score = lists[case.id]
            if case.id in facts:
                score = (score + facts[case.id]) / 2
            scores[case.id] = score
        elif case.id in refusals:
            scores[case.id] = refusals[case.id]
        elif case.id in facts:
            scores[case.id] = facts[case.id]
    return MetricResult.from_scores("answer_score", scores)


#: Metrics where higher is better except the one named here.
LOWER_IS_BETTER = {"false_refusal_rate"}


def all_metrics(
    cases: Sequence[EvalCase],
    outputs: Outputs,
    aliases: Mapping[str, Sequence[str]] | None = None,
    universes: Mapping[str, Sequence[str]] | None = None,
    ks: Sequence[int] = (1, 5, 10),
) -> dict[str, MetricResult]:
    """Every metric over the given cases, keyed by metric name."""
    results = [hit_at_k(cases, outputs, k) for k in ks]
    results += [
        mrr(cases, outputs, cutoff=max(ks)),
        answer_score(cases, outputs, aliases, universes),
        fact_recall(cases, outputs),
        list_recall(cases, outputs, aliases, universes),
        list_precision(cases, outputs, aliases, universes),
        citation_precision(cases, outputs, aliases),
        citation_page_accuracy(cases, outputs),
        refusal_accuracy(cases, outputs),
        false_refusal_rate(cases, outputs),
    ]
    return {r.name: r for r in results}

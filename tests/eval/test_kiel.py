"""The Kiel check (real open data nobody here wrote): ≥ 90 % of the questions answered with the right value and row."""

from __future__ import annotations

import pytest

from eval.kiel import DEFAULT_SHARED, kiel_dir, load_questions, run


def test_question_set_is_large_and_complete():
    questions = load_questions()
    assert len(questions) >= 30
    assert {"lookup", "rank", "count", "threshold", "trend", "age_sum"} <= {q["kind"] for q in questions}
    assert all(q["facts"] and q["rows"] and q["doc"] for q in questions)


@pytest.mark.slow
def test_kiel_open_data_is_answered_with_row_citations():
    if not kiel_dir(DEFAULT_SHARED).is_dir():
        pytest.skip(f"../shared fehlt: {kiel_dir(DEFAULT_SHARED)} ist nicht vorhanden (Kieler Open-Data-Dateien des Projektinhabers)")
    report = run(DEFAULT_SHARED)
    wrong = [r.id for r in report.results if not r.correct]
    assert report.score >= 0.9, wrong
    assert sorted(r.ms for r in report.results)[len(report.results) // 2] < 100  # warm median well under 100 ms

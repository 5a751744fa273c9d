"""eval/calibrate.py on a tiny fake setup: picks the best dev value, never asks a test question, checks its inputs."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.core.settings import Settings
from assistant.core.types import Answer
from eval.calibrate import CalibrationError, apply, calibrate, env_lines, parse_sweep, render
from eval.dataset import EvalSet, case_from_dict


def _cases() -> EvalSet:
    raw = [
        {"id": "a1", "question": "Quote Haspe?", "category": "zahlen", "facts": ["19,6"], "sources": [{"doc": "d"}], "split": "dev"},
        {"id": "a2", "question": "Quote Mitte?", "category": "zahlen", "facts": ["23,2"], "sources": [{"doc": "d"}], "split": "dev"},
        {"id": "u1", "question": "Quote Gevelsberg?", "category": "verlockend-unbeantwortbar", "answerable": False, "split": "dev"},
        {"id": "t1", "question": "GEHEIME TESTFRAGE", "category": "zahlen", "facts": ["1"], "sources": [{"doc": "d"}], "split": "test"},
    ]
    return EvalSet([case_from_dict(r) for r in raw])


FIGURES = {"Quote Haspe?": "19,6", "Quote Mitte?": "23,2"}


class ThresholdAnswering:
    """Refuses when the asked question's 'score' is below min_dense_score: known figures score 0.85, the rest 0.75."""

    def __init__(self, threshold: float, asked: list):
        self.threshold = threshold
        self.asked = asked

    def ask(self, question, filters=None, history=None):
        self.asked.append(question)
        strength = 0.85 if question in FIGURES else 0.75
        if strength < self.threshold:
            return Answer(question, "Dazu finde ich in den Dokumenten nichts.", refused=True)
        return Answer(question, f"Der Wert ist {FIGURES.get(question, '0,1')} %.")


def _factory(asked: list, built: list):
    def services_for(settings: Settings):
        built.append(settings.retrieval.min_dense_score)
        retrieval = SimpleNamespace(search=lambda q, filters=None, k=None: [])
        return SimpleNamespace(retrieval=retrieval, answering=ThresholdAnswering(settings.retrieval.min_dense_score, asked))

    return services_for


def test_calibration_picks_the_best_dev_value_and_never_asks_test_questions():
    asked: list = []
    built: list = []
    settings = Settings()
    sweeps = [parse_sweep("retrieval.min_dense_score=0.70,0.80,0.90", settings)]
    result = calibrate(_cases(), settings, sweeps, _factory(asked, built))
    assert result.best.values == {"retrieval.min_dense_score": 0.8}
    assert result.best.scores["answer_score"] == 1.0 and result.best.scores["false_refusal_rate"] == 0.0
    assert "GEHEIME TESTFRAGE" not in asked and result.dev_questions == 3
    assert built == [0.80, 0.70, 0.90]  # the current value first; a repeated setting is not run twice
    text = render(result)
    assert "dev-Split (3 Fragen)" in text and "PLANWISSEN_RETRIEVAL__MIN_DENSE_SCORE=0.8" in text
    assert "Best dense cosine" in text  # the field's description is shown


def test_grid_mode_and_lower_is_better_metrics():
    asked: list = []
    settings = Settings()
    sweeps = [parse_sweep("retrieval.min_dense_score=0.70,0.90", settings), parse_sweep("retrieval.top_k=4,8", settings)]
    result = calibrate(_cases(), settings, sweeps, _factory(asked, []), metric="false_refusal_rate", mode="grid")
    assert len(result.trials) == 4
    assert result.best.values["retrieval.min_dense_score"] == 0.7 and result.best.scores["false_refusal_rate"] == 0.0


def test_fields_and_values_are_checked_against_the_settings_tree():
    settings = Settings()
    with pytest.raises(CalibrationError, match="kein Feld 'min_dense'"):
        parse_sweep("retrieval.min_dense=0.7", settings)
    with pytest.raises(CalibrationError, match="top_k=0"):
        parse_sweep("retrieval.top_k=8,0", settings)
    with pytest.raises(CalibrationError, match="wert1"):
        parse_sweep("retrieval.top_k", settings)
    changed = apply(settings, {("retrieval", "rrf_k"): 60})
    assert changed.retrieval.rrf_k == 60 and settings.retrieval.rrf_k == 30 and changed.retrieval.top_k == settings.retrieval.top_k
    assert env_lines({"retrieval.rrf_k": 60}) == ["PLANWISSEN_RETRIEVAL__RRF_K=60"]


def test_a_question_without_split_or_an_unknown_metric_stops_the_calibration():
    settings = Settings()
    sweeps = [parse_sweep("retrieval.min_dense_score=0.8", settings)]
    unsplit = EvalSet([case_from_dict({"id": "x", "question": "Q?", "category": "zahlen", "facts": ["1"], "sources": [{"doc": "d"}]})])
    with pytest.raises(CalibrationError, match="Split"):
        calibrate(unsplit, settings, sweeps, _factory([], []))
    with pytest.raises(CalibrationError, match="unbekannte Kennzahl"):
        calibrate(_cases(), settings, sweeps, _factory([], []), metric="schönheit")

"""`planwissen eval --from-feedback`: thumbs-down feedback becomes draft eval cases; thumbs-up is left out."""

from __future__ import annotations

import yaml

from assistant.adapters.sqlite_feedback import sqlite_feedback_service
from assistant.cli.eval_cmd import eval_command
from assistant.core.settings import Settings


def test_thumbs_down_feedback_becomes_draft_cases(tmp_path):
    feedback = sqlite_feedback_service(tmp_path / "data")
    feedback.record(rating="up", question="Was ist ein Sozialraumteam?", answer="Ein Team [1].")
    feedback.record(
        rating="down",
        question="Welche Partner gibt es in Haspe zum Thema Armut?",
        answer="Die AWO [1].",
        citations=[{"doc_id": "angebote-2024", "row": 12, "quote": "AWO"}],
        comment="Liste unvollständig",
    )
    out = tmp_path / "drafts.yaml"
    assert eval_command(Settings(data_dir=tmp_path / "data"), from_feedback=True, out=out) == 0
    [draft] = yaml.safe_load(out.read_text(encoding="utf-8"))["questions"]
    assert draft["question"] == "Welche Partner gibt es in Haspe zum Thema Armut?"
    assert draft["category"].startswith("TODO") and draft["facts"][0].startswith("TODO")
    assert draft["feedback"]["cited"] == [{"doc": "angebote-2024", "row": 12}]
    assert "Liste unvollständig" in draft["note"]


def test_no_feedback_file_is_not_an_error(tmp_path):
    assert eval_command(Settings(data_dir=tmp_path / "empty"), from_feedback=True, out=tmp_path / "d.yaml") == 0
    assert not (tmp_path / "d.yaml").exists()

"""eval/split.py: new ids are added balanced per category, existing ones never move, broken input fails clearly."""

from __future__ import annotations

import hashlib

import pytest
import yaml

from eval.dataset import DEFAULT_SPLITS, case_from_dict, load_probes, load_splits, validate
from eval.split import QUESTIONS, SplitError, assign, main, missing, update


def _sha1_order(ids):
    return sorted(ids, key=lambda i: hashlib.sha1(i.encode()).hexdigest())


def _write(path, questions, splits=None):
    path.write_text(yaml.safe_dump({"questions": questions}, allow_unicode=True), encoding="utf-8")
    if splits is not None:
        (path.parent / "splits.yaml").write_text(yaml.safe_dump({"splits": splits}), encoding="utf-8")


def test_a_fresh_category_alternates_dev_and_test_in_sha1_order():
    ids = [f"neu-{n:02d}" for n in range(1, 8)]
    added = assign(dict.fromkeys(ids, "neu"), {})
    assert [added[i] for i in _sha1_order(ids)] == ["dev", "test", "dev", "test", "dev", "test", "dev"]


def test_new_ids_fill_the_smaller_split_of_their_category_and_existing_ones_never_move():
    existing = {"a-1": "dev", "a-2": "dev", "a-3": "dev", "b-1": "test"}
    categories = {"a-1": "a", "a-2": "a", "a-3": "a", "a-4": "a", "a-5": "a", "b-1": "b", "b-2": "b", "c-1": "c"}
    added = assign(categories, existing)
    assert set(added) == {"a-4", "a-5", "b-2", "c-1"}
    assert added["a-4"] == added["a-5"] == "test"  # a had 3 dev, 0 test
    assert added["b-2"] == "dev" and added["c-1"] == "dev"
    assert assign(categories, {**existing, **added}) == {}


def test_update_writes_missing_ids_keeps_the_old_ones_and_reports_orphans(tmp_path):
    questions = tmp_path / "questions.yaml"
    _write(questions, [{"id": "x-1", "category": "x"}, {"id": "x-2", "category": "x"}], {"x-1": "test", "weg-1": "dev"})
    splits = tmp_path / "splits.yaml"
    added, orphans = update(questions, splits)
    assert added == {"x-2": "dev"} and orphans == ["weg-1"]
    assert load_splits(splits) == {"x-1": "test", "x-2": "dev", "weg-1": "dev"}
    assert splits.read_text(encoding="utf-8").startswith("# Fixed dev/test split")
    assert update(questions, splits) == ({}, ["weg-1"])
    assert missing(questions, splits) == []


def test_broken_questions_fail_with_a_clear_message(tmp_path, capsys):
    questions = tmp_path / "questions.yaml"
    _write(questions, [{"id": "x-1", "category": "x"}, {"id": "x-1", "category": "x"}], {})
    with pytest.raises(SplitError, match="doppelte id"):
        update(questions, tmp_path / "splits.yaml")
    _write(questions, [{"id": "x-1"}], {})
    assert main(["--questions", str(questions), "--splits", str(tmp_path / "splits.yaml")]) == 2
    assert "category" in capsys.readouterr().err
    (tmp_path / "splits.yaml").write_text("splits: {x-1: train}\n", encoding="utf-8")
    _write(questions, [{"id": "x-1", "category": "x"}])
    with pytest.raises(SplitError, match="unbekannte Splits"):
        update(questions, tmp_path / "splits.yaml")
    questions.write_text("questions:\n<<<<<<< HEAD\n- id: x-1\n", encoding="utf-8")
    with pytest.raises(SplitError, match="nicht lesbar"):
        update(questions, tmp_path / "splits.yaml")


def test_check_mode_names_the_questions_without_a_split(tmp_path, capsys):
    questions = tmp_path / "questions.yaml"
    _write(questions, [{"id": "x-1", "category": "x"}, {"id": "x-2", "category": "x"}], {"x-1": "dev"})
    assert main(["--check", "--questions", str(questions), "--splits", str(tmp_path / "splits.yaml")]) == 1
    assert "x-2" in capsys.readouterr().err


def test_a_question_without_split_entry_is_an_error():
    case = case_from_dict({"id": "neu-1", "question": "Was ist X?", "category": "definition", "facts": ["X"], "sources": [{"doc": "d"}]})
    from eval.dataset import EvalSet

    [problem] = validate(EvalSet([case]))
    assert "neu-1" in problem and "eval/splits.yaml" in problem and "python -m eval.split" in problem


def test_repository_questions_all_have_a_split():
    assert missing(QUESTIONS, DEFAULT_SPLITS) == [], "python -m eval.split ausführen"


def test_probes_are_dev_stay_probes_and_do_not_tilt_the_balance_of_new_questions(tmp_path):
    questions = tmp_path / "questions.yaml"
    _write(questions, [{"id": f"x-{n}", "category": "x"} for n in range(1, 4)], {"x-1": "dev"})
    splits = tmp_path / "splits.yaml"
    assert update(questions, splits, probe=True)[0] == {"x-2": "dev", "x-3": "dev"}
    assert load_probes(splits) == ["x-2", "x-3"] and load_splits(splits)["x-3"] == "dev"
    _write(questions, [{"id": f"x-{n}", "category": "x"} for n in range(1, 5)])
    assert update(questions, splits)[0] == {"x-4": "test"}  # balanced against x-1 only: the probes do not count
    assert load_probes(splits) == ["x-2", "x-3"]
    assert yaml.safe_load(splits.read_text(encoding="utf-8"))["splits"] == {"x-1": "dev", "x-4": "test"}

"""CI gate: `planwissen eval` on the demo corpus with the thresholds in eval/thresholds.yaml must pass.

Runs the real command (real embedder, real Chroma, baseline and dense-only variant in the same run) in a
temporary index, so accuracy cannot silently regress. Ingests the whole demo corpus and embeds the baseline's
chunks: several minutes. PLANWISSEN_TEST_EVAL_INDEX may name an already ingested demo index to start from (it is
copied, never written to).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eval.dataset import CATEGORIES, DEFAULT_DATASET, SPLITS, UNANSWERABLE_CATEGORIES, load_eval_set, load_probes, validate

ROOT = Path(__file__).resolve().parents[2]


def test_eval_set_is_complete_and_valid():
    eval_set = load_eval_set(DEFAULT_DATASET)
    assert validate(eval_set) == []
    groups = eval_set.by_category()
    assert len(eval_set.cases) >= 150 and set(groups) == set(CATEGORIES)
    assert all(len(cases) >= 15 for cases in groups.values()), {k: len(v) for k, v in groups.items()}
    assert all(c.expected and c.sources for c in groups["liste"])
    assert all(len(c.turns) >= 2 for c in groups["folgefrage"])
    assert all(not c.answerable for cat in UNANSWERABLE_CATEGORIES for c in groups[cat])


def test_every_category_is_split_evenly_into_dev_and_test():
    """Stratified split: within each category dev and test differ by at most one question (eval/splits.yaml).
    Probes (written while tuning) are dev only and outside the stratified split."""
    probes = set(load_probes())
    for category, cases in load_eval_set(DEFAULT_DATASET).by_category().items():
        stratified = [c for c in cases if c.id not in probes]
        counts = [sum(c.split == split for c in stratified) for split in SPLITS]
        assert sum(counts) == len(stratified) and max(counts) - min(counts) <= 1, (category, counts)
        assert all(c.split == "dev" for c in cases if c.id in probes), category


@pytest.mark.slow
def test_dataset_is_up_to_date_with_questions_and_corpus(tmp_path):
    """eval/dataset.yaml is generated; a changed question, fact or corpus page must be rebuilt (and still check out)."""
    from eval.build_dataset import build, render

    dataset, problems = build(cache=tmp_path / "units.pkl")
    assert problems == []
    assert render(dataset) == DEFAULT_DATASET.read_text(encoding="utf-8"), "python -m eval.build_dataset ausführen"


@pytest.mark.slow
@pytest.mark.timeout(2400)
def test_planwissen_eval_on_demo_corpus_meets_thresholds(tmp_path):
    index = tmp_path / "eval-index"
    reuse = os.environ.get("PLANWISSEN_TEST_EVAL_INDEX")
    if reuse:
        shutil.copytree(reuse, index)
    env = {**os.environ, "PLANWISSEN_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1", "COLUMNS": "200"}
    started = time.perf_counter()
    proc = subprocess.run(
        [str(Path(sys.executable).parent / "planwissen"), "eval", "--index", str(index), "--out", str(tmp_path / "results")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=2300,
    )
    seconds = time.perf_counter() - started
    print(proc.stdout[-6000:], f"\nWall time: {seconds:.0f} s")
    [out] = list((tmp_path / "results").iterdir())
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["meta"]["gold_unresolved"] == []
    assert set(report["systems"]) == {"planwissen", "baseline", "dense"}
    assert proc.returncode == 0, "\n".join(report["violations"])
    assert not (tmp_path / "data" / "chroma").exists(), "the eval must not write into the configured data directory's index"

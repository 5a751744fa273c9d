"""`planwissen eval --external` plumbing on tiny stand-ins for XQuAD-de and the statutes (fake embedder, real Chroma and BM25)."""

from __future__ import annotations

import json

from assistant.core.settings import Settings
from assistant.testing.fakes import FakeEmbedder
from eval.external import STATUTE_FILES, XQUAD_FILE, StatuteQuestion, rank_scores, run_external_checks, statute_check, xquad_check

PARAGRAPHS = [
    "Die Wupper fließt durch Wuppertal und mündet bei Leverkusen in den Rhein.",
    "Der Kölner Dom ist eine römisch-katholische Kirche im gotischen Baustil.",
    "Die Zugspitze ist mit 2962 Metern der höchste Berg Deutschlands.",
]

QUESTIONS = ["Wo mündet die Wupper?", "In welchem Baustil ist der Kölner Dom?", "Wie hoch ist die Zugspitze?"]


def write_shared(root):
    data = {
        "data": [
            {
                "paragraphs": [
                    {"context": text, "qas": [{"id": f"q{i}", "question": question}]}
                    for i, (text, question) in enumerate(zip(PARAGRAPHS, QUESTIONS, strict=True))
                ]
            }
        ]
    }
    (root / XQUAD_FILE).parent.mkdir(parents=True)
    (root / XQUAD_FILE).write_text(json.dumps(data), encoding="utf-8")
    laws = {
        "sgb2": "## Kapitel 3\n\n### § 16a Kommunale Eingliederungsleistungen\n\nSchuldnerberatung und Suchtberatung sind möglich.\n",
        "sgb8": "## Kapitel 5\n\n### § 80 Jugendhilfeplanung\n\nDie Träger der öffentlichen Jugendhilfe stellen den Bestand fest.\n\n"
        "### § 81 Zusammenarbeit\n\nSie arbeiten mit Schulen und Gerichten zusammen.\n",
        "sgb12": "## Kapitel 9\n\n### § 71 Altenhilfe\n\nAlten Menschen soll Altenhilfe gewährt werden.\n",
    }
    for law, rel in STATUTE_FILES.items():
        (root / rel).write_text(laws[law], encoding="utf-8")


def test_rank_scores():
    scores = rank_scores([1, 3, None, 6])
    assert scores["recall@1"] == 0.25 and scores["recall@5"] == 0.5
    assert abs(scores["mrr@10"] - (1 + 1 / 3 + 1 / 6) / 4) < 1e-9 and scores["n"] == 4


def test_xquad_and_statutes_end_to_end(tmp_path):
    shared = tmp_path / "shared"
    write_shared(shared)
    settings = Settings(data_dir=tmp_path / "user-data")
    embedder = FakeEmbedder()
    result = xquad_check(settings, embedder, shared / XQUAD_FILE, log=lambda *_: None)
    assert result["paragraphs"] == 3 and result["questions"] == 3
    assert result["planwissen"]["recall@5"] == 1.0 and result["baseline"]["recall@5"] == 1.0
    assert result["planwissen"]["recall@1"] >= 2 / 3  # names like "Wupper"/"Zugspitze" are found by BM25
    questions = (
        StatuteQuestion("a", "Wer plant die Jugendhilfe und stellt den Bestand fest?", "sgb8", "§ 80"),
        StatuteQuestion("b", "Gibt es Schuldnerberatung als Eingliederungsleistung?", "sgb2", "§ 16a"),
    )
    statutes = statute_check(settings, embedder, shared, questions=questions, log=lambda *_: None)
    assert statutes["planwissen"]["hit@5"] == 1.0
    assert statutes["per_question"]["a"]["planwissen"] is not None
    assert not (tmp_path / "user-data").exists(), "external checks run in temporary indexes only"


def test_command_writes_report_or_skips(tmp_path, monkeypatch):
    monkeypatch.setattr("assistant.bootstrap.build_embedder", lambda settings: FakeEmbedder())
    settings = Settings(data_dir=tmp_path / "data")
    assert run_external_checks(settings, shared_dir=tmp_path / "absent", out_dir=tmp_path / "out", console=None) == 0
    assert not (tmp_path / "out").exists()
    shared = tmp_path / "shared"
    write_shared(shared)
    assert run_external_checks(settings, shared_dir=shared, out_dir=tmp_path / "out", statutes=False, console=None) == 0
    [report] = (tmp_path / "out").glob("*/external.md")
    assert "XQuAD-de — 3 Absätze, 3 Fragen" in report.read_text(encoding="utf-8")

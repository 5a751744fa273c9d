"""The harness end to end against fakes: both systems run, scores per category, reports on disk, exit code from thresholds."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from assistant.core.settings import Settings
from assistant.core.types import Answer, Chunk, Citation, DocumentMeta, IngestReport, Passage
from assistant.testing.fakes import FakeEmbedder, InMemoryVectorStore
from eval.baseline import LlamaIndexBaseline
from eval.dataset import load_eval_set, validate
from eval.gold_check import unresolved_in_store
from eval.harness import evaluate
from eval.records import SystemAnswer
from eval.systems import DenseOnlySystem, PlanwissenSystem
from eval.thresholds import check

DOC = DocumentMeta(doc_id="profil-haspe", title="Sozialraumprofil Haspe", source_path="/x.pdf", content_hash="h", format="pdf")


def passage(text: str, page: int) -> Passage:
    return Passage(Chunk(chunk_id=f"c{page}", doc_id=DOC.doc_id, ordinal=page, text=text, page=page), DOC, 1.0)


class FakeRetrieval:
    def __init__(self):
        self.filters = []

    def search(self, query, filters=None, k=None):
        self.filters.append(filters)
        if "Quote" in query:
            return [passage("Einwohner", 1), passage("Die SGB-II-Quote in Haspe lag 2024 bei 19,6 %.", 4)]
        return [passage("Irgendwas", 2)]


class FakeAnswering:
    def ask(self, question, filters=None):
        if "Quote" in question:
            hit = passage("Die SGB-II-Quote in Haspe lag 2024 bei 19,6 %.", 4)
            return Answer(
                question,
                "Die SGB-II-Quote lag 2024 bei 19,6 % [1].",
                citations=[Citation(1, DOC.doc_id, DOC.title, "19,6 %", page=4, chunk_id="c4")],
                passages=[hit],
            )
        if "Mond" in question:
            return Answer(question, "Dazu finde ich in den Dokumenten nichts.", refused=True)
        raise RuntimeError("kaputt")


KONZEPT = DocumentMeta(doc_id="konzept", title="Konzept", source_path="/k.md", content_hash="k", format="md")


def fake_store(embedder: FakeEmbedder) -> InMemoryVectorStore:
    """The index the fakes pretend to have: Haspe profile pages 1, 2, 4 and one section of 'konzept'."""
    store = InMemoryVectorStore(embedder.dim)
    chunks = [
        passage("Einwohner", 1).chunk,
        passage("Irgendwas", 2).chunk,
        passage("Die SGB-II-Quote in Haspe lag 2024 bei 19,6 %.", 4).chunk,
    ]
    store.add_chunks(DOC, chunks, embedder.embed_passages([c.text for c in chunks]), [c.chunk_id for c in chunks])
    store.commit_document(DOC)
    steering = Chunk(chunk_id="k1", doc_id="konzept", ordinal=0, text="Die Steuerungsgruppe tagt viermal.", section="Steuerung")
    store.add_chunks(KONZEPT, [steering], embedder.embed_passages([steering.text]), ["k1"])
    store.commit_document(KONZEPT)
    return store


def fake_services(tmp_path: Path):
    ingested = []
    ingestion = SimpleNamespace(ingest=lambda paths, **kw: (ingested.append(paths), IngestReport(unchanged=["x"]))[1])
    embedder = FakeEmbedder()
    return SimpleNamespace(
        retrieval=FakeRetrieval(),
        answering=FakeAnswering(),
        ingestion=ingestion,
        embedder=embedder,
        store=fake_store(embedder),
        settings=Settings(data_dir=tmp_path / "data"),
    ), ingested


@pytest.fixture
def eval_file(tmp_path: Path) -> Path:
    data = {
        "aliases": {"Arbeiterwohlfahrt": ["AWO"]},
        "questions": [
            {
                "id": "z1",
                "question": "Wie hoch war die SGB-II-Quote in Haspe 2024?",
                "category": "zahlen",
                "split": "test",
                "facts": ["19,6"],
                "sources": [{"doc": "profil-haspe", "page": 4}],
            },
            {"id": "u1", "question": "Wie weit ist der Mond entfernt?", "category": "unbeantwortbar", "answerable": False, "split": "test"},
            {
                "id": "d1",
                "question": "Was ist kaputt?",
                "category": "definition",
                "split": "dev",
                "facts": ["Steuerungsgruppe"],
                "sources": [{"doc": "konzept"}],
            },
        ],
    }
    path = tmp_path / "dataset.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_planwissen_system_scores_per_category_and_records_errors(tmp_path, eval_file):
    services, _ = fake_services(tmp_path)
    eval_set = load_eval_set(eval_file)
    [run] = evaluate(eval_set, [PlanwissenSystem(services)])
    assert run.overall["hit@1"].per_question["z1"] == 0.0
    assert run.overall["hit@5"].per_question["z1"] == 1.0
    assert run.overall["mrr"].per_question["z1"] == pytest.approx(0.5)
    assert run.overall["fact_recall"].per_question == {"z1": 1.0, "d1": 0.0}
    assert run.overall["citation_page_accuracy"].per_question == {"z1": 1.0}
    assert run.categories["unbeantwortbar"]["refusal_accuracy"].overall == 1.0
    assert "d1" in run.info["errors"] and "kaputt" in run.info["errors"]["d1"]
    assert all(f.max_confidentiality == "internal" for f in services.retrieval.filters)


def test_baseline_over_files_is_scored_the_same_way(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "konzept.md").write_text(
        "# Steuerung\n\nDie Steuerungsgruppe tagt viermal im Jahr.\n\n# Katzen\n\nKatzen schlafen viel.\n", encoding="utf-8"
    )
    (folder / "tiere.txt").write_text("Hunde bellen laut.\n", encoding="utf-8")
    baseline = LlamaIndexBaseline(FakeEmbedder())
    stats = baseline.build([folder])
    assert stats.documents == 2 and stats.chunks >= 2
    passages = baseline.retrieve("Wie oft tagt die Steuerungsgruppe?", 2)
    assert passages[0].doc_id == "konzept-md"  # ids as planwissen gives them (no manifest: name + ending)
    assert "Steuerung" in passages[0].sections
    answer = baseline.answer("Wie oft tagt die Steuerungsgruppe?")
    assert not answer.refused and "viermal" in answer.text and len(answer.citations) == 2


def test_run_eval_writes_reports_and_fails_below_threshold(tmp_path, eval_file):
    from assistant.cli.eval_cmd import run_eval

    services, ingested = fake_services(tmp_path)
    strict = tmp_path / "strict.yaml"
    strict.write_text("overall:\n  hit@1: 0.9\n  false_refusal_rate: 0.0\n", encoding="utf-8")
    code = run_eval(services, dataset=eval_file, corpus=tmp_path, baseline=False, out_dir=tmp_path / "results", thresholds=strict)
    assert code == 1
    assert ingested == [[tmp_path]]
    [out] = list((tmp_path / "results").iterdir())
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["passed"] is False
    assert any("hit@1" in v for v in report["violations"])
    assert (out / "chart.png").stat().st_size > 1000
    assert "| zahlen | 1 |" in (out / "report.md").read_text(encoding="utf-8")
    lenient = tmp_path / "lenient.yaml"
    lenient.write_text("overall:\n  hit@5: 0.4\n", encoding="utf-8")
    assert run_eval(services, dataset=eval_file, corpus=tmp_path, baseline=False, out_dir=tmp_path / "results", thresholds=lenient) == 0


def test_thresholds_ceiling_and_beat_baseline():
    ours = {"overall": {"hit@5": 0.95, "false_refusal_rate": 0.2}, "categories": {"liste": {"answer_score": 0.5}}}
    theirs = {"overall": {}, "categories": {"liste": {"answer_score": 0.6}}}
    limits = {"overall": {"hit@5": 0.9, "false_refusal_rate": 0.1}, "beat_baseline": ["answer_score"]}
    found = check(ours, limits, theirs)
    assert [(v.scope, v.metric, v.kind) for v in found] == [("overall", "false_refusal_rate", "max"), ("liste", "answer_score", "baseline")]
    assert check(ours, {"overall": {"hit@5": 0.9}}) == []


def test_dense_only_variant_is_scored_on_retrieval_alone(tmp_path, eval_file):
    services, _ = fake_services(tmp_path)
    [run] = evaluate(load_eval_set(eval_file), [DenseOnlySystem(services)])
    assert set(run.overall) == {"hit@1", "hit@5", "hit@10", "mrr"}
    assert run.overall["hit@5"].per_question["z1"] == 1.0  # the only page-4 chunk is among the 4 chunks of the store
    assert run.outputs["z1"].answer is None and not run.info["errors"]


def test_gold_sources_must_exist_in_the_index(tmp_path, eval_file):
    services, _ = fake_services(tmp_path)
    eval_set = load_eval_set(eval_file)
    assert unresolved_in_store(eval_set.cases, services.store) == []
    services.store.delete_document("profil-haspe")
    assert unresolved_in_store(eval_set.cases, services.store) == ["z1: profil-haspe (Seiten [4])"]


def test_beat_baseline_can_be_limited_to_categories_and_compared_with_other_systems():
    ours = {"overall": {"mrr": 0.6}, "categories": {"liste": {"answer_score": 0.9}, "zahlen": {"answer_score": 0.5}}}
    theirs = {"overall": {}, "categories": {"liste": {"answer_score": 0.4}, "zahlen": {"answer_score": 0.7}}}
    limits = {"beat_baseline": ["answer_score"], "beat_baseline_categories": ["liste"], "beat_overall": {"dense": ["mrr"]}}
    assert check(ours, limits, theirs, {"dense": {"overall": {"mrr": 0.5}}}) == []
    found = check(ours, limits, theirs, {"dense": {"overall": {"mrr": 0.7}}})
    assert [(v.scope, v.metric) for v in found] == [("overall vs dense", "mrr")]
    assert len(check(ours, {**limits, "beat_baseline_categories": None}, theirs)) == 1


def test_repository_thresholds_are_well_formed():
    from eval.dataset import CATEGORIES
    from eval.metrics import LOWER_IS_BETTER
    from eval.thresholds import load_thresholds

    limits = load_thresholds()
    assert set(limits["categories"]) <= set(CATEGORIES)
    assert all(0 <= v <= 1 for v in limits["overall"].values())
    assert "false_refusal_rate" in LOWER_IS_BETTER and limits["overall"]["false_refusal_rate"] < 0.5


def test_suggested_floors_come_from_the_dev_split_leave_a_margin_and_are_checked_on_test():
    from eval.thresholds import split_summary, suggest

    dev = {
        "overall": {"hit@5": 0.97, "fact_recall": 0.7, "false_refusal_rate": 0.02, "hit@1": 0.5},
        "categories": {
            "liste": {"answer_score": 1.0},
            "zahlen": {"answer_score": 0.5},
            "verlockend-unbeantwortbar": {"answer_score": 0.5, "refusal_accuracy": 0.5},
        },
    }
    test = {"overall": {"hit@5": 0.2, "fact_recall": 0.1}, "categories": {"liste": {"answer_score": 0.1}}}
    report = {
        "meta": {
            "per_category": {"liste": 20, "zahlen": 40},
            "per_split_category": {"test": {"liste": 10, "zahlen": 20, "verlockend-unbeantwortbar": 8}},
        },
        "systems": {"planwissen": {"overall": test["overall"], "categories": test["categories"], "splits": {"dev": dev, "test": test}}},
    }
    floors = suggest(report)
    assert floors["overall"] == {"hit@5": 0.82, "fact_recall": 0.55, "false_refusal_rate": 0.07}
    assert floors["categories"] == {
        "liste": {"answer_score": 0.7},  # 3 of its 10 test questions below dev
        "zahlen": {"answer_score": 0.35},
        "verlockend-unbeantwortbar": {"answer_score": 0.12, "refusal_accuracy": 0.12},
    }
    assert floors["beat_baseline_categories"] == [] and floors["beat_baseline_overall"] == ["answer_score"]
    assert check(split_summary(report["systems"]["planwissen"], "dev"), floors) == []
    assert check(split_summary(report["systems"]["planwissen"], "test"), floors) != []  # a weak test split fails them
    with pytest.raises(ValueError, match="dev-Split"):
        suggest({"meta": {"per_category": {}}, "systems": {"planwissen": {"overall": {}, "categories": {}}}})


def test_the_baseline_must_be_beaten_overall():
    summary = {"overall": {"answer_score": 0.5}, "categories": {}}
    assert check(summary, {"beat_baseline_overall": ["answer_score"]}, {"overall": {"answer_score": 0.6}, "categories": {}})
    assert not check(summary, {"beat_baseline_overall": ["answer_score"]}, {"overall": {"answer_score": 0.4}, "categories": {}})


class RecordingAnswering:
    """Answers follow-ups only when the earlier turn is in the history; records what it was given."""

    def __init__(self):
        self.calls = []

    def ask(self, question, filters=None, history=None):
        self.calls.append((question, [t.question for t in history] if history is not None else None))
        if question == "Und in Hohenlimburg?" and history and "Kinderarmut" in history[-1].question:
            return Answer(question, "Die Kinderarmut in Hohenlimburg lag 2024 bei 17,2 % [1].")
        if "Kinderarmut" in question:
            return Answer(question, "In Haspe 32,8 %.")
        return Answer(question, "Dazu finde ich in den Dokumenten nichts.", refused=True)


class LastTurnOnly:
    """A system without conversation support (like the baseline)."""

    name = "ohne-verlauf"

    def __init__(self):
        self.asked = []

    def retrieve(self, question, k):
        return []

    def answer(self, question):
        self.asked.append(question)
        return SystemAnswer(text="", refused=True)


def _conversation_set(tmp_path: Path) -> Path:
    data = {
        "questions": [
            {
                "id": "f1",
                "category": "folgefrage",
                "turns": ["Wie hoch ist die Kinderarmut in Haspe?", "Und in Hohenlimburg?"],
                "facts": ["17,2"],
                "sources": [{"doc": "profil-haspe"}],
                "split": "test",
            },
            {"id": "v1", "question": "Wie hoch ist die Quote in Gevelsberg?", "category": "verlockend-unbeantwortbar",
             "answerable": False, "split": "dev"},
        ]
    }
    path = tmp_path / "conversation.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_follow_ups_get_the_earlier_turns_as_history_and_other_systems_only_the_last_turn(tmp_path):
    services, _ = fake_services(tmp_path)
    services.answering = RecordingAnswering()
    eval_set = load_eval_set(_conversation_set(tmp_path), splits=None)
    assert validate(eval_set) == []
    other = LastTurnOnly()
    ours, theirs = evaluate(eval_set, [PlanwissenSystem(services), other])
    first = "Wie hoch ist die Kinderarmut in Haspe?"
    assert services.answering.calls[:2] == [(first, []), ("Und in Hohenlimburg?", [first])]
    assert ours.overall["fact_recall"].per_question["f1"] == 1.0
    assert other.asked == ["Und in Hohenlimburg?", "Wie hoch ist die Quote in Gevelsberg?"]
    assert theirs.overall["fact_recall"].per_question["f1"] == 0.0
    # verlockend-unbeantwortbar is scored like unbeantwortbar: on refusal, per split
    assert ours.splits["dev"].categories["verlockend-unbeantwortbar"]["refusal_accuracy"].overall == 1.0
    assert set(ours.splits) == {"dev", "test"} and "f1" not in ours.splits["dev"].overall["fact_recall"].per_question


def test_thresholds_gate_on_the_test_split_only_and_reports_show_both(tmp_path, eval_file):
    from assistant.cli.eval_cmd import run_eval

    services, _ = fake_services(tmp_path)
    limits = tmp_path / "limits.yaml"
    # d1 (dev) has no facts found and raises; z1 (test) is right: a fact-recall floor of 1.0 holds on test
    limits.write_text("overall:\n  fact_recall: 1.0\n", encoding="utf-8")
    assert run_eval(services, dataset=eval_file, corpus=tmp_path, baseline=False, out_dir=tmp_path / "r", thresholds=limits) == 0
    [out] = list((tmp_path / "r").iterdir())
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["meta"]["per_split"] == {"dev": 1, "test": 2}
    assert report["systems"]["planwissen"]["splits"]["dev"]["overall"]["fact_recall"] == 0.0
    assert report["systems"]["planwissen"]["splits"]["test"]["overall"]["fact_recall"] == 1.0
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "Antwort dev | Antwort test" in md and "| zahlen | 0/1 |" in md and "nur die letzte Frage" in md
    assert "dev" in (out / "report.html").read_text(encoding="utf-8")


def test_a_question_without_split_stops_the_eval(tmp_path, eval_file):
    from assistant.cli.eval_cmd import run_eval

    services, _ = fake_services(tmp_path)
    data = yaml.safe_load(eval_file.read_text(encoding="utf-8"))
    del data["questions"][0]["split"]
    eval_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert run_eval(services, dataset=eval_file, corpus=tmp_path, baseline=False, out_dir=tmp_path / "r") == 2
    assert not (tmp_path / "r").exists()


def test_only_dev_questions_are_listed_one_by_one_so_the_test_split_stays_held_out():
    from eval.report import failing_questions

    def question(qid: str, split: str) -> dict:
        scores = {"answer_score": 0.0, "hit@5": 0.0}
        result = {"scores": scores, "refused": False, "error": None}
        return {"id": qid, "category": "zahlen", "split": split, "question": qid, "planwissen": result}

    report = {"questions": [question("d1", "dev"), question("t1", "test")]}
    assert [row["id"] for row in failing_questions(report)] == ["d1"]
    assert {row["id"] for row in failing_questions(report, split=None)} == {"d1", "t1"}


def test_the_baseline_without_llama_index_stops_with_a_clear_message(tmp_path, eval_file, monkeypatch, capsys):
    from assistant.cli import eval_cmd

    services, _ = fake_services(tmp_path)
    monkeypatch.setattr(eval_cmd, "_baseline_installed", lambda: False)
    assert eval_cmd.run_eval(services, dataset=eval_file, corpus=tmp_path, baseline=True, out_dir=tmp_path / "r") == 2
    assert "--no-baseline" in capsys.readouterr().out
    assert not (tmp_path / "r").exists()

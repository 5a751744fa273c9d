"""FeedbackService on the SQLite store: what is kept, validation, listing and JSONL export for `eval --from-feedback`."""

from __future__ import annotations

import json
import sqlite3
import threading

import pytest

from assistant.adapters.sqlite_feedback import SqliteFeedbackStore, sqlite_feedback_service
from assistant.core.errors import InvalidInputError
from assistant.core.types import Citation
from assistant.services.feedback import FeedbackService

CITATION = Citation(number=1, doc_id="planungskonzept-2023", title="Planungskonzept", quote="Stadtteilkonferenzen", page=4,
                    source_path="/srv/secret/path.pdf", chunk_id="c1")


@pytest.fixture
def feedback(tmp_path) -> FeedbackService:
    return sqlite_feedback_service(tmp_path)


def test_record_keeps_question_answer_citations_comment_and_time(feedback, tmp_path):
    entry = feedback.record(rating="up", question="Welche Beteiligungsformate?", answer="Stadtteilkonferenzen [1]", citations=[CITATION],
                            comment="passt", source="ui", level="internal")
    assert entry.entry_id == 1 and entry.created_at.endswith("+00:00")
    assert (tmp_path / "feedback.sqlite").is_file()
    [stored] = feedback.list()
    assert stored.question == "Welche Beteiligungsformate?" and stored.answer == "Stadtteilkonferenzen [1]"
    assert stored.citations == ({"number": 1, "doc_id": "planungskonzept-2023", "title": "Planungskonzept", "quote": "Stadtteilkonferenzen",
                                 "page": 4, "chunk_id": "c1"},)  # no server paths
    assert (stored.comment, stored.source, stored.level, stored.rating) == ("passt", "ui", "internal", "up")


def test_survives_reopening_and_filters_by_rating(tmp_path):
    first = sqlite_feedback_service(tmp_path)
    first.record(rating="up", question="a", answer="A")
    first.record(rating="down", question="b", answer="B", citations=[{"doc_id": "x", "page": 2}])
    again = sqlite_feedback_service(tmp_path)
    assert [e.question for e in again.list()] == ["a", "b"]
    assert [e.question for e in again.list(rating="down")] == ["b"]
    assert [e.question for e in again.list(limit=1)] == ["a"]


@pytest.mark.parametrize("kwargs", [
    {"rating": "meh", "question": "q", "answer": "a"},
    {"rating": "up", "question": "   ", "answer": "a"},
    {"rating": "up", "question": "q" * 4001, "answer": "a"},
    {"rating": "up", "question": "q", "answer": "a", "comment": "c" * 2001},
    {"rating": "up", "question": "q", "answer": "a", "level": "geheim"},
])
def test_invalid_feedback_is_refused(feedback, kwargs):
    with pytest.raises(InvalidInputError):
        feedback.record(**kwargs)
    assert feedback.list() == []


def test_export_jsonl_for_the_eval(feedback, tmp_path):
    feedback.record(rating="up", question="Was sind Sozialraumteams?", answer="Arbeitsgruppen [1]", citations=[CITATION])
    feedback.record(rating="down", question="Wetter?", answer="Dazu finde ich nichts.")
    target = tmp_path / "export" / "feedback.jsonl"
    assert feedback.export_jsonl(target, rating="up") == 1
    [line] = target.read_text(encoding="utf-8").splitlines()
    data = json.loads(line)
    assert data["question"] == "Was sind Sozialraumteams?" and data["citations"][0]["page"] == 4 and data["rating"] == "up"
    assert feedback.export_jsonl(target) == 2


def test_concurrent_writers_lose_nothing(tmp_path):
    feedback = sqlite_feedback_service(tmp_path)

    def write(n: int) -> None:
        for i in range(20):
            feedback.record(rating="up", question=f"{n}-{i}", answer="a")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(feedback.list()) == 100


def test_schema_is_plain_sqlite(tmp_path):
    SqliteFeedbackStore(tmp_path / "f.sqlite")
    with sqlite3.connect(tmp_path / "f.sqlite") as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(feedback)")]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert columns == ["id", "created_at", "rating", "question", "answer", "citations", "comment", "source", "level"]


def test_only_the_giver_can_delete_an_entry(feedback):
    from assistant.services.feedback import FeedbackNotFoundError

    mine = feedback.record(rating="up", question="a", answer="A", source="api:staff")
    theirs = feedback.record(rating="down", question="b", answer="B", source="api:partner")
    with pytest.raises(FeedbackNotFoundError):
        feedback.delete_own(theirs.entry_id, "api:staff")
    feedback.delete_own(mine.entry_id, "api:staff")
    assert [e.entry_id for e in feedback.list()] == [theirs.entry_id]
    with pytest.raises(FeedbackNotFoundError):
        feedback.delete_own(mine.entry_id, "api:staff")


def test_purge_deletes_entries_past_the_retention_period(feedback, tmp_path):
    from datetime import UTC, datetime, timedelta

    old = feedback.record(rating="up", question="alt", answer="A")
    feedback.record(rating="up", question="neu", answer="B")
    with sqlite3.connect(tmp_path / "feedback.sqlite") as conn:
        conn.execute("UPDATE feedback SET created_at = ? WHERE id = ?",
                     ((datetime.now(UTC) - timedelta(days=40)).isoformat(timespec="seconds"), old.entry_id))
    assert feedback.purge(0) == 0 and feedback.purge(30) == 1
    assert [e.question for e in feedback.list()] == ["neu"]

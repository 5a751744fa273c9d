"""`planwissen chat` in a real process, fed through stdin: follow-ups resolved, "neu" forgets, "ende"/EOF end, stored history."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from assistant.adapters.sqlite_conversations import SqliteConversationStore
from assistant.core.data_dir import DataDir

ROOT = Path(__file__).resolve().parents[3]

#: Runs the real CLI entry point; only the services are the sample corpus (fake embedder) with real answering and a
#: real SQLite conversation store in the data directory.
LAUNCH = """
import sys
from types import SimpleNamespace
from pathlib import Path
from assistant.adapters.sqlite_conversations import SqliteConversationStore
from assistant.core.data_dir import DataDir
from assistant.cli import main
from assistant.services.conversations import ConversationService
from assistant.testing.sample_corpus import sample_setup

data = Path(sys.argv[1])
main._State.services = SimpleNamespace(answering=sample_setup().answering,
                                       conversations=ConversationService(SqliteConversationStore(DataDir(data).conversations)))
sys.argv = ["planwissen", "chat", *sys.argv[2:]]
main.run()
"""


def _chat(tmp_path: Path, stdin: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PLANWISSEN_DATA_DIR": str(tmp_path), "HF_HUB_OFFLINE": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-c", LAUNCH, str(tmp_path), *args], input=stdin, capture_output=True, text=True,
                          timeout=120, env=env, cwd=ROOT)


def test_follow_ups_are_resolved_and_shown_with_cited_answers(tmp_path):
    done = _chat(tmp_path, "Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?\nUnd 2018?\nende\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "14,2 %" in out and "12,9 %" in out and "Quellen" in out
    assert "Verstanden als: Wie hoch war die SGB-II-Quote in Hohenlimburg 2018?" in out
    assert out.count("Verstanden als") == 1  # not for the first question: it was taken as typed
    assert out.rstrip().endswith("Auf Wiedersehen.")
    stored = SqliteConversationStore(DataDir(tmp_path).conversations).list("local", "internal")
    assert len(stored) == 1 and stored[0].turn_count == 2


def test_neu_starts_over_and_ctrl_d_ends(tmp_path):
    done = _chat(tmp_path, "Welche Partner arbeiten zum Thema Armut in Haspe?\nneu\nUnd in Hohenlimburg?\n")  # no "ende": EOF
    assert done.returncode == 0, done.stderr
    assert "Neue Unterhaltung." in done.stdout
    assert "Verstanden als" not in done.stdout  # after "neu" the follow-up has nothing to refer to
    assert "Dazu finde ich in den Dokumenten nichts." in done.stdout
    assert len(SqliteConversationStore(DataDir(tmp_path).conversations).list("local", "internal")) == 2


def test_weiter_continues_a_stored_conversation(tmp_path):
    _chat(tmp_path, "Welche Partner arbeiten zum Thema Armut in Haspe?\nende\n")
    conversation = SqliteConversationStore(DataDir(tmp_path).conversations).list("local", "internal")[0]
    done = _chat(tmp_path, "Und in Hohenlimburg?\nende\n", "--weiter", conversation.conversation_id)
    assert "Verstanden als: Welche Partner arbeiten zum Thema Armut in Hohenlimburg?" in done.stdout
    assert "Sozialsprechstunde Elsey" in done.stdout
    unknown = _chat(tmp_path, "ende\n", "--weiter", "gibt-es-nicht")
    assert unknown.returncode == 2 and "Unterhaltung" in unknown.stderr


def test_empty_and_bad_input_do_not_end_the_loop(tmp_path):
    done = _chat(tmp_path, "\n   \n" + "x" * 5000 + "\nWas ist ein Sozialraum?\nende\n")
    assert done.returncode == 0
    assert "zu lang" in done.stderr and "Planungsraum unterhalb des Stadtbezirks" in done.stdout

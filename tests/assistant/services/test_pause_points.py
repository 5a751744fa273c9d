"""Crash-test pause points: a no-op when unset, otherwise an atomic announcement at the N-th arrival, then a wait."""

from __future__ import annotations

import json
import os
import threading
import time

from assistant.core.settings import DebugSettings, load_settings
from assistant.services.pause_points import no_pause, pause_hook


def test_unset_means_the_no_op_hook():
    assert pause_hook(DebugSettings()) is no_pause


def test_the_nth_arrival_announces_and_waits(tmp_path):
    announce = tmp_path / "angehalten.json"
    hook = pause_hook(DebugSettings(pause_at="mid-embedding", pause_hit=2, announce_file=announce, pause_timeout_s=0.6))
    hook("after-bm25")
    hook("mid-embedding")  # first arrival: goes on
    assert not announce.exists()
    started = time.monotonic()
    hook("mid-embedding")
    assert time.monotonic() - started >= 0.5
    assert json.loads(announce.read_text()) == {"step": "mid-embedding", "pid": os.getpid(), "hit": 2}
    started = time.monotonic()
    hook("mid-embedding")  # only the N-th arrival pauses
    assert time.monotonic() - started < 0.1


def test_the_announcement_is_visible_while_the_process_waits(tmp_path):
    announce = tmp_path / "a.json"
    hook = pause_hook(DebugSettings(pause_at="before-commit", announce_file=announce, pause_timeout_s=5))
    waiting = threading.Thread(target=hook, args=("before-commit",), daemon=True)
    waiting.start()
    deadline = time.monotonic() + 3
    while not announce.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert announce.exists() and waiting.is_alive()


def test_the_settings_tree_reads_the_pause_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANWISSEN_DEBUG__PAUSE_AT", "after-chroma-commit")
    monkeypatch.setenv("PLANWISSEN_DEBUG__ANNOUNCE_FILE", str(tmp_path / "x.json"))
    debug = load_settings().debug
    assert debug.pause_at == "after-chroma-commit" and debug.announce_file == tmp_path / "x.json"

"""Named pause points, so a crash test can SIGKILL a real process at a chosen step instead of after some seconds.

Production code calls `pause("step-name")` at a few moments of start-up and ingestion. Without `debug.pause_at` the
hook is `no_pause`, which does nothing. With it, the N-th arrival at that step announces itself (a JSON file written
atomically, or a line on stderr) and then sleeps until it is killed or `debug.pause_timeout_s` has passed.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable

from assistant.core.settings import DebugSettings

log = logging.getLogger(__name__)

PauseHook = Callable[[str], None]


def no_pause(step: str) -> None:
    """The hook when no pause is configured: nothing happens."""


def pause_hook(debug: DebugSettings) -> PauseHook:
    """`no_pause` unless `debug.pause_at` names a step."""
    if debug.pause_at is None:
        return no_pause
    return _PauseAt(debug)


class _PauseAt:
    """Waits at the `pause_hit`-th arrival at `pause_at`; every other call returns at once."""

    def __init__(self, debug: DebugSettings):
        self._debug = debug
        self._hits = 0
        self._lock = threading.Lock()

    def __call__(self, step: str) -> None:
        if step != self._debug.pause_at:
            return
        with self._lock:
            self._hits += 1
            if self._hits != self._debug.pause_hit:
                return
        self._announce(step)
        deadline = time.monotonic() + self._debug.pause_timeout_s
        while time.monotonic() < deadline:
            time.sleep(min(0.2, max(0.0, deadline - time.monotonic())))
        log.warning("pause at %s timed out after %.0f s; going on", step, self._debug.pause_timeout_s)

    def _announce(self, step: str) -> None:
        message = {"step": step, "pid": os.getpid(), "hit": self._debug.pause_hit}
        target = self._debug.announce_file
        if target is None:
            print(f"planwissen: angehalten bei {step} (pid {os.getpid()})", file=sys.stderr, flush=True)
            return
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(message) + "\n", encoding="utf-8")
        os.replace(temporary, target)  # the waiting test never reads half a file

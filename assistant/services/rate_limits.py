"""Per-user rate limits on the expensive actions (ask, search, upload): one token bucket per user and action.

In-process and in memory: one server process serves the department, and a restart giving everyone a full bucket
again is harmless. A limit of 0 switches the action's limit off.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping

from assistant.core.errors import RateLimitedError

_ACTION_DE = {"ask": "Fragen", "search": "Suchanfragen", "upload": "Uploads"}


class RateLimiter:
    """`per_minute[action]` requests per minute and user, with bursts up to the same number."""

    def __init__(self, per_minute: Mapping[str, int], *, clock: Callable[[], float] = time.monotonic):
        self._limits = {action: int(limit) for action, limit in per_minute.items() if int(limit) > 0}
        self._clock = clock
        self._buckets: dict[tuple[str, str], tuple[float, float]] = {}
        self._lock = threading.Lock()

    def limits(self, action: str) -> bool:
        return action in self._limits

    def take(self, user: str, action: str) -> None:
        """Use one request of the user's budget, or raise RateLimitedError with the seconds until the next is allowed."""
        limit = self._limits.get(action)
        if limit is None:
            return
        rate = limit / 60.0
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get((user, action), (float(limit), now))
            tokens = min(float(limit), tokens + (now - last) * rate)
            if tokens < 1.0:
                self._buckets[(user, action)] = (tokens, now)
                wait = math.ceil((1.0 - tokens) / rate)
                raise RateLimitedError(
                    retry_after_s=wait,
                    message_de=f"Zu viele {_ACTION_DE.get(action, 'Anfragen')} in kurzer Zeit (höchstens {limit} pro Minute). "
                               f"Bitte in {wait} Sekunden erneut versuchen.",
                    message_en=f"Too many requests of this kind (at most {limit} per minute). Please retry in {wait} seconds.")
            self._buckets[(user, action)] = (tokens - 1.0, now)

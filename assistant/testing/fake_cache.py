"""An in-memory derived-state cache that pickles what it keeps, so a value the real file cache could not keep fails
here too, counted in `failed` (and what comes out is a copy, like a value read back from disk)."""

from __future__ import annotations

import pickle

from assistant.core.interfaces import DerivedStateCache


class InMemoryCache(DerivedStateCache):
    def __init__(self) -> None:
        self._entry: tuple[str, bytes] | None = None
        self.saves = 0
        self.failed = 0

    def load(self, key: str) -> object | None:
        if self._entry is None or self._entry[0] != key:
            return None
        return pickle.loads(self._entry[1])

    def save(self, key: str, value: object) -> None:
        """Like the file: a value that cannot be kept is no error, it just leaves no entry (`failed` counts them)."""
        try:
            self._entry = (key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            self.saves += 1
        except Exception:
            self._entry = None
            self.failed += 1

"""The derived-state cache as one pickle file in the data directory (<data_dir>/snapshot/corpus.pickle).

Pickle because the corpus snapshot is a graph of plain Python objects and loads in ~30 ms (the demo corpus: 3 MB),
where rebuilding it takes seconds. The file lives in the data directory, which only planwissen writes; whoever can
write there can change the index itself, so loading it trusts nothing new. It is written to a temporary file and
swapped in, so a crash leaves the old entry or none, never half of one.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from pathlib import Path

from assistant.core.data_dir import DataDir
from assistant.core.interfaces import DerivedStateCache

log = logging.getLogger(__name__)



class PickleFileCache(DerivedStateCache):
    """One entry (key, value) in one file; any problem reading or writing it is logged and treated as a miss."""

    def __init__(self, path: Path):
        self.path = Path(path)

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> PickleFileCache:
        return cls(DataDir(data_dir).snapshot)

    def load(self, key: str) -> object | None:
        try:
            with self.path.open("rb") as handle:
                saved_key, value = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception as exc:  # damaged, or written by another version: rebuilt, never fatal
            log.warning("Derived-state cache %s unreadable (%s); it will be rebuilt", self.path, exc)
            return None
        return value if saved_key == key else None

    def save(self, key: str, value: object) -> None:
        tmp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".corpus-", dir=self.path.parent)
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
            tmp = None
        except Exception as exc:  # disk full, read-only data directory …: the next start builds it again
            log.warning("Derived-state cache %s not saved (%s)", self.path, exc)
            self.path.unlink(missing_ok=True)  # what it held is not the state being saved
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)

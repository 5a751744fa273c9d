"""A disk cache of passage vectors for the baseline, so a second `planwissen eval` does not embed the corpus again.

A seed for the demo corpus is committed (eval/cache/baseline-vectors.*): the baseline's 1,024-token chunks cost
minutes to embed on 2 cores and are not what the eval measures; planwissen itself is always ingested for real.

The embedder is deterministic, so a cached vector is the vector the embedder would return. Keyed by the
embedder's name and the text's hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.core.interfaces import Embedder


class CachingEmbedder(Embedder):
    """Wraps an embedder; passages already seen come from the cache, queries always from the model."""

    def __init__(self, inner: Embedder, path: Path | None = None, seed: Path | None = None):
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.path = Path(path) if path else None
        self._vectors: dict[str, np.ndarray] = {}
        self.hits = 0
        self.misses = 0
        # The seed (committed for the demo corpus) is read only; entries for changed texts simply miss and get embedded.
        for source in (seed, self.path):
            if source is not None:
                self._load(Path(source))

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.name}\0{text}".encode()).hexdigest()[:32]

    def _load(self, path: Path) -> None:
        keys_file, vectors_file = path.with_suffix(".json"), path.with_suffix(".npy")
        if keys_file.is_file() and vectors_file.is_file():
            keys = json.loads(keys_file.read_text(encoding="utf-8"))
            vectors = np.load(vectors_file)
            if len(keys) == len(vectors) and vectors.shape[1:] == (self.dim,):
                self._vectors.update(zip(keys, vectors, strict=True))

    def save(self) -> None:
        if self.path is None or not self._vectors:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self._vectors)
        np.save(self.path.with_suffix(".npy"), np.stack([self._vectors[k] for k in keys]).astype(np.float32))
        self.path.with_suffix(".json").write_text(json.dumps(keys), encoding="utf-8")

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        keys = [self._key(t) for t in texts]
        missing = [i for i, k in enumerate(keys) if k not in self._vectors]
        if missing:
            fresh = self.inner.embed_passages([texts[i] for i in missing])
            for i, vector in zip(missing, fresh, strict=True):
                self._vectors[keys[i]] = np.asarray(vector, dtype=np.float32)
        self.misses += len(missing)
        self.hits += len(texts) - len(missing)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys])

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

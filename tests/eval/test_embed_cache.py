"""The baseline's vector cache: seed entries are used, new ones are embedded once and saved beside, never into the seed."""

from __future__ import annotations

import numpy as np

from assistant.testing.fakes import FakeEmbedder
from eval.embed_cache import CachingEmbedder


def test_seed_vectors_are_reused_and_the_seed_stays_untouched(tmp_path):
    seed = CachingEmbedder(FakeEmbedder(), tmp_path / "seed" / "vectors")
    seed.embed_passages(["Stadtteilkonferenz Haspe", "Sozialraumteam Eilpe/Dahl"])
    seed.save()
    seed_bytes = (tmp_path / "seed" / "vectors.npy").read_bytes()

    cache = CachingEmbedder(FakeEmbedder(), tmp_path / "run" / "vectors", seed=tmp_path / "seed" / "vectors")
    vectors = cache.embed_passages(["Stadtteilkonferenz Haspe", "Neuer Text über Hohenlimburg"])
    cache.save()

    assert (cache.hits, cache.misses) == (1, 1)
    assert np.allclose(vectors[0], FakeEmbedder().embed_passages(["Stadtteilkonferenz Haspe"])[0])
    assert (tmp_path / "seed" / "vectors.npy").read_bytes() == seed_bytes
    again = CachingEmbedder(FakeEmbedder(), tmp_path / "run" / "vectors")
    again.embed_passages(["Neuer Text über Hohenlimburg"])
    assert again.misses == 0

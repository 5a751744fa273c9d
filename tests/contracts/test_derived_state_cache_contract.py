"""The DerivedStateCache contract, run against the pickle file and the in-memory fake."""

from __future__ import annotations

import pytest

from assistant.adapters.pickle_cache import PickleFileCache
from assistant.testing.fake_cache import InMemoryCache


@pytest.fixture(params=["file", "fake"])
def cache(request, tmp_path):
    return PickleFileCache(tmp_path / "snapshot" / "corpus.pickle") if request.param == "file" else InMemoryCache()


def test_a_saved_value_comes_back_under_its_key_only(cache):
    assert cache.load("k1") is None
    cache.save("k1", {"terms": {"armut": 3}, "years": (2019, 2024)})
    assert cache.load("k1") == {"terms": {"armut": 3}, "years": (2019, 2024)}
    assert cache.load("k2") is None


def test_saving_replaces_the_entry(cache):
    cache.save("k1", [1])
    cache.save("k2", [2])
    assert cache.load("k1") is None and cache.load("k2") == [2]


def test_what_comes_out_is_a_copy(cache):
    value = {"a": [1]}
    cache.save("k", value)
    value["a"].append(2)
    assert cache.load("k") == {"a": [1]}


def test_a_value_that_cannot_be_kept_is_a_miss_not_an_error(cache):
    def unpicklable():
        return None

    cache.save("k", [1])
    cache.save("k", unpicklable)  # logged; the next start simply rebuilds
    assert cache.load("k") is None
    if isinstance(cache, PickleFileCache):
        assert list(cache.path.parent.iterdir()) == []  # neither the stale entry nor a temporary file is left


def test_a_damaged_file_is_a_miss(tmp_path):
    cache = PickleFileCache(tmp_path / "corpus.pickle")
    cache.path.write_bytes(b"not a pickle")
    assert cache.load("k") is None
    cache.save("k", 1)
    assert cache.load("k") == 1

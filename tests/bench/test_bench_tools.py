"""Benchmark building blocks: statistics, synthetic corpora, child processes, the Markdown report."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.core.types import Chunk, DocumentMeta
from bench.proc import run_task
from bench.report import markdown
from bench.stats import latency_summary, percentile, ratio
from bench.synthetic import SeedCorpus, city_names, reword, synthetic_documents


def test_percentile_and_ratio():
    values = list(range(1, 101))
    assert percentile(values, 50) == 50 or percentile(values, 50) == 51
    assert percentile(values, 95) == 95
    assert percentile([], 50) is None
    assert latency_summary([10.0, 20.0, 30.0]) == {"p50_ms": 20.0, "p95_ms": 30.0, "n": 3}
    assert ratio(3.0, 2.0) == 1.5 and ratio(1.0, 0) is None and ratio(None, 1.0) is None


def _seed(n_docs: int = 2, per_doc: int = 5, dim: int = 8) -> SeedCorpus:
    rng = np.random.default_rng(0)
    docs, chunks = [], []
    for d in range(n_docs):
        doc_id = f"profil-{d}"
        docs.append(DocumentMeta(doc_id=doc_id, title=f"Sozialraumprofil Haspe {d}", source_path="/x.pdf", content_hash=f"h{d}",
                                 format="pdf", districts=("Haspe",), sozialraeume=("Haspe-Zentrum",)))
        for i in range(per_doc):
            chunks.append(Chunk(chunk_id=f"{doc_id}-{i}", doc_id=doc_id, ordinal=i, text=f"In Haspe-Zentrum und Hagen lag die Quote {i}.",
                                section="Hagen-Mitte", page=i + 1))
    vectors = rng.standard_normal((len(chunks), dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return SeedCorpus(docs, chunks, vectors)


def test_reword_replaces_every_place_with_invented_names():
    mapping = city_names(3)
    text = reword("Die Stadt Hagen, Stadtbezirk Hagen-Mitte, Sozialraum Haspe-Zentrum.", mapping)
    assert "Hagen" not in text and "Haspe" not in text
    assert mapping == city_names(3), "deterministic per copy"
    assert city_names(3)["Hagen"] != city_names(4)["Hagen"]


def test_synthetic_documents_reach_target_with_perturbed_unit_vectors():
    seed = _seed()
    docs = list(synthetic_documents(seed, 23))
    chunks = [c for d in docs for c in d.chunks]
    assert len(chunks) == 23
    assert len({c.chunk_id for c in chunks}) == 23, "unique chunk ids across copies"
    assert all("Haspe" not in c.text for c in chunks)
    vectors = np.vstack([d.vectors for d in docs])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    originals = seed.vectors[[i % len(seed.chunks) for i in range(len(chunks))]]  # copies run through the seed in order
    cosines = np.sum(vectors * originals, axis=1)
    assert 0.8 < float(np.median(cosines)) < 0.999, "close to the real vector but not identical"


def test_seed_corpus_round_trips(tmp_path):
    seed = _seed()
    seed.save(tmp_path / "seed")
    loaded = SeedCorpus.load(tmp_path / "seed")
    assert loaded.documents == seed.documents and loaded.chunks == seed.chunks
    assert np.allclose(loaded.vectors, seed.vectors)


def test_child_task_reports_result_and_memory():
    result = run_task("selftest", {"value": 7}, timeout=60)
    assert result["value"] == 7 and result["peak_rss_mb"] > 5


def test_child_task_failure_is_reported():
    with pytest.raises(RuntimeError, match="selftest"):
        run_task("selftest", {"wrong": 1}, timeout=60)


def test_markdown_report_shows_every_figure_with_ratio():
    compare = {"planwissen": 10.0, "baseline": 5.0, "ratio": 2.0}
    result = {
        "started": "2025-01-01T00:00:00", "finished": "2025-01-01T01:00:00", "corpus": "/x/corpus", "questions": 60,
        "machine": {"nproc": 2, "cpu": "CPU", "ram_gb": 23.0, "os": "Linux", "python": "3.11.7", "packages": {"chromadb": "1.5.9"}},
        "query": {"compare": {"search_p50_ms": compare, "search_p95_ms": compare, "ask_p50_ms": compare, "ask_p95_ms": compare}},
        "scale": {"vectors": "abgeleitet", "10000-embedded": {"planwissen": {"lexical_s": 1.5}, "compare": {"search_p95_ms": compare}}},
    }
    text = markdown(result, "planwissen bench --scale 10000")
    assert "planwissen bench --scale 10000" in text
    assert "search p95 | 10,00 ms | 5,00 ms | 2,00×" in text
    assert "abgeleitet" in text and "10.000 Chunks" in text

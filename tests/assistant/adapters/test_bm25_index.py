"""The BM25 adapter: persistence, compound splitting over the corpus vocabulary, damaged files, speed."""

from __future__ import annotations

import time

from assistant.adapters.bm25_index import BM25Index
from assistant.core.types import Chunk, DocumentMeta, QueryFilters


def _doc(doc_id: str, **meta) -> DocumentMeta:
    return DocumentMeta(doc_id=doc_id, title=doc_id, source_path=f"/x/{doc_id}", content_hash="h", format="md", **meta)


def _pairs():
    doc = _doc("a")
    texts = [
        "Armut ist in Haspe ein großes Thema.",
        "Die Armutsbekämpfung wird ausgebaut.",
        "Armut betrifft viele Familien.",
        "Die Seniorenbegegnungsstätte in Eilpe hat 40 Plätze.",
        "Senioren treffen sich in der Begegnungsstätte.",
    ]
    return [(Chunk(chunk_id=f"c{i}", doc_id="a", ordinal=i, text=t), doc) for i, t in enumerate(texts)]


def test_index_survives_a_restart(tmp_path):
    index = BM25Index(tmp_path / "lexical")
    index.rebuild(_pairs(), "fp")
    before = index.search("Begegnungsstätte", 5)
    reopened = BM25Index(tmp_path / "lexical")
    assert reopened.fingerprint() == "fp"
    assert reopened.search("Begegnungsstätte", 5) == before
    assert not list(tmp_path.glob(".lexical-*")), "temporary build folders are cleaned up"


def test_compound_parts_match_the_simple_word(tmp_path):
    index = BM25Index(tmp_path / "lexical")
    index.rebuild(_pairs(), "fp")
    assert "c1" in [cid for cid, _ in index.search("Armut", 5)]  # Armutsbekämpfung contains Armut
    assert "c3" in [cid for cid, _ in index.search("Begegnungsstätte", 5)]  # Seniorenbegegnungsstätte


def test_damaged_index_counts_as_missing(tmp_path):
    index = BM25Index(tmp_path / "lexical")
    index.rebuild(_pairs(), "fp")
    (tmp_path / "lexical" / "meta.json").write_text("{not json", encoding="utf-8")
    assert BM25Index(tmp_path / "lexical").fingerprint() is None


def test_empty_rebuild(tmp_path):
    index = BM25Index(tmp_path / "lexical")
    index.rebuild([], "empty")
    assert index.fingerprint() == "empty"
    assert index.search("Armut", 5) == []
    assert BM25Index(tmp_path / "lexical").fingerprint() == "empty"


def test_filtered_search_over_thousands_of_chunks_is_fast(tmp_path):
    docs = [
        _doc(f"d{i}", confidentiality="internal" if i % 2 else "public", districts=("Haspe",) if i % 3 == 0 else ()) for i in range(200)
    ]
    pairs = [
        (
            Chunk(
                chunk_id=f"d{i}-{j}",
                doc_id=f"d{i}",
                ordinal=j,
                text=f"Bericht {i} über Armut, Wohnen und Quartier {j} im Sozialraum {i % 18}.",
            ),
            docs[i],
        )
        for i in range(200)
        for j in range(15)
    ]
    index = BM25Index(tmp_path / "lexical")
    index.rebuild(pairs, "fp")
    filters = QueryFilters(max_confidentiality="public", districts=["Haspe"])
    started = time.perf_counter()
    for _ in range(20):
        hits = index.search("Armut im Quartier Haspe", 40, filters)
    per_query = (time.perf_counter() - started) / 20
    assert hits and all(int(cid[1:].split("-")[0]) % 2 == 0 and int(cid[1:].split("-")[0]) % 3 == 0 for cid, _ in hits)
    assert per_query < 0.05, per_query

"""The LexicalIndex contract, run against the BM25 adapter and the in-memory fake: both must behave the same."""

from __future__ import annotations

import pytest

from assistant.adapters.bm25_index import BM25Index
from assistant.core.errors import InvalidInputError
from assistant.core.types import Chunk, DocumentMeta, QueryFilters
from assistant.testing.fake_lexical import FakeLexicalIndex


def _doc(doc_id: str, **meta) -> DocumentMeta:
    return DocumentMeta(
        doc_id=doc_id, title=meta.pop("title", doc_id), source_path=f"/x/{doc_id}", content_hash="h" + doc_id, format="pdf", **meta
    )


def _chunk(doc_id: str, n: int, text: str) -> Chunk:
    return Chunk(chunk_id=f"{doc_id}-{n}", doc_id=doc_id, ordinal=n, text=text)


DOCS = {
    "bericht": _doc("bericht", kind="bericht", date="2024-01-01", districts=("Haspe",), topics=("armut",)),
    "protokoll": _doc("protokoll", kind="protokoll", date="2019-03-01", districts=("Hohenlimburg",), confidentiality="internal"),
    "glossar": _doc("glossar", kind="glossar", date="2023-01-01"),
}
CHUNKS = [
    (_chunk("bericht", 0, "Die Armutsbekämpfung in Haspe wird durch die AWO unterstützt."), DOCS["bericht"]),
    (_chunk("bericht", 1, "Die SGB-II-Quote lag 2024 bei 19,6 Prozent."), DOCS["bericht"]),
    (_chunk("protokoll", 0, "Vertrauliche Beratung über Armut und Haushaltssperre."), DOCS["protokoll"]),
    (_chunk("glossar", 0, "Sozialraumteams stimmen Hilfen für Bürger*innen ab."), DOCS["glossar"]),
]


@pytest.fixture(params=["bm25", "fake"])
def index(request, tmp_path):
    if request.param == "bm25":
        return BM25Index(tmp_path / "lexical")
    return FakeLexicalIndex()


@pytest.fixture
def built(index):
    index.rebuild(CHUNKS, "fp-1")
    return index


def test_empty_index_has_no_fingerprint_and_finds_nothing(index):
    assert index.fingerprint() is None
    assert index.search("Armut", 5) == []


def test_rebuild_remembers_the_fingerprint(built):
    assert built.fingerprint() == "fp-1"


def test_finds_by_stem_and_spelling(built):
    assert built.search("Bürgerinnen", 5, QueryFilters(max_confidentiality="internal"))[0][0] == "glossar-0"
    assert built.search("sgb ii quote", 5)[0][0] == "bericht-1"


def test_results_are_best_first_with_positive_scores(built):
    hits = built.search("Armut Haspe AWO", 5, QueryFilters(max_confidentiality="internal"))
    scores = [score for _, score in hits]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    assert hits[0][0] == "bericht-0"


def test_confidentiality_is_never_exceeded(built):
    public = [cid for cid, _ in built.search("Armut Haushaltssperre vertraulich", 10)]
    assert "protokoll-0" not in public
    internal = [cid for cid, _ in built.search("Armut Haushaltssperre vertraulich", 10, QueryFilters(max_confidentiality="internal"))]
    assert "protokoll-0" in internal


def test_unknown_confidentiality_level_is_refused(built):
    with pytest.raises(InvalidInputError):
        built.search("Armut", 5, QueryFilters(max_confidentiality="geheim"))


def test_metadata_filters(built):
    f = QueryFilters(max_confidentiality="internal", kinds=["protokoll"])
    assert [cid for cid, _ in built.search("Armut", 10, f)] == ["protokoll-0"]
    f = QueryFilters(max_confidentiality="internal", districts=["Haspe"])
    assert {cid for cid, _ in built.search("Armut Quote", 10, f)} <= {"bericht-0", "bericht-1"}
    f = QueryFilters(max_confidentiality="internal", year_from=2020)
    assert "protokoll-0" not in [cid for cid, _ in built.search("Armut", 10, f)]
    f = QueryFilters(max_confidentiality="internal", doc_ids=["glossar"])
    assert [cid for cid, _ in built.search("Armut", 10, f)] == []


def test_k_limits_and_zero(built):
    assert len(built.search("Armut Quote Haspe Sozialraumteams", 1, QueryFilters(max_confidentiality="internal"))) == 1
    assert built.search("Armut", 0) == []


def test_query_of_only_stopwords_or_unknown_words_finds_nothing(built):
    assert built.search("und die der", 5) == []
    assert built.search("Elefanten Zoo", 5) == []


def test_rebuild_replaces_everything(built):
    built.rebuild(CHUNKS[3:], "fp-2")
    assert built.fingerprint() == "fp-2"
    assert built.search("Armut", 5, QueryFilters(max_confidentiality="internal")) == []
    assert built.search("Sozialraumteams", 5)[0][0] == "glossar-0"

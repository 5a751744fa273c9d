"""The VectorStore contract against the in-memory fake, embedded Chroma and a Chroma server."""

from __future__ import annotations

import uuid

import pytest
from vector_store_contract import DIM, EMBEDDER, VectorStoreContract

from assistant.adapters.chroma_store import ChromaVectorStore
from assistant.testing.fakes import InMemoryVectorStore


class TestInMemoryVectorStore(VectorStoreContract):
    @pytest.fixture
    def store(self):
        return InMemoryVectorStore(dim=DIM)


class TestChromaEmbedded(VectorStoreContract):
    @pytest.fixture
    def store(self, tmp_path):
        return ChromaVectorStore(mode="embedded", path=tmp_path / "chroma", dim=DIM, embedder_name=EMBEDDER.name)

    @pytest.fixture
    def reopen(self, tmp_path):
        def _reopen(store):
            return ChromaVectorStore(mode="embedded", path=tmp_path / "chroma", dim=DIM, embedder_name=EMBEDDER.name)

        return _reopen


@pytest.mark.server
class TestChromaServer(VectorStoreContract):
    @pytest.fixture
    def store(self, chroma_server):
        host, port, ssl = chroma_server
        store = ChromaVectorStore(
            mode="server",
            host=host,
            port=port,
            ssl=ssl,
            collection_prefix=f"test-{uuid.uuid4().hex[:12]}",
            dim=DIM,
            embedder_name=EMBEDDER.name,
        )
        yield store
        store.drop()

    @pytest.fixture
    def reopen(self):
        def _reopen(store):
            host, port = store._client.get_settings().chroma_server_host, store._client.get_settings().chroma_server_http_port
            return ChromaVectorStore(
                mode="server",
                host=host,
                port=int(port),
                ssl=store._client.get_settings().chroma_server_ssl_enabled,
                collection_prefix=store.collection_prefix,
                dim=DIM,
                embedder_name=EMBEDDER.name,
            )

        return _reopen

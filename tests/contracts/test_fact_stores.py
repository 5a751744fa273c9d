"""The FactStore contract against the in-memory fake and the SQLite store."""

from __future__ import annotations

import threading

import pytest
from fact_store_contract import FactStoreContract, _kiel, fact, make_doc

from assistant.adapters.sqlite_facts import SqliteFactStore
from assistant.core.types import FactQuery
from assistant.testing.fake_facts import InMemoryFactStore


class TestInMemoryFactStore(FactStoreContract):
    @pytest.fixture
    def store(self):
        return InMemoryFactStore()


class TestSqliteFactStore(FactStoreContract):
    @pytest.fixture
    def store(self, tmp_path):
        return SqliteFactStore.in_data_dir(tmp_path)

    @pytest.fixture
    def reopen(self, tmp_path):
        return lambda store: SqliteFactStore.in_data_dir(tmp_path)

    @pytest.mark.usefixtures("reopen")
    def test_persists(self, store, request):
        super().test_persists(store, request)

    def test_readers_while_writing(self, store):
        _kiel(store)
        errors: list[Exception] = []

        def read():
            try:
                for _ in range(30):
                    assert store.query(FactQuery(places=["Altstadt"]))
            except Exception as exc:  # noqa: BLE001 - collected for the assertion below
                errors.append(exc)

        readers = [threading.Thread(target=read) for _ in range(3)]
        for thread in readers:
            thread.start()
        for version in range(10):
            store.replace_document(make_doc("other", f"v{version}"), [fact("other", "X", "Y", "2023", version)], [])
        for thread in readers:
            thread.join()
        assert errors == []
        assert (store.path.parent / "facts.sqlite").exists()

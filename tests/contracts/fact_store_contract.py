"""What every FactStore must do. Subclasses provide a `store` fixture (empty) and may provide `reopen` when it persists."""

from __future__ import annotations

import pytest

from assistant.core.interfaces import FactStore
from assistant.core.types import DocumentMeta, Fact, FactQuery, TableRow


def make_doc(doc_id: str, version: str = "v1", confidentiality: str = "public") -> DocumentMeta:
    return DocumentMeta(doc_id=doc_id, title=doc_id, source_path=f"{doc_id}.csv", content_hash=f"{doc_id}-{version}", format="csv",
                        confidentiality=confidentiality)


def fact(doc_id: str, place: str, indicator: str, period: str, value: float | None, **fields) -> Fact:
    values = {"table": "t", "place_level": "stadtteil", "indicator_key": indicator.lower(), "raw": "" if value is None else str(value),
              "row": 2} | fields
    return Fact(doc_id=doc_id, place=place, indicator=indicator, period=period, value=value, **values)


def row(doc_id: str, number: int, **cells) -> TableRow:
    return TableRow(doc_id=doc_id, table="t", row=number, cells=cells)


def _kiel(store: FactStore, version: str = "v1", confidentiality: str = "public") -> DocumentMeta:
    doc = make_doc("kiel", version, confidentiality)
    store.replace_document(doc, [
        fact("kiel", "Altstadt", "Einwohner", "2023-12-31", 1220, unit="Anzahl", column="insgesamt"),
        fact("kiel", "Duesternbrook", "Einwohner", "2023-12-31", 3108),
        fact("kiel", "Altstadt", "Einwohner", "2014-12-31", 654, row=302),
        fact("kiel", "Kiel", "Einwohner", "2023-12-31", 250000, place_level="stadt"),
        fact("kiel", "Roenne", "Ukraine", "2015", None, raw="-"),
    ], [row("kiel", 2, Stadtteil="Altstadt", insgesamt="1220"), row("kiel", 3, Stadtteil="Duesternbrook", insgesamt="3108")])
    return doc


class FactStoreContract:
    def test_empty(self, store: FactStore):
        assert store.query(FactQuery()) == []
        assert store.doc_versions() == {}
        assert store.indicators() == {} and store.places() == {}

    def test_replace_and_lookup_with_provenance(self, store: FactStore):
        _kiel(store)
        (found,) = store.query(FactQuery(indicator_keys=["einwohner"], places=["Altstadt"], periods=["2023-12-31"]))
        assert (found.value, found.row, found.column, found.unit, found.doc_id) == (1220, 2, "insgesamt", "Anzahl", "kiel")
        assert found.table == "t"
        missing = store.query(FactQuery(indicator_keys=["ukraine"]))[0]
        assert missing.value is None and missing.raw == "-"
        assert store.doc_versions() == {"kiel": "kiel-v1"}

    def test_place_matches_any_spelling(self, store: FactStore):
        _kiel(store)
        (found,) = store.query(FactQuery(places=["Düsternbrook"]))
        assert found.place == "Duesternbrook" and found.value == 3108

    def test_filters_combine(self, store: FactStore):
        _kiel(store)
        assert {f.value for f in store.query(FactQuery(indicator_keys=["einwohner"], year_from=2020))} == {1220, 3108, 250000}
        assert {f.value for f in store.query(FactQuery(indicator_keys=["einwohner"], year_to=2015))} == {654}
        assert [f.place for f in store.query(FactQuery(place_levels=["stadt"]))] == ["Kiel"]
        assert store.query(FactQuery(doc_ids=["other"])) == []
        assert len(store.query(FactQuery(limit=2))) == 2

    def test_replace_drops_the_old_version(self, store: FactStore):
        doc = _kiel(store)
        store.replace_document(make_doc("kiel", "v2"), [fact("kiel", "Altstadt", "Einwohner", "2024-12-31", 1300)], [])
        assert [f.value for f in store.query(FactQuery())] == [1300]
        assert store.rows("kiel") == []
        assert store.doc_versions() == {"kiel": "kiel-v2"} != {doc.doc_id: doc.content_hash}

    def test_rows_in_order_and_by_table(self, store: FactStore):
        _kiel(store)
        assert [r.cells["Stadtteil"] for r in store.rows("kiel")] == ["Altstadt", "Duesternbrook"]
        assert store.rows("kiel", table="other") == []
        assert store.rows("nobody") == []

    def test_delete(self, store: FactStore):
        _kiel(store)
        store.replace_document(make_doc("other"), [fact("other", "Vorstadt", "Einwohner", "2023", 5)], [])
        assert store.delete_document("kiel") is True
        assert store.delete_document("kiel") is False
        assert {f.doc_id for f in store.query(FactQuery())} == {"other"}
        assert store.rows("kiel") == []
        assert store.doc_versions() == {"other": "other-v1"}

    def test_document_without_facts_is_still_a_stored_version(self, store: FactStore):
        store.replace_document(make_doc("prose"), [], [])
        assert store.doc_versions() == {"prose": "prose-v1"}
        assert store.delete_document("prose") is True

    def test_access_level_on_every_read(self, store: FactStore):
        _kiel(store, confidentiality="internal")
        store.replace_document(make_doc("open"), [fact("open", "Vorstadt", "Einwohner", "2023", 5)], [row("open", 2, a="b")])
        assert {f.doc_id for f in store.query(FactQuery())} == {"open"}
        assert {f.doc_id for f in store.query(FactQuery(max_confidentiality="internal"))} == {"kiel", "open"}
        assert all(f.confidentiality == "internal" for f in store.query(FactQuery(doc_ids=["kiel"], max_confidentiality="internal")))
        assert store.rows("kiel") == [] and len(store.rows("kiel", max_confidentiality="internal")) == 2
        assert "ukraine" not in store.indicators() and "ukraine" in store.indicators("internal")
        assert "Altstadt" not in store.places() and store.places("internal")["Kiel"] == "stadt"

    def test_vocabulary(self, store: FactStore):
        _kiel(store)
        assert store.indicators() == {"einwohner": "Einwohner", "ukraine": "Ukraine"}
        assert store.places()["Altstadt"] == "stadtteil"

    def test_user_text_is_data_not_sql(self, store: FactStore):
        _kiel(store)
        assert store.query(FactQuery(places=["x' OR '1'='1"], indicator_keys=["einwohner') OR 1=1 --"])) == []
        assert len(store.query(FactQuery())) == 5

    def test_persists(self, store: FactStore, request):
        if "reopen" not in request.fixturenames:
            pytest.skip("in-memory store")
        _kiel(store)
        again = request.getfixturevalue("reopen")(store)
        assert again.doc_versions() == {"kiel": "kiel-v1"}
        assert len(again.query(FactQuery())) == 5

"""What every VectorStore must do (modelled on haystack's testing/document_store.py).

Subclasses provide a `store` fixture (an empty store of dimension DIM) and may provide `reopen`
(a function store -> new instance over the same data) when the store persists.
"""

from __future__ import annotations

import dataclasses
import hashlib

import numpy as np
import pytest

from assistant.core.errors import InvalidInputError
from assistant.core.interfaces import VectorStore
from assistant.core.types import Chunk, DocumentMeta, QueryFilters
from assistant.testing.fakes import FakeEmbedder

DIM = 64
EMBEDDER = FakeEmbedder(dim=DIM)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def make_doc(doc_id: str, version: str = "v1", **fields) -> DocumentMeta:
    values = {"title": f"Titel {doc_id}", "source_path": f"{doc_id}.md", "format": "md"} | fields
    return DocumentMeta(doc_id=doc_id, content_hash=f"{doc_id}-{version}", **values)


def make_chunks(doc: DocumentMeta, texts: list[str], **fields) -> list[Chunk]:
    return [
        Chunk(
            chunk_id=hashlib.sha256(f"{doc.doc_id}|{doc.content_hash}|{i}|{t}".encode()).hexdigest()[:24],
            doc_id=doc.doc_id,
            ordinal=i,
            text=t,
            **fields,
        )
        for i, t in enumerate(texts)
    ]


def add(store: VectorStore, doc: DocumentMeta, texts: list[str], *, commit: bool = True, **chunk_fields) -> list[Chunk]:
    chunks = make_chunks(doc, texts, **chunk_fields)
    store.add_chunks(doc, chunks, EMBEDDER.embed_passages(texts), [text_hash(t) for t in texts])
    if commit:
        store.commit_document(doc)
    return chunks


def ask(store: VectorStore, question: str, k: int = 50, filters: QueryFilters | None = None) -> list:
    return store.query(EMBEDDER.embed_query(question), k, filters)


def doc_ids(hits) -> set[str]:
    return {stored.chunk.doc_id for stored, _ in hits}


#: A small district/topic/year/kind/confidentiality grid for the filter tests.
FILTER_CORPUS = {
    "haspe-2021": dict(districts=("Haspe",), topics=("Armut",), date="2021-05-01", kind="Sozialbericht"),
    "mitte-2023": dict(districts=("Hagen-Mitte",), topics=("Wohnen", "Armut"), date="2023-02-10", kind="Protokoll"),
    "intern-2022": dict(districts=("Haspe",), topics=("Armut",), date="2022-09-09", kind="Vermerk", confidentiality="internal"),
    "eilpe-undated": dict(districts=("Eilpe/Dahl",), topics=("Jugend",), date="", kind="Konzept"),
}


class VectorStoreContract:
    """Tests shared by InMemoryVectorStore and ChromaVectorStore (embedded and server)."""

    @pytest.fixture
    def reopen(self):
        pytest.skip("this store does not persist")

    @pytest.fixture
    def filter_store(self, store):
        for doc_id, fields in FILTER_CORPUS.items():
            doc = make_doc(doc_id, **fields)
            add(store, doc, [f"Bericht {doc_id} über Armut und Wohnen im Stadtbezirk", f"Zweiter Abschnitt {doc_id} mit Zahlen"])
        return store

    # --- registry and visibility ------------------------------------------------------------------------------

    def test_empty_store(self, store):
        assert store.count() == 0
        assert store.documents() == []
        assert ask(store, "Armut") == []
        assert list(store.iter_chunks()) == []
        assert store.fingerprint() == store.fingerprint()

    def test_chunks_are_invisible_until_commit(self, store):
        doc = make_doc("bericht")
        chunks = add(store, doc, ["Armut in Haspe", "Wohnen in Hohenlimburg"], commit=False)
        assert store.count() == 2
        assert ask(store, "Armut in Haspe") == []
        assert store.get_chunks([c.chunk_id for c in chunks]) == []
        assert store.chunks_of("bericht") == []
        assert list(store.iter_chunks()) == []
        assert store.get_document("bericht") is None
        store.commit_document(doc)
        assert [s.chunk.chunk_id for s, _ in ask(store, "Armut in Haspe", k=1)] == [chunks[0].chunk_id]
        assert store.get_document("bericht") == doc
        assert store.documents() == [doc]

    def test_document_meta_round_trip(self, store):
        doc = make_doc(
            "voll",
            title="Sozialbericht Hagen 2023 – Überblick",
            date="2023-06-30",
            kind="Sozialbericht",
            districts=("Haspe", "Eilpe/Dahl"),
            sozialraeume=("Quambusch",),
            topics=("Armut", "Älter werden"),
            confidentiality="internal",
            pages=42,
            chunk_count=1,
        )
        add(store, doc, ["Text"])
        assert store.get_document("voll") == doc

    def test_recommit_replaces_old_version_without_orphans(self, store):
        old = make_doc("plan", "v1")
        add(store, old, ["alte Fassung Kita-Plätze", "alte Fassung Schulen"])
        new = make_doc("plan", "v2")
        new_chunks = add(store, new, ["neue Fassung Kita-Plätze", "neue Fassung Schulen", "neue Fassung Jugend"], commit=False)
        # until the new version is committed, the old one is what readers see
        assert {s.doc_hash for s in store.chunks_of("plan")} == {"plan-v1"}
        store.commit_document(new)
        assert [s.chunk.chunk_id for s in store.chunks_of("plan")] == [c.chunk_id for c in new_chunks]
        assert store.count() == 3
        assert store.remove_orphans() == 0
        assert {s.doc_hash for s, _ in ask(store, "Fassung Kita-Plätze")} == {"plan-v2"}

    def test_recommitting_the_same_version_is_a_no_op(self, store):
        doc = make_doc("gleich")
        chunks = add(store, doc, ["eins", "zwei"])
        add(store, doc, ["eins", "zwei"])
        assert store.count() == 2
        assert [s.chunk.chunk_id for s in store.chunks_of("gleich")] == [c.chunk_id for c in chunks]

    def test_metadata_change_without_content_change_reaches_the_filters(self, store):
        doc = make_doc("umstufung", districts=("Haspe",))
        add(store, doc, ["Kinderarmut in Haspe"])
        assert doc_ids(ask(store, "Kinderarmut")) == {"umstufung"}
        store.commit_document(dataclasses.replace(doc, confidentiality="internal", districts=("Hohenlimburg",)))
        assert ask(store, "Kinderarmut") == []
        internal = QueryFilters(max_confidentiality="internal")
        assert doc_ids(ask(store, "Kinderarmut", filters=internal)) == {"umstufung"}
        assert ask(store, "Kinderarmut", filters=QueryFilters(districts=["Haspe"], max_confidentiality="internal")) == []
        hits = ask(store, "Kinderarmut", filters=QueryFilters(districts=["Hohenlimburg"], max_confidentiality="internal"))
        assert doc_ids(hits) == {"umstufung"}

    def test_delete_document(self, store):
        add(store, make_doc("weg"), ["wird gelöscht"])
        add(store, make_doc("bleibt"), ["bleibt stehen"])
        add(store, make_doc("weg", "v2"), ["halbfertige neue Fassung"], commit=False)
        assert store.delete_document("weg") is True
        assert store.delete_document("weg") is False
        assert store.get_document("weg") is None
        assert store.chunks_of("weg") == []
        assert store.count() == 1
        assert doc_ids(ask(store, "gelöscht")) == {"bleibt"}

    # --- filters ----------------------------------------------------------------------------------------------

    @pytest.mark.parametrize(
        ("filters", "expected"),
        [
            (QueryFilters(), {"haspe-2021", "mitte-2023", "eilpe-undated"}),
            (QueryFilters(max_confidentiality="internal"), set(FILTER_CORPUS)),
            (QueryFilters(districts=["Haspe"]), {"haspe-2021"}),
            (QueryFilters(districts=["Haspe"], max_confidentiality="internal"), {"haspe-2021", "intern-2022"}),
            (QueryFilters(districts=["Eilpe/Dahl", "Hagen-Mitte"]), {"eilpe-undated", "mitte-2023"}),
            (QueryFilters(districts=["Hohenlimburg"]), set()),
            (QueryFilters(topics=["Armut"]), {"haspe-2021", "mitte-2023"}),
            (QueryFilters(topics=["Wohnen", "Jugend"]), {"mitte-2023", "eilpe-undated"}),
            (QueryFilters(districts=["Haspe"], topics=["Wohnen"]), set()),
            (QueryFilters(year_from=2022), {"mitte-2023"}),
            (QueryFilters(year_from=2022, max_confidentiality="internal"), {"mitte-2023", "intern-2022"}),
            (QueryFilters(year_to=2022), {"haspe-2021"}),
            (QueryFilters(year_from=2021, year_to=2021), {"haspe-2021"}),
            (QueryFilters(kinds=["Protokoll", "Konzept"]), {"mitte-2023", "eilpe-undated"}),
            (QueryFilters(doc_ids=["mitte-2023", "intern-2022"]), {"mitte-2023"}),
            (QueryFilters(doc_ids=["intern-2022"], max_confidentiality="internal"), {"intern-2022"}),
        ],
    )
    def test_filters(self, filter_store, filters, expected):
        hits = ask(filter_store, "Armut und Wohnen im Stadtbezirk", filters=filters)
        assert doc_ids(hits) == expected
        # filters hold for every chunk, not only for the best one
        assert len(hits) == 2 * len(expected)

    @pytest.mark.parametrize(
        "filters",
        [
            QueryFilters(),
            QueryFilters(doc_ids=["intern-2022"]),
            QueryFilters(districts=["Haspe"], topics=["Armut"], year_from=2022, year_to=2022),
            QueryFilters(kinds=["Vermerk"]),
        ],
    )
    def test_internal_documents_never_reach_public_callers(self, filter_store, filters):
        assert "intern-2022" not in doc_ids(ask(filter_store, "Bericht intern-2022 Armut", filters=filters))

    def test_unknown_confidentiality_level_is_refused(self, filter_store):
        with pytest.raises(InvalidInputError):
            ask(filter_store, "Armut", filters=QueryFilters(max_confidentiality="geheim"))

    # --- search -----------------------------------------------------------------------------------------------

    def test_query_is_ordered_by_cosine_similarity(self, store):
        texts = ["Kita-Plätze in Haspe fehlen", "Spielplatz an der Volme", "Seniorenberatung in Hohenlimburg", "Schulsozialarbeit Eilpe"]
        chunks = add(store, make_doc("mix"), texts)
        target = EMBEDDER.embed_passages([texts[2]])[0]
        hits = store.query(target, 3)
        assert [s.chunk.chunk_id for s, _ in hits][0] == chunks[2].chunk_id
        assert hits[0][1] == pytest.approx(1.0, abs=1e-4)
        scores = [score for _, score in hits]
        assert scores == sorted(scores, reverse=True)
        vectors = EMBEDDER.embed_passages(texts)
        expected = sorted(range(4), key=lambda i: -float(vectors[i] @ target))[:3]
        assert [s.chunk.chunk_id for s, _ in hits] == [chunks[i].chunk_id for i in expected]
        for (_, score), i in zip(hits, expected, strict=True):
            assert score == pytest.approx(float(vectors[i] @ target), abs=1e-4)

    def test_query_k(self, store):
        add(store, make_doc("drei"), ["eins", "zwei", "drei"])
        assert len(ask(store, "eins", k=2)) == 2
        assert len(ask(store, "eins", k=10)) == 3
        assert ask(store, "eins", k=0) == []

    def test_query_returns_k_committed_chunks_even_when_uncommitted_versions_are_closer(self, store):
        texts = [f"Bedarfsplanung Kindertagesbetreuung Abschnitt {i}" for i in range(5)]
        add(store, make_doc("kita", "v1"), texts)
        # a half-written new version whose chunks are the nearest neighbours of the question
        add(store, make_doc("kita", "v2"), [f"Bedarfsplanung Kindertagesbetreuung Hagen {i}" for i in range(40)], commit=False)
        hits = ask(store, "Bedarfsplanung Kindertagesbetreuung Hagen", k=5)
        assert len(hits) == 5
        assert {s.doc_hash for s, _ in hits} == {"kita-v1"}

    # --- reading back -----------------------------------------------------------------------------------------

    def test_get_chunks_keeps_order_and_skips_missing_and_uncommitted(self, store):
        chunks = add(store, make_doc("a"), ["alpha", "beta", "gamma"])
        hidden = add(store, make_doc("b"), ["versteckt"], commit=False)
        wanted = [chunks[2].chunk_id, "gibt-es-nicht", hidden[0].chunk_id, chunks[0].chunk_id]
        assert [s.chunk.chunk_id for s in store.get_chunks(wanted)] == [chunks[2].chunk_id, chunks[0].chunk_id]
        assert store.get_chunks([]) == []

    def test_chunks_of_is_in_ordinal_order(self, store):
        doc = make_doc("reihe")
        chunks = make_chunks(doc, [f"Absatz {i}" for i in range(12)])
        order = [5, 0, 11, 3, 8, 1, 10, 2, 7, 4, 9, 6]
        shuffled = [chunks[i] for i in order]
        store.add_chunks(doc, shuffled, EMBEDDER.embed_passages([c.text for c in shuffled]), [text_hash(c.text) for c in shuffled])
        store.commit_document(doc)
        assert [s.chunk.ordinal for s in store.chunks_of("reihe")] == list(range(12))

    def test_iter_chunks_yields_every_committed_chunk_once(self, store):
        expected = set()
        for d in range(5):
            expected |= {c.chunk_id for c in add(store, make_doc(f"doc{d}"), [f"Text {d}-{i}" for i in range(5)])}
        add(store, make_doc("halb"), ["nicht fertig"], commit=False)
        seen = [s.chunk.chunk_id for s in store.iter_chunks(batch_size=7)]
        assert len(seen) == len(set(seen)) == 25
        assert set(seen) == expected

    def test_vectors_for_text_hashes(self, store):
        texts = ["Quartiersmanagement Wehringhausen", "Stadtteilbüro Altenhagen"]
        add(store, make_doc("q"), texts)
        found = store.vectors_for_text_hashes([text_hash(texts[1]), "unbekannt"])
        assert set(found) == {text_hash(texts[1])}
        np.testing.assert_allclose(found[text_hash(texts[1])], EMBEDDER.embed_passages([texts[1]])[0], atol=1e-5)
        assert store.vectors_for_text_hashes([]) == {}

    def test_page_row_and_record_round_trip(self, store):
        doc = make_doc("tabelle", format="xlsx")
        page_chunk = Chunk(
            chunk_id="c-page", doc_id="tabelle", ordinal=0, text="Seite drei", section="2.1 Armut", page=3, char_start=10, char_end=20
        )
        row_chunk = Chunk(
            chunk_id="c-row",
            doc_id="tabelle",
            ordinal=1,
            text="Träger: Caritas; Angebot: Schuldnerberatung",
            row=17,
            kind="table_row",
            record={"Träger": "Caritas", "Angebot": "Schuldnerberatung", "Straße": "Körnerstraße 5"},
            table="Angebote",
        )
        plain = Chunk(chunk_id="c-plain", doc_id="tabelle", ordinal=2, text="ohne Ort")
        chunks = [page_chunk, row_chunk, plain]
        store.add_chunks(doc, chunks, EMBEDDER.embed_passages([c.text for c in chunks]), ["h0", "h1", "h2"])
        store.commit_document(doc)
        assert [s.chunk for s in store.chunks_of("tabelle")] == chunks
        stored = store.get_chunks(["c-row"])[0]
        assert (stored.doc_hash, stored.text_hash) == (doc.content_hash, "h1")
        hit = store.query(EMBEDDER.embed_passages([row_chunk.text])[0], 1)[0][0]
        assert hit.chunk == row_chunk

    # --- crash consistency and fingerprint --------------------------------------------------------------------

    def test_remove_orphans_after_a_simulated_crash(self, store):
        kept = add(store, make_doc("fertig", "v1"), ["fertig eins", "fertig zwei"])
        add(store, make_doc("fertig", "v2"), ["abgebrochen eins", "abgebrochen zwei", "abgebrochen drei"], commit=False)
        add(store, make_doc("neu"), ["nie committed"], commit=False)
        assert store.count() == 6
        assert store.remove_orphans() == 4
        assert store.count() == 2
        assert [s.chunk.chunk_id for s in store.chunks_of("fertig")] == [c.chunk_id for c in kept]
        assert store.remove_orphans() == 0

    def test_fingerprint_follows_the_registry(self, store):
        empty = store.fingerprint()
        doc = make_doc("fp")
        add(store, doc, ["eins"], commit=False)
        assert store.fingerprint() == empty
        store.commit_document(doc)
        first = store.fingerprint()
        assert first != empty
        assert store.fingerprint() == first
        add(store, make_doc("fp", "v2"), ["zwei"])
        second = store.fingerprint()
        assert second not in (empty, first)
        store.commit_document(dataclasses.replace(make_doc("fp", "v2"), confidentiality="internal"))
        third = store.fingerprint()
        assert third not in (empty, first, second)
        store.delete_document("fp")
        assert store.fingerprint() == empty

    # --- persistence ------------------------------------------------------------------------------------------

    def test_persists_across_reopening(self, store, reopen):
        doc = make_doc("dauerhaft", districts=("Haspe",))
        chunks = add(store, doc, ["bleibt nach dem Neustart", "auch dieser Absatz"], page=4)
        add(store, make_doc("offen"), ["nicht committed"], commit=False)
        fingerprint = store.fingerprint()
        again = reopen(store)
        assert again.get_document("dauerhaft") == doc
        assert [s.chunk for s in again.chunks_of("dauerhaft")] == chunks
        assert again.fingerprint() == fingerprint
        assert doc_ids(ask(again, "Neustart", filters=QueryFilters(districts=["Haspe"]))) == {"dauerhaft"}
        assert again.remove_orphans() == 1

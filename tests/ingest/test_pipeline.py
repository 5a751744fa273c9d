"""The ingestion service against honest fakes: unchanged files are a no-op, changes leave no orphans, bad files are skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.settings import ChunkingSettings, IngestSettings
from assistant.testing.fakes import FakeEmbedder, InMemoryVectorStore
from ingest.pipeline import IngestionService


class CountingEmbedder(FakeEmbedder):
    """Counts passages embedded, to prove nothing is embedded twice."""

    def __init__(self):
        super().__init__()
        self.embedded = 0

    def embed_passages(self, texts):
        self.embedded += len(texts)
        return super().embed_passages(texts)


@pytest.fixture
def setup(tmp_path: Path):
    embedder = CountingEmbedder()
    store = InMemoryVectorStore()
    changes: list[int] = []
    service = IngestionService(
        embedder,
        store,
        ChunkingSettings(max_tokens=60, min_tokens=5),
        IngestSettings(),
        state_dir=tmp_path / "state",
        on_change=lambda: changes.append(1),
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "konzept.md").write_text(
        "# Sozialraumteams\n\nIn jedem Sozialraum arbeitet ein Sozialraumteam aus Sozialplanung, Jugendhilfeplanung und Trägern.\n\n"
        "## Treffen\n\nDie Teams treffen sich viermal im Jahr und berichten an die Steuerungsgruppe.\n",
        encoding="utf-8",
    )
    (docs / "protokoll.txt").write_text(
        "Stadtteilkonferenz Haspe\n\nTOP 1: Begrüßung durch die Quartiersarbeit.\n\nTOP 2: Die AWO stellt den Mittagstisch vor.\n",
        encoding="utf-8",
    )
    return service, store, embedder, docs, changes


def test_first_ingest_adds_every_document_and_notifies(setup):
    service, store, _, docs, changes = setup
    report = service.ingest([docs])
    assert sorted(report.added) == sorted(d.doc_id for d in store.documents())
    assert len(report.added) == 2 and not report.failed
    assert report.chunks_written == store.count() > 0
    assert changes == [1]


def test_second_ingest_of_unchanged_folder_writes_and_embeds_nothing(setup):
    service, store, embedder, docs, changes = setup
    service.ingest([docs])
    embedded, count = embedder.embedded, store.count()
    report = service.ingest([docs])
    assert len(report.unchanged) == 2 and not report.added and not report.updated
    assert embedder.embedded == embedded and store.count() == count
    assert report.chunks_embedded == 0
    assert changes == [1]


def test_changed_file_replaces_its_chunks_without_orphans(setup):
    service, store, _, docs, _ = setup
    service.ingest([docs])
    (docs / "protokoll.txt").write_text(
        "Stadtteilkonferenz Haspe\n\nTOP 1: Begrüßung\n\nDie Neue Tagesordnung wird beschlossen.\n", encoding="utf-8"
    )
    report = service.ingest([docs])
    assert len(report.updated) == 1
    doc = store.get_document(report.updated[0])
    texts = [c.chunk.text for c in store.chunks_of(doc.doc_id)]
    assert any("Neue Tagesordnung" in t for t in texts)
    assert not any("Mittagstisch" in t for t in texts)
    assert store.count() == sum(len(store.chunks_of(d.doc_id)) for d in store.documents())


def test_identical_text_is_embedded_once(setup):
    service, _, embedder, docs, _ = setup
    service.ingest([docs])
    before = embedder.embedded
    (docs / "kopie.md").write_text((docs / "konzept.md").read_text(encoding="utf-8"), encoding="utf-8")
    report = service.ingest([docs])
    assert report.added and embedder.embedded == before


def test_bad_file_is_reported_and_the_rest_goes_on(setup):
    service, store, _, docs, _ = setup
    (docs / "kaputt.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (docs / "leer.txt").write_bytes(b"")
    report = service.ingest([docs, docs / "fehlt.docx"])
    failed = {Path(f.path).name: f for f in report.failed}
    assert {"kaputt.pdf", "leer.txt", "fehlt.docx"} <= set(failed)
    assert all(f.message and f.code for f in report.failed)
    assert len(report.added) == 2 and len(store.documents()) == 2


def test_interrupted_run_is_repaired_before_the_next(setup, tmp_path):
    service, store, _, docs, _ = setup
    service.ingest([docs])
    # Simulate a kill between add_chunks and commit: uncommitted chunks plus a leftover journal.
    doc = store.documents()[0]
    stale = store.chunks_of(doc.doc_id)[0].chunk
    from dataclasses import replace

    ghost_doc = replace(doc, content_hash="ghost")
    ghost = replace(stale, chunk_id="ghost-chunk")
    import numpy as np

    store.add_chunks(ghost_doc, [ghost], np.zeros((1, FakeEmbedder().dim), dtype=np.float32), ["ghost-hash"])
    (tmp_path / "state" / "ingest.journal").write_text("running\n")
    committed = sum(len(store.chunks_of(d.doc_id)) for d in store.documents())
    assert store.count() == committed + 1
    service.ingest([docs])
    assert store.count() == committed
    assert not (tmp_path / "state" / "ingest.journal").exists()


def test_overrides_set_metadata_of_uploaded_files(setup):
    service, store, _, docs, _ = setup
    report = service.ingest([docs / "protokoll.txt"], overrides={"confidentiality": "internal", "districts": ["Haspe"]})
    doc = store.get_document(report.added[0])
    assert doc.confidentiality == "internal" and doc.districts == ("Haspe",)


def test_progress_reports_every_file(setup):
    service, _, _, docs, _ = setup
    events = []
    service.ingest([docs], progress=events.append)
    files = [e for e in events if e.stage == "file"]
    assert len(files) == 2 and files[-1].current == files[-1].total == 2
    assert events[-1].stage == "done"

"""Every generated demo document loads and chunks cleanly: pages on PDF blocks, no running headers, rows as records."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.core.settings import ChunkingSettings, IngestSettings
from ingest.chunking import chunk_document
from ingest.loaders import SUPPORTED_SUFFIXES, load_file

DOCUMENTS = Path(__file__).resolve().parents[2] / "corpus" / "documents"
FILES = sorted(path for path in DOCUMENTS.glob("*") if path.suffix.lower() in SUPPORTED_SUFFIXES) if DOCUMENTS.is_dir() else []

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not FILES, reason="corpus not generated")]


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_corpus_document_loads_and_chunks(path: Path):
    parsed = load_file(path, IngestSettings())
    blocks = parsed.blocks
    assert blocks
    if parsed.format == "pdf":
        assert all(block.page is not None and 1 <= block.page <= parsed.pages for block in blocks)
        texts = [block.text for block in blocks]
        assert not any(text.startswith("Stadt Hagen · Fachbereich") for text in texts), "running header left in"
        assert not any(re.search(r"Seite \d+ von \d+$", text) for text in texts), "page footer left in"
    if parsed.format in ("csv", "xlsx"):
        rows = [block for block in blocks if block.kind == "table_row"]
        assert rows and all(row.record and row.row for row in rows)
    chunks = chunk_document(path.stem, "v1", parsed, lambda text: len(text.split()) * 2, ChunkingSettings())
    assert chunks
    assert all(chunk.text.strip() for chunk in chunks)

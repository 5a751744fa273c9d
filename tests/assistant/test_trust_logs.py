"""Operations: logs at INFO and above never contain document text (ingest, search, ask, API, a failing file)."""

from __future__ import annotations

import logging

from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.testing.trust_corpus import INTERNAL_FILES, PROBES, PUBLIC_FILES, build_trust_services

#: Distinctive phrases of the corpus: none may show up in a log line.
DOCUMENT_PHRASES = ("Zebrastreifenfonds", "Nordlicht", "40.000 Euro", "Bürgerbefragungen", "Sozialausschuss beraten", "Hagener Tafel",
                    "Schuldenhilfe plus", "Stadtteilkonferenz Wehringhausen tagt")


def test_info_logs_carry_no_document_text(tmp_path, caplog):
    assert all(any(p in text for text in (*PUBLIC_FILES.values(), *INTERNAL_FILES.values())) for p in DOCUMENT_PHRASES[:-1])
    caplog.set_level(logging.INFO)
    services = build_trust_services(tmp_path / "data")
    broken = tmp_path / "kaputt.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + b"Stadtteilkonferenz Wehringhausen tagt" + b"\x00" * 100)
    services.ingestion.ingest([broken])
    with TestClient(create_app(services, bind_host="127.0.0.1", eval_dirs=[]), base_url="http://127.0.0.1:8765") as client:
        for probe in PROBES:
            assert client.post("/api/v1/ask", json={"question": probe}).status_code == 200
            assert client.post("/api/v1/search", json={"query": probe}).status_code == 200
        upload = client.post("/api/v1/documents", files={"file": ("notiz.md", b"Die Stadtteilkonferenz Wehringhausen tagt im Juni.")})
        client.app.state.jobs.wait(upload.json()["job_id"], timeout=30)
    lines = [record.getMessage() for record in caplog.records if record.levelno >= logging.INFO]
    assert lines, "nothing was logged at all"
    for line in lines:
        assert not [p for p in DOCUMENT_PHRASES if p in line], line

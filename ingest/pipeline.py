"""The ingestion service: files in, committed chunks out, with nothing embedded twice and nothing half-written.

Order of writes per document (crash consistency): chunks of the new version are added, then the
document record is committed (which drops the old version's chunks). A run killed in between leaves
only uncommitted chunks, which the next run removes before it starts (a journal file marks the run).
Parsing runs in a background thread so it overlaps with embedding, the bottleneck.

A write that fails (disk full at the fact store or the lexical save) does not leave a half-visible document: the run
is a transaction over Chroma, the fact store and the lexical index (ingest/commit.py), rolled back to what each
document was before, and the run fails with a typed error (DataDirFullError: "Zu wenig Speicherplatz …"). Free space
is checked before every document is written.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.core.data_dir import DataDir
from assistant.core.errors import DocumentError, PlanwissenError
from assistant.core.interfaces import Embedder, FactStore, VectorStore
from assistant.core.settings import ChunkingSettings, IngestSettings
from assistant.core.types import CONFIDENTIALITY_LEVELS, Chunk, DocumentMeta, FileFailure, FileWarning, IngestReport, ProgressEvent
from assistant.services.data_dir import check_free_space, storage_error
from assistant.services.pause_points import PauseHook, no_pause
from ingest.chunking import chunk_document
from ingest.commit import RunTransaction
from ingest.loaders import load_file
from ingest.manifest import DiscoveredFile, discover
from ingest.tables import TABLE_PARSER_VERSION, NormalisedTable
from ingest.tables.places import place_key
from ingest.tables.records import to_core

log = logging.getLogger(__name__)

Progress = Callable[[ProgressEvent], None]

#: Version of what parsing makes of a file; part of a document's version, so improved parsing re-reads unchanged files
#: (cheaply: vectors are reused by text hash). Bump when loaders, chunking or table normalisation change their output.
PARSER_VERSION = f"tables-{TABLE_PARSER_VERSION}-text-2"
#: Formats whose tables are the document: what their loader noticed is reported with the ingestion.
SPREADSHEET_FORMATS = frozenset({"csv", "xlsx"})


@dataclass
class _Prepared:
    """A parsed and chunked document version, ready to embed."""

    doc: DocumentMeta
    chunks: list[Chunk]
    status: str  # "added" or "updated"
    tables: list[NormalisedTable] | None = None
    warnings: list[FileWarning] = field(default_factory=list)


def file_hash(path: Path) -> str:
    """Content hash of a file: the version of a document."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:32]


def version_of(digest: str) -> str:
    """A document version from a file's content hash (`file_hash`): combined with the parser version."""
    return hashlib.sha256(f"{digest}|{PARSER_VERSION}".encode()).hexdigest()[:32]


def version_hash(path: Path) -> str:
    """A document version: the file's content hash combined with the parser version (DocumentMeta.content_hash)."""
    return version_of(file_hash(path))


def text_hash(text: str) -> str:
    """Hash of a chunk's text, to reuse its vector wherever the same text appears again."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _year_from_name(name: str) -> str:
    match = re.search(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", name)
    return match.group(1) if match else ""


def _as_tuple(value) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return tuple(str(v) for v in value)


def build_meta(found: DiscoveredFile, content_hash: str, parsed_title: str | None, parsed_meta: dict, pages: int | None,
               chunk_count: int, overrides: dict | None) -> DocumentMeta:
    """Document metadata: upload overrides beat the manifest, the manifest beats what the file says about itself."""
    info: dict = {}
    info.update({k: v for k, v in (parsed_meta or {}).items() if v not in (None, "")})
    info.update({k: v for k, v in (found.manifest_entry or {}).items() if v not in (None, "")})
    info.update({k: v for k, v in (overrides or {}).items() if v not in (None, "")})
    date = str(info.get("date") or _year_from_name(found.path.name))
    return DocumentMeta(
        doc_id=found.doc_id,
        title=str(info.get("title") or parsed_title or found.path.stem),
        source_path=str(found.path.resolve()),
        content_hash=content_hash,
        format=found.path.suffix.lower().lstrip("."),
        kind=str(info.get("kind") or ""),
        date=date,
        districts=_as_tuple(info.get("districts")),
        sozialraeume=_as_tuple(info.get("sozialraeume")),
        topics=_as_tuple(info.get("topics")),
        confidentiality=str(info.get("confidentiality") or "public"),
        pages=pages,
        chunk_count=chunk_count,
    )


class IngestionService:
    """Ingests files and folders into the vector store; the lexical index follows via `on_change`."""

    def __init__(self, embedder: Embedder, store: VectorStore, chunking: ChunkingSettings, limits: IngestSettings,
                 state_dir: Path, on_change: Callable[[], None] | None = None, batch_size: int = 16,
                 facts: FactStore | None = None, place_levels: dict[str, str] | None = None, pause: PauseHook = no_pause,
                 min_free_mb: int = 0):
        """`state_dir` holds the run journal and lock; `on_change` is called after a run that wrote anything (it
        rebuilds the lexical index and must raise when it cannot save it: the run is then rolled back);
        `facts` receives every document's tables as data, in step with the vector store; `place_levels` (place_key →
        level, from the alias file) corrects place levels a table cannot tell; `pause` is the crash tests' hook at
        named steps (a no-op in production); `min_free_mb` is the free space (in the state dir) every document write
        needs (settings.data_dir_min_free_mb)."""
        self._embedder = embedder
        self._store = store
        self._chunking = chunking
        self._limits = limits
        self._state_dir = Path(state_dir)
        self._on_change = on_change
        self._batch_size = batch_size
        self._pause = pause
        self._facts = facts
        self._place_levels = place_levels or {}
        self._min_free_mb = min_free_mb

    # -- public -----------------------------------------------------------------------------------

    def ingest(self, paths: Sequence[Path], *, progress: Progress | None = None, overrides: dict | None = None) -> IngestReport:
        """Ingest files/folders; bad files are reported and skipped, the rest goes on."""
        started = time.perf_counter()
        report = IngestReport()
        emit = progress or (lambda event: None)
        with self._run_guard() as interrupted:
            found, failures = self._discover(paths)
            report.failed.extend(failures)
            self._repair_facts()
            emit(ProgressEvent(stage="scan", total=len(found)))
            todo = self._sort_out_unchanged(found, report, emit)
            transaction = RunTransaction(self._store, self._facts)
            try:
                self._process(todo, report, emit, overrides, len(found), transaction)
            except Exception as exc:
                # The failing document is rolled back already; the run's earlier ones stay if the lexical index follows.
                if transaction.written:
                    self._finish_or_roll_back(transaction)
                typed = self._typed(exc)
                if typed is exc:
                    raise
                raise typed from exc
            self._pause("after-chroma-commit")
            # After a killed run the lexical index may lag behind documents committed just before the kill.
            if report.changed or interrupted or (self._on_change is not None and not found):
                self._finish_or_roll_back(transaction, raise_error=True)
            self._pause("after-bm25")
        report.seconds = time.perf_counter() - started
        emit(ProgressEvent(stage="done", current=len(found), total=len(found)))
        return report

    def repair_if_interrupted(self) -> bool:
        """At start: finish what a killed run (or a failed rollback) left behind — orphaned chunks, missing facts, a lexical
        index behind the store — before anyone uploads again. False when the last run ended cleanly."""
        if not DataDir(self._state_dir).ingest_journal.exists():
            return False
        self.ingest([])
        return True

    def repair(self) -> int:
        """Remove chunks left by an interrupted run; returns how many were removed."""
        removed = self._store.remove_orphans()
        if removed:
            log.warning("removed %d orphaned chunks of an interrupted ingestion", removed)
            self._notify()
        return removed

    # -- steps ------------------------------------------------------------------------------------

    def _discover(self, paths: Sequence[Path]) -> tuple[list[DiscoveredFile], list[FileFailure]]:
        failures: list[FileFailure] = []
        existing: list[Path] = []
        for raw in paths:
            path = Path(raw)
            if not path.exists():
                failures.append(FileFailure(str(path), "not_found", "Datei oder Ordner nicht gefunden."))
            else:
                existing.append(path)
        return discover(existing), failures

    def _sort_out_unchanged(self, found: list[DiscoveredFile], report: IngestReport,
                            emit: Progress) -> list[tuple[DiscoveredFile, str, str]]:
        """Hash every file; unchanged versions are skipped before any parsing."""
        registry = {doc.doc_id: doc for doc in self._store.documents()}
        todo = []
        for index, item in enumerate(found, start=1):
            try:
                digest = version_hash(item.path)
            except OSError as exc:
                report.failed.append(FileFailure(str(item.path), "unreadable", f"Datei nicht lesbar: {exc.strerror or exc}"))
                continue
            known = registry.get(item.doc_id)
            if known is not None and known.content_hash == digest:
                report.unchanged.append(item.doc_id)
                emit(ProgressEvent(stage="file", current=index, total=len(found), path=str(item.path), status="unverändert"))
            else:
                todo.append((item, digest, "updated" if known is not None else "added"))
        return todo

    def _process(self, todo, report: IngestReport, emit: Progress, overrides: dict | None, total: int,
                 transaction: RunTransaction) -> None:
        """Parse in a background thread, embed and store here, one document at a time (each one rolled back on failure)."""
        done = len(report.unchanged)
        for prepared in self._prepare_in_background(todo, report, overrides):
            vectors = self._embed(prepared.chunks, report, emit)
            hashes = [text_hash(c.text) for c in prepared.chunks]
            self._check_space()
            transaction.remember(prepared.doc.doc_id)
            try:
                self._store.add_chunks(prepared.doc, prepared.chunks, vectors, hashes)
                self._pause("before-commit")
                self._store.commit_document(prepared.doc)
                transaction.wrote(prepared.doc.doc_id, "committed")
                self._write_facts(prepared.doc, prepared.tables or [])
                transaction.wrote(prepared.doc.doc_id, "facts")
            except Exception:
                transaction.rollback([prepared.doc.doc_id])
                raise
            report.chunks_written += len(prepared.chunks)
            getattr(report, prepared.status).append(prepared.doc.doc_id)
            report.warnings.extend(prepared.warnings)
            done += 1
            emit(ProgressEvent(stage="file", current=done, total=total, path=prepared.doc.source_path,
                               status="neu" if prepared.status == "added" else "aktualisiert"))

    def _prepare_in_background(self, todo, report: IngestReport, overrides: dict | None) -> Iterator[_Prepared]:
        """Yield prepared documents while the next ones are parsed in a worker thread."""
        handoff: queue.Queue = queue.Queue(maxsize=4)
        failures: list[FileFailure] = []
        stop = threading.Event()  # the run failed (disk full …): parse no further

        def work() -> None:
            try:
                for item, digest, status in todo:
                    if stop.is_set():
                        return
                    prepared = self._prepare(item, digest, status, overrides, failures)
                    if prepared is not None:
                        handoff.put(prepared)
            finally:
                handoff.put(None)

        worker = threading.Thread(target=work, name="planwissen-parse", daemon=True)
        worker.start()
        try:
            while (item := handoff.get()) is not None:
                yield item
        finally:
            stop.set()
            while not handoff.empty():  # a worker blocked on a full queue can see `stop` and end
                handoff.get_nowait()
            worker.join(timeout=0.1)
            report.failed.extend(failures)

    def _prepare(self, item: DiscoveredFile, digest: str, status: str, overrides: dict | None,
                 failures: list[FileFailure]) -> _Prepared | None:
        try:
            parsed = load_file(item.path, self._limits)
            chunks = chunk_document(item.doc_id, digest, parsed, self._embedder.count_tokens, self._chunking)
            if not chunks:
                raise DocumentError(item.path.name, message_de="Die Datei enthält keinen verwertbaren Text",
                                    message_en="The file contains no usable text")
        except PlanwissenError as exc:
            failures.append(FileFailure(str(item.path), exc.code, exc.describe("de")))
            return None
        except Exception as exc:  # a loader bug must not stop the run: report, log, go on
            log.exception("unexpected error while reading %s", item.path)
            failures.append(FileFailure(str(item.path), "internal_error", f"Unerwarteter Fehler beim Lesen ({type(exc).__name__})."))
            return None
        meta = build_meta(item, digest, parsed.title, getattr(parsed, "metadata", {}) or {}, parsed.pages, len(chunks), overrides)
        # a spreadsheet's caveats are the user's to check; a report's text tables without figures are expected
        warnings = [FileWarning(str(item.path), text) for text in dict.fromkeys(parsed.warnings)] \
            if parsed.format in SPREADSHEET_FORMATS else []
        return _Prepared(meta, chunks, status, list(parsed.tables), warnings)

    def _embed(self, chunks: list[Chunk], report: IngestReport, emit: Progress) -> np.ndarray:
        """Vectors for the chunks, reusing stored vectors of identical texts."""
        hashes = [text_hash(c.text) for c in chunks]
        known = self._store.vectors_for_text_hashes(sorted(set(hashes)))
        missing = [i for i, h in enumerate(hashes) if h not in known]
        vectors = np.zeros((len(chunks), self._embedder.dim), dtype=np.float32)
        for i, h in enumerate(hashes):
            if h in known:
                vectors[i] = known[h]
        first_of: dict[str, int] = {}
        for i in missing:
            first_of.setdefault(hashes[i], i)  # a text repeated within the document is embedded once
        unique = list(first_of.values())
        for start in range(0, len(unique), self._batch_size):
            batch = unique[start:start + self._batch_size]
            vectors[batch] = self._embedder.embed_passages([chunks[i].text for i in batch])
            report.chunks_embedded += len(batch)
            self._pause("mid-embedding")
            emit(ProgressEvent(stage="embed", current=len(batch)))
        for i in missing:
            vectors[i] = vectors[first_of[hashes[i]]]
        return vectors

    # -- facts (the Kennzahlen store follows the vector store's committed versions) ----------------------

    def _write_facts(self, doc: DocumentMeta, tables: list[NormalisedTable]) -> None:
        """Replace the document's facts and rows, after its chunks are committed (a kill in between is repaired)."""
        if self._facts is None:
            return
        facts, rows = to_core(tables, doc.doc_id, doc.confidentiality, default_period=str(doc.year or ""),
                              known_levels=self._levels_for(tables))
        self._facts.replace_document(doc, facts, rows)

    def _levels_for(self, tables: list[NormalisedTable]) -> dict[str, str]:
        """Known place levels: the alias file's, and for a table whose place column names no level ('Gebiet',
        'Raum', places as columns) the levels other tables of the store give the same names."""
        if self._facts is None or not any(draft.place_level == "other" for table in tables for draft in table.facts):
            return self._place_levels
        stored = {place_key(name): level for name, level in self._facts.places(max_confidentiality=CONFIDENTIALITY_LEVELS[-1]).items()
                  if level not in ("other", "stadt")}
        return {**stored, **self._place_levels}

    def _repair_facts(self) -> None:
        """Bring the fact store in step with the committed documents: facts of removed documents go, and a document
        whose facts are missing or of another version (killed run, older planwissen) is re-read from its file."""
        if self._facts is None:
            return
        registry = {doc.doc_id: doc for doc in self._store.documents()}
        stored = self._facts.doc_versions()
        for doc_id in stored.keys() - registry.keys():
            self._facts.delete_document(doc_id)
        for doc_id, doc in registry.items():
            if stored.get(doc_id) == doc.content_hash:
                continue
            path = Path(doc.source_path)
            try:
                parsed = load_file(path, self._limits) if path.is_file() and version_hash(path) == doc.content_hash else None
            except (OSError, PlanwissenError):
                log.warning("facts of %s could not be rebuilt", doc_id, exc_info=True)
                parsed = None
            if parsed is None:  # the file changed or is gone: no figure may outlive its version; the next ingest rewrites
                if doc_id in stored:
                    self._facts.delete_document(doc_id)
                continue
            self._write_facts(doc, list(parsed.tables))
            log.info("rebuilt the facts of %s", doc_id)

    def _notify(self) -> None:
        if self._on_change is not None:
            self._on_change()

    # -- the run as a transaction (ingest/commit.py) ----------------------------------------------------

    def _check_space(self) -> None:
        try:
            check_free_space(self._state_dir, self._min_free_mb)
        except PlanwissenError:
            log.warning("ingestion stopped: not enough free space in %s", self._state_dir)
            raise

    def _finish_or_roll_back(self, transaction: RunTransaction, *, raise_error: bool = False) -> None:
        """Bring the lexical index in step with what the run wrote; when that fails, roll the whole run back."""
        try:
            self._notify()
        except Exception as exc:
            log.warning("the lexical index could not follow the run (%s); rolling back %d document(s)",
                        type(exc).__name__, len(transaction.written))
            transaction.rollback()
            if raise_error:
                typed = self._typed(exc)
                if typed is exc:
                    raise
                raise typed from exc
            return
        for doc_id in transaction.written:
            transaction.forget(doc_id)

    def _typed(self, exc: Exception) -> Exception:
        """OS errors of a write (disk full, read-only) as the data directory's typed errors; the rest unchanged."""
        return storage_error(self._state_dir, exc) if isinstance(exc, OSError) else exc

    @contextmanager
    def _run_guard(self):
        """One ingestion at a time per data directory; a leftover journal means the last run was killed."""
        self._state_dir.mkdir(parents=True, exist_ok=True)
        lock_path = DataDir(self._state_dir).ingest_lock
        journal = DataDir(self._state_dir).ingest_journal
        with lock_path.open("a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                interrupted = journal.exists()
                if interrupted:
                    log.warning("the last ingestion was interrupted; repairing the index")
                    self.repair()
                journal.write_text("running\n")
                yield interrupted
                journal.unlink(missing_ok=True)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

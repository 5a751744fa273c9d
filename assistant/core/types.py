"""planwissen's own value types, shared by every layer (API and UI never see framework types)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

#: Confidentiality levels, lowest first. A caller cleared for a level may read it and every lower one.
CONFIDENTIALITY_LEVELS: tuple[str, ...] = ("public", "internal")


def confidentiality_rank(level: str) -> int:
    """Numeric rank of a confidentiality level; unknown levels count as the most restricted."""
    try:
        return CONFIDENTIALITY_LEVELS.index(level)
    except ValueError:
        return len(CONFIDENTIALITY_LEVELS) - 1


ChunkKind = Literal["text", "table_row", "table"]
#: The record key of a table passage that describes a place's rows for search (how many rows it stands for); their
#: values are in the fact store, not in the passage text.
DESCRIBED_ROWS_KEY = "Zeilen"


@dataclass(frozen=True)
class DocumentMeta:
    """What planwissen knows about one source document (one version of it)."""

    doc_id: str
    title: str
    source_path: str
    content_hash: str
    format: str
    kind: str = ""
    date: str = ""
    districts: tuple[str, ...] = ()
    sozialraeume: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    confidentiality: str = "public"
    pages: int | None = None
    chunk_count: int = 0

    @property
    def year(self) -> int | None:
        """Year of the document date, if the date starts with one."""
        head = self.date[:4]
        return int(head) if head.isdigit() else None


@dataclass(frozen=True)
class Chunk:
    """One retrievable piece of a document, with the exact place it came from."""

    chunk_id: str
    doc_id: str
    ordinal: int
    text: str
    section: str = ""
    page: int | None = None
    row: int | None = None
    char_start: int = 0
    char_end: int = 0
    kind: ChunkKind = "text"
    #: For table rows: column name -> cell value, so a row answers "who does what where".
    record: dict[str, str] | None = None
    #: Table/sheet name for table rows.
    table: str = ""


@dataclass(frozen=True)
class Passage:
    """A chunk found for a query, with its document and scores."""

    chunk: Chunk
    document: DocumentMeta
    score: float
    dense_score: float | None = None
    lexical_score: float | None = None


@dataclass
class QueryFilters:
    """Metadata restrictions applied on every retrieval side (dense, lexical, tables)."""

    districts: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    #: Highest confidentiality level the caller may read.
    max_confidentiality: str = "public"

    def allows(self, doc: DocumentMeta) -> bool:
        """True when a document passes every filter (used by fakes and by post-filtering)."""
        if confidentiality_rank(doc.confidentiality) > confidentiality_rank(self.max_confidentiality):
            return False
        if self.districts and not set(self.districts) & set(doc.districts):
            return False
        if self.topics and not set(self.topics) & set(doc.topics):
            return False
        if self.kinds and doc.kind not in self.kinds:
            return False
        if self.doc_ids and doc.doc_id not in self.doc_ids:
            return False
        year = doc.year
        if self.year_from is not None and (year is None or year < self.year_from):
            return False
        if self.year_to is not None and (year is None or year > self.year_to):
            return False
        return True


@dataclass(frozen=True)
class Citation:
    """A numbered pointer from an answer to the exact place in a document."""

    number: int
    doc_id: str
    title: str
    quote: str
    page: int | None = None
    row: int | None = None
    section: str = ""
    source_path: str = ""
    chunk_id: str = ""
    date: str = ""

    @property
    def location(self) -> str:
        """Human-readable place: 'S. 4', 'Zeile 17' or the section."""
        if self.page is not None:
            return f"S. {self.page}"
        if self.row is not None:
            return f"Zeile {self.row}"
        return self.section


@dataclass
class Answer:
    """An answer with its evidence; `refused` is True when the documents hold no answer."""

    question: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    refused: bool = False
    mode: Literal["extractive", "generative"] = "extractive"
    notes: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    #: The question as it was answered: a follow-up resolved against the conversation ("" when not resolved).
    #: Edges show "Verstanden als: …" only when it differs from `question` (what the user typed).
    understood_as: str = ""


@dataclass
class FileFailure:
    """A file that could not be ingested, and why (in words a user understands)."""

    path: str
    code: str
    message: str


@dataclass
class FileWarning:
    """A file that was ingested with a caveat, in words a user understands."""

    path: str
    message: str


@dataclass
class IngestReport:
    """Summary of one ingestion run."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[FileFailure] = field(default_factory=list)
    #: Ingested files with something the user should check (a table cell without a readable number, a hidden sheet).
    warnings: list[FileWarning] = field(default_factory=list)
    chunks_written: int = 0
    chunks_embedded: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """True when this run wrote anything."""
        return bool(self.added or self.updated)


@dataclass
class StreamEvent:
    """One piece of a streamed answer: text deltas first, then the final answer with its citations."""

    kind: Literal["delta", "final"]
    text: str = ""
    answer: Answer | None = None


@dataclass(frozen=True)
class ProgressEvent:
    """Progress of a long job (ingestion), for progress bars in CLI, UI and API job status."""

    stage: Literal["scan", "file", "embed", "index", "done"]
    current: int = 0
    total: int = 0
    path: str = ""
    status: str = ""


# --- Kennzahlen: tables as data ----------------------------------------------------------------------------

#: Level of a place in a fact: the city as a whole, a Stadtbezirk, a Sozialraum / Stadtteil, or unknown.
PlaceLevel = Literal["stadt", "bezirk", "sozialraum", "stadtteil", "other"]


@dataclass(frozen=True)
class Fact:
    """One value of one table cell, normalised: place × indicator × period → value, with its exact provenance.

    `indicator` is the label as the table names it (group + column label for grouped headers, e.g.
    "Einwohner nach Altersgruppen: 0 bis unter 3"); `indicator_key` its folded, stable form used for lookups.
    `value` is None for a missing or secret cell ("–", ".", "x", "*"); `raw` keeps the cell text as written.
    `row` is the row number as the spreadsheet shows it (1-based file line / Excel row), `page` the PDF page.
    """

    doc_id: str
    table: str
    place: str
    place_level: PlaceLevel
    indicator: str
    indicator_key: str
    period: str  # "2024" or an ISO date "2023-12-31"
    value: float | None
    raw: str
    unit: str = ""  # "%", "Anzahl", "€" … or ""
    row: int | None = None
    column: str = ""
    page: int | None = None
    sheet: str = ""
    #: The Bezirk (or other parent area) a Sozialraum/Stadtteil row belongs to, when the table says so.
    parent_place: str = ""
    confidentiality: str = "public"
    #: Spelling-insensitive key of `place` (umlauts folded, punctuation as spaces): "Düsternbrook" = "Duesternbrook".
    place_key: str = ""

    @property
    def year(self) -> int | None:
        """Year of the period, if it starts with one."""
        head = self.period[:4]
        return int(head) if head.isdigit() else None


@dataclass(frozen=True)
class TableRow:
    """A raw table row kept beside the facts (for the answer's table of the rows used and for counting rows)."""

    doc_id: str
    table: str
    row: int | None
    cells: dict[str, str]
    page: int | None = None
    sheet: str = ""
    confidentiality: str = "public"


@dataclass
class FactQuery:
    """A structured, parameterised request to the fact store (never SQL text built from user words)."""

    indicator_keys: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    place_levels: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    doc_ids: list[str] = field(default_factory=list)
    max_confidentiality: str = "public"
    limit: int = 10_000


# --- Conversations -----------------------------------------------------------------------------------------


@dataclass
class Turn:
    """One earlier exchange of a conversation, so a follow-up ("Und in Hohenlimburg?") can be resolved."""

    question: str
    answer_text: str = ""
    #: The question as it was understood (after resolving it against the turn before), if known.
    understood_as: str = ""
    #: Citations of the answer as plain dicts (number, doc_id, title, quote, page, row, …), as stored.
    citations: list[dict] = field(default_factory=list)
    #: When the turn was stored (ISO 8601, UTC); "" for turns a client sends along.
    created_at: str = ""


@dataclass
class Conversation:
    """A user's conversation kept on the server: whose it is, at which access level it was held, and its turns."""

    conversation_id: str
    user: str
    level: str
    title: str = ""
    created_at: str = ""
    updated_at: str = ""
    turns: list[Turn] = field(default_factory=list)
    #: Number of turns (also filled when a listing leaves the turns out).
    turn_count: int = 0


# --- Uploads and ingestion jobs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredUpload:
    """One upload in the inbox: its folder's id, the document id it will carry, the file and its content hash."""

    upload_id: str
    doc_id: str
    path: Path
    content_hash: str
    #: The document this upload is meant to replace (a new version on purpose), if any.
    replaces: str | None = None


@dataclass(frozen=True)
class Duplicate:
    """An uploaded file whose content is already indexed as another document."""

    file: str
    doc_id: str
    title: str

    def describe(self) -> str:
        return f"{self.file} bereits vorhanden als „{self.title}“ ({self.doc_id})"


JobState = Literal["queued", "running", "done", "failed"]


@dataclass(frozen=True)
class Job:
    """A snapshot of one ingestion job; `level` is the confidentiality of what it ingests (who may see it).

    It carries what it was asked to ingest (`paths`, or `uploads` with `overrides`), so a job a restart interrupted
    can be resumed from the job store."""

    job_id: str
    files: tuple[str, ...]
    level: str
    state: JobState = "queued"
    stage: str = ""
    current: int = 0
    total: int = 0
    message: str = ""
    created_at: float = field(default_factory=time.time)
    finished_at: float | None = None
    report: IngestReport | None = None
    error_code: str = ""
    #: Uploaded files not ingested because their content is already indexed as another document.
    duplicates: tuple[Duplicate, ...] = ()
    paths: tuple[str, ...] = ()
    uploads: tuple[StoredUpload, ...] = ()
    overrides: dict = field(default_factory=dict)
    #: The process that queued or runs the job (a restart takes over only jobs whose process is gone).
    pid: int = 0

    @property
    def progress(self) -> float:
        """0..1; 1 once finished."""
        if self.state in ("done", "failed"):
            return 1.0
        return min(self.current / self.total, 1.0) if self.total else 0.0

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

"""A small, honest `Services` for testing the fronts (API, UI, browser) without models or Chroma.

Retrieval ranks by the fake embedder (word overlap) and honours every filter, including the confidentiality
level; answering is extractive (best passage, cited as [1]); ingestion reads text files; drafting is the real
DraftingService over the same store. A demo corpus with
one internal document lets tests try to reach internal content by every route.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.core.errors import InvalidInputError, UnsupportedFormatError
from assistant.core.settings import RetrievalSettings, Settings
from assistant.core.types import (
    CONFIDENTIALITY_LEVELS,
    Answer,
    Chunk,
    Citation,
    DocumentMeta,
    FileFailure,
    IngestReport,
    Passage,
    ProgressEvent,
    QueryFilters,
    StreamEvent,
    Turn,
)
from assistant.services.container import Services
from assistant.services.conversations import ConversationService
from assistant.services.documents import DocumentService
from assistant.services.drafting.draft import DraftingService
from assistant.services.drafting.types import ChartSpec
from assistant.services.follow_up import FollowUpResolver, Resolution
from assistant.services.query_understanding import QueryUnderstanding
from assistant.services.retrieval import RetrievalService
from assistant.services.vocabulary import build_vocabulary, default_aliases
from assistant.testing.drafting_corpus import FakeChart, drafting_documents
from assistant.testing.fake_conversations import InMemoryConversationStore
from assistant.testing.fake_lexical import FakeLexicalIndex
from assistant.testing.fakes import FakeEmbedder, InMemoryVectorStore
from assistant.testing.sample_corpus import fill_store

#: The Host header of Starlette's TestClient.
TEST_CLIENT_HOST = "testserver"
NO_ANSWER = "Dazu finde ich in den Dokumenten nichts."
#: Appears only in the internal demo document: a test that sees it anywhere as a public caller has found a leak.
INTERNAL_MARKER = "Vertraulichvermerk"


@dataclass(frozen=True)
class DemoDocument:
    meta: DocumentMeta
    pages: tuple[str, ...]
    suffix: str = ".md"


DEMO_DOCUMENTS: tuple[DemoDocument, ...] = (
    DemoDocument(
        DocumentMeta(doc_id="planungskonzept-2023", title="Planungskonzept Sozialraumorientierte Sozialplanung 2023", source_path="",
                     content_hash="", format="pdf", kind="konzept", date="2023-05-01", districts=("Gesamtstadt",),
                     topics=("beteiligung", "organisation"), confidentiality="public", pages=2),
        ("Die Sozialplanung nutzt als Beteiligungsformate Stadtteilkonferenzen, Bürgerbefragungen und Sozialraumteams. "
         "Beteiligungsformate werden jährlich ausgewertet.",
         "Sozialraumteams sind Arbeitsgruppen je Stadtbezirk; darin sitzen Fachkräfte der Jugendhilfe, der Sozialverwaltung "
         "und freier Träger."),
        suffix=".pdf",
    ),
    DemoDocument(
        DocumentMeta(doc_id="sozialraumprofil-hohenlimburg-2024", title="Sozialraumprofil Hohenlimburg 2024", source_path="",
                     content_hash="", format="md", kind="sozialraumprofil", date="2024-03-15", districts=("Hohenlimburg",),
                     topics=("armut",), confidentiality="public"),
        ("Die SGB-II-Quote in Hohenlimburg lag 2024 bei 11,8 Prozent und damit unter dem städtischen Durchschnitt.",),
    ),
    DemoDocument(
        DocumentMeta(doc_id="angebote-haspe", title="Angebote und Maßnahmen Haspe", source_path="", content_hash="", format="md",
                     kind="angebote", date="2024-01-10", districts=("Haspe",), topics=("armut",), confidentiality="public"),
        ("Zum Thema Armut arbeiten in Haspe die Caritas, das Stadtteilbüro Haspe und die Tafel als Partner zusammen.",),
    ),
    DemoDocument(
        DocumentMeta(doc_id="protokoll-steuerungsgruppe-2024", title="Protokoll Steuerungsgruppe März 2024", source_path="",
                     content_hash="", format="md", kind="protokoll", date="2024-03-20", districts=("Haspe",), topics=("armut",),
                     confidentiality="internal"),
        (f"{INTERNAL_MARKER}: Die Steuerungsgruppe beschloss, die Partner zum Thema Armut in Haspe um die Diakonie zu erweitern; "
         "die Mittel dafür sind noch nicht bewilligt.",),
    ),
)

_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9äöüß]+", "-", name.lower()).strip("-") or "dokument"


def _file_hash(path: Path) -> str:
    """Like the real ingestion's content hash, so duplicate detection of uploads works the same with the fake."""
    from ingest.pipeline import version_of

    return version_of(hashlib.sha256(path.read_bytes()).hexdigest()[:32]) if path.is_file() else ""


def _manifest_id(path: Path) -> str | None:
    """The id a manifest beside the file gives it (uploads carry one), like the real discovery."""
    from ingest.manifest import discover

    entry = discover([path])[0].manifest_entry
    return str(entry["id"]) if entry and entry.get("id") else None


class FakeIngestion:
    """Reads .md/.txt (and the demo '.pdf' text files), one chunk per paragraph or page; progress per file."""

    def __init__(self, embedder: FakeEmbedder, store: InMemoryVectorStore, lock: threading.RLock, delay_s: float = 0.0):
        self._embedder, self._store, self._lock, self.delay_s = embedder, store, lock, delay_s
        self.calls: list[tuple[list[Path], dict | None]] = []

    def add(self, meta: DocumentMeta, pages: Sequence[str]) -> str:
        """Index one document version (page texts); returns 'added', 'updated' or 'unchanged'."""
        content_hash = meta.content_hash or _hash(*pages)
        with self._lock:
            old = self._store.get_document(meta.doc_id)
            if old is not None and old.content_hash == content_hash and old.confidentiality == meta.confidentiality:
                return "unchanged"
            paged = meta.format == "pdf"
            chunks = [Chunk(chunk_id=_hash(meta.doc_id, content_hash, str(i), text), doc_id=meta.doc_id, ordinal=i, text=text,
                            page=i + 1 if paged else None, section="" if paged else f"Abschnitt {i + 1}") for i, text in enumerate(pages)]
            meta = DocumentMeta(**{**meta.__dict__, "content_hash": content_hash, "chunk_count": len(chunks),
                                   "pages": len(pages) if paged else None})
            vectors = self._embedder.embed_passages([c.text for c in chunks])
            self._store.add_chunks(meta, chunks, vectors, [_hash(c.text) for c in chunks])
            self._store.commit_document(meta)
        return "updated" if old is not None else "added"

    def ingest(self, paths: Sequence[Path], *, progress=None, overrides: dict | None = None) -> IngestReport:
        self.calls.append(([Path(p) for p in paths], overrides))
        report, started = IngestReport(), time.monotonic()
        emit = progress or (lambda event: None)
        for index, path in enumerate(paths, start=1):
            path = Path(path)
            emit(ProgressEvent(stage="file", current=index - 1, total=len(paths), path=str(path), status="lesen"))
            time.sleep(self.delay_s)
            try:
                meta = self._meta(path, overrides or {})
                status = self.add(meta, self._read(path))
            except (InvalidInputError, UnsupportedFormatError) as exc:
                report.failed.append(FileFailure(path=str(path), code=exc.code, message=exc.describe("de")))
                continue
            getattr(report, status).append(meta.doc_id)
            emit(ProgressEvent(stage="file", current=index, total=len(paths), path=str(path), status=status))
        emit(ProgressEvent(stage="done", current=len(paths), total=len(paths)))
        report.seconds = time.monotonic() - started
        return report

    @staticmethod
    def _read(path: Path) -> list[str]:
        if path.suffix.lower() not in (".md", ".txt"):
            raise UnsupportedFormatError(path.name)
        text = path.read_text(encoding="utf-8", errors="replace")
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        if not paragraphs:
            raise InvalidInputError(path.name, message_de="Die Datei enthält keinen Text", message_en="The file contains no text")
        return paragraphs

    @staticmethod
    def _meta(path: Path, overrides: dict) -> DocumentMeta:
        as_tuple = lambda v: tuple(v.split(",")) if isinstance(v, str) else tuple(v or ())  # noqa: E731
        return DocumentMeta(doc_id=_manifest_id(path) or _slug(path.stem), title=overrides.get("title") or path.stem,
                            source_path=str(path.resolve()), content_hash=_file_hash(path),
                            format=path.suffix.lstrip(".").lower(), kind=overrides.get("kind", ""), date=overrides.get("date", ""),
                            districts=as_tuple(overrides.get("districts")), topics=as_tuple(overrides.get("topics")),
                            confidentiality=overrides.get("confidentiality", "public"))


class FakeRetrieval:
    """Dense-only retrieval over the fake embedder; every filter (and the level) is applied in the store query."""

    def __init__(self, embedder: FakeEmbedder, store: InMemoryVectorStore, lock: threading.RLock):
        self._embedder, self._store, self._lock = embedder, store, lock
        self.seen_filters: list[QueryFilters] = []
        self.refreshes = 0

    def search(self, query: str, filters: QueryFilters | None = None, k: int | None = None) -> list[Passage]:
        filters = filters or QueryFilters()
        self.seen_filters.append(filters)
        with self._lock:
            hits = self._store.query(self._embedder.embed_query(query), k or 5, filters)
            return [Passage(chunk=s.chunk, document=self._store.get_document(s.chunk.doc_id), score=score, dense_score=score)
                    for s, score in hits]

    def refresh_lexical(self) -> None:
        self.refreshes += 1


class FakeAnswering:
    """Extractive: the best passage's sentences as the answer, cited [1]; refuses below a similarity floor.

    Follow-ups are resolved by the real FollowUpResolver over a vocabulary of the store's documents.
    """

    def __init__(self, retrieval: FakeRetrieval, min_score: float = 0.35, delta_delay_s: float = 0.0):
        self._retrieval, self.min_score, self.delta_delay_s = retrieval, min_score, delta_delay_s
        self.seen_history: list[list[Turn]] = []

    def understand(self, question: str, history: Sequence[Turn] | None = None) -> Resolution:
        if not history:
            return Resolution(question)
        with self._retrieval._lock:
            vocabulary = build_vocabulary(self._retrieval._store.documents(), default_aliases())
        return FollowUpResolver(QueryUnderstanding(vocabulary).analyze, vocabulary).resolve(question, history)

    def ask(self, question: str, filters: QueryFilters | None = None, history: Sequence[Turn] | None = None) -> Answer:
        self.seen_history.append(list(history or []))
        understood = self.understand(question, history).question
        answer = self._ask(understood, filters)
        answer.question, answer.understood_as = question, understood
        return answer

    def _ask(self, question: str, filters: QueryFilters | None) -> Answer:
        passages = [p for p in self._retrieval.search(question, filters, k=3) if p.score >= self.min_score]
        if not passages:
            return Answer(question=question, text=NO_ANSWER, refused=True)
        best = passages[0]
        quote = _SENTENCE.split(best.chunk.text)[0]
        citation = Citation(number=1, doc_id=best.document.doc_id, title=best.document.title, quote=quote, page=best.chunk.page,
                            row=best.chunk.row, section=best.chunk.section, source_path=best.document.source_path,
                            chunk_id=best.chunk.chunk_id, date=best.document.date)
        return Answer(question=question, text=f"{quote} [1]", citations=[citation], passages=passages)

    def ask_stream(self, question: str, filters: QueryFilters | None = None,
                   history: Sequence[Turn] | None = None) -> Iterator[StreamEvent]:
        answer = self.ask(question, filters, history)
        for piece in re.findall(r"\S+\s*", answer.text):
            time.sleep(self.delta_delay_s)
            yield StreamEvent(kind="delta", text=piece)
        yield StreamEvent(kind="final", answer=answer)


def write_demo_corpus(folder: Path) -> list[tuple[DocumentMeta, tuple[str, ...]]]:
    """Write the demo documents as files (the file route serves them) and return their metadata."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for demo in DEMO_DOCUMENTS:
        path = folder / f"{demo.meta.doc_id}{demo.suffix}"
        if demo.suffix == ".pdf":
            path.write_bytes(_tiny_pdf(demo.pages))
        else:
            path.write_text("\n\n".join(demo.pages) + "\n", encoding="utf-8")
        out.append((DocumentMeta(**{**demo.meta.__dict__, "source_path": str(path)}), demo.pages))
    return out


def _tiny_pdf(pages: Sequence[str]) -> bytes:
    """A minimal valid PDF with one text line per page (no dependency), so '#page=N' links open a real PDF."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in pages:
        safe = text[:90].encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        stream = b"BT /F1 11 Tf 40 780 Td (" + safe + b") Tj ET"
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
                       % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)
    body, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return body


def front_settings(data_dir: Path) -> Settings:
    """Settings the API and UI tests share: the demo tokens and a 1 MB upload limit, data in `data_dir`; the Host
    allow-list also accepts `testserver`, the name Starlette's TestClient sends."""
    return Settings(data_dir=data_dir, server={"tokens": list(DEMO_TOKENS), "max_upload_mb": 1, "allowed_hosts": [TEST_CLIENT_HOST]})


def build_front_services(settings: Settings, *, with_demo: bool = True, ingest_delay_s: float = 0.0,
                         delta_delay_s: float = 0.0, drafting_corpus: bool = False,
                         chart_renderer: Callable[[ChartSpec], bytes] | None = None) -> Services:
    """Services for front tests; the demo corpus is written to <data_dir>/demo-corpus and indexed.

    `drafting_corpus` adds the drafting fixture documents (social reports with figures, an offer inventory, a
    Sozialraumprofil Haspe, an internal minute) to the same store, so drafts and Steckbriefe have material.
    """
    if settings.server.local_level not in CONFIDENTIALITY_LEVELS:
        raise InvalidInputError(settings.server.local_level)
    lock = threading.RLock()
    embedder, store, lexical = FakeEmbedder(dim=256), InMemoryVectorStore(), FakeLexicalIndex()
    ingestion = FakeIngestion(embedder, store, lock, delay_s=ingest_delay_s)
    retrieval = FakeRetrieval(embedder, store, lock)
    answering = FakeAnswering(retrieval, delta_delay_s=delta_delay_s)
    if with_demo:
        for meta, pages in write_demo_corpus(Path(settings.data_dir) / "demo-corpus"):
            ingestion.add(meta, pages)
    if drafting_corpus:
        with lock:
            fill_store(store, embedder, drafting_documents())
    return Services(settings=settings, embedder=embedder, store=store, lexical=lexical, chat=None, ingestion=ingestion,  # type: ignore[arg-type]
                    retrieval=retrieval, answering=answering, documents=DocumentService(store),  # type: ignore[arg-type]
                    drafting=_drafting(embedder, store, chart_renderer),
                    conversations=ConversationService(InMemoryConversationStore(), settings.conversations))


def _drafting(embedder: FakeEmbedder, store: InMemoryVectorStore, chart_renderer: Callable[[ChartSpec], bytes] | None) -> DraftingService:
    """The real DraftingService on the real RetrievalService over the same fake store (so uploads reach drafts too)."""
    retrieval = RetrievalService(embedder, store, FakeLexicalIndex(), RetrievalSettings(min_dense_score=0.5), check_interval_s=0.0)
    from assistant.adapters.docx_writer import docx_bytes

    return DraftingService(retrieval, None, chart_renderer=chart_renderer or FakeChart(), docx_renderer=docx_bytes)


#: Tokens for tests of access control: a read-only partner (public) and a staff member (internal).
PUBLIC_TOKEN = "public-token-0123456789abcdef"
INTERNAL_TOKEN = "internal-token-0123456789abcdef"
DEMO_TOKENS = (
    {"token": PUBLIC_TOKEN, "name": "partner", "level": "public"},
    {"token": INTERNAL_TOKEN, "name": "staff", "level": "internal"},
)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}

"""planwissen's value types -> API response models (and back for filters). No framework types cross this line."""

from __future__ import annotations

from pathlib import Path

from assistant.api import schemas
from assistant.api.auth import Caller
from assistant.core.types import (
    CONFIDENTIALITY_LEVELS,
    Answer,
    Citation,
    Conversation,
    DocumentMeta,
    IngestReport,
    Passage,
    QueryFilters,
    Turn,
)
from assistant.services.file_links import plain_file_url
from assistant.services.jobs import Job


def query_filters(filters: schemas.Filters | None, caller: Caller) -> QueryFilters:
    """Request filters plus the caller's level: the level never comes from the request body."""
    filters = filters or schemas.Filters()
    return QueryFilters(districts=list(filters.districts), topics=list(filters.topics), kinds=list(filters.kinds),
                        year_from=filters.year_from, year_to=filters.year_to, max_confidentiality=caller.level)


def citation_out(citation: Citation) -> schemas.CitationOut:
    return schemas.CitationOut(number=citation.number, doc_id=citation.doc_id, title=citation.title, quote=citation.quote,
                               page=citation.page, row=citation.row, section=citation.section, date=citation.date,
                               location=citation.location, file_url=plain_file_url(citation.doc_id, citation.page))


def answer_out(answer: Answer, conversation_id: str | None = None) -> schemas.AnswerOut:
    return schemas.AnswerOut(question=answer.question, text=answer.text, citations=[citation_out(c) for c in answer.citations],
                             refused=answer.refused, mode=answer.mode, notes=list(answer.notes),
                             understood_as=answer.understood_as or answer.question, conversation_id=conversation_id)


def turns_in(history: list[schemas.TurnIn] | None) -> list[Turn]:
    return [Turn(question=t.question, answer_text=t.answer, understood_as=t.understood_as) for t in history or []]


def conversation_summary(conversation: Conversation) -> schemas.ConversationSummaryOut:
    return schemas.ConversationSummaryOut(conversation_id=conversation.conversation_id, title=conversation.title,
                                          level=conversation.level, created_at=conversation.created_at,
                                          updated_at=conversation.updated_at, turn_count=conversation.turn_count)


def conversation_out(conversation: Conversation) -> schemas.ConversationOut:
    turns = [schemas.TurnOut(question=t.question, understood_as=t.understood_as, answer=t.answer_text, citations=list(t.citations),
                             created_at=t.created_at) for t in conversation.turns]
    return schemas.ConversationOut(**conversation_summary(conversation).model_dump(), turns=turns)


def passage_out(passage: Passage, level: str) -> schemas.PassageOut:
    """A found passage for a caller of `level`. The lexical (BM25) score is shown only to callers who may read every
    document: its term weights are counted over the whole corpus, so for others it would hint at text they cannot see."""
    chunk = passage.chunk
    lexical = passage.lexical_score if level == CONFIDENTIALITY_LEVELS[-1] else None
    return schemas.PassageOut(chunk_id=chunk.chunk_id, doc_id=chunk.doc_id, title=passage.document.title, text=chunk.text,
                              page=chunk.page, row=chunk.row, section=chunk.section, score=passage.score,
                              dense_score=passage.dense_score, lexical_score=lexical,
                              file_url=plain_file_url(chunk.doc_id, chunk.page))


def document_out(doc: DocumentMeta) -> schemas.DocumentOut:
    """The server's file path stays on the server; clients get the file name and a link."""
    return schemas.DocumentOut(doc_id=doc.doc_id, title=doc.title, file_name=Path(doc.source_path).name, format=doc.format,
                               kind=doc.kind, date=doc.date, year=doc.year, districts=list(doc.districts),
                               sozialraeume=list(doc.sozialraeume), topics=list(doc.topics), confidentiality=doc.confidentiality,
                               pages=doc.pages, chunk_count=doc.chunk_count, file_url=plain_file_url(doc.doc_id))


def report_out(report: IngestReport) -> schemas.IngestReportOut:
    return schemas.IngestReportOut(added=report.added, updated=report.updated, unchanged=report.unchanged,
                                   failed=[schemas.FileFailureOut(file=Path(f.path).name, code=f.code, message=f.message)
                                           for f in report.failed],
                                   warnings=[schemas.FileWarningOut(file=Path(w.path).name, message=w.message) for w in report.warnings],
                                   chunks_written=report.chunks_written, seconds=round(report.seconds, 3))


def job_out(job: Job) -> schemas.JobOut:
    return schemas.JobOut(job_id=job.job_id, state=job.state, files=list(job.files), confidentiality=job.level, stage=job.stage,
                          current=job.current, total=job.total, progress=round(job.progress, 3), message=job.message,
                          error_code=job.error_code, report=report_out(job.report) if job.report else None,
                          duplicates=[schemas.DuplicateOut(file=d.file, doc_id=d.doc_id, title=d.title) for d in job.duplicates],
                          status_url=f"/api/v1/jobs/{job.job_id}")

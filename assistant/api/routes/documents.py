"""The document list, single documents, their original files, removal and upload (ingested as a background job)."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Response, UploadFile
from fastapi.responses import FileResponse

from assistant.api.auth import Caller, current_caller, file_caller
from assistant.api.deps import get_inbox, get_jobs, get_services
from assistant.api.errors import error_responses
from assistant.api.render import document_out, job_out
from assistant.api.schemas import DocumentList, DocumentOut, JobOut
from assistant.core.errors import AccessDeniedError, InvalidInputError
from assistant.core.types import CONFIDENTIALITY_LEVELS
from assistant.services.container import Services
from assistant.services.jobs import JobService
from assistant.services.upload_batch import upload_batch
from assistant.services.uploads import UploadInbox, discard_if_uploaded, read_blocks

router = APIRouter(prefix="/api/v1", tags=["Dokumente"])

_TEXT_TYPES = {".md": "text/plain; charset=utf-8", ".markdown": "text/plain; charset=utf-8", ".csv": "text/csv"}


@router.get("/documents", response_model=DocumentList, summary="Eingelesene Dokumente", responses=error_responses(401))
def list_documents(caller: Caller = Depends(current_caller), services: Services = Depends(get_services)) -> DocumentList:
    docs = services.documents.list(caller.level)
    return DocumentList(count=len(docs), documents=[document_out(d) for d in docs])


@router.get("/documents/{doc_id}", response_model=DocumentOut, summary="Ein Dokument", responses=error_responses(401, 404))
def get_document(doc_id: str, caller: Caller = Depends(current_caller), services: Services = Depends(get_services)) -> DocumentOut:
    return document_out(services.documents.get(doc_id, caller.level))


@router.delete("/documents/{doc_id}", status_code=204, summary="Dokument aus dem Index entfernen", responses=error_responses(401, 403, 404))
def delete_document(doc_id: str, caller: Caller = Depends(current_caller), services: Services = Depends(get_services),
                    inbox: UploadInbox = Depends(get_inbox)) -> Response:
    caller.require_write()
    doc = services.documents.get(doc_id, caller.level)
    services.documents.remove(doc_id)
    discard_if_uploaded(inbox, Path(doc.source_path))
    return Response(status_code=204)


@router.get("/documents/{doc_id}/file", response_class=FileResponse, summary="Originaldatei (PDF: Link mit #page=N öffnet die Seite)",
            responses={200: {"content": {"application/pdf": {}, "text/plain": {}}}, **error_responses(401, 404)})
def document_file(doc_id: str, caller: Caller = Depends(file_caller), services: Services = Depends(get_services)) -> FileResponse:
    path = services.documents.file_path(doc_id, caller.level)
    media_type = _TEXT_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return FileResponse(path, media_type=media_type, filename=path.name, content_disposition_type="inline",
                        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store"})


@router.post("/documents", response_model=JobOut, status_code=202, summary="Dokument hochladen und im Hintergrund einlesen",
             responses=error_responses(401, 403, 413, 415, 422))
def upload_document(
    file: Annotated[UploadFile, File(description="PDF, DOCX, Markdown, TXT, CSV oder XLSX.")],
    confidentiality: Annotated[str, Form(description="public oder internal (Standard: internal).")] = "internal",
    districts: Annotated[list[str], Form(description="Stadtbezirke (mehrfach oder kommagetrennt).")] = [],  # noqa: B006
    topics: Annotated[list[str], Form(description="Themen (mehrfach oder kommagetrennt).")] = [],  # noqa: B006
    title: Annotated[str, Form(max_length=300)] = "",
    kind: Annotated[str, Form(max_length=100)] = "",
    replace: Annotated[str, Form(max_length=200, description="Dokument-ID eines hochgeladenen Dokuments, das diese Datei als neue "
                                 "Fassung ersetzt. Ohne: immer ein neues Dokument (gleichnamige Dateien überschreiben nichts).")] = "",
    caller: Caller = Depends(current_caller), inbox: UploadInbox = Depends(get_inbox), jobs: JobService = Depends(get_jobs),
    services: Services = Depends(get_services),
) -> JobOut:
    caller.require_write()
    overrides = _overrides(confidentiality, districts, topics, title, kind, caller)
    replaces = _replaceable(replace.strip(), caller, services, inbox) if replace.strip() else None
    upload = inbox.store(file.filename or "", read_blocks(file.file), replaces=replaces)
    batch = upload_batch([upload], inbox, services.documents, caller.level)
    return job_out(jobs.submit_uploads(batch, overrides=overrides, level=confidentiality))


def _replaceable(doc_id: str, caller: Caller, services: Services, inbox: UploadInbox) -> str:
    """Only an uploaded document the caller can see may get a new version by upload (folder documents: edit and re-ingest)."""
    existing = services.documents.get(doc_id, caller.level)
    if not inbox.holds(Path(existing.source_path)):
        raise InvalidInputError(doc_id, message_de="Nur hochgeladene Dokumente lassen sich durch Hochladen ersetzen; Dokumente aus "
                                "dem Dokumentordner dort ändern und neu einlesen",
                                message_en="Only uploaded documents can be replaced by an upload; edit folder documents and re-ingest")
    return existing.doc_id


def _overrides(confidentiality: str, districts: list[str], topics: list[str], title: str, kind: str, caller: Caller) -> dict:
    if confidentiality not in CONFIDENTIALITY_LEVELS:
        raise InvalidInputError(confidentiality, message_de="Unbekannte Vertraulichkeitsstufe", message_en="Unknown confidentiality level")
    if not caller.may_read(confidentiality):
        raise AccessDeniedError(confidentiality)
    split = lambda values: [v.strip() for value in values for v in value.split(",") if v.strip()]  # noqa: E731
    overrides = {"confidentiality": confidentiality, "districts": split(districts), "topics": split(topics), "title": title.strip(),
                 "kind": kind.strip()}
    return {key: value for key, value in overrides.items() if value}

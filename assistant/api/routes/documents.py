"""The document list, single documents, their original files, removal and upload (ingested as a background job)."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Response, UploadFile
from fastapi.responses import FileResponse

from assistant.api.auth import Caller, current_caller, file_caller
from assistant.api.deps import get_inbox, get_services, get_uploads
from assistant.api.errors import error_responses
from assistant.api.render import document_out, job_out
from assistant.api.schemas import DocumentList, DocumentOut, JobOut
from assistant.services.container import Services
from assistant.services.upload_use_case import UploadForm, UploadService
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
    caller: Caller = Depends(current_caller), inbox: UploadInbox = Depends(get_inbox),
    uploads: UploadService = Depends(get_uploads),
) -> JobOut:
    caller.require_write()
    name = inbox.check_name(file.filename or "")
    form = UploadForm(confidentiality=confidentiality, districts=districts, topics=topics, kind=kind, title=title,
                      replaces={name: replace.strip()} if replace.strip() else {})
    return job_out(uploads.submit([(name, read_blocks(file.file))], caller.level, form))



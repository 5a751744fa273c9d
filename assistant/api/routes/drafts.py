"""Section drafts, Steckbriefe and onboarding over HTTP: JSON with Markdown and sources, or a DOCX download."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field

from assistant.api.auth import Caller, current_caller
from assistant.api.deps import get_services
from assistant.api.errors import error_responses
from assistant.core.errors import ConfigurationError
from assistant.services.container import Services
from assistant.services.drafting.render_md import footnote_text, render_markdown
from assistant.services.drafting.types import Draft

router = APIRouter(prefix="/api/v1", tags=["Entwürfe"])
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class DraftRequest(BaseModel):
    anfrage: str = Field(..., max_length=500, description="Thema und Zweck, z. B. „Abschnitt Kinderarmut in Haspe“.")
    raum: str | None = Field(None, max_length=100, description="Stadtbezirk oder Sozialraum (sonst aus der Anfrage).")
    fliesstext: bool = Field(True, description="Fließtext mit dem Sprachmodell, falls eingerichtet.")
    format: Literal["json", "docx"] = "json"


class FactSheetRequest(BaseModel):
    raum: str = Field(..., max_length=100, description="Stadtbezirk oder Sozialraum, z. B. „Eilpe/Dahl“.")
    format: Literal["json", "docx"] = "json"


class ReadingRequest(BaseModel):
    thema: str = Field(..., max_length=500)
    format: Literal["json", "docx"] = "json"


class DraftResponse(BaseModel):
    titel: str
    markdown: str
    modus: str
    quellen: list[str]
    hinweise: list[str]
    belegt: int = Field(description="Aussagen, deren Zahlen und Namen in der zitierten Quelle stehen.")
    aussagen: int


def _drafting(services: Services):
    if services.drafting is None:
        raise ConfigurationError("drafting", message_de="Entwürfe sind in dieser Installation nicht eingerichtet.",
                                 message_en="Drafting is not configured.")
    return services.drafting


def _respond(services: Services, draft: Draft, fmt: str):
    if fmt == "docx":
        return Response(_drafting(services).docx(draft), media_type=DOCX_TYPE,
                        headers={"Content-Disposition": 'attachment; filename="entwurf.docx"'})
    report = _drafting(services).verify(draft)
    sources = [footnote_text(r) for r in draft.footnotes()]
    return DraftResponse(titel=draft.title, markdown=render_markdown(draft), modus=draft.mode, quellen=sources, hinweise=draft.notes,
                         belegt=report.verified, aussagen=report.total)


@router.post("/drafts", response_model=DraftResponse, summary="Entwurf eines Berichtsabschnitts", responses=error_responses(401, 422, 503))
def draft(body: DraftRequest, caller: Caller = Depends(current_caller), services: Services = Depends(get_services)):
    result = _drafting(services).draft(body.anfrage, place=body.raum, max_confidentiality=caller.level, prose=body.fliesstext)
    return _respond(services, result, body.format)


@router.post("/steckbrief", response_model=DraftResponse, summary="Steckbrief eines Raums", responses=error_responses(401, 422, 503))
def steckbrief(body: FactSheetRequest, caller: Caller = Depends(current_caller), services: Services = Depends(get_services)):
    return _respond(services, _drafting(services).steckbrief(body.raum, max_confidentiality=caller.level), body.format)


@router.get("/onboarding", response_model=DraftResponse, summary="Einstieg: Überblick über die Sozialplanung")
def onboarding(caller: Caller = Depends(current_caller), services: Services = Depends(get_services)):
    return _respond(services, _drafting(services).onboarding(max_confidentiality=caller.level), "json")


@router.get("/onboarding/glossar", response_model=DraftResponse, summary="Glossar")
def glossary(caller: Caller = Depends(current_caller), services: Services = Depends(get_services)):
    return _respond(services, _drafting(services).glossary(max_confidentiality=caller.level), "json")


@router.post("/onboarding/lesen", response_model=DraftResponse, summary="Was sollte ich zuerst lesen über …?")
def reading(body: ReadingRequest, caller: Caller = Depends(current_caller), services: Services = Depends(get_services)):
    return _respond(services, _drafting(services).reading_list(body.thema, max_confidentiality=caller.level), body.format)

"""Liveness and readiness, for monitoring and for scripts that wait for the server."""

from __future__ import annotations

from fastapi import APIRouter, Depends

import assistant
from assistant.api.auth import Caller, optional_caller
from assistant.api.deps import get_services
from assistant.api.errors import error_responses
from assistant.api.schemas import HealthOut, ReadyOut
from assistant.core.errors import PlanwissenError, StoreUnavailableError
from assistant.services.container import Services
from assistant.services.readiness import check_ready

router = APIRouter(prefix="/api/v1", tags=["Betrieb"])


@router.get("/health", response_model=HealthOut, summary="Lebt der Server? (ohne Token)")
def health() -> HealthOut:
    return HealthOut(version=assistant.__version__)


@router.get("/ready", response_model=ReadyOut, summary="Können alle Speicher antworten? (503 nennt Speicher und Grund)",
            responses=error_responses(503))
def ready(caller: Caller = Depends(optional_caller), services: Services = Depends(get_services)) -> ReadyOut:
    check_ready(services)
    try:
        docs = services.documents.list(caller.level)
    except PlanwissenError:
        raise
    except Exception as exc:  # any failure of the store means: not ready
        raise StoreUnavailableError(type(exc).__name__) from exc
    return ReadyOut(documents=len(docs), chunks=sum(d.chunk_count for d in docs))

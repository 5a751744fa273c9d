"""Status of background ingestion jobs (uploads)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from assistant.api.auth import Caller, current_caller
from assistant.api.deps import get_jobs
from assistant.api.errors import error_responses
from assistant.api.render import job_out
from assistant.api.schemas import JobOut
from assistant.services.jobs import JobService

router = APIRouter(prefix="/api/v1", tags=["Dokumente"])


@router.get("/jobs/{job_id}", response_model=JobOut, summary="Status eines Einlese-Auftrags", responses=error_responses(401, 404))
def job_status(job_id: str, caller: Caller = Depends(current_caller), jobs: JobService = Depends(get_jobs)) -> JobOut:
    return job_out(jobs.get(job_id, caller.level))

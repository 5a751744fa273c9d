"""The newest eval report (written by `planwissen eval`), so dashboards can show answer quality."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from fastapi import APIRouter, Depends, Request

from assistant.api.auth import Caller, current_caller
from assistant.api.errors import EvalReportNotFoundError, error_responses
from assistant.api.schemas import EvalSummaryOut
from assistant.core.errors import AccessDeniedError

router = APIRouter(prefix="/api/v1", tags=["Betrieb"])

REPORT_PATTERNS = ("eval*.json", "*summary*.json", "*report*.json")


def latest_report(folders: list[Path]) -> Path | None:
    """Newest JSON eval report below any of the folders."""
    found = {path for folder in folders if folder.is_dir() for pattern in REPORT_PATTERNS for path in folder.rglob(pattern)}
    found = {path for path in found if path.is_file()}
    return max(found, key=lambda p: p.stat().st_mtime, default=None)


@router.get("/eval/summary", response_model=EvalSummaryOut, summary="Neuester Eval-Bericht", responses=error_responses(401, 403, 404))
def eval_summary(request: Request, caller: Caller = Depends(current_caller)) -> EvalSummaryOut:
    """Nur für die höchste Stufe: Berichte können Fragen und Antworten zu internen Dokumenten enthalten."""
    if not caller.can_write:
        raise AccessDeniedError("eval")
    path = latest_report(request.app.state.eval_dirs)
    if path is None:
        raise EvalReportNotFoundError()
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalReportNotFoundError(path.name, message_de="Der Eval-Bericht ist nicht lesbar",
                                      message_en="The eval report is unreadable") from exc
    modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
    return EvalSummaryOut(file=path.name, modified=modified, report=report if isinstance(report, dict) else {"items": report})

"""The one place where errors become HTTP: core error class -> status, body {"error": {code, message_de, message_en}}.

Clients get a stable code and two readable messages, never a stack trace; the server log keeps the details.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.core import errors as core

log = logging.getLogger(__name__)

#: Core error class -> HTTP status. Looked up along the class hierarchy, so subclasses inherit their parent's status.
STATUS_BY_ERROR: dict[type[core.PlanwissenError], int] = {
    core.InvalidInputError: 422,
    core.AuthenticationError: 401,
    core.AccessDeniedError: 403,
    core.NotFoundError: 404,
    core.FileTooLargeError: 413,
    core.UnsupportedFormatError: 415,
    core.DocumentError: 422,
    core.StoreUnavailableError: 503,
    core.LLMUnavailableError: 503,
    core.IdentityProviderUnavailableError: 503,
    core.DataDirVersionError: 503,
    core.DataDirNotWritableError: 503,
    core.DataDirFullError: 507,
    core.RateLimitedError: 429,
    core.ConfigurationError: 500,
    core.PlanwissenError: 500,
}

#: Plain HTTP errors raised by the framework itself (unknown route, wrong method, body too large).
_HTTP_CODES: dict[int, tuple[str, str, str]] = {
    404: ("not_found", "Diese Adresse gibt es nicht.", "No such route."),
    405: ("method_not_allowed", "Diese Methode ist hier nicht erlaubt.", "Method not allowed."),
    413: ("file_too_large", "Die Anfrage ist zu groß.", "The request is too large."),
}


class EvalReportNotFoundError(core.NotFoundError):
    code = "eval_report_not_found"
    message_de = "Es liegt noch kein Eval-Bericht vor; bitte zuerst `planwissen eval` ausführen."
    message_en = "No eval report yet; run `planwissen eval` first."


def status_for(error: core.PlanwissenError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 500


def error_body(code: str, message_de: str, message_en: str) -> dict:
    return {"error": {"code": code, "message_de": message_de, "message_en": message_en}}


def body_for(error: core.PlanwissenError) -> dict:
    return error_body(error.code, error.describe("de"), error.describe("en"))


def _response(request: Request, status: int, body: dict, headers: dict | None = None) -> JSONResponse:
    if request.url.path.startswith("/v1/"):
        # OpenAI clients read error.message and error.type; the stable fields stay as they are.
        body["error"].update(message=body["error"]["message_en"], type=body["error"]["code"])
    return JSONResponse(body, status_code=status, headers=headers)


async def _planwissen_error(request: Request, exc: core.PlanwissenError) -> JSONResponse:
    status = status_for(exc)
    if status >= 500:
        log.error("%s %s -> %s (%s)", request.method, request.url.path, exc.code, exc.detail)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    if isinstance(exc, core.RateLimitedError):
        headers = {"Retry-After": str(exc.retry_after_s)}
    return _response(request, status, body_for(exc), headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for problem in exc.errors()[:5]:
        where = ".".join(str(p) for p in problem.get("loc", ()) if p not in ("body", "query", "path", "form"))
        parts.append(f"{where or 'Anfrage'}: {problem.get('msg', '')}")
    return "; ".join(parts)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    detail = _validation_message(exc)
    body = error_body("invalid_input", f"Die Eingabe ist ungültig ({detail}).", f"The input is invalid ({detail}).")
    return _response(request, 422, body)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code, de, en = _HTTP_CODES.get(exc.status_code, ("http_error", "Die Anfrage konnte nicht bearbeitet werden.", "The request failed."))
    return _response(request, exc.status_code, error_body(code, de, en), getattr(exc, "headers", None))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    error = core.PlanwissenError()
    return _response(request, 500, body_for(error))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(core.PlanwissenError, _planwissen_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


def error_responses(*statuses: int) -> dict:
    """OpenAPI documentation of the error body for the given statuses."""
    from assistant.api.schemas import ErrorBody

    return {status: {"model": ErrorBody, "description": _DESCRIPTIONS.get(status, "Fehler")} for status in statuses}


_DESCRIPTIONS = {
    401: "Token fehlt oder ist ungültig (nur wenn der Server nicht auf localhost läuft).",
    403: "Keine Berechtigung.",
    404: "Nicht gefunden (auch: oberhalb der eigenen Vertraulichkeitsstufe).",
    413: "Datei zu groß.",
    415: "Dateiformat nicht unterstützt.",
    422: "Ungültige Eingabe (code invalid_input).",
    429: "Zu viele Anfragen (code rate_limited, Header Retry-After).",
    503: "Dokumentenspeicher oder Sprachmodell nicht erreichbar.",
}

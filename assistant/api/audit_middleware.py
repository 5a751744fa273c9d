"""The API's one hook into the audit log and the rate limits: ASGI middlewares driven by the route table (actions.py).

Audit: after each auditable request, one entry with the caller (set by the auth dependency), the documents in the
path or in the answer's citations, and the HTTP status — refused attempts (401, 403, 429) included. The request
body is read along only to fingerprint the question; the response only for the cited document ids.
Rate limits: checked before the route runs, per caller and action; over the limit the caller gets 429 with
Retry-After and never reaches the route.
"""

from __future__ import annotations

import json
import logging

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.actions import RouteAction, classify, documents_in, question_of
from assistant.api.auth import Caller, peek_caller
from assistant.api.errors import error_body
from assistant.core.audit import LOCAL_USER
from assistant.core.errors import RateLimitedError
from assistant.services.audit import AuditService
from assistant.services.rate_limits import RateLimiter

log = logging.getLogger(__name__)

_MAX_CAPTURE = 2 * 1024 * 1024
ANONYMOUS = "anonym"


def user_name(caller: Caller | None) -> str:
    """How the audit log names a caller: the token's or signed-in user's name, "lokal" on the machine itself, "anonym"
    when refused."""
    if caller is None:
        return ANONYMOUS
    return LOCAL_USER if caller.name == "local" else caller.name


def _caller(scope: Scope) -> Caller | None:
    caller = scope.get("state", {}).get("caller")
    if caller is None:
        caller = peek_caller(scope["app"].state.authenticator, scope["headers"])
    return caller


def _json(chunks: list[bytes]) -> dict:
    try:
        data = json.loads(b"".join(chunks) or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


class AuditMiddleware:
    """Writes one audit entry per auditable request (see module docstring)."""

    def __init__(self, app: ASGIApp, audit: AuditService):
        self.app = app
        self.audit = audit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        route = classify(scope["method"], scope["path"]) if scope["type"] == "http" else None
        if route is None:
            await self.app(scope, receive, send)
            return
        request_body: list[bytes] = []
        response_body: list[bytes] = []
        status = {"code": "no_response", "json": False}  # stays so when an outer limit cut the request off

        async def reading() -> Message:
            message = await receive()
            if route.question_field and message["type"] == "http.request" and sum(map(len, request_body)) < _MAX_CAPTURE:
                request_body.append(message.get("body", b""))
            return message

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                status["json"] = content_type.startswith(b"application/json")
            elif message["type"] == "http.response.body" and route.lists_documents and status["json"]:
                if sum(map(len, response_body)) < _MAX_CAPTURE:
                    response_body.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, reading, sending)
        finally:
            await run_in_threadpool(self._record, scope, route, status["code"], request_body, response_body)

    def _record(self, scope: Scope, route: RouteAction, status: int | str, request_body: list[bytes], response_body: list[bytes]) -> None:
        try:
            doc_ids = [route.doc_id] if route.doc_id else []
            if route.lists_documents and isinstance(status, int) and 200 <= status < 300:
                doc_ids.extend(documents_in(_json(response_body)))
            question = question_of(_json(request_body), route.question_field) if route.question_field else None
            caller = _caller(scope)
            detail = {"route": f"{scope['method']} {scope['path']}"[:300]}
            if caller is not None and caller.subject and caller.subject != caller.name:
                detail["sub"] = caller.subject  # the OIDC subject behind a display name
            self.audit.record(route.action, user_name(caller), doc_ids=doc_ids, ref=route.ref, outcome=str(status),
                              question=question, detail=detail)
        except Exception:  # the audit must never turn an answered request into an error
            log.exception("audit entry for %s %s failed", scope["method"], scope["path"])


class RateLimitMiddleware:
    """429 with Retry-After once a caller used up the per-minute budget of an action (settings.rate_limits)."""

    def __init__(self, app: ASGIApp, limiter: RateLimiter):
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        route = classify(scope["method"], scope["path"]) if scope["type"] == "http" else None
        if route is not None and self.limiter.limits(route.action):
            caller = peek_caller(scope["app"].state.authenticator, scope["headers"])
            if caller is not None:  # a refused token gets its 401 from the route, not a 429
                try:
                    self.limiter.take(user_name(caller), route.action)  # the UI uses the same names and budgets
                except RateLimitedError as exc:
                    await _too_many(scope, send, exc)
                    return
        await self.app(scope, receive, send)


async def _too_many(scope: Scope, send: Send, exc: RateLimitedError) -> None:
    body = error_body(exc.code, exc.describe("de"), exc.describe("en"))
    if scope["path"].startswith("/v1/"):
        body["error"].update(message=body["error"]["message_en"], type=exc.code)
    raw = json.dumps(body, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 429,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode()),
                            (b"retry-after", str(exc.retry_after_s).encode())]})
    await send({"type": "http.response.body", "body": raw})

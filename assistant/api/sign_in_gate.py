"""With OIDC, the UI (everything outside the API, OpenAPI and /auth) needs a live session of the sign-in.

A browser without one that asks for a page is sent to /auth/login (and back to the page afterwards); other requests
(Gradio's own routes, websockets) get 401 / a closed socket. The 401 also carries `detail`, the German message, which
Gradio's page shows as it is when a call of an open tab is refused after signing out. The API routes check credentials themselves (session
cookie or bearer token), so they pass through here. With oidc.allow_local on a loopback bind nothing is gated.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.api.auth import Authenticator, session_id_of
from assistant.api.errors import error_body
from assistant.core.errors import AuthenticationError

OPEN_PREFIXES = ("/api/", "/v1/", "/auth/", "/docs", "/openapi.json", "/redoc")
SIGNED_OUT_DE = "Sie sind nicht (mehr) angemeldet. Bitte die Seite neu laden, um sich anzumelden."


class SignInGate:
    def __init__(self, app: ASGIApp, authenticator: Authenticator):
        self.app = app
        self.authenticator = authenticator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self._open(scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        headers = dict(scope["headers"])
        if scope["method"] == "GET" and b"text/html" in headers.get(b"accept", b""):
            target = scope["path"] + (f"?{scope['query_string'].decode('latin-1')}" if scope.get("query_string") else "")
            location = f"{scope.get('root_path', '')}/auth/login?next={quote(target, safe='')}".encode()
            await send({"type": "http.response.start", "status": 302, "headers": [(b"location", location), (b"content-length", b"0")]})
            await send({"type": "http.response.body", "body": b""})
            return
        error = AuthenticationError(message_de=SIGNED_OUT_DE, message_en="Not signed in (any more); reload the page to sign in.")
        payload = {**error_body(error.code, error.describe("de"), error.describe("en")), "detail": error.describe("de")}
        body = json.dumps(payload, ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": 401,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"www-authenticate", b"Bearer")]})
        await send({"type": "http.response.body", "body": body})

    def _open(self, scope: Scope) -> bool:
        path = scope["path"]
        if not self.authenticator.require_token or path.startswith(OPEN_PREFIXES):
            return True
        session_id = session_id_of(scope["headers"])
        return bool(session_id) and self.authenticator.sign_in.sessions.active(session_id)

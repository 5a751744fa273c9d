"""Refuses browser requests from foreign web pages on every route (CORS closed really means closed).

Browsers send an `Origin` header with cross-site requests. A page elsewhere could otherwise post a form upload
to a planwissen running on the same machine (no preflight needed for multipart forms) — to the API or to Gradio's
own routes (/gradio_api/upload, /gradio_api/queue …) — and a preflight for the API would be answered by the mounted
UI. So every path is checked, not only the API. Requests without `Origin` (curl, scripts, servers, page navigation)
are not affected; same-origin requests (the UI, /docs) and the origins in `server.cors_origins` pass. The Host
itself is checked before (assistant/api/host.py), so "same origin" cannot be faked with a rebinding name.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.api.errors import error_body


class OriginGuard:
    def __init__(self, app: ASGIApp, allowed_origins: list[str]):
        self.app = app
        self.allowed = {origin.rstrip("/").lower() for origin in allowed_origins}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            headers = dict(scope["headers"])
            origin = headers.get(b"origin", b"").decode("latin-1").rstrip("/").lower()
            if origin and not self._allowed(origin, scope, headers):
                await self._reject(scope, send)
                return
        await self.app(scope, receive, send)

    def _allowed(self, origin: str, scope: Scope, headers: dict[bytes, bytes]) -> bool:
        if "*" in self.allowed or origin in self.allowed:
            return True
        host = headers.get(b"host", b"").decode("latin-1").lower()
        scheme = {"ws": "http", "wss": "https"}.get(scope.get("scheme", "http"), scope.get("scheme", "http"))
        return bool(host) and origin == f"{scheme}://{host}"

    @staticmethod
    async def _reject(scope: Scope, send: Send) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        body = json.dumps(error_body("origin_not_allowed", "Anfragen von fremden Webseiten sind nicht erlaubt (CORS geschlossen).",
                                     "Requests from other web sites are not allowed (CORS closed)."), ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

"""Refuses browser requests to the API from foreign web pages (CORS closed really means closed).

Browsers send an `Origin` header with cross-site requests. A page elsewhere could otherwise post a form upload
to a planwissen running on the same machine (no preflight needed for multipart forms), and a preflight for the
API would be answered by the mounted UI. Requests without `Origin` (curl, scripts, servers) are not affected;
same-origin requests (the UI, /docs) and the origins in `server.cors_origins` pass.
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.api.errors import error_body

API_PATHS = ("/api/", "/v1/")


class OriginGuard:
    def __init__(self, app: ASGIApp, allowed_origins: list[str]):
        self.app = app
        self.allowed = {origin.rstrip("/").lower() for origin in allowed_origins}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(API_PATHS):
            headers = dict(scope["headers"])
            origin = headers.get(b"origin", b"").decode("latin-1").rstrip("/").lower()
            if origin and not self._allowed(origin, scope, headers):
                await self._reject(send)
                return
        await self.app(scope, receive, send)

    def _allowed(self, origin: str, scope: Scope, headers: dict[bytes, bytes]) -> bool:
        if "*" in self.allowed or origin in self.allowed:
            return True
        host = headers.get(b"host", b"").decode("latin-1").lower()
        return bool(host) and origin == f"{scope.get('scheme', 'http')}://{host}"

    @staticmethod
    async def _reject(send: Send) -> None:
        body = json.dumps(error_body("origin_not_allowed", "Anfragen von fremden Webseiten sind nicht erlaubt (CORS geschlossen).",
                                     "Requests from other web sites are not allowed (CORS closed)."), ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

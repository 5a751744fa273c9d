"""Upload size limit enforced while the body arrives, before anything is parsed or spooled to disk."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.api.errors import error_body

_SLACK = 256 * 1024  # multipart headers and form fields around the file


class UploadSizeLimit:
    """Rejects POSTs to the upload route whose body exceeds the limit: at once by Content-Length, else while streaming."""

    def __init__(self, app: ASGIApp, path: str, max_bytes: int):
        self.app = app
        self.path = path
        self.max_body = max_bytes + _SLACK
        self.max_mb = max_bytes / (1024 * 1024)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"].rstrip("/") != self.path:
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await self._reject(send)
            return
        seen = 0

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise HTTPException(413)
            return message

        await self.app(scope, limited_receive, send)

    async def _reject(self, send: Send) -> None:
        limit = f"{self.max_mb:g}"
        body = json.dumps(error_body("file_too_large", f"Die Datei ist größer als die erlaubten {limit} MB.",
                                     f"The file is larger than the allowed {limit} MB."), ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})

"""Body size limits enforced while the body arrives, before anything is parsed or spooled to disk.

Uploads have their own limit (server.max_upload_mb); every other request — JSON routes, forms, Gradio's queue — is
bounded by server.max_body_kb, so a 300 MB body to /ask is refused at once instead of being read into memory. A body
that announces its length is refused before a byte is read; one that streams in without a length is cut off at the
limit: the client gets the 413, the route sees a disconnect (so no framework turns it into a 400 or 500).
"""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.api.errors import error_body

_SLACK = 256 * 1024  # multipart headers and form fields around the file


def is_upload(scope: Scope, paths: tuple[str, ...]) -> bool:
    return scope["type"] == "http" and scope["method"] == "POST" and scope["path"].rstrip("/") in paths


async def _reject(send: Send, code: str, message_de: str, message_en: str) -> None:
    body = json.dumps(error_body(code, message_de, message_en), ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


async def _bounded(app: ASGIApp, scope: Scope, receive: Receive, send: Send, max_bytes: int, refuse) -> None:
    """Run `app` with the body cut off at `max_bytes`: announced too large → refused at once, streamed → cut off."""
    length = dict(scope["headers"]).get(b"content-length")
    if length is not None and (not length.isdigit() or int(length) > max_bytes):
        await refuse(send)
        return
    seen, cut, started = 0, False, False

    async def limited_receive() -> Message:
        nonlocal seen, cut
        if cut:
            return {"type": "http.disconnect"}
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > max_bytes:
                cut = True
                if not started:
                    await refuse(send)
                return {"type": "http.disconnect"}
        return message

    async def guarded_send(message: Message) -> None:
        nonlocal started
        if cut:
            return  # the 413 has been sent; whatever the route makes of the disconnect stays unsent
        started = True
        await send(message)

    await app(scope, limited_receive, guarded_send)


class UploadSizeLimit:
    """Rejects POSTs to the upload routes whose body exceeds the upload limit."""

    def __init__(self, app: ASGIApp, paths: tuple[str, ...], max_bytes: int):
        self.app = app
        self.paths = paths
        self.max_body = max_bytes + _SLACK
        self.max_mb = max_bytes / (1024 * 1024)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not is_upload(scope, self.paths):
            await self.app(scope, receive, send)
            return
        await _bounded(self.app, scope, receive, send, self.max_body, self._reject)

    async def _reject(self, send: Send) -> None:
        limit = f"{self.max_mb:g}"
        await _reject(send, "file_too_large", f"Die Datei ist größer als die erlaubten {limit} MB.",
                      f"The file is larger than the allowed {limit} MB.")


class BodySizeLimit:
    """Rejects any other request whose body exceeds `max_bytes`."""

    def __init__(self, app: ASGIApp, max_bytes: int, upload_paths: tuple[str, ...]):
        self.app = app
        self.max_bytes = max_bytes
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_upload(scope, self.upload_paths):
            await self.app(scope, receive, send)
            return
        await _bounded(self.app, scope, receive, send, self.max_bytes, self._reject)

    async def _reject(self, send: Send) -> None:
        limit = f"{self.max_bytes / 1024:g}"
        await _reject(send, "request_too_large", f"Die Anfrage ist größer als die erlaubten {limit} KB.",
                      f"The request is larger than the allowed {limit} KB.")

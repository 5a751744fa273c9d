"""Links to original files (the API's file route), opened at the cited page (#page=N works in browsers' PDF viewers).

Shared by the API (answers, OpenAI format) and the UI (sources panel): both link to the same route, signed alike."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from urllib.parse import quote, urlencode

from assistant.core.errors import AuthenticationError
from assistant.core.types import CONFIDENTIALITY_LEVELS
from assistant.services.callers import Caller

API_PREFIX = "/api/v1"


def file_path(doc_id: str) -> str:
    return f"{API_PREFIX}/documents/{quote(doc_id, safe='')}/file"


def plain_file_url(doc_id: str, page: int | None = None) -> str:
    """Link for API clients that send their bearer token themselves."""
    return file_path(doc_id) + (f"#page={page}" if page else "")


class LinkSigner:
    """Short-lived signed links to original files, for browsers that cannot send a bearer header (the UI).

    A link carries the document id, the reader's level, an expiry, whom it was made for (`sub`) and, for a signed-in
    UI user, their session (`sid`), signed with a per-process secret. A link of a session stops working when that
    session ends; a link opened with another user's session or token is refused.
    """

    def __init__(self, secret: bytes | None = None, ttl_s: int = 3600):
        self._secret = secret or secrets.token_bytes(32)
        self.ttl_s = ttl_s

    def _mac(self, doc_id: str, level: str, expires: int, subject: str, session_id: str) -> str:
        message = f"{doc_id}\n{level}\n{expires}\n{subject}\n{session_id}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:32]

    def sign(self, doc_id: str, level: str, owner: Caller | None = None) -> dict[str, str]:
        expires = int(time.time()) + self.ttl_s
        subject, session_id = (owner.owner, owner.session_id) if owner is not None else ("", "")
        params = {"lvl": level, "exp": str(expires)}
        if subject:
            params["sub"] = subject
        if session_id:
            params["sid"] = session_id
        params["sig"] = self._mac(doc_id, level, expires, subject, session_id)
        return params

    def verify(self, doc_id: str, level: str, expires: str, signature: str, subject: str = "", session_id: str = "") -> Caller:
        invalid = AuthenticationError(message_de="Der Link ist abgelaufen oder ungültig.", message_en="The link expired or is invalid.")
        if not expires.isdigit() or int(expires) < time.time() or level not in CONFIDENTIALITY_LEVELS:
            raise invalid
        if not hmac.compare_digest(self._mac(doc_id, level, int(expires), subject, session_id), signature):
            raise invalid
        return Caller(name=subject or "signed-link", level=level, authenticated=True, subject=subject, session_id=session_id)


class FileLinks:
    """Links for browsers and chat front ends: signed (short-lived, bound to document, level and — given an `owner` —
    to that user and their session) when tokens are required."""

    def __init__(self, signer: LinkSigner | None = None):
        self.signer = signer

    def url(self, doc_id: str, level: str, page: int | None = None, owner: Caller | None = None) -> str:
        if self.signer is None:
            return plain_file_url(doc_id, page)
        query = urlencode(self.signer.sign(doc_id, level, owner))
        return f"{file_path(doc_id)}?{query}" + (f"#page={page}" if page else "")

"""Links to original files (the API's file route), opened at the cited page (#page=N works in browsers' PDF viewers)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from assistant.api.auth import Caller, LinkSigner

API_PREFIX = "/api/v1"


def file_path(doc_id: str) -> str:
    return f"{API_PREFIX}/documents/{quote(doc_id, safe='')}/file"


def plain_file_url(doc_id: str, page: int | None = None) -> str:
    """Link for API clients that send their bearer token themselves."""
    return file_path(doc_id) + (f"#page={page}" if page else "")


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

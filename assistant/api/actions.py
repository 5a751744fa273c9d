"""Which requests are auditable actions: one table from method and path to action, object and question field.

Audit and rate limits both read it, so a new route is added here once instead of in every handler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class RouteAction:
    """What a request does: the audit action, the document id or other object in its path, the body field holding the
    question (recorded only as length and keyed hash)."""

    action: str
    doc_id: str = ""
    ref: str = ""
    question_field: str = ""
    #: The JSON response lists documents (citations of an answer, search results) whose ids the entry keeps.
    lists_documents: bool = False


_ID = r"(?P<id>[^/]+)"
_TABLE: tuple[tuple[str, re.Pattern, str, str, str, bool], ...] = tuple(
    (method, re.compile(pattern + r"/?$"), action, kind, field, lists)
    for method, pattern, action, kind, field, lists in (
        ("POST", r"/api/v1/ask", "ask", "", "question", True),
        ("POST", r"/api/v1/ask/stream", "ask", "", "question", False),
        ("POST", r"/v1/chat/completions", "ask", "", "messages", False),
        ("POST", r"/api/v1/drafts", "ask", "", "anfrage", False),
        ("POST", r"/api/v1/steckbrief", "ask", "", "raum", False),
        ("POST", r"/api/v1/onboarding/lesen", "ask", "", "thema", False),
        ("POST", r"/api/v1/search", "search", "", "query", True),
        ("GET", rf"/api/v1/documents/{_ID}", "open", "doc", "", False),
        ("GET", rf"/api/v1/documents/{_ID}/file", "download", "doc", "", False),
        ("POST", r"/api/v1/documents", "upload", "", "", False),
        ("DELETE", rf"/api/v1/documents/{_ID}", "delete", "doc", "", False),
        ("GET", rf"/api/v1/conversations/{_ID}", "open", "conversation", "", False),
        ("PATCH", rf"/api/v1/conversations/{_ID}", "change", "conversation", "", False),
        ("DELETE", rf"/api/v1/conversations/{_ID}", "delete", "conversation", "", False),
        ("DELETE", rf"/api/v1/feedback/{_ID}", "delete", "feedback", "", False),
        ("DELETE", rf"/api/v1/uploads/failed/{_ID}", "delete", "failed_upload", "", False),
        ("GET", r"/auth/callback", "login", "", "", False),
        ("POST", r"/auth/logout", "logout", "", "", False),
    )
)


def classify(method: str, path: str) -> RouteAction | None:
    """The action of this request, or None for routes that are not audited (health, lists, jobs, OpenAPI, UI assets)."""
    for route_method, pattern, action, kind, field, lists in _TABLE:
        if method != route_method:
            continue
        match = pattern.match(path)
        if match is None:
            continue
        object_id = match.groupdict().get("id", "")
        return RouteAction(action=action, doc_id=object_id if kind == "doc" else "",
                           ref=f"{kind}:{object_id}" if kind and kind != "doc" else "", question_field=field, lists_documents=lists)
    return None


def question_of(body: dict, field: str) -> str | None:
    """The question text in a request body (OpenAI: the last user message), for its fingerprint only."""
    if not field or not isinstance(body, dict):
        return None
    value = body.get(field)
    if field == "messages" and isinstance(value, list):
        users = [m.get("content") for m in value if isinstance(m, dict) and m.get("role") == "user"]
        value = users[-1] if users else None
        if isinstance(value, list):  # content parts
            value = " ".join(str(part.get("text", "")) for part in value if isinstance(part, dict))
    return value if isinstance(value, str) else None


def documents_in(body: dict) -> list[str]:
    """Document ids an answer cites or a search returns."""
    items = (body.get("citations") or body.get("results") or []) if isinstance(body, dict) else []
    return [str(item["doc_id"]) for item in items if isinstance(item, dict) and item.get("doc_id")]

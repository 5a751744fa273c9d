"""Who is calling and what they may read: shared by the API (bearer token, session cookie) and the UI (each Gradio
request), so both bind signed links and conversations to the same person without the UI importing the API."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.errors import AccessDeniedError
from assistant.core.types import CONFIDENTIALITY_LEVELS, confidentiality_rank


@dataclass(frozen=True)
class Caller:
    """The caller of one request: a name for logs and the highest confidentiality level they may read."""

    name: str
    level: str
    authenticated: bool = False
    #: Whom signed links are bound to: the OIDC subject, a static token's name, "local" on the machine itself.
    subject: str = ""
    #: The UI session this caller came with (OIDC sign-in); its end revokes links made for it.
    session_id: str = ""

    @property
    def owner(self) -> str:
        return self.subject or self.name

    @property
    def signed_in(self) -> bool:
        """Came with a session of the OIDC sign-in (so there is something to sign out of)."""
        return bool(self.session_id)

    @property
    def can_write(self) -> bool:
        """Uploads and deletions need the highest level (staff), never a read-only partner token."""
        return self.level == CONFIDENTIALITY_LEVELS[-1]

    def may_read(self, level: str) -> bool:
        return confidentiality_rank(level) <= confidentiality_rank(self.level)

    def require_write(self) -> None:
        if not self.can_write:
            raise AccessDeniedError(message_de="Mit diesem Zugang dürfen keine Dokumente geändert werden.",
                                    message_en="This access may not change documents.")

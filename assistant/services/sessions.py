"""Server-side sessions of signed-in users and the sign-ins under way, kept in this process's memory.

Why server-side: the browser only holds a random session id (HttpOnly cookie); ending a session here revokes it at
once — the cookie and every signed file link made for it stop working. A restart of the server signs everyone out
(they sign in again with one click while their provider session lasts).
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from assistant.core.errors import AuthenticationError, SignInError, TokenExpiredError
from assistant.core.identity import Identity

#: Most sign-ins under way at once; the oldest are dropped beyond that (a flood of /auth/login cannot fill memory).
MAX_PENDING = 10_000


@dataclass(frozen=True)
class PendingLogin:
    """What the callback must find again: the state sent to the provider, the nonce expected in the ID token, and the
    PKCE verifier whose challenge was sent."""

    state: str
    nonce: str
    code_verifier: str
    redirect_uri: str
    next_path: str
    created: float

    @property
    def code_challenge(self) -> str:
        digest = hashlib.sha256(self.code_verifier.encode("ascii")).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class Session:
    session_id: str
    identity: Identity
    expires_at: float
    id_token: str = ""


class SessionService:
    """Sign-ins under way (state → PendingLogin) and live sessions (id → Session); thread-safe."""

    def __init__(self, session_s: float, login_timeout_s: float, clock: Callable[[], float] = time.time):
        self._session_s = session_s
        self._login_timeout_s = login_timeout_s
        self._clock = clock
        self._lock = threading.Lock()
        self._pending: OrderedDict[str, PendingLogin] = OrderedDict()
        self._sessions: dict[str, Session] = {}

    def begin(self, redirect_uri: str, next_path: str) -> PendingLogin:
        login = PendingLogin(state=secrets.token_urlsafe(24), nonce=secrets.token_urlsafe(24), code_verifier=secrets.token_urlsafe(48),
                             redirect_uri=redirect_uri, next_path=next_path, created=self._clock())
        with self._lock:
            self._pending[login.state] = login
            while len(self._pending) > MAX_PENDING:
                self._pending.popitem(last=False)
        return login

    def take(self, state: str) -> PendingLogin:
        """The sign-in this state belongs to, usable once; SignInError when unknown, used or too old."""
        with self._lock:
            login = self._pending.pop(state or "", None)
        if login is None or self._clock() - login.created > self._login_timeout_s:
            raise SignInError("unknown or expired state")
        return login

    def create(self, identity: Identity, id_token: str = "") -> Session:
        session = Session(session_id=secrets.token_urlsafe(32), identity=identity, expires_at=self._clock() + self._session_s,
                          id_token=id_token)
        with self._lock:
            self._purge()
            self._sessions[session.session_id] = session
        return session

    def get(self, session_id: str) -> Session:
        """The live session; TokenExpiredError when it ran out, AuthenticationError when unknown or ended."""
        with self._lock:
            session = self._sessions.get(session_id or "")
            if session is not None and session.expires_at <= self._clock():
                del self._sessions[session.session_id]
                raise TokenExpiredError("session")
        if session is None:
            raise AuthenticationError(message_de="Die Sitzung ist beendet oder unbekannt; bitte neu anmelden.",
                                      message_en="The session ended or is unknown; please sign in again.")
        return session

    def active(self, session_id: str) -> bool:
        try:
            self.get(session_id)
        except AuthenticationError:
            return False
        return True

    def end(self, session_id: str) -> Session | None:
        """Revoke a session (sign-out): its cookie and its signed links stop working at once."""
        with self._lock:
            return self._sessions.pop(session_id or "", None)

    def _purge(self) -> None:
        now = self._clock()
        for sid in [sid for sid, s in self._sessions.items() if s.expires_at <= now]:
            del self._sessions[sid]

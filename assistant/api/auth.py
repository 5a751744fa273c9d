"""Who is calling, and which confidentiality level they may read.

Rule: bound to localhost, callers without a token get `server.local_level` (one person on their own machine); while
no tokens are configured there, an Authorization header is ignored (OpenAI clients always send one). Once tokens are
configured, a token that is sent is checked, also on localhost.
Bound to anything else, every content route needs a bearer token from `server.tokens`; the token's level is
what the caller may read. Writing (upload, delete) is allowed only to callers cleared for the highest level,
so read-only partner tokens (level public) can never change the index.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import time
from dataclasses import dataclass

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant.core.errors import AccessDeniedError, AuthenticationError, ConfigurationError
from assistant.core.settings import ApiToken
from assistant.core.types import CONFIDENTIALITY_LEVELS, confidentiality_rank

_LOCAL_NAMES = {"localhost", "ip6-localhost", "ip6-loopback"}

bearer_scheme = HTTPBearer(auto_error=False, description="Zugriffstoken aus `server.tokens` (nötig, wenn nicht auf localhost gebunden).")


def is_local_bind(host: str) -> bool:
    """True for loopback addresses and names; '0.0.0.0', '::' and real interfaces are not local."""
    host = (host or "").strip().strip("[]").lower()
    if host in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Caller:
    """The caller of one request: a name for logs and the highest confidentiality level they may read."""

    name: str
    level: str
    authenticated: bool = False

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


def _check_level(level: str, what: str) -> str:
    if level not in CONFIDENTIALITY_LEVELS:
        raise ConfigurationError(f"{what}: {level!r}; erlaubt: {', '.join(CONFIDENTIALITY_LEVELS)}",
                                 message_de="Unbekannte Vertraulichkeitsstufe", message_en="Unknown confidentiality level")
    return level


class Authenticator:
    """Maps an Authorization header to a Caller."""

    def __init__(self, tokens: list[ApiToken], local_level: str, require_token: bool):
        self.require_token = require_token
        self.local_level = _check_level(local_level, "server.local_level")
        self._tokens: list[ApiToken] = []
        for token in tokens:
            if len(token.token) < 16:
                raise ConfigurationError(token.name, message_de="Zugriffstoken zu kurz (mindestens 16 Zeichen)",
                                         message_en="Access token too short (at least 16 characters)")
            _check_level(token.level, f"server.tokens[{token.name}].level")
            self._tokens.append(token)
        if require_token and not self._tokens:
            raise ConfigurationError(message_de="Der Server ist nicht auf localhost gebunden, aber es sind keine Zugriffstokens "
                                                "konfiguriert (server.tokens). Ohne Tokens wäre alles offen; Start abgebrochen.",
                                     message_en="The server is not bound to localhost but no access tokens are configured "
                                                "(server.tokens); refusing to start wide open.")

    def token(self, secret: str) -> ApiToken | None:
        """The configured token matching the secret (constant-time comparison against every token)."""
        found = None
        for token in self._tokens:
            if hmac.compare_digest(token.token.encode(), secret.encode()):
                found = token
        return found

    def caller_for(self, secret: str | None) -> Caller:
        if secret and not self._tokens and not self.require_token:
            # The OpenAI client and chat front ends built on it always send some API key. On localhost with no
            # tokens configured there is nothing to check it against: the caller is the local user, as without one.
            return Caller(name="local", level=self.local_level)
        if secret:
            token = self.token(secret)
            if token is None:
                raise AuthenticationError()
            return Caller(name=token.name, level=token.level, authenticated=True)
        if self.require_token:
            raise AuthenticationError()
        return Caller(name="local", level=self.local_level)


def current_caller(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme)) -> Caller:
    """FastAPI dependency: the caller of this request (401 when a token is needed and missing or wrong)."""
    authenticator: Authenticator = request.app.state.authenticator
    caller = authenticator.caller_for(credentials.credentials if credentials else None)
    request.state.caller = caller  # the audit middleware records who it was
    return caller


def peek_caller(authenticator: Authenticator, headers: list[tuple[bytes, bytes]]) -> Caller | None:
    """The caller an Authorization header stands for, before any route runs (rate limits); None when it would be refused."""
    value = dict(headers).get(b"authorization", b"").decode("latin-1")
    scheme, _, secret = value.partition(" ")
    secret = secret.strip() if scheme.lower() == "bearer" else ""
    try:
        return authenticator.caller_for(secret or None)
    except AuthenticationError:
        return None


class LinkSigner:
    """Short-lived signed links to original files, for browsers that cannot send a bearer header (the UI).

    A link carries the document id, the reader's level and an expiry, signed with a per-process secret.
    """

    def __init__(self, secret: bytes | None = None, ttl_s: int = 3600):
        self._secret = secret or secrets.token_bytes(32)
        self.ttl_s = ttl_s

    def _mac(self, doc_id: str, level: str, expires: int) -> str:
        message = f"{doc_id}\n{level}\n{expires}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:32]

    def sign(self, doc_id: str, level: str) -> dict[str, str]:
        expires = int(time.time()) + self.ttl_s
        return {"lvl": level, "exp": str(expires), "sig": self._mac(doc_id, level, expires)}

    def verify(self, doc_id: str, level: str, expires: str, signature: str) -> Caller:
        if not expires.isdigit() or int(expires) < time.time() or level not in CONFIDENTIALITY_LEVELS:
            raise AuthenticationError(message_de="Der Link ist abgelaufen oder ungültig.", message_en="The link expired or is invalid.")
        if not hmac.compare_digest(self._mac(doc_id, level, int(expires)), signature):
            raise AuthenticationError(message_de="Der Link ist abgelaufen oder ungültig.", message_en="The link expired or is invalid.")
        return Caller(name="signed-link", level=level, authenticated=True)


def optional_caller(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme)) -> Caller:
    """For probes (readiness): without a token where one is needed, the caller counts as the lowest level instead of 401."""
    authenticator: Authenticator = request.app.state.authenticator
    if credentials is None and authenticator.require_token:
        return Caller(name="anonymous", level=CONFIDENTIALITY_LEVELS[0])
    return authenticator.caller_for(credentials.credentials if credentials else None)


def file_caller(request: Request, doc_id: str, sig: str | None = None, exp: str | None = None, lvl: str | None = None,
                credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme)) -> Caller:
    """The file route also accepts a signed link (?lvl=&exp=&sig=) instead of a bearer token."""
    signer: LinkSigner | None = request.app.state.links.signer
    if sig and signer is not None:
        caller = signer.verify(doc_id, lvl or "", exp or "", sig)
        request.state.caller = caller
        return caller
    return current_caller(request, credentials)

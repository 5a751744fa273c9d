"""Who is calling, and which confidentiality level they may read.

Rule: bound to localhost, callers without a token get `server.local_level` (one person on their own machine); while
no tokens are configured there, an Authorization header is ignored (OpenAI clients always send one). Once tokens are
configured, a token that is sent is checked, also on localhost.
Bound to anything else, every content route needs a bearer token from `server.tokens`; the token's level is
what the caller may read. Writing (upload, delete) is allowed only to callers cleared for the highest level,
so read-only partner tokens (level public) can never change the index.
With OIDC (settings.oidc.enabled) a caller may also be a signed-in person: by the session cookie of the UI sign-in
(assistant/api/routes/sign_in.py) or by a bearer JWT of the identity provider; then every caller needs one of these
(or a static token), also on localhost, unless oidc.allow_local keeps the local shortcut.
Static tokens may carry an expiry (`expires`): past it they get 401 `token_expired`.
"""

from __future__ import annotations

import hmac
import ipaddress
import time
from datetime import UTC
from http.cookies import CookieError, SimpleCookie
from typing import TYPE_CHECKING

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from assistant.core.errors import AccessDeniedError, AuthenticationError, ConfigurationError, TokenExpiredError
from assistant.core.settings import ApiToken
from assistant.core.types import CONFIDENTIALITY_LEVELS
from assistant.services.callers import Caller
from assistant.services.file_links import LinkSigner

if TYPE_CHECKING:
    from assistant.services.sign_in import SignInService

#: The cookie holding the id of a signed-in user's server-side session.
SESSION_COOKIE = "planwissen_session"

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


def _check_level(level: str, what: str) -> str:
    if level not in CONFIDENTIALITY_LEVELS:
        raise ConfigurationError(f"{what}: {level!r}; erlaubt: {', '.join(CONFIDENTIALITY_LEVELS)}",
                                 message_de="Unbekannte Vertraulichkeitsstufe", message_en="Unknown confidentiality level")
    return level


def _expired(token: ApiToken, now: float) -> bool:
    if token.expires is None:
        return False
    expires = token.expires if token.expires.tzinfo else token.expires.replace(tzinfo=UTC)
    return expires.timestamp() <= now


def _looks_like_jwt(secret: str) -> bool:
    return secret.count(".") == 2 and len(secret) > 40


class Authenticator:
    """Maps an Authorization header (and, with OIDC, the session cookie) to a Caller."""

    def __init__(self, tokens: list[ApiToken], local_level: str, require_token: bool, *, sign_in: SignInService | None = None,
                 clock=time.time):
        self.sign_in = sign_in
        self.require_token = require_token or (sign_in is not None and not sign_in.settings.allow_local)
        self.local_level = _check_level(local_level, "server.local_level")
        self._clock = clock
        self._tokens: list[ApiToken] = []
        for token in tokens:
            if len(token.token) < 16:
                raise ConfigurationError(token.name, message_de="Zugriffstoken zu kurz (mindestens 16 Zeichen)",
                                         message_en="Access token too short (at least 16 characters)")
            _check_level(token.level, f"server.tokens[{token.name}].level")
            self._tokens.append(token)
        if self.require_token and not self._tokens and sign_in is None:
            raise ConfigurationError(message_de="Der Server ist nicht auf localhost gebunden, aber es sind keine Zugriffstokens "
                                                "konfiguriert (server.tokens). Ohne Tokens wäre alles offen; Start abgebrochen.",
                                     message_en="The server is not bound to localhost but no access tokens are configured "
                                                "(server.tokens); refusing to start wide open.")

    def token(self, secret: str) -> ApiToken | None:
        """The configured, unexpired token matching the secret (constant-time comparison against every token);
        TokenExpiredError for a matching token past its `expires`."""
        found = None
        for token in self._tokens:
            if hmac.compare_digest(token.token.encode(), secret.encode()):
                found = token
        if found is not None and _expired(found, self._clock()):
            raise TokenExpiredError(found.name)
        return found

    def _local(self) -> Caller:
        return Caller(name="local", level=self.local_level, subject="local")

    def _bearer(self, secret: str) -> Caller:
        token = self.token(secret)
        if token is not None:
            return Caller(name=token.name, level=token.level, authenticated=True, subject=token.name)
        if self.sign_in is not None and _looks_like_jwt(secret):
            identity = self.sign_in.verifier.identity(secret)
            return Caller(name=identity.name, level=identity.level, authenticated=True, subject=identity.subject)
        raise AuthenticationError()

    def session_caller(self, session_id: str) -> Caller:
        session = self.sign_in.sessions.get(session_id)  # raises when ended or expired
        identity = session.identity
        return Caller(name=identity.name, level=identity.level, authenticated=True, subject=identity.subject,
                      session_id=session.session_id)

    def caller_for(self, secret: str | None, session_id: str | None = None) -> Caller:
        if secret and not self._tokens and not self.require_token and self.sign_in is None:
            # The OpenAI client and chat front ends built on it always send some API key. On localhost with no
            # tokens configured there is nothing to check it against: the caller is the local user, as without one.
            return self._local()
        if secret:
            return self._bearer(secret)
        if session_id and self.sign_in is not None:
            try:
                return self.session_caller(session_id)
            except AuthenticationError:
                if self.require_token:
                    raise
                # allow_local: a stale cookie on the machine itself is the local user again
        if self.require_token:
            raise AuthenticationError()
        return self._local()


def session_id_of(headers: list[tuple[bytes, bytes]]) -> str | None:
    """The session cookie's value from raw ASGI headers (middlewares run before FastAPI parses cookies)."""
    raw = dict(headers).get(b"cookie", b"").decode("latin-1")
    if SESSION_COOKIE not in raw:
        return None
    try:
        morsel = SimpleCookie(raw).get(SESSION_COOKIE)
    except CookieError:
        return None
    return morsel.value if morsel is not None else None


def current_caller(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme)) -> Caller:
    """FastAPI dependency: the caller of this request (401 when a token is needed and missing or wrong)."""
    authenticator: Authenticator = request.app.state.authenticator
    caller = authenticator.caller_for(credentials.credentials if credentials else None, request.cookies.get(SESSION_COOKIE))
    request.state.caller = caller  # the audit middleware records who it was
    return caller


def peek_caller(authenticator: Authenticator, headers: list[tuple[bytes, bytes]]) -> Caller | None:
    """The caller an Authorization header stands for, before any route runs (rate limits); None when it would be refused."""
    value = dict(headers).get(b"authorization", b"").decode("latin-1")
    scheme, _, secret = value.partition(" ")
    secret = secret.strip() if scheme.lower() == "bearer" else ""
    try:
        return authenticator.caller_for(secret or None, session_id_of(headers))
    except (AuthenticationError, AccessDeniedError):
        return None


class LinkNotYoursError(AccessDeniedError):
    code = "link_not_yours"
    message_de = "Dieser Link wurde für eine andere Person erstellt."
    message_en = "This link was made for someone else."


def optional_caller(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme)) -> Caller:
    """For probes (readiness): without a token where one is needed, the caller counts as the lowest level instead of 401."""
    authenticator: Authenticator = request.app.state.authenticator
    cookie = request.cookies.get(SESSION_COOKIE)
    if credentials is None and authenticator.require_token and not (cookie and authenticator.sign_in is not None):
        return Caller(name="anonymous", level=CONFIDENTIALITY_LEVELS[0])
    return authenticator.caller_for(credentials.credentials if credentials else None, cookie)


def _link_caller(request: Request, link: Caller, credentials: HTTPAuthorizationCredentials | None) -> Caller:
    """A signed link's reader, checked against its session (still signed in?) and the credentials sent along."""
    authenticator: Authenticator = request.app.state.authenticator
    caller = link
    if link.session_id:
        if authenticator.sign_in is None:
            raise AuthenticationError()
        session_caller = authenticator.session_caller(link.session_id)  # ended (signed out) or expired: refused
        if session_caller.subject != link.subject:
            raise LinkNotYoursError()
        caller = Caller(name=session_caller.name, level=link.level, authenticated=True, subject=link.subject,
                        session_id=link.session_id)
    secret = credentials.credentials if credentials else None
    cookie = request.cookies.get(SESSION_COOKIE)
    if link.subject and (secret or (cookie and authenticator.sign_in is not None)):
        try:
            presented = authenticator.caller_for(secret, cookie)
        except AuthenticationError:
            presented = None  # a stale cookie alongside a valid link: the link decides
        if presented is not None and presented.authenticated and presented.owner != link.subject:
            raise LinkNotYoursError()
    return caller


def file_caller(request: Request, doc_id: str, sig: str | None = None, exp: str | None = None, lvl: str | None = None,
                sub: str | None = None, sid: str | None = None,
                credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme)) -> Caller:
    """The file route also accepts a signed link (?lvl=&exp=&sub=&sid=&sig=) instead of a bearer token."""
    signer: LinkSigner | None = request.app.state.links.signer
    if sig and signer is not None:
        link = signer.verify(doc_id, lvl or "", exp or "", sig, sub or "", sid or "")
        request.state.caller = link  # recorded as the link's owner even when refused below
        caller = _link_caller(request, link, credentials)
        request.state.caller = caller
        return caller
    return current_caller(request, credentials)

"""Sign-in with the identity provider: authorization code flow with PKCE, ending in a server-side session.

begin → the provider's authorization URL (state, nonce and PKCE challenge; the verifier stays on the server);
finish → code exchanged at the token endpoint, ID token verified (signature, issuer, audience = client_id, expiry,
nonce), groups mapped to a level, session created; end → session revoked, the provider's logout URL if it has one.
"""

from __future__ import annotations

from urllib.parse import urlencode

from assistant.core.errors import SignInError
from assistant.core.identity import IdentityProvider
from assistant.core.settings import OidcSettings
from assistant.services.identity import TokenVerifier
from assistant.services.sessions import PendingLogin, Session, SessionService


def safe_next(path: str | None) -> str:
    """Only a local path may be the target after sign-in (no open redirect to another site)."""
    path = (path or "/").strip()
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


class SignInService:
    def __init__(self, provider: IdentityProvider, verifier: TokenVerifier, sessions: SessionService, settings: OidcSettings):
        self.provider = provider
        self.verifier = verifier
        self.sessions = sessions
        self.settings = settings

    def begin(self, redirect_uri: str, next_path: str | None = None) -> str:
        login = self.sessions.begin(self.settings.redirect_uri or redirect_uri, safe_next(next_path))
        query = {"response_type": "code", "client_id": self.settings.client_id, "redirect_uri": login.redirect_uri,
                 "scope": self.settings.scopes, "state": login.state, "nonce": login.nonce,
                 "code_challenge": login.code_challenge, "code_challenge_method": "S256"}
        endpoint = self.provider.metadata().authorization_endpoint
        return endpoint + ("&" if "?" in endpoint else "?") + urlencode(query)

    def finish(self, state: str, code: str) -> tuple[Session, PendingLogin]:
        login = self.sessions.take(state)
        if not code:
            raise SignInError("no code")
        tokens = self.provider.exchange_code(code, login.redirect_uri, login.code_verifier)
        id_token = str(tokens["id_token"])
        identity = self.verifier.identity(id_token, audience=[self.settings.client_id], nonce=login.nonce)
        return self.sessions.create(identity, id_token=id_token), login

    def end(self, session_id: str, after_logout_url: str) -> str:
        """Revoke the session; the URL to send the browser to (the provider's logout when it offers one)."""
        session = self.sessions.end(session_id)
        endpoint = ""
        try:
            endpoint = self.provider.metadata().end_session_endpoint
        except Exception:  # sign-out here must work even when the provider is down
            endpoint = ""
        if not endpoint or session is None:
            return after_logout_url
        query = {"post_logout_redirect_uri": after_logout_url, "client_id": self.settings.client_id}
        if session.id_token:
            query["id_token_hint"] = session.id_token
        return endpoint + ("&" if "?" in endpoint else "?") + urlencode(query)

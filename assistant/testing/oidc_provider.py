"""A real OpenID Connect provider on 127.0.0.1 for tests: `oidc-provider-mock` (Flask) in a werkzeug thread.

It publishes discovery and JWKS, signs ID tokens with its own RSA key and lets a test choose the user: the
authorization form is answered with a POST of `sub`, and `set_user` gives a subject its claims (groups, name).
Only in the `dev` extra; nothing in the product imports this.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import httpx


@dataclass(frozen=True)
class MockProvider:
    """A running provider: its issuer URL (as in its tokens) and helpers to set users and sign in."""

    issuer: str

    def set_user(self, sub: str, **claims) -> None:
        httpx.put(f"{self.issuer}/users/{sub}", json=claims, timeout=10).raise_for_status()


@contextmanager
def mock_provider(token_max_age_s: float = 3600) -> Iterator[MockProvider]:
    """Start the provider on a free port of 127.0.0.1 and stop it afterwards (its own thread, its own server object)."""
    import oidc_provider_mock
    import werkzeug.serving

    app = oidc_provider_mock.app(access_token_max_age=timedelta(seconds=token_max_age_s))
    server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="oidc-mock", daemon=True)
    thread.start()
    try:
        yield MockProvider(issuer=f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def authorize(client: httpx.Client, authorize_url: str, sub: str) -> str:
    """Answer the provider's authorization form as user `sub`; returns the redirect back (with code and state)."""
    form = client.get(authorize_url)
    assert form.status_code == 200 and re.search(r'name="sub"', form.text), form.text[:500]
    back = client.post(authorize_url, data={"sub": sub})
    assert back.status_code == 302, back.text[:500]
    return back.headers["location"]


def sign_in(client: httpx.Client, base_url: str, sub: str, next_path: str = "/") -> httpx.Response:
    """Drive the code flow like a browser: /auth/login → provider's form → POST sub → /auth/callback.

    Returns the callback's response (redirect to `next_path` with the session cookie; the client keeps the cookie)."""
    to_provider = client.get(f"{base_url}/auth/login", params={"next": next_path})
    assert to_provider.status_code == 302, to_provider.text
    return client.get(authorize(client, to_provider.headers["location"], sub))


def provider_token(base: str, sub: str, client_id: str, redirect_uri: str = "http://127.0.0.1/cb") -> str:
    """An ID token (a JWT) for `sub` issued to `client_id`, fetched like a machine client would: code flow at the
    provider reached under `base` (its issuer is whatever host name `base` uses)."""
    with httpx.Client(timeout=10) as client:
        query = {"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri, "scope": "openid profile",
                 "state": "s", "nonce": "n"}
        back = authorize(client, str(httpx.URL(f"{base}/oauth2/authorize", params=query)), sub)
        code = httpx.URL(back).params["code"]
        tokens = client.post(f"{base}/oauth2/token", data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                                                            "client_id": client_id, "client_secret": "x"})
        tokens.raise_for_status()
        return tokens.json()["id_token"]


def with_oidc(settings, issuer: str, client_id: str = "planwissen", **oidc):
    """`settings` with OIDC on against the provider at `issuer` (client secret "geheim", no clock leeway) and `oidc` on top."""
    values = {"enabled": True, "issuer": issuer, "client_id": client_id, "client_secret": "geheim", "leeway_s": 0, **oidc}
    return settings.model_copy(update={"oidc": settings.oidc.model_copy(update=values)})

"""The provider adapter over HTTP (httpx MockTransport standing in for the provider): discovery and keys cached,
an unknown key id refreshes the key set (rotation) but not in a flood, a broken provider is a 503 error."""

from __future__ import annotations

import json

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from assistant.adapters.oidc_provider import MIN_REFRESH_GAP_S, HttpIdentityProvider
from assistant.core.errors import AuthenticationError, IdentityProviderUnavailableError
from assistant.core.settings import OidcSettings

ISSUER = "https://login.stadt.example/realms/stadt"


def _jwk(key, kid: str) -> dict:
    data = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {**data, "kid": kid, "use": "sig", "alg": "RS256"}


class FakeProviderHttp:
    """Serves discovery and a key set that the test can rotate; counts requests per path."""

    def __init__(self, issuer: str = ISSUER):
        self.issuer = issuer
        self.keys = {"k1": rsa.generate_private_key(public_exponent=65537, key_size=2048)}
        self.calls: dict[str, int] = {}
        self.down = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        self.calls[path] = self.calls.get(path, 0) + 1
        if self.down:
            return httpx.Response(502)
        if path.endswith("/.well-known/openid-configuration"):
            return httpx.Response(200, json={"issuer": self.issuer, "authorization_endpoint": f"{ISSUER}/auth",
                                             "token_endpoint": f"{ISSUER}/token", "jwks_uri": f"{ISSUER}/certs"})
        if path.endswith("/certs"):
            return httpx.Response(200, json={"keys": [_jwk(key, kid) for kid, key in self.keys.items()]})
        return httpx.Response(404)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _provider(http: FakeProviderHttp, clock: Clock | None = None) -> HttpIdentityProvider:
    return HttpIdentityProvider(OidcSettings(enabled=True, issuer=ISSUER, client_id="planwissen"), clock=clock or Clock(),
                                transport=httpx.MockTransport(http))


def test_discovery_and_keys_are_fetched_once_then_cached():
    http = FakeProviderHttp()
    provider = _provider(http)
    for _ in range(3):
        assert provider.metadata().token_endpoint == f"{ISSUER}/token"
        provider.signing_key("k1", "RS256")
    assert http.calls == {"/realms/stadt/.well-known/openid-configuration": 1, "/realms/stadt/certs": 1}


def test_unknown_kid_refreshes_the_key_set_once_after_rotation():
    http, clock = FakeProviderHttp(), Clock()
    provider = _provider(http, clock)
    provider.signing_key("k1", "RS256")
    http.keys["k2"] = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # the provider rotates
    clock.now += MIN_REFRESH_GAP_S
    key = provider.signing_key("k2", "RS256")
    assert key.public_numbers() == http.keys["k2"].public_key().public_numbers()
    assert http.calls["/realms/stadt/certs"] == 2


def test_invented_kids_do_not_hammer_the_provider():
    http, clock = FakeProviderHttp(), Clock()
    provider = _provider(http, clock)
    provider.signing_key("k1", "RS256")
    clock.now += MIN_REFRESH_GAP_S
    for attempt in range(5):
        with pytest.raises(AuthenticationError):
            provider.signing_key(f"erfunden-{attempt}", "RS256")
    assert http.calls["/realms/stadt/certs"] == 2  # one refresh for the first unknown kid, none for the rest


def test_keys_expire_from_the_cache():
    http, clock = FakeProviderHttp(), Clock()
    provider = _provider(http, clock)
    provider.signing_key("k1", "RS256")
    clock.now += 3601
    provider.signing_key("k1", "RS256")
    assert http.calls["/realms/stadt/certs"] == 2


def test_discovery_naming_another_issuer_is_refused():
    provider = _provider(FakeProviderHttp(issuer="https://evil.example"))
    with pytest.raises(IdentityProviderUnavailableError):
        provider.metadata()


def test_unreachable_provider_is_a_clear_error():
    http = FakeProviderHttp()
    http.down = True
    with pytest.raises(IdentityProviderUnavailableError) as caught:
        _provider(http).metadata()
    assert caught.value.code == "identity_provider_unavailable"

"""The city's OpenID Connect provider over HTTP: discovery document, signing keys (JWKS) and the token endpoint.

Discovery and keys are cached for `oidc.jwks_cache_s`; a token signed with a key id the cache does not know makes
one fresh fetch of the key set (the provider rotated its keys), but at most every few seconds, so a flood of tokens
with invented key ids cannot hammer the provider.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import httpx
import jwt

from assistant.core.errors import AuthenticationError, IdentityProviderUnavailableError, SignInError
from assistant.core.identity import IdentityProvider, ProviderMetadata
from assistant.core.settings import OidcSettings

log = logging.getLogger(__name__)

#: Shortest gap between two key-set fetches caused by unknown key ids.
MIN_REFRESH_GAP_S = 10.0


class HttpIdentityProvider(IdentityProvider):
    """One provider, reached with httpx (sync); thread-safe."""

    def __init__(self, settings: OidcSettings, *, clock: Callable[[], float] = time.monotonic,
                 transport: httpx.BaseTransport | None = None):
        self._settings = settings
        self._clock = clock
        self._http = httpx.Client(timeout=settings.http_timeout_s, transport=transport, follow_redirects=False)
        self._lock = threading.RLock()
        self._metadata: ProviderMetadata | None = None
        self._metadata_at = 0.0
        self._keys: dict[str, jwt.PyJWK] = {}
        self._keys_at = 0.0
        self._last_refresh = -MIN_REFRESH_GAP_S

    def close(self) -> None:
        self._http.close()

    def _get_json(self, url: str) -> dict:
        try:
            response = self._http.get(url, headers={"Accept": "application/json"})
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            log.warning("identity provider request %s failed: %s", url, exc)
            raise IdentityProviderUnavailableError(url) from exc
        if not isinstance(data, dict):
            raise IdentityProviderUnavailableError(url)
        return data

    def _fresh(self, at: float) -> bool:
        return self._clock() - at < self._settings.jwks_cache_s

    def metadata(self) -> ProviderMetadata:
        with self._lock:
            if self._metadata is None or not self._fresh(self._metadata_at):
                self._metadata = self._discover()
                self._metadata_at = self._clock()
            return self._metadata

    def _discover(self) -> ProviderMetadata:
        issuer = self._settings.issuer.rstrip("/")
        data = self._get_json(f"{issuer}/.well-known/openid-configuration")
        if str(data.get("issuer", "")).rstrip("/") != issuer:
            # OIDC Discovery 4.3: the document must name exactly the configured issuer (else tokens would never match)
            raise IdentityProviderUnavailableError(f"issuer {data.get('issuer')!r} != {issuer!r}")
        try:
            return ProviderMetadata(issuer=str(data["issuer"]), authorization_endpoint=str(data["authorization_endpoint"]),
                                    token_endpoint=str(data["token_endpoint"]), jwks_uri=str(data["jwks_uri"]),
                                    end_session_endpoint=str(data.get("end_session_endpoint") or ""), extra=data)
        except KeyError as exc:
            raise IdentityProviderUnavailableError(f"discovery document lacks {exc}") from exc

    def _load_keys(self) -> None:
        data = self._get_json(self.metadata().jwks_uri)
        keys: dict[str, jwt.PyJWK] = {}
        for entry in data.get("keys", []):
            if entry.get("use", "sig") != "sig":
                continue
            try:
                key = jwt.PyJWK(entry)
            except (jwt.PyJWKError, jwt.InvalidKeyError):
                continue  # a key type this PyJWT cannot use: skip it, keep the others
            keys[str(entry.get("kid", ""))] = key
        self._keys, self._keys_at = keys, self._clock()

    def signing_key(self, kid: str | None, algorithm: str):
        kid = kid or ""
        with self._lock:
            stale = not self._keys or not self._fresh(self._keys_at)
            unknown = kid not in self._keys and self._clock() - self._last_refresh >= MIN_REFRESH_GAP_S
            if stale or unknown:
                self._last_refresh = self._clock()
                self._load_keys()
            key = self._keys.get(kid)
            if key is None and not kid and len(self._keys) == 1:
                key = next(iter(self._keys.values()))  # a provider with a single key may omit kid
        if key is None:
            raise AuthenticationError(f"unknown key id {kid!r}")
        return key.key

    def exchange_code(self, code: str, redirect_uri: str, code_verifier: str) -> dict:
        settings = self._settings
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri, "code_verifier": code_verifier,
                "client_id": settings.client_id}
        auth = (settings.client_id, settings.client_secret) if settings.client_secret else None
        try:
            response = self._http.post(self.metadata().token_endpoint, data=form, auth=auth, headers={"Accept": "application/json"})
        except httpx.HTTPError as exc:
            raise IdentityProviderUnavailableError("token endpoint") from exc
        if response.status_code != 200:
            log.warning("token endpoint refused the code: %s %s", response.status_code, response.text[:300])
            raise SignInError(f"token endpoint {response.status_code}")
        try:
            data = response.json()
        except ValueError as exc:
            raise SignInError("token endpoint answered no JSON") from exc
        if not isinstance(data, dict) or not data.get("id_token"):
            raise SignInError("no id_token in the token response")
        return data

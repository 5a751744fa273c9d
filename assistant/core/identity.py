"""Who a signed-in person is, and what planwissen needs from an OpenID Connect provider.

Kept in core so the sign-in service depends on this interface, not on HTTP: the adapter
(assistant/adapters/oidc_provider.py) talks to the real provider, tests may hand in another.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Identity:
    """A verified user: the provider's stable subject, a readable name, the level their groups grant, and until when."""

    subject: str
    name: str
    level: str
    expires_at: float
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProviderMetadata:
    """The parts of /.well-known/openid-configuration planwissen uses."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    end_session_endpoint: str = ""
    extra: dict = field(default_factory=dict)


class IdentityProvider(ABC):
    """Discovery, signing keys and the code exchange of one OIDC provider."""

    @abstractmethod
    def metadata(self) -> ProviderMetadata:
        """The discovery document (cached)."""

    @abstractmethod
    def signing_key(self, kid: str | None, algorithm: str):
        """The public key for a token's `kid` (cached; an unknown kid refreshes the key set once).
        Raises AuthenticationError when the provider has no such key."""

    @abstractmethod
    def exchange_code(self, code: str, redirect_uri: str, code_verifier: str) -> dict:
        """Trade an authorization code for the token response (id_token, access_token …) at the token endpoint."""

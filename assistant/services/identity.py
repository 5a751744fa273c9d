"""Checks tokens of the identity provider and turns their claims into an Identity with a confidentiality level.

A JWT counts only when its signature verifies against the provider's published key, its issuer is the configured
one, its audience is planwissen (client_id or oidc.audiences) and it is not expired (oidc.leeway_s tolerance).
Levels come from groups: the highest level among the user's mapped groups, else oidc.default_level, else refused.
"""

from __future__ import annotations

import logging

import jwt

from assistant.core.errors import AuthenticationError, ConfigurationError, NoAccessLevelError, TokenExpiredError
from assistant.core.identity import Identity, IdentityProvider
from assistant.core.settings import OidcSettings
from assistant.core.types import CONFIDENTIALITY_LEVELS, confidentiality_rank

log = logging.getLogger(__name__)

_FORBIDDEN_ALGORITHMS = {"none", "HS256", "HS384", "HS512"}


def check_oidc_settings(settings: OidcSettings) -> None:
    """Refuse a half-configured OIDC at start-up rather than at the first sign-in."""
    missing = [name for name in ("issuer", "client_id") if not getattr(settings, name)]
    if missing:
        raise ConfigurationError(", ".join(f"oidc.{name}" for name in missing),
                                 message_de="OIDC ist eingeschaltet, aber nicht vollständig eingerichtet",
                                 message_en="OIDC is enabled but not fully configured")
    if "openid" not in settings.scopes.split():
        raise ConfigurationError("oidc.scopes", message_de="Die Scopes müssen 'openid' enthalten", message_en="scopes need 'openid'")
    bad = [alg for alg in settings.algorithms if alg in _FORBIDDEN_ALGORITHMS]
    if bad or not settings.algorithms:
        raise ConfigurationError("oidc.algorithms", message_de="Nur asymmetrische Signaturverfahren sind erlaubt",
                                 message_en="Only asymmetric signature algorithms are allowed")
    levels = list(settings.level_by_group.values()) + ([settings.default_level] if settings.default_level else [])
    for level in levels:
        if level not in CONFIDENTIALITY_LEVELS:
            raise ConfigurationError(f"oidc: {level!r}", message_de="Unbekannte Vertraulichkeitsstufe",
                                     message_en="Unknown confidentiality level")


def claim_at(claims: dict, path: str):
    """A claim by dotted path (`realm_access.roles`); a top-level claim named with dots wins."""
    if path in claims:
        return claims[path]
    value = claims
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def groups_of(claims: dict, claim: str) -> tuple[str, ...]:
    """The user's groups: a list claim, or a string of comma- or space-separated groups (as some ADFS rules emit)."""
    value = claim_at(claims, claim)
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    if not isinstance(value, (list, tuple)):
        return ()
    return tuple(str(group) for group in value)


def level_for_groups(groups: tuple[str, ...], settings: OidcSettings) -> str:
    """The highest level any of the groups maps to; oidc.default_level without one; refused when that is unset."""
    mapped = [settings.level_by_group[group] for group in groups if group in settings.level_by_group]
    if mapped:
        return max(mapped, key=confidentiality_rank)
    if settings.default_level:
        return settings.default_level
    raise NoAccessLevelError()


def identity_from_claims(claims: dict, settings: OidcSettings) -> Identity:
    subject = str(claims.get("sub") or "")
    if not subject:
        raise AuthenticationError("token without sub")
    name = str(claim_at(claims, settings.user_claim) or subject)
    groups = groups_of(claims, settings.groups_claim)
    return Identity(subject=subject, name=name, level=level_for_groups(groups, settings), expires_at=float(claims.get("exp", 0)),
                    groups=groups)


class TokenVerifier:
    """Validates JWTs of the configured provider (signature via JWKS, iss, aud, exp with leeway)."""

    def __init__(self, provider: IdentityProvider, settings: OidcSettings):
        self._provider = provider
        self._settings = settings

    @property
    def audiences(self) -> list[str]:
        return list(self._settings.audiences) or [self._settings.client_id]

    def claims(self, token: str, *, audience: list[str] | None = None, nonce: str | None = None) -> dict:
        """The verified claims of `token`; TokenExpiredError when expired, AuthenticationError for anything else wrong."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise AuthenticationError("not a JWT") from exc
        algorithm = str(header.get("alg", ""))
        if algorithm not in self._settings.algorithms:
            raise AuthenticationError(f"algorithm {algorithm!r} not accepted")
        key = self._provider.signing_key(header.get("kid"), algorithm)
        try:
            claims = jwt.decode(token, key=key, algorithms=[algorithm], audience=audience or self.audiences,
                                issuer=self._provider.metadata().issuer, leeway=self._settings.leeway_s,
                                options={"require": ["exp", "iat", "iss", "sub", "aud"]})
        except jwt.ExpiredSignatureError as exc:
            raise TokenExpiredError() from exc
        except jwt.PyJWTError as exc:
            log.info("token refused: %s", exc)
            raise AuthenticationError(str(exc)[:200]) from exc
        if nonce is not None and claims.get("nonce") != nonce:
            raise AuthenticationError("nonce mismatch")
        return claims

    def identity(self, token: str, *, audience: list[str] | None = None, nonce: str | None = None) -> Identity:
        return identity_from_claims(self.claims(token, audience=audience, nonce=nonce), self._settings)

"""Token checks and group mapping: only the provider's asymmetric signature, issuer, audience and expiry make a token;
the highest mapped group decides the level; without one the default level or a refusal."""

from __future__ import annotations

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from assistant.core.errors import ConfigurationError
from assistant.core.identity import IdentityProvider, ProviderMetadata
from assistant.core.settings import OidcSettings
from assistant.services.identity import TokenVerifier, check_oidc_settings, groups_of, identity_from_claims, level_for_groups

ISSUER = "https://login.stadt.example"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


class OneKeyProvider(IdentityProvider):
    def metadata(self) -> ProviderMetadata:
        return ProviderMetadata(issuer=ISSUER, authorization_endpoint=f"{ISSUER}/auth", token_endpoint=f"{ISSUER}/token",
                                jwks_uri=f"{ISSUER}/certs")

    def signing_key(self, kid, algorithm):
        return KEY.public_key()

    def exchange_code(self, code, redirect_uri, code_verifier):
        raise NotImplementedError


SETTINGS = OidcSettings(enabled=True, issuer=ISSUER, client_id="planwissen", leeway_s=30,
                        level_by_group={"sozialplanung-intern": "internal", "sozialplanung": "public"})


def _token(**overrides) -> str:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": "planwissen", "sub": "u1", "iat": now, "exp": now + 300, "groups": ["sozialplanung"],
              **overrides}
    return jwt.encode({k: v for k, v in claims.items() if v is not None}, KEY, algorithm="RS256", headers={"kid": "k1"})


def verifier(settings: OidcSettings = SETTINGS) -> TokenVerifier:
    return TokenVerifier(OneKeyProvider(), settings)


def test_a_good_token_gives_the_identity_with_its_level():
    identity = verifier().identity(_token(preferred_username="anna", groups=["sozialplanung", "sozialplanung-intern"]))
    assert (identity.subject, identity.name, identity.level) == ("u1", "anna", "internal")


@pytest.mark.parametrize("claims", [{"aud": "anderer-dienst"}, {"iss": "https://evil.example"}, {"sub": None}, {"exp": None}])
def test_wrong_or_missing_claims_are_refused(claims):
    with pytest.raises(Exception) as caught:
        verifier().identity(_token(**claims))
    assert caught.value.code == "unauthenticated"


def test_expiry_counts_with_the_leeway():
    past = int(time.time()) - 10
    assert verifier().identity(_token(exp=past)).subject == "u1"  # 10 s late, 30 s leeway
    strict = verifier(SETTINGS.model_copy(update={"leeway_s": 0}))
    with pytest.raises(Exception) as caught:
        strict.identity(_token(exp=past))
    assert caught.value.code == "token_expired"


def test_symmetric_and_unsigned_tokens_are_refused():
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": "planwissen", "sub": "u1", "iat": now, "exp": now + 300}
    for token in (jwt.encode(claims, "geheimnis-geheimnis-geheimnis-32", algorithm="HS256"), jwt.encode(claims, None, algorithm="none")):
        with pytest.raises(Exception) as caught:
            verifier().identity(token)
        assert caught.value.code == "unauthenticated"


def test_a_token_signed_by_another_key_is_refused():
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = int(time.time())
    token = jwt.encode({"iss": ISSUER, "aud": "planwissen", "sub": "u1", "iat": now, "exp": now + 300}, other, algorithm="RS256")
    with pytest.raises(Exception) as caught:
        verifier().identity(token)
    assert caught.value.code == "unauthenticated"


def test_groups_from_lists_strings_and_nested_claims():
    assert groups_of({"groups": ["a", "b"]}, "groups") == ("a", "b")
    assert groups_of({"groups": "a, b c"}, "groups") == ("a", "b", "c")
    assert groups_of({"realm_access": {"roles": ["x"]}}, "realm_access.roles") == ("x",)
    assert groups_of({}, "groups") == ()


def test_the_highest_mapped_group_wins_and_unmapped_users_are_refused_or_defaulted():
    assert level_for_groups(("sozialplanung", "sozialplanung-intern"), SETTINGS) == "internal"
    with pytest.raises(Exception) as caught:
        level_for_groups(("kantine",), SETTINGS)
    assert caught.value.code == "no_access_level"
    assert level_for_groups(("kantine",), SETTINGS.model_copy(update={"default_level": "public"})) == "public"


def test_name_falls_back_to_the_subject():
    identity = identity_from_claims({"sub": "u9", "exp": 1, "groups": ["sozialplanung"]}, SETTINGS)
    assert identity.name == "u9" and identity.level == "public"


@pytest.mark.parametrize("update", [{"issuer": ""}, {"client_id": ""}, {"scopes": "profile"}, {"algorithms": ["HS256"]},
                                    {"level_by_group": {"g": "geheim"}}])
def test_half_configured_oidc_is_refused_at_start(update):
    with pytest.raises(ConfigurationError):
        check_oidc_settings(SETTINGS.model_copy(update=update))

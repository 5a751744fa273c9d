"""Sign-ins under way and sessions: PKCE challenge per RFC 7636, state usable once and only briefly, sessions that
expire and that sign-out revokes."""

from __future__ import annotations

import pytest

from assistant.core.errors import SignInError
from assistant.core.identity import Identity
from assistant.services.sessions import PendingLogin, SessionService
from assistant.services.sign_in import safe_next


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


ALICE = Identity(subject="alice", name="alice", level="internal", expires_at=0)


def test_pkce_challenge_is_s256_of_the_verifier_rfc7636_example():
    login = PendingLogin(state="s", nonce="n", code_verifier="dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", redirect_uri="",
                         next_path="/", created=0)
    assert login.code_challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"


def test_state_is_single_use_and_expires():
    clock = Clock()
    sessions = SessionService(3600, 600, clock=clock)
    login = sessions.begin("http://x/auth/callback", "/")
    assert sessions.take(login.state) == login
    with pytest.raises(Exception) as caught:
        sessions.take(login.state)
    assert caught.value.code == "sign_in_failed"
    late = sessions.begin("http://x/auth/callback", "/")
    clock.now += 601
    with pytest.raises(SignInError):
        sessions.take(late.state)


def test_sessions_expire_and_end_on_sign_out():
    clock = Clock()
    sessions = SessionService(3600, 600, clock=clock)
    first, second = sessions.create(ALICE), sessions.create(ALICE)
    assert first.session_id != second.session_id and len(first.session_id) >= 40
    assert sessions.get(first.session_id).identity == ALICE
    sessions.end(first.session_id)
    with pytest.raises(Exception) as caught:
        sessions.get(first.session_id)
    assert caught.value.code == "unauthenticated"
    clock.now += 3601
    with pytest.raises(Exception) as caught:
        sessions.get(second.session_id)
    assert caught.value.code == "token_expired"


@pytest.mark.parametrize("target, expected", [("/auth/me", "/auth/me"), ("https://evil.example/", "/"), ("//evil.example", "/"),
                                              ("/\\evil", "/"), (None, "/")])
def test_only_local_paths_follow_a_sign_in(target, expected):
    assert safe_next(target) == expected

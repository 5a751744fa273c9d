"""OIDC end to end: a real provider (oidc-provider-mock) on 127.0.0.1, planwissen's API in a real uvicorn server,
a browser-like httpx client following the code flow with PKCE; bearer JWTs of the provider for machine clients."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from assistant.api.app import create_app
from assistant.core.settings import Settings
from assistant.testing.front_services import INTERNAL_TOKEN, build_front_services, front_settings
from assistant.testing.live_server import live_server
from assistant.testing.oidc_provider import mock_provider, provider_token, sign_in, with_oidc

INTERNAL_DOC = "protokoll-steuerungsgruppe-2024"
PUBLIC_DOC = "planungskonzept-2023"
CLIENT_ID = "planwissen"
GROUPS = {"sozialplanung-intern": "internal", "sozialplanung": "public"}


@pytest.fixture(scope="module")
def provider():
    with mock_provider() as running:
        running.set_user("alice", groups=["sozialplanung-intern", "andere"], preferred_username="alice.meier", name="Alice Meier")
        running.set_user("bob", groups=["sozialplanung"], preferred_username="bob.schulz")
        running.set_user("carol", groups=["kantine"], preferred_username="carol")
        yield running


def oidc_settings(tmp_path, issuer: str, **oidc) -> Settings:
    return with_oidc(front_settings(tmp_path / "data"), issuer, CLIENT_ID, **{"level_by_group": GROUPS, **oidc})


@pytest.fixture
def server(tmp_path, provider):
    """planwissen bound to 127.0.0.1 with OIDC on; yields (base_url, app)."""
    settings = oidc_settings(tmp_path, provider.issuer)
    app = create_app(build_front_services(settings), bind_host="127.0.0.1", eval_dirs=[tmp_path / "results"])
    with live_server(app) as base_url:
        yield base_url, app


def browser() -> httpx.Client:
    return httpx.Client(timeout=15, follow_redirects=False)


def doc_ids(client: httpx.Client, base_url: str, **kwargs) -> list[str]:
    response = client.get(f"{base_url}/api/v1/documents", **kwargs)
    assert response.status_code == 200, response.text
    return [d["doc_id"] for d in response.json()["documents"]]


def test_sign_in_by_code_flow_with_pkce_creates_a_server_side_session(server):
    base_url, _ = server
    with browser() as client:
        to_provider = client.get(f"{base_url}/auth/login", params={"next": "/auth/me"})
        query = parse_qs(urlsplit(to_provider.headers["location"]).query)
        assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
        assert query["state"][0] and query["nonce"][0] and "code_verifier" not in query
        assert query["redirect_uri"] == [f"{base_url}/auth/callback"]

        callback = sign_in(client, base_url, "alice", next_path="/auth/me")
        assert callback.status_code == 302 and callback.headers["location"] == "/auth/me"
        cookie = callback.headers["set-cookie"].lower()
        assert "planwissen_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
        me = client.get(f"{base_url}/auth/me").json()
        assert me == {"name": "alice.meier", "level": "internal", "subject": "alice", "signed_in": True}


def test_state_is_single_use_and_a_foreign_state_is_refused(server):
    base_url, _ = server
    with browser() as client:
        callback = sign_in(client, base_url, "alice")
        assert callback.status_code == 302
        replay = client.get(str(callback.request.url))  # the same code and state once more
        assert replay.status_code == 401 and replay.json()["error"]["code"] == "sign_in_failed"
        forged = client.get(f"{base_url}/auth/callback", params={"state": "erfunden", "code": "x"})
        assert forged.status_code == 401 and forged.json()["error"]["code"] == "sign_in_failed"


def test_without_session_or_token_nothing_is_open_even_on_localhost(server):
    base_url, _ = server
    with browser() as client:
        response = client.get(f"{base_url}/api/v1/documents")
        assert response.status_code == 401 and response.json()["error"]["code"] == "unauthenticated"
        assert client.get(f"{base_url}/api/v1/documents", headers={"Authorization": f"Bearer {INTERNAL_TOKEN}"}).status_code == 200


def test_groups_map_to_levels_internal_document_only_with_the_internal_group(server):
    base_url, _ = server
    with browser() as alice, browser() as bob, browser() as carol:
        sign_in(alice, base_url, "alice")
        sign_in(bob, base_url, "bob")
        assert INTERNAL_DOC in doc_ids(alice, base_url)
        bob_sees = doc_ids(bob, base_url)
        assert PUBLIC_DOC in bob_sees and INTERNAL_DOC not in bob_sees
        assert bob.get(f"{base_url}/api/v1/documents/{INTERNAL_DOC}").status_code == 404
        refused = sign_in(carol, base_url, "carol")  # signed in at the provider, but no group planwissen knows
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "no_access_level"


def test_default_level_admits_users_without_a_mapped_group(tmp_path, provider):
    settings = oidc_settings(tmp_path, provider.issuer, default_level="public")
    with live_server(create_app(build_front_services(settings), bind_host="127.0.0.1")) as base_url, browser() as carol:
        assert sign_in(carol, base_url, "carol").status_code == 302
        assert carol.get(f"{base_url}/auth/me").json()["level"] == "public"


def test_bearer_jwt_of_the_provider_is_checked_for_audience_and_issuer(server, provider):
    base_url, _ = server
    with browser() as client:
        good = provider_token(provider.issuer, "alice", CLIENT_ID)
        assert INTERNAL_DOC in doc_ids(client, base_url, headers={"Authorization": f"Bearer {good}"})
        bob = provider_token(provider.issuer, "bob", CLIENT_ID)
        assert INTERNAL_DOC not in doc_ids(client, base_url, headers={"Authorization": f"Bearer {bob}"})

        other_audience = provider_token(provider.issuer, "alice", "ein-anderer-dienst")
        response = client.get(f"{base_url}/api/v1/documents", headers={"Authorization": f"Bearer {other_audience}"})
        assert response.status_code == 401 and response.json()["error"]["code"] == "unauthenticated"

        # the same provider and key, but reached as "localhost": its tokens then name another issuer
        other_issuer = provider_token(provider.issuer.replace("127.0.0.1", "localhost"), "alice", CLIENT_ID)
        response = client.get(f"{base_url}/api/v1/documents", headers={"Authorization": f"Bearer {other_issuer}"})
        assert response.status_code == 401 and response.json()["error"]["code"] == "unauthenticated"

        tampered = good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")
        assert client.get(f"{base_url}/api/v1/documents", headers={"Authorization": f"Bearer {tampered}"}).status_code == 401


def test_expired_jwt_gets_401_token_expired(tmp_path):
    with mock_provider(token_max_age_s=3) as short:
        short.set_user("alice", groups=["sozialplanung-intern"])
        settings = oidc_settings(tmp_path, short.issuer)
        with live_server(create_app(build_front_services(settings), bind_host="127.0.0.1")) as base_url, browser() as client:
            token = provider_token(short.issuer, "alice", CLIENT_ID)
            assert client.get(f"{base_url}/api/v1/documents", headers={"Authorization": f"Bearer {token}"}).status_code == 200
            time.sleep(4.2)
            response = client.get(f"{base_url}/api/v1/documents", headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 401 and response.json()["error"]["code"] == "token_expired"


def _file_link(client: httpx.Client, base_url: str) -> str:
    body = client.post(f"{base_url}/v1/chat/completions",
                       json={"messages": [{"role": "user", "content": "Welche Beteiligungsformate nutzt die Sozialplanung?"}]})
    assert body.status_code == 200, body.text
    content = body.json()["choices"][0]["message"]["content"]
    start = content.index(f"{base_url}/api/v1/documents/")
    return content[start:].split()[0].split("#")[0].rstrip(")")


def test_logout_revokes_the_session_and_its_signed_links(server):
    base_url, _ = server
    with browser() as alice, browser() as bob, browser() as stranger:
        sign_in(alice, base_url, "alice")
        sign_in(bob, base_url, "bob")
        link = _file_link(alice, base_url)
        assert "sub=alice" in link and "sid=" in link
        assert alice.get(link).status_code == 200
        assert stranger.get(link).status_code == 200  # a link alone opens the file while its session lives (browser tabs)
        refused = bob.get(link)  # with another user's session: not theirs
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "link_not_yours"
        other_token = bob.get(link, headers={"Authorization": f"Bearer {INTERNAL_TOKEN}"}, cookies={})
        assert other_token.status_code == 403

        cookie = alice.cookies.get("planwissen_session")
        out = alice.post(f"{base_url}/auth/logout")
        assert out.status_code == 302 and "planwissen_session" not in alice.cookies
        again = httpx.get(f"{base_url}/auth/me", cookies={"planwissen_session": cookie})
        assert again.status_code == 401
        gone = stranger.get(link)
        assert gone.status_code == 401
        assert bob.get(f"{base_url}/auth/me").status_code == 200  # only alice's session ended


def test_audit_entries_name_the_signed_in_user(server):
    base_url, app = server
    with browser() as client:
        sign_in(client, base_url, "alice")
        client.get(f"{base_url}/api/v1/documents/{PUBLIC_DOC}")
        client.post(f"{base_url}/auth/logout")
    deadline = time.monotonic() + 5  # the entry is written just after the response went out
    while time.monotonic() < deadline and not any(e.action == "logout" for e in app.state.audit.entries()):
        time.sleep(0.05)
    entries = app.state.audit.entries()
    opened = [e for e in entries if e.action == "open"]
    assert opened and opened[-1].user == "alice.meier" and opened[-1].detail["sub"] == "alice"
    assert [e.user for e in entries if e.action in ("login", "logout")] == ["alice.meier", "alice.meier"]


def test_allow_local_keeps_the_local_shortcut_on_loopback(tmp_path, provider):
    settings = oidc_settings(tmp_path, provider.issuer, allow_local=True)
    with live_server(create_app(build_front_services(settings), bind_host="127.0.0.1")) as base_url, browser() as client:
        assert client.get(f"{base_url}/auth/me").json()["name"] == "local"

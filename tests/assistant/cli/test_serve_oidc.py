"""`serve` with OIDC: the UI is mounted behind the sign-in; each Gradio call reads as the person of its own session.

End to end: a real provider (oidc-provider-mock) on 127.0.0.1, planwissen as `serve` builds it in a real uvicorn server,
browser-like httpx clients that sign in by the code flow and then call the UI's events over HTTP as its page does.
"""

from __future__ import annotations

import re
import time
from urllib.parse import unquote

import httpx
import pytest

from assistant.cli.serve_cmd import build_server
from assistant.testing.front_services import INTERNAL_MARKER, build_front_services, front_settings
from assistant.testing.gradio_http import GradioPage
from assistant.testing.live_server import live_server
from assistant.testing.oidc_provider import mock_provider, sign_in, with_oidc

INTERNAL_DOC = "protokoll-steuerungsgruppe-2024"
INTERNAL_TITLE = "Protokoll Steuerungsgruppe"
GROUPS = {"sozialplanung-intern": "internal", "sozialplanung": "public"}
QUESTION = "Was beschloss die Steuerungsgruppe zur Diakonie?"  # answered from the internal protocol only
PUBLIC_QUESTION = "Welche Beteiligungsformate nutzt die Sozialplanung?"


@pytest.fixture(scope="module")
def provider():
    with mock_provider() as running:
        running.set_user("alice", groups=["sozialplanung-intern"], preferred_username="alice.meier")
        running.set_user("bob", groups=["sozialplanung"], preferred_username="bob.schulz")
        yield running


@pytest.fixture
def server(tmp_path, provider):
    settings = with_oidc(front_settings(tmp_path / "data"), provider.issuer, level_by_group=GROUPS)
    app = build_server(build_front_services(settings), "127.0.0.1")
    with live_server(app) as base_url:
        yield base_url, app


def browser() -> httpx.Client:
    return httpx.Client(timeout=30, follow_redirects=False)


def ask(page: GradioPage, question: str = QUESTION):
    return page.call("pw-ask", "click", {"pw-question": question, "pw-chat": []})


def texts_of(outputs) -> str:
    return str(outputs)


def source_links(outputs) -> list[str]:
    return [unquote(href).replace("&amp;", "&") for href in re.findall(r"href='(/api/v1/documents/[^']+)'", texts_of(outputs))]


def test_ui_is_mounted_and_a_browser_without_session_is_sent_to_sign_in(server):
    base_url, _ = server
    with browser() as client:
        page = client.get(f"{base_url}/", headers={"Accept": "text/html"})
        assert page.status_code == 302 and page.headers["location"] == "/auth/login?next=%2F"
        assert client.get(f"{base_url}/config").status_code == 401
        back = sign_in(client, base_url, "alice")
        assert back.status_code == 302 and back.headers["location"] == "/"
        page = client.get(f"{base_url}/", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "gradio" in page.text.lower()


def test_each_ui_call_reads_as_the_person_of_its_session(server):
    base_url, app = server
    with browser() as alice, browser() as bob:
        sign_in(alice, base_url, "alice")
        sign_in(bob, base_url, "bob")
        alice_page, bob_page = GradioPage(alice, base_url), GradioPage(bob, base_url)

        alice_start, bob_start = alice_page.call(None, "load"), bob_page.call(None, "load")
        assert "alice.meier" in texts_of(alice_start.outputs) and "intern" in texts_of(alice_start.outputs)
        assert "Abmelden" in texts_of(alice_start.outputs) and "/auth/logout" in texts_of(alice_start.outputs)
        assert "bob.schulz" in texts_of(bob_start.outputs) and "öffentlich" in texts_of(bob_start.outputs)
        assert INTERNAL_TITLE in texts_of(alice_start.outputs)  # the document list
        assert INTERNAL_TITLE not in texts_of(bob_start.outputs)

        alice_answer, bob_answer = ask(alice_page), ask(bob_page)
        assert alice_answer.outputs and INTERNAL_TITLE in texts_of(alice_answer.outputs)
        assert bob_answer.outputs, bob_answer
        for leak in (INTERNAL_DOC, INTERNAL_TITLE, INTERNAL_MARKER):
            assert leak not in texts_of(bob_answer.outputs)

        assert not source_links(bob_answer.outputs)

        alice_links, bob_links = source_links(alice_answer.outputs), source_links(ask(bob_page, PUBLIC_QUESTION).outputs)
        assert alice_links and all("sub=alice" in link and "sid=" in link and "lvl=internal" in link for link in alice_links)
        assert bob_links and all("sub=bob" in link and "sid=" in link and "lvl=public" in link for link in bob_links)

        # conversations are per person: each sees their own in the list, bob not alice's
        assert "Steuerungsgruppe zur Diakonie" in texts_of(GradioPage(alice, base_url).call(None, "load").outputs)
        bob_list = texts_of(GradioPage(bob, base_url).call(None, "load").outputs)
        assert bob_list.count("Steuerungsgruppe zur Diakonie") == 1  # his own (both questions went into it), not alice's too
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and len([e for e in app.state.audit.entries() if e.action == "ask"]) < 3:
        time.sleep(0.05)
    askers = {e.user for e in app.state.audit.entries() if e.action == "ask"}
    assert askers == {"alice.meier", "bob.schulz"}


def test_sign_out_stops_the_ui_and_its_signed_links(server):
    base_url, _ = server
    with browser() as alice, browser() as stranger:
        sign_in(alice, base_url, "alice")
        page = GradioPage(alice, base_url)
        answer = ask(page)
        [link, *_] = source_links(answer.outputs)
        assert stranger.get(f"{base_url}{link}").status_code == 200
        cookie = alice.cookies.get("planwissen_session")

        assert alice.get(f"{base_url}/auth/logout").status_code in (404, 405)  # a link or image elsewhere cannot sign out
        assert ask(page).status == 200
        out = alice.post(f"{base_url}/auth/logout")
        assert out.status_code == 302
        alice.cookies.set("planwissen_session", cookie)  # an open tab that still sends the old cookie
        refused = ask(page)
        assert refused.status == 401 and "angemeldet" in refused.refused["detail"]
        assert "Traceback" not in str(refused.refused)
        assert stranger.get(f"{base_url}{link}").status_code == 401
        assert alice.get(f"{base_url}/", headers={"Accept": "text/html"}).status_code == 302

"""The real `openai` package against planwissen on a real uvicorn (127.0.0.1): what chat front ends built on it do.

The OpenAI client always sends an API key. On localhost without configured tokens that key is ignored; with tokens
configured it is checked. Follow-ups are resolved from the `messages` array, streaming and not.
"""

from __future__ import annotations

import pytest

from assistant.api.app import create_app
from assistant.core.settings import Settings
from assistant.testing.front_services import DEMO_TOKENS, INTERNAL_MARKER, PUBLIC_TOKEN, build_front_services
from assistant.testing.live_server import live_server

openai = pytest.importorskip("openai")
pytestmark = pytest.mark.timeout(120)

FIRST = "Wie hoch ist die SGB-II-Quote in Haspe?"
FOLLOW_UP = "Und in Hohenlimburg?"
RESOLVED = "Wie hoch ist die SGB-II-Quote in Hohenlimburg?"


@pytest.fixture(scope="module")
def tokenless_url(tmp_path_factory):
    services = build_front_services(Settings(data_dir=tmp_path_factory.mktemp("openai") / "data"))
    with live_server(create_app(services, bind_host="127.0.0.1", eval_dirs=[])) as url:
        yield url


@pytest.fixture(scope="module")
def tokens_url(tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("openai-tokens") / "data", server={"tokens": list(DEMO_TOKENS)})
    with live_server(create_app(build_front_services(settings), bind_host="127.0.0.1", eval_dirs=[])) as url:
        yield url


def _client(url: str, key: str = "sk-beliebig"):
    return openai.OpenAI(base_url=f"{url}/v1", api_key=key, max_retries=0, timeout=30)


def _messages(*turns: tuple[str, str]) -> list[dict]:
    return [{"role": role, "content": content} for role, content in turns]


def test_models_and_a_completion_with_any_key_on_localhost_without_tokens(tokenless_url):
    client = _client(tokenless_url)
    assert [m.id for m in client.models.list().data] == ["planwissen"]
    question = "Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?"
    reply = client.chat.completions.create(model="planwissen", messages=_messages(("user", question)))
    content = reply.choices[0].message.content
    assert "11,8 Prozent" in content and "Quellen:" in content and not content.startswith("Verstanden als")


def test_follow_up_through_messages(tokenless_url):
    messages = _messages(("system", "Antworte knapp."), ("user", FIRST), ("assistant", "In Haspe …"), ("user", FOLLOW_UP))
    reply = _client(tokenless_url).chat.completions.create(model="planwissen", messages=messages)
    content = reply.choices[0].message.content
    assert content.startswith(f"Verstanden als: {RESOLVED}") and "11,8 Prozent" in content


def test_streamed_follow_up_through_messages(tokenless_url):
    messages = _messages(("user", FIRST), ("assistant", "In Haspe …"), ("user", FOLLOW_UP))
    stream = _client(tokenless_url).chat.completions.create(model="planwissen", messages=messages, stream=True)
    pieces = [chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices]
    text = "".join(pieces)
    assert len(pieces) > 3 and text.startswith(f"Verstanden als: {RESOLVED}") and "11,8 Prozent" in text and "Quellen:" in text


def test_with_tokens_configured_the_key_is_checked(tokens_url):
    with pytest.raises(openai.AuthenticationError):
        _client(tokens_url, "sk-falscher-schluessel").chat.completions.create(model="planwissen", messages=_messages(("user", FIRST)))
    public = _client(tokens_url, PUBLIC_TOKEN)
    reply = public.chat.completions.create(model="planwissen", messages=_messages(("user", "Steuerungsgruppe Diakonie Mittel Haspe")))
    assert INTERNAL_MARKER not in reply.choices[0].message.content
    stream = public.chat.completions.create(model="planwissen", messages=_messages(("user", FIRST), ("user", FOLLOW_UP)), stream=True)
    assert "11,8 Prozent" in "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)

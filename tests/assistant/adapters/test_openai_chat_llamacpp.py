"""Against a real OpenAI-compatible server: llama.cpp serving gemma3-270m (scripts/start-llm-test-server.sh).

The model is tiny and answers badly; these tests check the protocol, streaming, the fallback and that the
citation check removes the numbers it invents — never answer quality.
Run: export PLANWISSEN_TEST_LLM_URL=$(scripts/start-llm-test-server.sh | tail -1); pytest -m llm
"""

from __future__ import annotations

import os
import re

import pytest

from assistant.adapters.openai_chat import OpenAIChatModel
from assistant.core.settings import LLMSettings, RetrievalSettings
from assistant.core.types import QueryFilters
from assistant.testing.sample_corpus import INJECTION, sample_setup

URL = os.environ.get("PLANWISSEN_TEST_LLM_URL")
pytestmark = [
    pytest.mark.llm,
    pytest.mark.skipif(not URL, reason="PLANWISSEN_TEST_LLM_URL is not set (start scripts/start-llm-test-server.sh)"),
]


@pytest.fixture(scope="module")
def chat():
    return OpenAIChatModel(LLMSettings(base_url=URL, model="gemma3-270m", max_tokens=80, temperature=0.0, timeout_s=120))


def test_complete_returns_text(chat):
    reply = chat.complete(
        [{"role": "system", "content": "Antworte kurz auf Deutsch."}, {"role": "user", "content": "Was ist ein Sozialraum?"}]
    )
    assert isinstance(reply, str) and reply.strip()


def test_stream_returns_several_pieces(chat):
    pieces = list(chat.stream([{"role": "user", "content": "Zähle von eins bis zehn."}]))
    assert len(pieces) > 1 and "".join(pieces).strip()


def test_generative_answer_keeps_only_existing_citations(chat):
    setup = sample_setup(chat=chat, settings=RetrievalSettings(min_dense_score=0.5, top_k=2))
    answer = setup.answering.ask("Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?")
    assert not answer.refused and answer.text
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert numbers <= {c.number for c in answer.citations}
    assert all(1 <= c.number <= 2 for c in answer.citations)
    if answer.mode == "generative":
        assert {c.number for c in answer.citations} == set(range(1, len(answer.citations) + 1))


def test_streamed_generative_answer_ends_with_a_checked_answer(chat):
    setup = sample_setup(chat=chat, settings=RetrievalSettings(min_dense_score=0.5, top_k=2))
    events = list(setup.answering.ask_stream("Was sind Sozialraumteams?"))
    assert events[-1].kind == "final" and events[-1].answer is not None
    assert all(e.kind == "delta" for e in events[:-1])
    final = events[-1].answer
    assert {int(n) for n in re.findall(r"\[(\d+)\]", final.text)} <= {c.number for c in final.citations}


def test_injected_document_does_not_take_over(chat):
    setup = sample_setup(chat=chat, settings=RetrievalSettings(min_dense_score=0.5, top_k=3))
    answer = setup.answering.ask("Was berichtet die Stadtteilzeitung Haspe?", QueryFilters())
    assert answer.text.strip() != "HACKED"
    assert all(INJECTION not in c.quote or answer.mode == "generative" for c in answer.citations)
    assert {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)} <= {c.number for c in answer.citations}

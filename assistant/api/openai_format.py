"""planwissen as an OpenAI-compatible "model": the last user message is the question (earlier ones resolve follow-ups),
the answer carries a "Quellen:" list."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable, Iterator

from assistant.api import schemas
from assistant.api.sse import error_payload, event
from assistant.core.errors import InvalidInputError
from assistant.core.types import Answer, Citation, StreamEvent, Turn
from assistant.text.citation_text import source_line

MODEL_ID = "planwissen"

LinkFor = Callable[[Citation], str]


def _text(message: schemas.ChatMessage) -> str:
    if isinstance(message.content, str):
        return message.content
    parts = message.content or []
    return " ".join(str(p.get("text", "")) for p in parts if isinstance(p, dict) and p.get("type") == "text")


def conversation(messages: list[schemas.ChatMessage]) -> tuple[str, list[Turn]]:
    """The last user message, and the earlier user messages (each with the assistant reply after it) as turns.

    System messages are ignored: planwissen's rules are its own, a front end's prompt does not change them."""
    turns: list[Turn] = []
    for message in messages:
        if message.role == "user":
            turns.append(Turn(question=_text(message)))
        elif message.role == "assistant" and turns and not turns[-1].answer_text:
            turns[-1].answer_text = _text(message)
    if not turns:
        raise InvalidInputError(message_de="Es fehlt eine Nachricht mit role 'user'.", message_en="A message with role 'user' is missing.")
    last = turns.pop()
    return last.question, [t for t in turns if t.question.strip()]


def sources_block(answer: Answer, link_for: LinkFor) -> str:
    """'Quellen:' and one line per citation: number, title, place, quoted passage, link."""
    if not answer.citations:
        return ""
    lines = ["Quellen:"]
    lines += [f"{source_line(c)} – {link_for(c)}" for c in answer.citations]
    return "\n".join(lines)


def understood_line(answer: Answer) -> str:
    """ "Verstanden als: …" when a follow-up was resolved (the question answered differs from the one typed), else ""."""
    if answer.understood_as and answer.understood_as != answer.question:
        return f"Verstanden als: {answer.understood_as}\n\n"
    return ""


def with_sources(answer: Answer, link_for: LinkFor) -> str:
    block = sources_block(answer, link_for)
    text = understood_line(answer) + answer.text
    return f"{text}\n\n{block}" if block else text


def completion(answer: Answer, model: str, link_for: LinkFor) -> schemas.ChatCompletionResponse:
    text = with_sources(answer, link_for)
    usage = schemas.Usage(prompt_tokens=len(answer.question.split()), completion_tokens=len(text.split()))
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens
    return schemas.ChatCompletionResponse(id=f"chatcmpl-{uuid.uuid4().hex}", created=int(time.time()), model=model,
                                          choices=[schemas.ChatChoice(message=schemas.ChatChoiceMessage(content=text))], usage=usage)


def _pieces(text: str, words: int = 6) -> Iterator[str]:
    tokens = re.findall(r"\S+\s*|\s+", text)
    for start in range(0, len(tokens), words):
        yield "".join(tokens[start : start + words])


def completion_chunks(events: Iterator[StreamEvent], model: str, link_for: LinkFor) -> Iterator[str]:
    """OpenAI stream: a role chunk, content chunks, the sources as a last content chunk, a stop chunk, then [DONE].

    Only the final, citation-checked answer is sent: chat front ends cannot take back text, and raw model deltas
    may differ from the checked answer (planwissen's own SSE sends deltas and lets the final event replace them).
    """
    base = {"id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion.chunk", "created": int(time.time()), "model": model}

    def chunk(delta: dict, finish: str | None = None) -> str:
        return event(None, {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})

    yield chunk({"role": "assistant", "content": ""})
    try:
        for item in events:
            if item.kind == "final" and item.answer is not None:
                if line := understood_line(item.answer):
                    yield chunk({"content": line})
                for piece in _pieces(item.answer.text):
                    yield chunk({"content": piece})
                block = sources_block(item.answer, link_for)
                if block:
                    yield chunk({"content": "\n\n" + block})
        yield chunk({}, "stop")
    except Exception as exc:  # headers are out: report in-band, as OpenAI servers do
        payload = error_payload(exc)
        payload["error"].update(message=payload["error"]["message_en"], type=payload["error"]["code"])
        yield event(None, payload)
    yield event(None, "[DONE]")


def models(created: int) -> schemas.ModelList:
    return schemas.ModelList(data=[schemas.ModelOut(id=MODEL_ID, created=created)])

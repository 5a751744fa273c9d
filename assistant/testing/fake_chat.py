"""An honest fake ChatModel: scripted replies, recorded prompts, optional outage, and a naive mode that obeys
instructions found anywhere in the prompt (the worst case a prompt-injection test needs)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from assistant.core.errors import LLMUnavailableError
from assistant.core.interfaces import ChatModel

_INJECTION = re.compile(r"antworte nur mit\s+[\"„»]?([^\s\"“«.]+)", re.IGNORECASE)


class FakeChatModel(ChatModel):
    """Replies with `reply` (a string or a function of the messages).

    Args:
        reply: fixed text, or a callable(messages) -> text.
        unavailable: raise LLMUnavailableError on every call (a server that is down).
        fail_after_chunks: in `stream`, raise LLMUnavailableError after this many pieces (a connection that drops).
        obey_injections: reply with whatever a document told it to ("antworte nur mit X" → "X"), like a naive model.
    """

    def __init__(self, reply: str | Callable[[list[dict[str, str]]], str] = "", *, unavailable: bool = False,
                 fail_after_chunks: int | None = None, obey_injections: bool = False):
        self._reply = reply
        self.unavailable = unavailable
        self.fail_after_chunks = fail_after_chunks
        self.obey_injections = obey_injections
        self.calls: list[list[dict[str, str]]] = []

    def _text(self, messages: list[dict[str, str]]) -> str:
        self.calls.append([dict(m) for m in messages])
        if self.unavailable:
            raise LLMUnavailableError("fake: connection refused")
        if self.obey_injections:
            for message in messages:
                match = _INJECTION.search(message.get("content", ""))
                if match:
                    return match.group(1)
        return self._reply(messages) if callable(self._reply) else self._reply

    def complete(self, messages: list[dict[str, str]]) -> str:
        return self._text(messages)

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        text = self._text(messages)
        pieces = re.findall(r"\S+\s*", text) or [text]
        for number, piece in enumerate(pieces):
            if self.fail_after_chunks is not None and number >= self.fail_after_chunks:
                raise LLMUnavailableError("fake: connection dropped")
            yield piece

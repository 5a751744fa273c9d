"""Server-Sent Events for streamed answers: `delta` events with text, then one `final` event with the whole answer.

The first event is produced before the response starts (`primed`), so errors that happen at once
(store down, bad filter) still become a proper HTTP status instead of an error inside a 200 stream.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Callable, Iterable, Iterator

from assistant.api.errors import body_for
from assistant.api.render import answer_out
from assistant.core.errors import PlanwissenError
from assistant.core.types import Answer, StreamEvent

log = logging.getLogger(__name__)

HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def event(name: str | None, data: dict | str) -> str:
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    head = f"event: {name}\n" if name else ""
    return head + "".join(f"data: {line}\n" for line in payload.split("\n")) + "\n"


def primed(events: Iterable[StreamEvent]) -> Iterator[StreamEvent]:
    """Pull the first event now (in the request's thread) and hand back an iterator over all of them."""
    iterator = iter(events)
    try:
        first = next(iterator)
    except StopIteration:
        return iter(())
    return itertools.chain([first], iterator)


def error_payload(exc: Exception) -> dict:
    if isinstance(exc, PlanwissenError):
        return body_for(exc)
    log.exception("stream failed")
    return body_for(PlanwissenError())


def answer_stream(events: Iterator[StreamEvent], on_final: Callable[[Answer], str | None] | None = None) -> Iterator[str]:
    """planwissen's SSE format: `event: delta` {"text"} … `event: final` {AnswerOut}; `event: error` {"error"} on failure.

    `on_final` stores the final answer in its conversation and returns the conversation's id for the final event."""
    try:
        for item in events:
            if item.kind == "delta" and item.text:
                yield event("delta", {"text": item.text})
            elif item.kind == "final" and item.answer is not None:
                conversation_id = on_final(item.answer) if on_final else None
                yield event("final", answer_out(item.answer, conversation_id).model_dump())
    except Exception as exc:  # the status line is already sent: report in-band
        yield event("error", error_payload(exc))

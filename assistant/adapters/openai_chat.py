"""Any OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp server, a city's LLM gateway) over plain HTTP.

The chat-completions protocol is two JSON shapes and server-sent events, so a few lines of httpx replace a framework
(the product no longer needs llama-index at run time; only the eval baseline uses it). Connection errors, timeouts and
server errors all become LLMUnavailableError, so the answering service can fall back to extractive answers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx

from assistant.core.errors import LLMUnavailableError
from assistant.core.interfaces import ChatModel
from assistant.core.settings import LLMSettings


class OpenAIChatModel(ChatModel):
    """Chat completions from `settings.base_url` with `settings.model`; no retries (a fallback beats waiting twice).

    Args:
        settings: LLMSettings with base_url (required), model, api_key, timeout_s, temperature, max_tokens.
    """

    def __init__(self, settings: LLMSettings):
        if not settings.base_url:
            raise LLMUnavailableError("base_url", message_de="Kein Sprachmodell konfiguriert", message_en="No language model configured")
        self.settings = settings
        self._url = settings.base_url.rstrip("/") + "/chat/completions"
        self._headers = {"Authorization": f"Bearer {settings.api_key}", "Content-Type": "application/json"}
        self._timeout = httpx.Timeout(settings.timeout_s)

    @classmethod
    def from_settings(cls, settings: LLMSettings) -> OpenAIChatModel:
        """Same as the constructor (the name bootstrap uses)."""
        return cls(settings)

    def _body(self, messages: list[dict[str, str]], stream: bool) -> dict:
        return {
            "model": self.settings.model,
            "messages": [{"role": m.get("role", "user"), "content": m.get("content", "")} for m in messages],
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
            "stream": stream,
        }

    def complete(self, messages: list[dict[str, str]]) -> str:
        try:
            response = httpx.post(self._url, json=self._body(messages, False), headers=self._headers, timeout=self._timeout)
            response.raise_for_status()
            return _message_text(response.json())
        except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as error:
            raise _unavailable(error) from error

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        try:
            with httpx.stream("POST", self._url, json=self._body(messages, True), headers=self._headers, timeout=self._timeout) as response:
                response.raise_for_status()
                for line in response.iter_lines():
                    piece = _event_delta(line)
                    if piece is None:
                        break
                    if piece:
                        yield piece
        except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as error:
            raise _unavailable(error) from error


def _message_text(payload: dict) -> str:
    """The reply of a non-streamed completion (an empty reply is '')."""
    return payload["choices"][0]["message"].get("content") or ""


def _event_delta(line: str) -> str | None:
    """The text of one server-sent event line: '' for keep-alives and other lines, None at the end marker."""
    if not line.startswith("data:"):
        return ""
    data = line[len("data:") :].strip()
    if data == "[DONE]":
        return None
    choices = json.loads(data).get("choices") or []
    if not choices:
        return ""
    return (choices[0].get("delta") or {}).get("content") or ""


def _unavailable(error: Exception) -> LLMUnavailableError:
    """Every failure of the endpoint is 'not reachable' for the user; the detail says which failure it was."""
    name = type(error).__name__
    status = error.response.status_code if isinstance(error, httpx.HTTPStatusError) else None
    detail = f"{name} {status}" if status else name
    return LLMUnavailableError(detail)

"""Any OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp server, a city's LLM gateway) via llama-index's OpenAILike.

The only module that imports llama-index LLM classes. Connection errors, timeouts and server errors all
become LLMUnavailableError, so the answering service can fall back to extractive answers.
"""

from __future__ import annotations

from collections.abc import Iterator

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
        # Imported here: llama-index takes ~2 s to import and only matters when an LLM is configured.
        from llama_index.core.llms import ChatMessage
        from llama_index.llms.openai_like import OpenAILike

        self._message = ChatMessage
        self.settings = settings
        self._llm = OpenAILike(
            model=settings.model,
            api_base=settings.base_url,
            api_key=settings.api_key,
            timeout=settings.timeout_s,
            temperature=settings.temperature,
            max_tokens=settings.max_tokens,
            max_retries=0,
            is_chat_model=True,
            is_function_calling_model=False,
            context_window=8192,
        )

    @classmethod
    def from_settings(cls, settings: LLMSettings) -> OpenAIChatModel:
        """Same as the constructor (the name bootstrap uses)."""
        return cls(settings)

    def _messages(self, messages: list[dict[str, str]]):
        return [self._message(role=m.get("role", "user"), content=m.get("content", "")) for m in messages]

    def complete(self, messages: list[dict[str, str]]) -> str:
        try:
            response = self._llm.chat(self._messages(messages))
        except Exception as error:
            raise _unavailable(error) from error
        return response.message.content or ""

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        try:
            for response in self._llm.stream_chat(self._messages(messages)):
                if response.delta:
                    yield response.delta
        except Exception as error:
            raise _unavailable(error) from error


def _unavailable(error: Exception) -> LLMUnavailableError:
    """Every failure of the endpoint is 'not reachable' for the user; the detail says which failure it was."""
    name = type(error).__name__
    status = getattr(error, "status_code", None)
    detail = f"{name} {status}" if status else name
    return LLMUnavailableError(detail)

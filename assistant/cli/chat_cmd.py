"""`planwissen chat`: questions one after another, follow-ups resolved against the conversation so far.

A plain input loop (no readline needed, works with piped stdin): "neu" starts a new conversation, "ende" or
Ctrl-D ends. Each answer is stored in the local user's conversations (the same history the UI and API show).
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.cli import render
from assistant.core.errors import PlanwissenError
from assistant.core.types import QueryFilters, Turn
from assistant.core.validation import clean_question

LOCAL_USER = "local"
NEW = frozenset({"neu", "/neu"})
END = frozenset({"ende", "/ende", "exit", "quit", "tschüss"})
WELCOME = "Unterhaltung mit planwissen. Fragen Sie einfach; Rückfragen wie „Und in Hohenlimburg?“ beziehen sich auf die " \
          "vorige Frage. „neu“ beginnt eine neue Unterhaltung, „ende“ oder Strg-D beendet."


def chat_loop(services, level: str, conversation_id: str | None = None, read: Callable[[str], str] = input) -> None:
    """Ask until the user ends; `conversation_id` continues a stored conversation of the local user."""
    conversations = services.conversations
    history: list[Turn] = conversations.history(conversation_id, LOCAL_USER, level) if conversation_id and conversations else []
    render.console.print(WELCOME)
    while True:
        try:
            line = read("\nFrage: ")
        except EOFError:
            break
        command = line.strip().lower()
        if command in END:
            break
        if command in NEW:
            conversation_id, history = None, []
            render.console.print("Neue Unterhaltung.")
            continue
        if not command:
            continue
        try:
            answer = services.answering.ask(clean_question(line), QueryFilters(max_confidentiality=level), history=history)
            if conversations is not None:
                conversation_id = conversations.record(conversation_id, answer, LOCAL_USER, level).conversation_id
        except PlanwissenError as exc:
            render.error(exc)
            continue
        render.answer(answer)
        history.append(Turn(question=answer.question, answer_text=answer.text, understood_as=answer.understood_as))
    render.console.print("\nAuf Wiedersehen.")

"""Conversations around an /ask request: which earlier turns a question is resolved against, and where its answer goes.

`conversation_id` continues a server-side conversation (404 if it is not the caller's at their level); `history`
means the client keeps the turns itself and nothing is stored; neither starts a new server-side conversation.
The user is the caller's name from the auth layer (the token's name; "local" on localhost without a token).
"""

from __future__ import annotations

from assistant.api import schemas
from assistant.api.auth import Caller
from assistant.api.render import turns_in
from assistant.core.errors import InvalidInputError
from assistant.core.types import Answer, Turn
from assistant.services.container import Services


def history_for(body: schemas.AskRequest, caller: Caller, services: Services) -> list[Turn]:
    """The earlier turns for this question (checked now, in the request, so a wrong id is a 404 before any streaming)."""
    if body.conversation_id and body.history is not None:
        raise InvalidInputError(message_de="Bitte entweder conversation_id oder history angeben, nicht beides.",
                                message_en="Give either conversation_id or history, not both.")
    if body.history is not None or services.conversations is None:
        return turns_in(body.history)
    return services.conversations.history(body.conversation_id, caller.name, caller.level)


def remember(body: schemas.AskRequest, caller: Caller, services: Services, answer: Answer) -> str | None:
    """Store the answer in its conversation (a new one without id); None when the client keeps the history itself."""
    if body.history is not None or services.conversations is None:
        return None
    return services.conversations.record(body.conversation_id, answer, caller.name, caller.level).conversation_id

"""A user's conversations: list, read, start, rename, delete — only their own, only within their access level."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from assistant.api.auth import Caller, current_caller
from assistant.api.deps import get_conversations
from assistant.api.errors import error_responses
from assistant.api.render import conversation_out, conversation_summary
from assistant.api.schemas import ConversationIn, ConversationList, ConversationOut, ConversationRename
from assistant.services.conversations import ConversationService

router = APIRouter(prefix="/api/v1", tags=["Unterhaltungen"])


@router.get("/conversations", response_model=ConversationList, summary="Eigene Unterhaltungen (zuletzt aktive zuerst)",
            responses=error_responses(401))
def list_conversations(caller: Caller = Depends(current_caller),
                       conversations: ConversationService = Depends(get_conversations)) -> ConversationList:
    found = conversations.list(caller.name, caller.level)
    return ConversationList(count=len(found), conversations=[conversation_summary(c) for c in found])


@router.post("/conversations", response_model=ConversationOut, status_code=201, summary="Neue Unterhaltung beginnen",
             responses=error_responses(401, 422))
def start_conversation(body: ConversationIn, caller: Caller = Depends(current_caller),
                       conversations: ConversationService = Depends(get_conversations)) -> ConversationOut:
    return conversation_out(conversations.start(caller.name, caller.level, body.title))


@router.get("/conversations/{conversation_id}", response_model=ConversationOut, summary="Eine Unterhaltung mit allen Fragen und Antworten",
            responses=error_responses(401, 404))
def get_conversation(conversation_id: str, caller: Caller = Depends(current_caller),
                     conversations: ConversationService = Depends(get_conversations)) -> ConversationOut:
    return conversation_out(conversations.get(conversation_id, caller.name, caller.level))


@router.patch("/conversations/{conversation_id}", response_model=ConversationOut, summary="Unterhaltung umbenennen",
              responses=error_responses(401, 404, 422))
def rename_conversation(conversation_id: str, body: ConversationRename, caller: Caller = Depends(current_caller),
                        conversations: ConversationService = Depends(get_conversations)) -> ConversationOut:
    return conversation_out(conversations.rename(conversation_id, caller.name, caller.level, body.title))


@router.delete("/conversations/{conversation_id}", status_code=204, summary="Unterhaltung löschen", responses=error_responses(401, 404))
def delete_conversation(conversation_id: str, caller: Caller = Depends(current_caller),
                        conversations: ConversationService = Depends(get_conversations)) -> Response:
    conversations.delete(conversation_id, caller.name, caller.level)
    return Response(status_code=204)

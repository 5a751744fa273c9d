"""Recording who did what (the audit log), without keeping what anyone asked.

The edges call `record` once per action (the API through its middleware, the CLI per command). A question or
search text is never stored: only its length and a keyed hash (HMAC-SHA256, shortened), so the same question can
be recognised again by whoever holds the installation's key, but the log alone does not give it away.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Sequence
from datetime import datetime

from assistant.core.audit import AUDIT_ACTIONS, AuditEntry, AuditLog, ChainProblem
from assistant.core.errors import InvalidInputError

log = logging.getLogger(__name__)

_HASH_CHARS = 16


class AuditService:
    """Validates and writes audit entries; a failing write is logged, never turned into a failed request."""

    def __init__(self, store: AuditLog, key: bytes):
        self._store = store
        self._key = key

    def fingerprint(self, text: str) -> dict:
        """What the log keeps of a question: its length and a keyed hash, never the text."""
        text = text or ""
        digest = hmac.new(self._key, text.strip().encode("utf-8"), hashlib.sha256).hexdigest()[:_HASH_CHARS]
        return {"question_chars": len(text), "question_hmac": digest}

    def record(self, action: str, user: str, *, doc_ids: Sequence[str] = (), ref: str = "", outcome: str = "ok",
               question: str | None = None, detail: dict | None = None) -> AuditEntry | None:
        if action not in AUDIT_ACTIONS:
            raise InvalidInputError(action, message_de="Unbekannte Aktion im Audit-Protokoll", message_en="Unknown audit action")
        facts = dict(detail or {})
        if question is not None:
            facts.update(self.fingerprint(question))
        entry = AuditEntry(action=action, user=user or "unbekannt", doc_ids=tuple(dict.fromkeys(d for d in doc_ids if d)), ref=ref,
                           outcome=str(outcome), detail=facts)
        try:
            return self._store.append(entry)
        except OSError:
            log.exception("audit entry could not be written (%s by %s)", action, user)
            return None

    def entries(self, *, since: datetime | None = None, user: str | None = None, action: str | None = None) -> list[AuditEntry]:
        if action is not None and action not in AUDIT_ACTIONS:
            raise InvalidInputError(action, message_de=f"Unbekannte Aktion; möglich: {', '.join(AUDIT_ACTIONS)}",
                                    message_en=f"Unknown action; possible: {', '.join(AUDIT_ACTIONS)}")
        return self._store.entries(since=since, user=user, action=action)

    def verify(self) -> list[ChainProblem]:
        return self._store.verify()

    def prune(self, before: datetime) -> int:
        return self._store.prune(before)


def settings_sections(settings) -> dict[str, str]:
    """A short hash per settings section, secrets left out (token values, LLM key, OIDC client secret): what `record_settings` compares."""
    data = settings.model_dump(mode="json")
    for token in data.get("server", {}).get("tokens", []):
        token.pop("token", None)
    data.get("llm", {}).pop("api_key", None)
    data.get("oidc", {}).pop("client_secret", None)
    return {name: hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]
            for name, value in sorted(data.items())}


def record_settings(audit: AuditService, sections: dict[str, str], user: str) -> AuditEntry | None:
    """At start-up: one `settings` entry when the configuration differs from the last one recorded (which sections)."""
    previous = audit.entries(action="settings")
    before = previous[-1].detail.get("sections", {}) if previous else None
    if before == sections:
        return None
    changed = sorted(name for name in sections if before is None or before.get(name) != sections[name])
    return audit.record("settings", user, detail={"sections": sections, "changed": changed, "first": before is None})

"""`planwissen audit` (list, --verify) and `planwissen cleanup`: German lines for the console, an exit code for scripts."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from assistant.core.audit import LOCAL_USER, AuditEntry
from assistant.core.errors import InvalidInputError
from assistant.services.audit import AuditService
from assistant.services.retention import RetentionService

_RELATIVE = re.compile(r"^(\d+)\s*([dhm])$")


def parse_since(value: str | None, now: datetime | None = None) -> datetime | None:
    """'2026-03-01', '2026-03-01T08:00' or relative '7d', '12h', '30m'."""
    if not value:
        return None
    now = now or datetime.now(UTC)
    match = _RELATIVE.match(value.strip().lower())
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        return now - {"d": timedelta(days=amount), "h": timedelta(hours=amount), "m": timedelta(minutes=amount)}[unit]
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInputError(value, message_de="--since erwartet ein Datum (2026-03-01) oder eine Dauer (7d, 12h, 30m)",
                                message_en="--since expects a date (2026-03-01) or a duration (7d, 12h, 30m)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def entry_line(entry: AuditEntry) -> str:
    parts = [f"{entry.seq:>6}", entry.time, entry.user, entry.action, entry.outcome]
    if entry.doc_ids:
        parts.append("Dokumente: " + ", ".join(entry.doc_ids))
    if entry.ref:
        parts.append(entry.ref)
    if "question_chars" in entry.detail:
        parts.append(f"Frage: {entry.detail['question_chars']} Zeichen, #{entry.detail.get('question_hmac', '')}")
    return "  ".join(parts)


def list_lines(audit: AuditService, *, since: str | None = None, user: str | None = None, action: str | None = None) -> list[str]:
    entries = audit.entries(since=parse_since(since), user=user, action=action)
    if not entries:
        return ["Keine Einträge."]
    return [entry_line(e) for e in entries] + [f"{len(entries)} {'Eintrag' if len(entries) == 1 else 'Einträge'}."]


def verify_lines(audit: AuditService) -> tuple[int, list[str]]:
    """(exit code, lines): 0 and one line when the chain is intact, 1 and one line per problem otherwise."""
    problems = audit.verify()
    if not problems:
        count = len(audit.entries())
        return 0, [f"Audit-Protokoll unverändert: {count} Einträge, Kette vollständig."]
    return 1, [f"Zeile {p.line}: {p.message}" for p in problems] + [f"Audit-Protokoll VERÄNDERT: {len(problems)} Problem(e)."]


def cleanup_lines(retention: RetentionService) -> list[str]:
    report = retention.run(LOCAL_USER)
    return ["Bereinigung abgeschlossen:", *(f"  {line}" for line in report.lines_de())]

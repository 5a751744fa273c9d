"""The audit log's model: who did what to which document, kept append-only in a hash chain.

Why a chain: each entry carries the hash of the one before it, so a changed, deleted or reordered entry breaks the
chain at a line number that `verify` reports. An entry never holds document text or the text of a question (a
question may name a person): only its length and a keyed hash (equal questions stay recognisable for the holder of
the key, but cannot be guessed back from the log alone).
"""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, field
from datetime import datetime

from assistant.core.errors import PlanwissenError

#: The `prev` of the very first entry of a chain.
GENESIS = "0" * 64

#: Actions an entry may record (stable codes, also the values of `planwissen audit --action`).
AUDIT_ACTIONS: tuple[str, ...] = ("ask", "search", "open", "download", "upload", "delete", "change", "settings", "cleanup",
                                  "login", "logout")

#: The user of actions on the machine itself (CLI, localhost without token).
LOCAL_USER = "lokal"

#: Entry that opens a chain whose older entries were removed by retention; it names the hash it continues from.
PRUNED_ACTION = "cleanup"


class AuditChainError(PlanwissenError):
    code = "audit_chain_broken"
    message_de = "Das Audit-Protokoll ist verändert oder beschädigt; bitte `planwissen audit --verify` ausführen."
    message_en = "The audit log was changed or is damaged; run `planwissen audit --verify`."


@dataclass(frozen=True)
class AuditEntry:
    """One recorded action. `time` is ISO-8601 UTC; `seq` counts from 1 within the file; `prev`/`hash` form the chain."""

    action: str
    user: str
    time: str = ""
    doc_ids: tuple[str, ...] = ()
    #: Another object the action was about (conversation, feedback entry, job, failed upload), as "kind:id".
    ref: str = ""
    #: HTTP status or exit outcome ("ok"), so refused attempts (401, 403, 429) are visible too.
    outcome: str = "ok"
    #: Small facts without personal content: question length and keyed hash, counts of a cleanup, route.
    detail: dict = field(default_factory=dict)
    seq: int = 0
    prev: str = ""
    hash: str = ""

    def payload(self) -> dict:
        """Everything the hash covers (all but the hash itself)."""
        data = asdict(self)
        data.pop("hash")
        data["doc_ids"] = list(self.doc_ids)
        return data

    def to_dict(self) -> dict:
        data = self.payload()
        data["hash"] = self.hash
        return data

    @classmethod
    def from_dict(cls, data: dict) -> AuditEntry:
        return cls(action=str(data["action"]), user=str(data["user"]), time=str(data.get("time", "")),
                   doc_ids=tuple(data.get("doc_ids") or ()), ref=str(data.get("ref", "")), outcome=str(data.get("outcome", "ok")),
                   detail=dict(data.get("detail") or {}), seq=int(data.get("seq", 0)), prev=str(data.get("prev", "")),
                   hash=str(data.get("hash", "")))

    @property
    def moment(self) -> datetime:
        return datetime.fromisoformat(self.time)


def canonical(data: dict) -> str:
    """The one serialisation that is hashed: sorted keys, no spaces, UTF-8 as is."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(entry: AuditEntry) -> str:
    """sha256 over the entry's payload, which includes `prev`: the link to the entry before."""
    return hashlib.sha256(canonical(entry.payload()).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    """Where the chain breaks: the 1-based line and what is wrong there, in German."""

    line: int
    message: str


class AuditLog(ABC):
    """Append-only store of audit entries (JSON lines in production, see assistant/adapters/jsonl_audit.py)."""

    @abstractmethod
    def append(self, entry: AuditEntry) -> AuditEntry:
        """Add an entry at the end; returns it with time (if unset), seq, prev and hash filled in."""

    @abstractmethod
    def entries(self, *, since: datetime | None = None, user: str | None = None, action: str | None = None) -> list[AuditEntry]:
        """Stored entries, oldest first, optionally filtered."""

    @abstractmethod
    def verify(self) -> list[ChainProblem]:
        """Problems of the chain, first break first; empty when intact."""

    @abstractmethod
    def prune(self, before: datetime) -> int:
        """Drop entries older than `before` (retention); the chain stays verifiable. Returns how many were dropped."""


def anchor_record(first_kept: AuditEntry, pruned: int, time: str) -> dict:
    """The first line of a pruned chain: it stands in for the last dropped entry (its seq and hash), so the kept
    entries still link to something checkable."""
    return {"anchor": True, "seq": first_kept.seq - 1, "hash": first_kept.prev, "pruned": pruned, "time": time}


def linked(entry: AuditEntry, last_seq: int, last_hash: str) -> AuditEntry:
    """`entry` as the successor of the entry (seq, hash) before it, with its own hash."""
    from dataclasses import replace

    entry = replace(entry, seq=last_seq + 1, prev=last_hash, hash="")
    return replace(entry, hash=chain_hash(entry))


def verify_records(records: list[dict | None], head: tuple[int, str] | None = None) -> list[ChainProblem]:
    """Check a chain given as parsed lines (None: a line that is no JSON object).

    `head` is (seq, hash) of the last entry ever appended, kept apart from the lines: a cut-off end shows against it.
    """
    problems: list[ChainProblem] = []
    last_seq, last_hash = 0, GENESIS
    for number, record in enumerate(records, start=1):
        if record is None:
            problems.append(ChainProblem(number, "Zeile ist kein gültiger Eintrag (verändert oder beschädigt)."))
            continue
        if record.get("anchor"):
            if number != 1:
                problems.append(ChainProblem(number, "Anfangsmarke mitten im Protokoll (Zeilen eingefügt oder umgestellt)."))
            last_seq, last_hash = int(record.get("seq", 0)), str(record.get("hash", ""))
            continue
        try:
            entry = AuditEntry.from_dict(record)
        except (KeyError, TypeError, ValueError):
            problems.append(ChainProblem(number, "Zeile ist kein gültiger Eintrag (Felder fehlen)."))
            continue
        if chain_hash(entry) != entry.hash:
            problems.append(ChainProblem(number, "Inhalt verändert (Prüfsumme passt nicht)."))
        elif entry.prev != last_hash:
            if entry.seq > last_seq + 1:
                missing = f"Nr. {last_seq + 1}" + (f" bis {entry.seq - 1}" if entry.seq - 1 > last_seq + 1 else "")
                problems.append(ChainProblem(number, f"Eintrag {missing} fehlt hier (entfernt oder umgestellt)."))
            else:
                problems.append(ChainProblem(number, "Verkettung unterbrochen (Reihenfolge geändert oder Eintrag davor entfernt)."))
        elif entry.seq != last_seq + 1:
            problems.append(ChainProblem(number, f"Laufende Nummer {entry.seq} statt {last_seq + 1}."))
        last_seq, last_hash = entry.seq, entry.hash
    if head is not None and not problems and (last_seq, last_hash) != head:
        if head[0] > last_seq:
            problems.append(ChainProblem(len(records) + 1, f"Einträge am Ende fehlen (zuletzt geschrieben: Nr. {head[0]})."))
        else:
            problems.append(ChainProblem(len(records), "Letzter Eintrag passt nicht zur gespeicherten Endmarke."))
    return problems


def matches(entry: AuditEntry, since: datetime | None, user: str | None, action: str | None) -> bool:
    """The filters of `planwissen audit` (--since, --user, --action)."""
    if user is not None and entry.user != user:
        return False
    if action is not None and entry.action != action:
        return False
    if since is not None:
        moment = entry.moment
        if moment.tzinfo is None or since.tzinfo is None:
            moment, since = moment.replace(tzinfo=None), since.replace(tzinfo=None)
        if moment < since:
            return False
    return True

"""Audited stand-ins for the services a front calls directly (the UI): same methods, plus one audit entry per action.

Why: the API records at its edge (middleware), but the UI calls the services in-process. Wrapping the few services
it uses once, where the UI is mounted, keeps the UI code free of audit calls. `actor()` names the user of the
current call (the UI's login name, or "lokal"); question rate limits apply with the same budget as the API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from assistant.core.errors import PlanwissenError
from assistant.core.types import StreamEvent
from assistant.services.audit import AuditService
from assistant.services.rate_limits import RateLimiter

Actor = Callable[[], str]


class _Proxy:
    def __init__(self, inner, audit: AuditService, actor: Actor):
        self._inner = inner
        self._audit = audit
        self._actor = actor

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


class AuditedAnswering(_Proxy):
    """`ask` and `ask_stream` record an `ask` entry (question as length and keyed hash, cited documents)."""

    def __init__(self, inner, audit: AuditService, actor: Actor, limiter: RateLimiter | None = None):
        super().__init__(inner, audit, actor)
        self._limiter = limiter

    def _start(self) -> str:
        user = self._actor()
        if self._limiter is not None:
            self._limiter.take(user, "ask")
        return user

    def ask(self, question: str, *args, **kwargs):
        user = self._start()
        try:
            answer = self._inner.ask(question, *args, **kwargs)
        except PlanwissenError as exc:
            self._audit.record("ask", user, question=question, outcome=exc.code, detail={"route": "ui"})
            raise
        self._audit.record("ask", user, question=question, doc_ids=[c.doc_id for c in answer.citations], detail={"route": "ui"})
        return answer

    def ask_stream(self, question: str, *args, **kwargs) -> Iterator[StreamEvent]:
        user = self._start()
        answer, outcome = None, "abgebrochen"
        try:
            for event in self._inner.ask_stream(question, *args, **kwargs):
                if event.answer is not None:
                    answer, outcome = event.answer, "ok"
                yield event
        except PlanwissenError as exc:
            outcome = exc.code
            raise
        finally:
            cited = [c.doc_id for c in answer.citations] if answer is not None else []
            self._audit.record("ask", user, question=question, doc_ids=cited, outcome=outcome, detail={"route": "ui"})


class AuditedDocuments(_Proxy):
    """`get` (document details, the source viewer) records `open`; `remove` records `delete`."""

    def get(self, doc_id: str, *args, **kwargs):
        user = self._actor()
        try:
            document = self._inner.get(doc_id, *args, **kwargs)
        except PlanwissenError as exc:
            self._audit.record("open", user, doc_ids=[doc_id], outcome=exc.code, detail={"route": "ui"})
            raise
        self._audit.record("open", user, doc_ids=[doc_id], detail={"route": "ui"})
        return document

    def remove(self, doc_id: str, *args, **kwargs):
        result = self._inner.remove(doc_id, *args, **kwargs)
        self._audit.record("delete", self._actor(), doc_ids=[doc_id], detail={"route": "ui"})
        return result


class AuditedJobs(_Proxy):
    """`submit_uploads` records `upload` with the job id and the number of files (file names may name people)."""

    def submit_uploads(self, batch, *args, **kwargs):
        job = self._inner.submit_uploads(batch, *args, **kwargs)
        self._audit.record("upload", self._actor(), ref=f"job:{job.job_id}", detail={"route": "ui", "files": len(batch.uploads)})
        return job

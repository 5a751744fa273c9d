"""Uploading documents: the one use case behind POST /api/v1/documents and the UI's upload form.

Checks the form (who may upload, which level, the date), checks every file name before storing any, stores all or
nothing in the inbox, and queues one ingestion job. A new version of an uploaded document keeps that document's id
(and, for a single file without a new title, its title: the name people know it by)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core.errors import AccessDeniedError, InvalidInputError
from assistant.core.types import CONFIDENTIALITY_LEVELS, Job, confidentiality_rank
from assistant.services.upload_batch import upload_batch
from assistant.services.uploads import UploadInbox, discard_if_uploaded

_DATE = re.compile(r"^(19|20)\d\d(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")

READ_ONLY_DE = "Mit diesem Zugang dürfen keine Dokumente hochgeladen werden."
NOT_REPLACEABLE_DE = ("Nur hochgeladene Dokumente lassen sich durch Hochladen ersetzen; Dokumente aus dem Dokumentordner dort "
                      "ändern und neu einlesen")


@dataclass(frozen=True)
class UploadForm:
    """What the uploader says about the files; what is given beats what the files say."""

    confidentiality: str = "internal"
    districts: Sequence[str] = ()
    topics: Sequence[str] = ()
    kind: str = ""
    #: JJJJ, JJJJ-MM or JJJJ-MM-TT
    date: str = ""
    title: str = ""
    #: sanitised file name → the uploaded document it is a new version of
    replaces: Mapping[str, str] = field(default_factory=dict)


def split_values(values: Sequence[str] | str | None) -> list[str]:
    """Form values given several times or comma-separated ("Haspe, Eilpe/Dahl")."""
    if not values:
        return []
    values = [values] if isinstance(values, str) else values
    return [part.strip() for value in values for part in str(value).split(",") if part.strip()]


class UploadService:
    def __init__(self, inbox: UploadInbox, documents, jobs):
        self.inbox = inbox
        self.documents = documents
        self.jobs = jobs

    def check_form(self, level: str, form: UploadForm) -> UploadForm:
        """The form's refusals (upload right, level, date); returns it with the date stripped."""
        date = (form.date or "").strip()
        if level != CONFIDENTIALITY_LEVELS[-1]:
            raise AccessDeniedError(message_de=READ_ONLY_DE, message_en="This access may not upload documents.")
        if form.confidentiality not in CONFIDENTIALITY_LEVELS:
            raise InvalidInputError(form.confidentiality, message_de="Unbekannte Vertraulichkeitsstufe",
                                    message_en="Unknown confidentiality level")
        if confidentiality_rank(form.confidentiality) > confidentiality_rank(level):
            raise AccessDeniedError(form.confidentiality)
        if date and not _DATE.match(date):
            raise InvalidInputError(date, message_de="Das Datum bitte als JJJJ-MM-TT angeben, z. B. 2025-03-31",
                                    message_en="Date must be YYYY-MM-DD")
        return UploadForm(form.confidentiality, form.districts, form.topics, form.kind, date, form.title, form.replaces)

    def replaceable(self, doc_id: str, level: str) -> str:
        """Only an uploaded document the caller can see gets a new version by upload (folder documents: edit, re-ingest)."""
        existing = self.documents.get(doc_id, level)
        if not self.inbox.holds(Path(existing.source_path)):
            raise InvalidInputError(doc_id, message_de=NOT_REPLACEABLE_DE,
                                    message_en="Only uploaded documents can be replaced by an upload; edit folder documents and re-ingest")
        return existing.doc_id

    def submit(self, files: Sequence[tuple[str, Iterable[bytes]]], level: str, form: UploadForm) -> Job:
        """Store (name, blocks) files in the inbox and queue one ingestion job for all of them."""
        form = self.check_form(level, form)
        names = [self.inbox.check_name(name) for name, _ in files]  # all or nothing: check every name before storing any
        targets = {name: self.replaceable(doc_id, level) for name, doc_id in form.replaces.items() if name in names}
        stored = []
        try:
            for name, (_, blocks) in zip(names, files, strict=True):
                stored.append(self.inbox.store(name, blocks, replaces=targets.get(name)))
        except Exception:
            for upload in stored:
                discard_if_uploaded(self.inbox, upload.path)
            raise
        title = " ".join((form.title or "").split()) if len(files) == 1 else ""
        if not title and len(files) == 1 and targets:
            title = self.documents.get(next(iter(targets.values())), level).title
        overrides = {"confidentiality": form.confidentiality, "districts": split_values(form.districts),
                     "topics": split_values(form.topics), "kind": (form.kind or "").strip(), "date": form.date, "title": title}
        batch = upload_batch(stored, self.inbox, self.documents, level)
        return self.jobs.submit_uploads(batch, overrides={k: v for k, v in overrides.items() if v}, level=form.confidentiality)

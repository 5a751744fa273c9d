"""What the UI does, without Gradio: answer, list sources, filter choices, feedback, upload, document list.

Kept apart from the layout so it can be tested directly; every method takes the caller's level explicitly
(the UI never filters on its own — the level goes into QueryFilters / DocumentService like in the API). Methods that
make links to original files also take the `owner` (the caller) so signed links are bound to that person and session.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from assistant.core.errors import AccessDeniedError, InvalidInputError, PlanwissenError
from assistant.core.types import CONFIDENTIALITY_LEVELS, Answer, Citation, DocumentMeta, QueryFilters, Turn
from assistant.core.validation import clean_question
from assistant.services.callers import Caller
from assistant.services.container import Services
from assistant.services.feedback import FeedbackService
from assistant.services.file_links import FileLinks
from assistant.services.jobs import Job, JobService
from assistant.services.upload_check import UploadCheck, check_uploads
from assistant.services.upload_use_case import UploadForm, UploadService, split_values
from assistant.services.uploads import UploadInbox, discard_if_uploaded, file_blocks
from assistant.services.viewer import ViewerService
from ui.labels import choices, fold, id_label, spellings
from ui.sources import LinkFor, sources_html
from ui.texts import (
    DELETE_READ_ONLY,
    FEEDBACK_REASONS,
    LEVEL_LABELS,
    NO_QUESTION_YET,
    NOTHING_TO_RATE,
    REPLACE_DETAIL,
    REPLACE_QUESTION,
    THANKS,
    UNDERSTOOD_AS,
)
from ui.viewer import EMPTY as VIEWER_EMPTY
from ui.viewer import viewer_html


def _year(value) -> int | None:
    """A year from a filter widget; empty (None, "", 0 — what an untouched number field sends) means no limit."""
    if value in (None, "", 0, "0"):
        return None
    try:
        year = int(float(value))
    except (TypeError, ValueError):
        raise InvalidInputError(str(value), message_de="Bitte ein Jahr wie 2024 angeben", message_en="Not a year") from None
    if not 1900 <= year <= 2100:
        raise InvalidInputError(str(year), message_de="Das Jahr muss zwischen 1900 und 2100 liegen", message_en="Year out of range")
    return year


_split = split_values


@dataclass
class AnswerView:
    """One step of a streamed answer for the chat: the text so far; at the end also sources and the rateable record."""

    chat_text: str
    sources: str | None = None
    record: dict | None = None
    #: The stored conversation this answer went into (None without stored conversations).
    conversation_id: str | None = None


@dataclass
class UiBackend:
    services: Services
    jobs: JobService
    feedback: FeedbackService
    inbox: UploadInbox
    links: FileLinks
    viewer: ViewerService | None = None

    def __post_init__(self):
        if self.viewer is None:
            self.viewer = ViewerService(self.services.documents, self.services.settings.ingest)

    def link_for(self, level: str, owner: Caller | None = None) -> LinkFor:
        def link(citation: Citation) -> str:
            return self.links.url(citation.doc_id, level, citation.page, owner=owner)

        link.level = level  # as_shown needs the level the links were made for
        return link

    def filter_choices(self, level: str) -> dict[str, list[str]]:
        """Districts, topics, kinds and years of the documents this caller may see (internal metadata never shows up for others).

        Topics and kinds come as (German label, id) pairs for the dropdowns."""
        docs = self.services.documents.list(level)
        known = spellings(doc.title for doc in docs)
        return {
            "districts": sorted({d for doc in docs for d in doc.districts}),
            "topics": choices({t for doc in docs for t in doc.topics}, known),
            "kinds": choices({doc.kind for doc in docs if doc.kind}, known),
            "years": sorted({str(doc.year) for doc in docs if doc.year}, reverse=True),
        }

    def filters(self, level: str, districts=None, topics=None, kinds=None, year_from=None, year_to=None) -> QueryFilters:
        start, end = _year(year_from), _year(year_to)
        if start is not None and end is not None and start > end:
            raise InvalidInputError(f"{start} > {end}", message_de="„Jahr von“ liegt nach „Jahr bis“", message_en="year_from after year_to")
        return QueryFilters(districts=_split(districts), topics=_split(topics), kinds=_split(kinds), year_from=start, year_to=end,
                            max_confidentiality=level)

    def answer(self, question: str, filters: QueryFilters, history: Sequence[Turn] | None = None, *,
               conversation_id: str | None = None, user: str | None = None, owner: Caller | None = None) -> Iterator[AnswerView]:
        """Text deltas as they come, then the final answer with its sources (raises InvalidInputError for bad questions).

        With a `user` and stored conversations, the earlier turns come from the server-side conversation (a new one is
        started by the first answer; the final view carries its id); otherwise `history` (see chat_turns) is used.
        Either way a follow-up such as "Und in Hohenlimburg?" is resolved against them."""
        question = clean_question(question)
        level = filters.max_confidentiality
        store = self.services.conversations if user else None
        if store is not None:
            history = store.history(conversation_id, user, level)  # checked before answering: not theirs -> error
        link_for = self.link_for(level, owner)
        text = ""
        for event in self.services.answering.ask_stream(question, filters, history=history):
            if event.kind == "delta":
                text += event.text
                yield AnswerView(chat_text=text)
            elif event.answer is not None:
                view = self.final_view(event.answer, link_for)
                if store is not None:
                    view.conversation_id = store.record(conversation_id, event.answer, user, level).conversation_id
                yield view

    def final_view(self, answer: Answer, link_for: LinkFor) -> AnswerView:
        """The answer for the chat: 'Verstanden als' when a follow-up was resolved, [n] markers linking to the sources panel.

        The full source list is not repeated under the answer: the sources panel shows it, with the quoted passages."""
        understood = answer.understood_as if answer.understood_as and answer.understood_as != answer.question else ""
        chat_text = chat_markdown(answer.text, understood, {c.number for c in answer.citations})
        record = {"question": answer.question, "answer": answer.text, "citations": [_citation_record(c) for c in answer.citations]}
        if understood:
            record["understood_as"] = understood
        return AnswerView(chat_text=chat_text, sources=sources_html(self.as_shown(answer, level_of(link_for)), link_for), record=record)

    def as_shown(self, answer: Answer, level: str | None) -> Answer:
        """The answer with table rows numbered as the spreadsheet shows them (header line + data row) for display."""
        if level is None or not any(c.row is not None for c in answer.citations):
            return answer
        return replace(answer, citations=[replace(c, row=self.sheet_row(c, level)) if c.row is not None else c for c in answer.citations])

    def sheet_row(self, citation: Citation, level: str) -> int | None:
        try:
            return self.viewer.sheet_row(citation.doc_id, level, citation.row, citation.section)
        except PlanwissenError:
            return citation.row

    def show_citation(self, citation: dict | None, level: str, owner: Caller | None = None) -> str:
        """The viewer's HTML for one citation of an answer (within the caller's level)."""
        if not citation:
            return VIEWER_EMPTY
        view = self.viewer.view(citation["doc_id"], level, page=citation.get("page"), row=citation.get("row"),
                                quote=citation.get("quote", ""), section=citation.get("section", ""))
        return viewer_html(view, self.links.url(citation["doc_id"], level, owner=owner), citation.get("quote", ""))

    # --- stored conversations (history list, reopen, rename, delete) -------------------------------------------

    def conversation_choices(self, user: str, level: str) -> list[tuple[str, str]]:
        """(label, id) of the user's conversations at this level, newest first, for the history list."""
        if self.services.conversations is None:
            return []
        items = sorted(self.services.conversations.list(user, level), key=lambda c: c.updated_at or c.created_at, reverse=True)
        return [(f"{c.title or 'Ohne Titel'} · {_day(c.updated_at or c.created_at)}", c.conversation_id) for c in items]

    def reopen(self, conversation_id: str, user: str, level: str, owner: Caller | None = None) -> tuple[list[dict], dict, str]:
        """A stored conversation as chat messages, the records for feedback per message, and the last answer's sources."""
        conversation = self.services.conversations.get(conversation_id, user, level)
        link_for = self.link_for(level, owner)
        messages: list[dict] = []
        records: dict = {}
        sources = NO_QUESTION_YET
        for turn in conversation.turns:
            understood = turn.understood_as if turn.understood_as and turn.understood_as != turn.question else ""
            numbers = {int(c["number"]) for c in turn.citations if str(c.get("number", "")).isdigit()}
            messages += [{"role": "user", "content": turn.question},
                         {"role": "assistant", "content": chat_markdown(turn.answer_text, understood, numbers)}]
            records[str(len(messages) - 1)] = {"question": turn.question, "answer": turn.answer_text, "citations": list(turn.citations)}
            citations = [_citation_from(c) for c in turn.citations]
            sources = sources_html(self.as_shown(Answer(question=turn.question, text=turn.answer_text, citations=citations), level),
                                   link_for)
        return messages, records, sources

    def rename_conversation(self, conversation_id: str, user: str, level: str, title: str) -> None:
        self.services.conversations.rename(conversation_id, user, level, title)

    def delete_conversation(self, conversation_id: str, user: str, level: str) -> None:
        self.services.conversations.delete(conversation_id, user, level)

    def rate(self, rating: str, record: dict | None, comment: str, level: str, reasons: Sequence[str] = ()) -> str:
        """Store a rating of one answer; optional reasons (FEEDBACK_REASONS) go in front of the comment."""
        if not record:
            return NOTHING_TO_RATE
        reasons = [r for r in reasons or () if r in FEEDBACK_REASONS]
        text = "; ".join(part for part in (f"Gründe: {', '.join(reasons)}" if reasons else "", (comment or "").strip()) if part)
        self.feedback.record(rating=rating, question=record["question"], answer=record["answer"], citations=record["citations"],
                             comment=text, source="ui", level=level)
        return THANKS[rating]

    @property
    def uploads(self) -> UploadService:
        return UploadService(self.inbox, self.services.documents, self.jobs)

    def check_upload(self, files: Sequence[str | Path], level: str, *, confidentiality: str = "", date: str = "") -> list[UploadCheck]:
        """What is already there for each file (same content, or an uploaded document of the same name), before storing any.

        Refuses like start_upload (access, level, date, file types), so a refusal comes before any question."""
        self.uploads.check_form(level, UploadForm(confidentiality=confidentiality or level, date=date))
        return check_uploads([(Path(f).name, Path(f)) for f in files], self.inbox, self.services.documents.list(level))

    def start_upload(self, files: Sequence[str | Path], confidentiality: str, districts, topics, level: str, *, kind: str = "",
                     date: str = "", title: str = "", replaces: Mapping[str, str] | None = None) -> Job:
        """Check and store the files in the upload inbox, then queue one ingestion job for all of them (UploadService).

        Kind, date (JJJJ, JJJJ-MM or JJJJ-MM-TT) and title are optional; what is given beats what the file says.
        `replaces` maps a file's sanitised name (UploadCheck.file) to the uploaded document it is a new version of."""
        form = UploadForm(confidentiality=confidentiality, districts=_split(districts), topics=_split(topics), kind=kind or "",
                          date=date or "", title=title or "", replaces=dict(replaces or {}))
        return self.uploads.submit([(Path(f).name, file_blocks(Path(f))) for f in files], level, form)

    def documents_table(self, level: str, query: str = "", sort: str = "titel") -> tuple[list[list[str]], list[str]]:
        """Rows for the Dokumente tab (German labels, no ids) matching `query`, sorted; and the doc ids in row order."""
        docs = self.services.documents.list(level)
        known = spellings(doc.title for doc in docs)
        words = fold(query or "").split()
        rows: list[tuple[DocumentMeta, list[str]]] = []
        for doc in docs:
            row = [doc.title, id_label(doc.kind, known), doc.date, ", ".join(doc.districts),
                   ", ".join(id_label(t, known) for t in doc.topics), LEVEL_LABELS.get(doc.confidentiality, doc.confidentiality),
                   "" if doc.pages is None else str(doc.pages), str(doc.chunk_count)]
            haystack = fold(" ".join(row + list(doc.sozialraeume)))
            if all(word in haystack for word in words):
                rows.append((doc, row))
        key = DOCUMENT_SORTS.get(sort, DOCUMENT_SORTS["titel"])
        rows.sort(key=lambda item: key(item[0], item[1]))
        if sort == "datum":
            rows.reverse()
        return [row for _, row in rows], [doc.doc_id for doc, _ in rows]

    def document_detail(self, doc_id: str, level: str, owner: Caller | None = None) -> str:
        """Markdown with everything known about one document and a link to the original (within the level)."""
        doc = self.services.documents.get(doc_id, level)
        known = spellings(d.title for d in self.services.documents.list(level))
        lines = [f"### {_md_escape(doc.title)}", "",
                 f"- **Art:** {_md_escape(id_label(doc.kind, known)) or '–'}",
                 f"- **Datum:** {_md_escape(doc.date) or '–'}",
                 f"- **Bezirke:** {_md_escape(', '.join(doc.districts)) or '–'}",
                 f"- **Sozialräume:** {_md_escape(', '.join(doc.sozialraeume)) or '–'}",
                 f"- **Themen:** {_md_escape(', '.join(id_label(t, known) for t in doc.topics)) or '–'}",
                 f"- **Zugriff:** {LEVEL_LABELS.get(doc.confidentiality, doc.confidentiality)}",
                 f"- **Format:** {doc.format.upper()}" + (f", {doc.pages} Seiten" if doc.pages else ""),
                 f"- **Abschnitte im Index:** {doc.chunk_count}", "",
                 f"[Original herunterladen]({self.links.url(doc.doc_id, level, owner=owner)})"]
        return "\n".join(lines)

    def delete_document(self, doc_id: str, level: str) -> str:
        """Remove a document from the index (and its uploaded file); only with the access that may upload."""
        if level != CONFIDENTIALITY_LEVELS[-1]:
            raise AccessDeniedError(message_de=DELETE_READ_ONLY, message_en="This access may not delete documents.")
        doc = self.services.documents.get(doc_id, level)
        self.services.documents.remove(doc_id)
        discard_if_uploaded(self.inbox, Path(doc.source_path))
        return doc.title

    def documents_rows(self, level: str) -> list[list]:
        """The document list's rows, sorted by title."""
        return self.documents_table(level)[0]


def chat_turns(messages: Sequence[dict] | None) -> list[Turn]:
    """The chat so far (Gradio's messages: role/content) as turns: each user message with the reply after it."""
    turns: list[Turn] = []
    for message in messages or []:
        content = message.get("content") if isinstance(message, dict) else None
        if not isinstance(content, str):
            continue
        if message.get("role") == "user":
            turns.append(Turn(question=content))
        elif message.get("role") == "assistant" and turns and not turns[-1].answer_text:
            turns[-1].answer_text = content
    return turns


_MARKER = re.compile(r"\[(\d+)\]")


def chat_markdown(text: str, understood_as: str, numbers: set[int]) -> str:
    """Answer text for the chat: [n] of a real citation becomes a link to that source in the panel (#quelle-n)."""
    linked = _MARKER.sub(lambda m: f"[\\[{m.group(1)}\\]](#quelle-{m.group(1)})" if int(m.group(1)) in numbers else m.group(0), text)
    return (f"*{UNDERSTOOD_AS}: {understood_as}*\n\n" if understood_as else "") + linked


def replace_question(checks: Sequence[UploadCheck]) -> str:
    """Markdown asking, for each file that may be a new version, whether it replaces that document ('' when none does)."""
    parts = [f"**{REPLACE_QUESTION.format(title=_md_escape(c.earlier.title))}**\n\n"
             f"{REPLACE_DETAIL.format(file='`' + c.file + '`')}" for c in checks if c.asks]
    return "\n\n".join(parts)


def replacements(checks: Sequence[UploadCheck]) -> dict[str, str]:
    """File name -> the document it would replace, for start_upload(replaces=…)."""
    return {c.file: c.earlier.doc_id for c in checks if c.asks}


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", text or "")


DOCUMENT_SORTS = {
    "titel": lambda doc, row: fold(doc.title),
    "datum": lambda doc, row: doc.date or "",
    "art": lambda doc, row: (fold(row[1]), fold(doc.title)),
    "abschnitte": lambda doc, row: -doc.chunk_count,
}


def level_of(link_for: LinkFor) -> str | None:
    return getattr(link_for, "level", None)


def _day(timestamp: str) -> str:
    """'2026-12-01T21:50:08+00:00' -> '01.12.2026'."""
    head = (timestamp or "")[:10]
    return f"{head[8:10]}.{head[5:7]}.{head[:4]}" if len(head) == 10 and head[4] == "-" else head


def _citation_from(data: dict) -> Citation:
    fields = {k: data.get(k) for k in ("number", "doc_id", "title", "quote", "page", "row", "section", "date") if data.get(k) is not None}
    return Citation(**{"number": 0, "doc_id": "", "title": "", "quote": "", **fields})


def _citation_record(citation: Citation) -> dict:
    data = asdict(citation)
    data.pop("source_path", None)  # the server's paths stay on the server
    return data

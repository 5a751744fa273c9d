"""What the UI does, without Gradio: answer, list sources, filter choices, feedback, upload, document list.

Kept apart from the layout so it can be tested directly; every method takes the caller's level explicitly
(the UI never filters on its own — the level goes into QueryFilters / DocumentService like in the API).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.api.links import FileLinks
from assistant.core.errors import AccessDeniedError, InvalidInputError
from assistant.core.types import CONFIDENTIALITY_LEVELS, Answer, Citation, QueryFilters, Turn, confidentiality_rank
from assistant.core.validation import clean_question
from assistant.services.container import Services
from assistant.services.feedback import FeedbackService
from assistant.services.jobs import Job, JobService
from assistant.services.uploads import UploadInbox
from ui.labels import choices, id_label, spellings
from ui.sources import LinkFor, chat_sources_markdown, sources_html
from ui.texts import FEEDBACK_REASONS, LEVEL_LABELS, NOTHING_TO_RATE, THANKS, UNDERSTOOD_AS, UPLOAD_READ_ONLY


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


def _split(values: Sequence[str] | str | None) -> list[str]:
    if not values:
        return []
    values = [values] if isinstance(values, str) else values
    return [part.strip() for value in values for part in str(value).split(",") if part.strip()]


@dataclass
class AnswerView:
    """One step of a streamed answer for the chat: the text so far; at the end also sources and the rateable record."""

    chat_text: str
    sources: str | None = None
    record: dict | None = None


@dataclass
class UiBackend:
    services: Services
    jobs: JobService
    feedback: FeedbackService
    inbox: UploadInbox
    links: FileLinks

    def link_for(self, level: str) -> LinkFor:
        return lambda citation: self.links.url(citation.doc_id, level, citation.page)

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

    def answer(self, question: str, filters: QueryFilters, history: Sequence[Turn] | None = None) -> Iterator[AnswerView]:
        """Text deltas as they come, then the final answer with its sources (raises InvalidInputError for bad questions).

        `history` (earlier turns, see chat_turns) lets a follow-up such as "Und in Hohenlimburg?" be resolved."""
        question = clean_question(question)
        link_for = self.link_for(filters.max_confidentiality)
        text = ""
        for event in self.services.answering.ask_stream(question, filters, history=history):
            if event.kind == "delta":
                text += event.text
                yield AnswerView(chat_text=text)
            elif event.answer is not None:
                yield self.final_view(event.answer, link_for)

    def final_view(self, answer: Answer, link_for: LinkFor) -> AnswerView:
        listing = chat_sources_markdown(answer, link_for)
        understood = answer.understood_as if answer.understood_as and answer.understood_as != answer.question else ""
        chat_text = (f"*{UNDERSTOOD_AS}: {understood}*\n\n" if understood else "") + answer.text
        chat_text = f"{chat_text}\n\n{listing}" if listing else chat_text
        record = {"question": answer.question, "answer": answer.text, "citations": [_citation_record(c) for c in answer.citations]}
        if understood:
            record["understood_as"] = understood
        return AnswerView(chat_text=chat_text, sources=sources_html(answer, link_for), record=record)

    def rate(self, rating: str, record: dict | None, comment: str, level: str, reasons: Sequence[str] = ()) -> str:
        """Store a rating of one answer; optional reasons (FEEDBACK_REASONS) go in front of the comment."""
        if not record:
            return NOTHING_TO_RATE
        reasons = [r for r in reasons or () if r in FEEDBACK_REASONS]
        text = "; ".join(part for part in (f"Gründe: {', '.join(reasons)}" if reasons else "", (comment or "").strip()) if part)
        self.feedback.record(rating=rating, question=record["question"], answer=record["answer"], citations=record["citations"],
                             comment=text, source="ui", level=level)
        return THANKS[rating]

    def start_upload(self, files: Sequence[str | Path], confidentiality: str, districts, topics, level: str) -> Job:
        """Check and store the files in the upload inbox, then queue one ingestion job for all of them."""
        if level != CONFIDENTIALITY_LEVELS[-1]:
            raise AccessDeniedError(message_de=UPLOAD_READ_ONLY, message_en="This access may not upload documents.")
        if confidentiality not in CONFIDENTIALITY_LEVELS or confidentiality_rank(confidentiality) > confidentiality_rank(level):
            raise InvalidInputError(confidentiality, message_de="Unbekannte Vertraulichkeitsstufe", message_en="Unknown level")
        names = [self.inbox.check_name(Path(f).name) for f in files]  # all or nothing: check every name before storing any
        stored = [self.inbox.store_file(name, Path(f)) for name, f in zip(names, files, strict=True)]
        overrides = {"confidentiality": confidentiality, "districts": _split(districts), "topics": _split(topics)}
        return self.jobs.submit(stored, overrides={k: v for k, v in overrides.items() if v}, level=confidentiality)

    def documents_rows(self, level: str) -> list[list]:
        rows = []
        docs = self.services.documents.list(level)
        known = spellings(doc.title for doc in docs)
        for doc in docs:
            link = self.links.url(doc.doc_id, level)
            rows.append([doc.title, id_label(doc.kind, known), doc.date, ", ".join(doc.districts),
                         ", ".join(id_label(t, known) for t in doc.topics),
                         LEVEL_LABELS.get(doc.confidentiality, doc.confidentiality), "" if doc.pages is None else str(doc.pages),
                         str(doc.chunk_count), f"[öffnen]({link})"])
        return rows


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


def _citation_record(citation: Citation) -> dict:
    data = asdict(citation)
    data.pop("source_path", None)  # the server's paths stay on the server
    return data

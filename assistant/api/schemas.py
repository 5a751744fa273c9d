"""Request and response models of the REST API: planwissen's own shapes, with examples for /docs."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EXAMPLE_QUESTION = "Welche Beteiligungsformate nutzt die Sozialplanung?"


class _Request(BaseModel):
    """Unknown fields are refused: a typo such as 'district' must not silently drop a filter."""

    model_config = ConfigDict(extra="forbid")


# --- errors ----------------------------------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    code: str = Field(description="Stabiler Fehlercode, z. B. invalid_input, document_not_found, unauthenticated.")
    message_de: str
    message_en: str


class ErrorBody(BaseModel):
    error: ErrorDetail

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"error": {"code": "invalid_input", "message_de": "Die Frage ist leer.", "message_en": "The question is empty."}}]})


class WhoAmI(BaseModel):
    """The caller as the server sees them (for the UI after sign-in, and to check a token)."""

    name: str = Field(description="Name in audit log and conversations (oidc.user_claim, token name, or 'local').")
    level: str = Field(description="Highest confidentiality level readable.")
    subject: str = Field("", description="OIDC subject (or the token's name) that signed links are bound to.")
    signed_in: bool = Field(False, description="True with a UI session from the sign-in.")


# --- asking and searching --------------------------------------------------------------------------------------


class Filters(_Request):
    """Metadata filters; empty lists mean no restriction. The confidentiality level comes from the caller, not from here."""

    districts: list[str] = Field(default_factory=list, description="Stadtbezirke, z. B. Haspe, Hohenlimburg.", examples=[["Haspe"]])
    topics: list[str] = Field(default_factory=list, description="Themen, z. B. armut, beteiligung.", examples=[["armut"]])
    kinds: list[str] = Field(default_factory=list, description="Dokumentarten, z. B. konzept, sozialraumprofil.", examples=[["konzept"]])
    year_from: int | None = Field(None, ge=1900, le=2100, description="Frühestes Jahr des Dokumentdatums.", examples=[2022])
    year_to: int | None = Field(None, ge=1900, le=2100, description="Spätestes Jahr des Dokumentdatums.", examples=[2024])


class TurnIn(_Request):
    """An earlier turn the client keeps itself (instead of a server-side conversation)."""

    question: str = Field(max_length=4000, description="Die frühere Frage, wie eingegeben.")
    answer: str = Field("", max_length=50_000, description="Die Antwort darauf (optional).")
    understood_as: str = Field("", max_length=4000, description="Wie die frühere Frage verstanden wurde, falls bekannt.")


class AskRequest(_Request):
    question: str = Field(description="Die Frage (1–4000 Zeichen).", examples=[EXAMPLE_QUESTION])
    filters: Filters = Field(default_factory=Filters)
    conversation_id: str | None = Field(None, max_length=64, description="Unterhaltung auf dem Server fortsetzen (Rückfragen wie "
                                        "„Und in Hohenlimburg?“ beziehen sich auf ihre früheren Fragen). Ohne Angabe und ohne "
                                        "`history` beginnt eine neue Unterhaltung.")
    history: list[TurnIn] | None = Field(None, max_length=50, description="Frühere Fragen, wenn der Client den Verlauf selbst "
                                         "führt; dann wird nichts auf dem Server gespeichert. Nicht zusammen mit `conversation_id`.")

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"question": EXAMPLE_QUESTION},
        {"question": "Und in Hohenlimburg?", "conversation_id": "3f2c9a…"},
        {"question": "Und in Hohenlimburg?", "history": [{"question": "Wie hoch ist die Kinderarmut in Haspe?"}]},
        {"question": "Welche Partner arbeiten zum Thema Armut in Haspe?", "filters": {"districts": ["Haspe"], "topics": ["armut"]}},
        {"question": "Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?", "filters": {"year_from": 2024, "year_to": 2024}},
    ]})


class CitationOut(BaseModel):
    number: int = Field(description="Nummer wie im Antworttext, z. B. [1].")
    doc_id: str
    title: str
    quote: str = Field(description="Zitierte Textstelle.")
    page: int | None = Field(None, description="Seite (PDF), 1-basiert.")
    row: int | None = Field(None, description="Datenzeile (Tabellen), 1-basiert.")
    section: str = ""
    date: str = ""
    location: str = Field("", description="Lesbare Fundstelle: 'S. 4', 'Zeile 17' oder Abschnitt.")
    file_url: str = Field(description="Originaldatei; bei PDFs mit #page=N, damit der Browser die Seite öffnet.")


class AnswerOut(BaseModel):
    question: str
    text: str = Field(description="Antworttext mit Quellennummern [n].")
    citations: list[CitationOut]
    refused: bool = Field(description="True, wenn die Dokumente keine Antwort enthalten.")
    mode: Literal["extractive", "generative"]
    notes: list[str] = Field(default_factory=list)
    understood_as: str = Field("", description="Die Frage, wie sie beantwortet wurde (Rückfragen aufgelöst); zeigen als "
                               "„Verstanden als: …“, wenn sie von `question` abweicht.")
    conversation_id: str | None = Field(None, description="Die Unterhaltung, in der die Antwort gespeichert ist (für die nächste Frage).")

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "question": EXAMPLE_QUESTION,
        "text": "Die Sozialplanung nutzt Stadtteilkonferenzen, Bürgerbefragungen und Sozialraumteams [1].",
        "citations": [{"number": 1, "doc_id": "planungskonzept-2023", "title": "Planungskonzept 2023",
                       "quote": "Die Sozialplanung nutzt Stadtteilkonferenzen …", "page": 4, "row": None, "section": "3 Beteiligung",
                       "date": "2023-05-01", "location": "S. 4", "file_url": "/api/v1/documents/planungskonzept-2023/file#page=4"}],
        "refused": False, "mode": "extractive", "notes": []}]})


class SearchRequest(_Request):
    query: str = Field(description="Suchtext (1–4000 Zeichen).", examples=["Seniorenbegegnungsstätte Qualitätsbericht"])
    filters: Filters = Field(default_factory=Filters)
    k: int = Field(8, ge=1, le=50, description="Anzahl Treffer.")


class PassageOut(BaseModel):
    chunk_id: str
    doc_id: str
    title: str
    text: str
    page: int | None = None
    row: int | None = None
    section: str = ""
    score: float
    dense_score: float | None = None
    lexical_score: float | None = Field(None, description="BM25-Wert; nur für Aufrufer, die alle Dokumente lesen dürfen.")
    file_url: str


class SearchResponse(BaseModel):
    query: str
    results: list[PassageOut]


# --- conversations ---------------------------------------------------------------------------------------------


class TurnOut(BaseModel):
    question: str
    understood_as: str = ""
    answer: str = ""
    citations: list[dict[str, Any]] = Field(default_factory=list)
    created_at: str = ""


class ConversationSummaryOut(BaseModel):
    conversation_id: str
    title: str
    level: str = Field(description="Zugriffsstufe, unter der die Unterhaltung geführt wurde.")
    created_at: str
    updated_at: str
    turn_count: int


class ConversationOut(ConversationSummaryOut):
    turns: list[TurnOut]


class ConversationList(BaseModel):
    count: int
    conversations: list[ConversationSummaryOut]


class ConversationIn(_Request):
    title: str = Field("", max_length=200, description="Titel (ohne Angabe: die erste Frage).")


class ConversationRename(_Request):
    title: str = Field(min_length=1, max_length=200, description="Neuer Titel.")


# --- documents and jobs ----------------------------------------------------------------------------------------


class DocumentOut(BaseModel):
    doc_id: str
    title: str
    file_name: str
    format: str
    kind: str = ""
    date: str = ""
    year: int | None = None
    districts: list[str] = Field(default_factory=list)
    sozialraeume: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    confidentiality: str
    pages: int | None = None
    chunk_count: int = 0
    file_url: str

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "doc_id": "glossar-sozialplanung", "title": "Glossar der Sozialplanung", "file_name": "glossar-sozialplanung.md", "format": "md",
        "kind": "glossar", "date": "2024-06-03", "year": 2024, "districts": ["Gesamtstadt"], "sozialraeume": [],
        "topics": ["organisation"], "confidentiality": "public", "pages": None, "chunk_count": 41,
        "file_url": "/api/v1/documents/glossar-sozialplanung/file"}]})


class DocumentList(BaseModel):
    count: int
    documents: list[DocumentOut]


class FileFailureOut(BaseModel):
    file: str
    code: str
    message: str


class FileWarningOut(BaseModel):
    file: str = Field(description="Eingelesene Datei.")
    message: str = Field(description="Was beim Einlesen auffiel (etwa Zellen ohne lesbare Zahl), auf Deutsch.")


class IngestReportOut(BaseModel):
    added: list[str]
    updated: list[str]
    unchanged: list[str]
    failed: list[FileFailureOut]
    warnings: list[FileWarningOut] = Field(default_factory=list, description="Eingelesen, aber mit Hinweis.")
    chunks_written: int
    seconds: float


class DuplicateOut(BaseModel):
    file: str = Field(description="Hochgeladene Datei.")
    doc_id: str = Field(description="Dokument, das denselben Inhalt schon hat.")
    title: str


class JobOut(BaseModel):
    job_id: str
    state: Literal["queued", "running", "done", "failed"]
    files: list[str]
    confidentiality: str
    stage: str = ""
    current: int = 0
    total: int = 0
    progress: float = Field(description="0 bis 1.")
    message: str = ""
    error_code: str = ""
    report: IngestReportOut | None = None
    duplicates: list[DuplicateOut] = Field(default_factory=list, description="Nicht eingelesen: Inhalt bereits vorhanden als …")
    status_url: str

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "job_id": "3f2c9a…", "state": "running", "files": ["protokoll.pdf"], "confidentiality": "internal", "stage": "embed",
        "current": 1, "total": 2, "progress": 0.5, "message": "protokoll.pdf", "error_code": "", "report": None,
        "status_url": "/api/v1/jobs/3f2c9a…"}]})


# --- health, eval, feedback ------------------------------------------------------------------------------------


class HealthOut(BaseModel):
    status: Literal["ok"] = "ok"
    version: str


class ReadyOut(BaseModel):
    status: Literal["ready"] = "ready"
    documents: int = Field(description="Dokumente, die der Aufrufer sehen darf.")
    chunks: int


class CitationIn(_Request):
    number: int | None = None
    doc_id: str = Field(max_length=300)
    title: str = Field("", max_length=500)
    quote: str = Field("", max_length=5000)
    page: int | None = None
    row: int | None = None
    section: str = Field("", max_length=500)


class FeedbackIn(_Request):
    rating: Literal["up", "down"]
    question: str = Field(max_length=4000)
    answer: str = Field("", max_length=50_000)
    citations: list[CitationIn] = Field(default_factory=list, max_length=50)
    comment: str = Field("", max_length=2000)

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "rating": "up", "question": EXAMPLE_QUESTION, "answer": "Die Sozialplanung nutzt Stadtteilkonferenzen … [1]",
        "citations": [{"number": 1, "doc_id": "planungskonzept-2023", "title": "Planungskonzept 2023", "page": 4}],
        "comment": "Genau das habe ich gesucht."}]})


class FeedbackOut(BaseModel):
    id: int
    created_at: str


class OwnFeedbackOut(BaseModel):
    """One of the caller's own ratings (to find the id for deleting it)."""

    id: int
    created_at: str
    rating: str
    question: str
    comment: str = ""


class OwnFeedbackList(BaseModel):
    count: int
    feedback: list[OwnFeedbackOut]


class FailedUploadOut(BaseModel):
    """An upload that could not be ingested, kept aside until deleted or past retention.failed_uploads_days."""

    upload_id: str
    file_name: str
    size_bytes: int
    code: str = Field(description="Stabiler Fehlercode des Einlesens (z. B. document_unreadable).")
    message: str
    failed_at: str


class FailedUploadList(BaseModel):
    count: int
    uploads: list[FailedUploadOut]


class EvalSummaryOut(BaseModel):
    """The newest eval report as written by `planwissen eval` (its own JSON layout), plus where it came from."""

    file: str
    modified: str
    report: dict[str, Any]


# --- OpenAI-compatible -----------------------------------------------------------------------------------------


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: str = Field(examples=["user"])
    content: str | list[dict[str, Any]] | None = Field(None, examples=[EXAMPLE_QUESTION])


class ChatCompletionRequest(BaseModel):
    """The OpenAI request shape; sampling options are accepted and ignored (answers come from the documents)."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [
        {"model": "planwissen", "messages": [{"role": "user", "content": EXAMPLE_QUESTION}]},
        {"model": "planwissen", "stream": True, "messages": [{"role": "user", "content": "Was sind Sozialraumteams?"}]}]})

    model: str = "planwissen"
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False


class ChatChoiceMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class ChatChoice(BaseModel):
    index: int = 0
    message: ChatChoiceMessage
    finish_reason: Literal["stop"] = "stop"


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class ChatCompletionResponse(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[ChatChoice]
    usage: Usage = Field(default_factory=Usage)


class ModelOut(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str = "planwissen"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelOut]

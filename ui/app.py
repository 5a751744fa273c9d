"""The German Gradio UI on the shared services: chat with streamed answers and sources, filters, upload, feedback, documents.

Per-user state lives in gr.State (each answer's record, for feedback per message) and in the components of each session;
the caller's confidentiality level is resolved per request (`level_for`), never stored globally.
"""

# No `from __future__ import annotations` here: Gradio inspects the real `gr.Request` annotations of the handlers.

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from assistant.api.links import FileLinks
from assistant.core.errors import PlanwissenError
from assistant.core.types import CONFIDENTIALITY_LEVELS
from assistant.services.container import Services
from assistant.services.feedback import FeedbackService
from assistant.services.jobs import JobService
from assistant.services.uploads import UploadInbox
from ui import texts
from ui.backend import UiBackend, chat_turns
from ui.draft_tab import add_draft_tabs

log = logging.getLogger(__name__)

LevelFor = Callable[[object], str]


def _defaults(services: Services, jobs, feedback, inbox, links) -> UiBackend:
    settings = services.settings
    if jobs is None:
        jobs = JobService(services.ingestion)
    if feedback is None:
        from assistant.bootstrap import build_feedback

        feedback = services.feedback or build_feedback(settings)
    if inbox is None:
        from assistant.api.app import supported_suffixes

        inbox = UploadInbox(settings.data_dir / "uploads", settings.server.max_upload_mb * 1024 * 1024, supported_suffixes())
    return UiBackend(services=services, jobs=jobs, feedback=feedback, inbox=inbox, links=links or FileLinks())


def build_ui(services: Services, *, jobs: JobService | None = None, feedback: FeedbackService | None = None,
             inbox: UploadInbox | None = None, links: FileLinks | None = None, level_for: LevelFor | None = None):
    """Gradio Blocks for these services. Without `level_for`, every session gets settings.server.local_level."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr

    backend = _defaults(services, jobs, feedback, inbox, links)
    local_level = services.settings.server.local_level

    def level(request: gr.Request | None) -> str:
        return level_for(request) if level_for is not None else local_level

    def warn(exc: PlanwissenError) -> None:
        gr.Warning(exc.describe("de"), title=texts.WARNING_TITLE)

    # --- handlers -----------------------------------------------------------------------------------------------

    def init_session(request: gr.Request):
        lvl = level(request)
        choices = backend.filter_choices(lvl)
        return (gr.Dropdown(choices=choices["districts"]), gr.Dropdown(choices=choices["topics"]), gr.Dropdown(choices=choices["kinds"]),
                gr.Dropdown(choices=choices["years"], value=None), gr.Dropdown(choices=choices["years"], value=None),
                backend.documents_rows(lvl), f"Zugriffsstufe dieser Sitzung: **{texts.LEVEL_LABELS.get(lvl, lvl)}**.")

    def respond(question, history, districts, topics, kinds, year_from, year_to, records, request: gr.Request):
        history = list(history or [])
        records = dict(records or {})
        try:
            filters = backend.filters(level(request), districts, topics, kinds, year_from, year_to)
            views = backend.answer(question or "", filters, history=chat_turns(history))
            first = next(views, None)
        except PlanwissenError as exc:
            warn(exc)
            yield history, gr.skip(), records, question
            return
        history += [{"role": "user", "content": question.strip()}, {"role": "assistant", "content": ""}]
        view = first
        try:
            while view is not None:
                history[-1] = {"role": "assistant", "content": view.chat_text}
                if view.record is not None:
                    records[str(len(history) - 1)] = view.record  # feedback per message: keyed by its index in the chat
                    yield history, view.sources, records, ""
                else:
                    yield history, gr.skip(), records, ""
                view = next(views, None)
        except PlanwissenError as exc:
            history[-1] = {"role": "assistant", "content": f"Fehler: {exc.describe('de')}"}
            yield history, gr.skip(), records, ""
        except Exception:
            log.exception("answer failed in the UI")
            history[-1] = {"role": "assistant", "content": texts.INTERNAL_ERROR}
            yield history, gr.skip(), records, ""

    def on_like(records, data: gr.LikeData, request: gr.Request):
        """A thumb on one answer: 'hilfreich' is stored at once; 'nicht hilfreich' opens the optional reasons and comment."""
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        record = (records or {}).get(str(index))
        if data.liked is True or data.liked == "Like":
            try:
                return backend.rate("up", record, "", level(request)), gr.Group(visible=False), None
            except PlanwissenError as exc:
                return f"Fehler: {exc.describe('de')}", gr.skip(), None
        if not record:
            return texts.NOTHING_TO_RATE, gr.Group(visible=False), None
        return texts.FEEDBACK_ASK, gr.Group(visible=True), str(index)

    def send_critique(records, target, reasons, comment, request: gr.Request):
        record = (records or {}).get(target or "")
        try:
            status = backend.rate("down", record, comment, level(request), reasons)
        except PlanwissenError as exc:
            return f"Fehler: {exc.describe('de')}", gr.skip(), target, reasons, comment
        return status, gr.Group(visible=False), None, [], ""

    def cancel_critique():
        return texts.FEEDBACK_CANCELLED, gr.Group(visible=False), None, [], ""

    def upload(files, confidentiality, districts, topics, request: gr.Request, progress=gr.Progress()):  # noqa: B008
        lvl = level(request)
        if not files:
            return texts.NO_FILES, gr.skip(), gr.skip()
        try:
            job = backend.start_upload([Path(f) for f in files], confidentiality, districts, topics, lvl)
        except PlanwissenError as exc:
            return f"Fehler: {exc.describe('de')}", gr.skip(), gr.skip()
        progress(0, desc="Wird eingelesen …")
        while not job.finished:
            time.sleep(0.2)
            job = backend.jobs.get(job.job_id, lvl)
            progress(job.progress, desc=job.message or "Wird eingelesen …")
        status = job.message if job.state == "done" else f"Fehler: {job.message}"
        if job.report and job.report.failed:
            status += "\n\n" + "\n".join(f"- {Path(f.path).name}: {f.message}" for f in job.report.failed)
        return status, backend.documents_rows(lvl), None

    def refresh(request: gr.Request):
        lvl = level(request)
        choices = backend.filter_choices(lvl)
        return (backend.documents_rows(lvl), gr.Dropdown(choices=choices["districts"]), gr.Dropdown(choices=choices["topics"]),
                gr.Dropdown(choices=choices["kinds"]))

    # --- layout -------------------------------------------------------------------------------------------------

    # delete_cache: Gradio keeps uploaded files in its temp folder; clear them hourly (the inbox has its own copy)
    with gr.Blocks(title=texts.TITLE, analytics_enabled=False, delete_cache=(3600, 3600)) as demo:
        records = gr.State({})  # chat message index -> the answer's record, for feedback on any answer
        critique_target = gr.State(None)
        gr.Markdown(f"# {texts.TITLE}\n{texts.INTRO}")
        access = gr.Markdown("", elem_id="pw-access")
        with gr.Tab("Fragen", id="fragen"):
            with gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label="Unterhaltung", height=480, elem_id="pw-chat", feedback_options=("Like", "Dislike"),
                                         buttons=["copy", "copy_all"],  # no "share": it would talk to Hugging Face
                                         placeholder="Stellen Sie eine Frage zu den Dokumenten der Sozialplanung.")
                    with gr.Row():
                        question = gr.Textbox(label="Ihre Frage", placeholder="z. B. Welche Partner arbeiten zum Thema Armut in Haspe?",
                                              scale=5, elem_id="pw-question", max_length=4000, submit_btn=False)
                        ask = gr.Button("Fragen", variant="primary", scale=1, elem_id="pw-ask")
                    gr.Examples(examples=[[q] for q in texts.EXAMPLE_QUESTIONS], inputs=[question],
                                label="Beispielfragen für neue Kolleginnen und Kollegen", elem_id="pw-examples")
                    feedback_status = gr.Markdown("", elem_id="pw-feedback-status")
                    with gr.Group(visible=False, elem_id="pw-critique") as critique:
                        reasons = gr.CheckboxGroup(label="Gründe (optional)", choices=list(texts.FEEDBACK_REASONS), elem_id="pw-reasons")
                        comment = gr.Textbox(label="Kommentar (optional)", max_length=2000, elem_id="pw-comment")
                        with gr.Row():
                            send_feedback = gr.Button("Rückmeldung senden", variant="primary", size="sm", elem_id="pw-send-feedback")
                            cancel_feedback = gr.Button("Abbrechen", size="sm", elem_id="pw-cancel-feedback")
                with gr.Column(scale=2):
                    with gr.Accordion("Quellen", open=False, elem_id="pw-sources-panel"):
                        sources = gr.HTML(texts.NO_QUESTION_YET, elem_id="pw-sources")
                    with gr.Accordion("Filter", open=False, elem_id="pw-filters"):
                        districts = gr.Dropdown(label="Stadtbezirk", choices=[], multiselect=True)
                        topics = gr.Dropdown(label="Thema", choices=[], multiselect=True)
                        kinds = gr.Dropdown(label="Dokumentart", choices=[], multiselect=True)
                        with gr.Row():
                            # Dropdowns, not gr.Number: a Number field sends 0 once rendered, which broke every question
                            year_from = gr.Dropdown(label="Jahr von (optional)", choices=[], value=None, elem_id="pw-year-from")
                            year_to = gr.Dropdown(label="Jahr bis (optional)", choices=[], value=None, elem_id="pw-year-to")
        with gr.Tab("Dokumente", id="dokumente"):
            documents = gr.Dataframe(headers=texts.DOCUMENT_HEADERS, datatype=["str"] * 8 + ["markdown"], interactive=False,
                                     label="Eingelesene Dokumente", elem_id="pw-documents", wrap=True)
            reload_docs = gr.Button("Liste aktualisieren", size="sm")
        with gr.Tab("Hochladen", id="hochladen"):
            gr.Markdown(f"Dateien bis {backend.inbox.max_mb:g} MB: {', '.join(sorted(backend.inbox.suffixes))}. "
                        "Das Einlesen läuft im Hintergrund; Fragen können währenddessen weiter gestellt werden.")
            files = gr.File(label="Dateien", file_count="multiple", file_types=sorted(backend.inbox.suffixes), elem_id="pw-files")
            confidentiality = gr.Radio(label="Vertraulichkeit", choices=[(texts.LEVEL_LABELS[lv], lv) for lv in CONFIDENTIALITY_LEVELS],
                                       value=CONFIDENTIALITY_LEVELS[-1])
            upload_districts = gr.Textbox(label="Stadtbezirke (kommagetrennt, optional)")
            upload_topics = gr.Textbox(label="Themen (kommagetrennt, optional)")
            upload_button = gr.Button("Hochladen und einlesen", variant="primary", elem_id="pw-upload")
            upload_status = gr.Markdown("", elem_id="pw-upload-status")

        add_draft_tabs(services, level)

        chat_inputs = [question, chatbot, districts, topics, kinds, year_from, year_to, records]
        chat_outputs = [chatbot, sources, records, question]
        ask.click(respond, chat_inputs, chat_outputs, api_visibility="private")
        question.submit(respond, chat_inputs, chat_outputs, api_visibility="private")
        chatbot.like(on_like, [records], [feedback_status, critique, critique_target], api_visibility="private")
        send_feedback.click(send_critique, [records, critique_target, reasons, comment],
                            [feedback_status, critique, critique_target, reasons, comment], api_visibility="private")
        cancel_feedback.click(cancel_critique, None, [feedback_status, critique, critique_target, reasons, comment],
                              api_visibility="private")
        upload_button.click(upload, [files, confidentiality, upload_districts, upload_topics], [upload_status, documents, files],
                            api_visibility="private")
        reload_docs.click(refresh, None, [documents, districts, topics, kinds], api_visibility="private")
        demo.load(init_session, None, [districts, topics, kinds, year_from, year_to, documents, access], api_visibility="private")
    return demo

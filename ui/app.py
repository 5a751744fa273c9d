"""The German Gradio UI on the shared services: chat with streamed answers and sources, filters, upload, feedback, documents.

Per-user state lives in gr.State (the last answer, for feedback) and in the components of each session;
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
        gr.Warning(exc.describe("de"))

    # --- handlers -----------------------------------------------------------------------------------------------

    def init_session(request: gr.Request):
        lvl = level(request)
        choices = backend.filter_choices(lvl)
        return (gr.Dropdown(choices=choices["districts"]), gr.Dropdown(choices=choices["topics"]), gr.Dropdown(choices=choices["kinds"]),
                gr.Dropdown(choices=choices["years"], value=None), gr.Dropdown(choices=choices["years"], value=None),
                backend.documents_rows(lvl), f"Zugriffsstufe dieser Sitzung: **{texts.LEVEL_LABELS.get(lvl, lvl)}**.")

    def respond(question, history, districts, topics, kinds, year_from, year_to, record, request: gr.Request):
        history = list(history or [])
        try:
            filters = backend.filters(level(request), districts, topics, kinds, year_from, year_to)
            views = backend.answer(question or "", filters, history=chat_turns(history))
            first = next(views, None)
        except PlanwissenError as exc:
            warn(exc)
            yield history, gr.skip(), record, question
            return
        history += [{"role": "user", "content": question.strip()}, {"role": "assistant", "content": ""}]
        view = first
        try:
            while view is not None:
                history[-1] = {"role": "assistant", "content": view.chat_text}
                if view.record is not None:
                    yield history, view.sources, view.record, ""
                else:
                    yield history, gr.skip(), record, ""
                view = next(views, None)
        except PlanwissenError as exc:
            history[-1] = {"role": "assistant", "content": f"Fehler: {exc.describe('de')}"}
            yield history, gr.skip(), record, ""
        except Exception:
            log.exception("answer failed in the UI")
            history[-1] = {"role": "assistant", "content": texts.INTERNAL_ERROR}
            yield history, gr.skip(), record, ""

    def rate(rating: str):
        def handler(record, comment, request: gr.Request):
            try:
                return backend.rate(rating, record, comment, level(request)), ""
            except PlanwissenError as exc:
                return f"Fehler: {exc.describe('de')}", comment

        return handler

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
        record = gr.State(None)
        gr.Markdown(f"# {texts.TITLE}\n{texts.INTRO}")
        access = gr.Markdown("", elem_id="pw-access")
        with gr.Tab("Fragen", id="fragen"):
            with gr.Row():
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(label="Unterhaltung", height=480, elem_id="pw-chat", feedback_options=None,
                                         buttons=["copy", "copy_all"],  # no "share": it would talk to Hugging Face
                                         placeholder="Stellen Sie eine Frage zu den Dokumenten der Sozialplanung.")
                    with gr.Row():
                        question = gr.Textbox(label="Ihre Frage", placeholder="z. B. Welche Partner arbeiten zum Thema Armut in Haspe?",
                                              scale=5, elem_id="pw-question", max_length=4000, submit_btn=False)
                        ask = gr.Button("Fragen", variant="primary", scale=1, elem_id="pw-ask")
                    gr.Examples(examples=[[q] for q in texts.EXAMPLE_QUESTIONS], inputs=[question],
                                label="Beispielfragen für neue Kolleginnen und Kollegen", elem_id="pw-examples")
                    with gr.Row():
                        thumbs_up = gr.Button("👍 Hilfreich", size="sm", elem_id="pw-up")
                        thumbs_down = gr.Button("👎 Nicht hilfreich", size="sm", elem_id="pw-down")
                        comment = gr.Textbox(label="Kommentar zur letzten Antwort (optional)", max_length=2000, scale=3)
                    feedback_status = gr.Markdown("", elem_id="pw-feedback-status")
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

        chat_inputs = [question, chatbot, districts, topics, kinds, year_from, year_to, record]
        chat_outputs = [chatbot, sources, record, question]
        ask.click(respond, chat_inputs, chat_outputs, api_visibility="private")
        question.submit(respond, chat_inputs, chat_outputs, api_visibility="private")
        thumbs_up.click(rate("up"), [record, comment], [feedback_status, comment], api_visibility="private")
        thumbs_down.click(rate("down"), [record, comment], [feedback_status, comment], api_visibility="private")
        upload_button.click(upload, [files, confidentiality, upload_districts, upload_topics], [upload_status, documents, files],
                            api_visibility="private")
        reload_docs.click(refresh, None, [documents, districts, topics, kinds], api_visibility="private")
        demo.load(init_session, None, [districts, topics, kinds, year_from, year_to, documents, access], api_visibility="private")
    return demo

"""The German Gradio UI on the shared services: chat with streamed answers and sources, filters, upload, feedback, documents.

Per-user state lives in gr.State (each answer's record, for feedback per message) and in the components of each session;
the caller (name, confidentiality level, session for signed links) is resolved per request (`caller_for`), never stored
globally: with OIDC every call reads as the person of its own session cookie, and a call after sign-out is refused.
"""

# No `from __future__ import annotations` here: Gradio inspects the real `gr.Request` annotations of the handlers.

import html
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from assistant.core.errors import AuthenticationError, PlanwissenError
from assistant.core.types import CONFIDENTIALITY_LEVELS
from assistant.core.validation import clean_question
from assistant.services.callers import Caller
from assistant.services.container import Services
from assistant.services.feedback import FeedbackService
from assistant.services.file_links import FileLinks
from assistant.services.jobs import JobService
from assistant.services.uploads import UploadInbox
from ui import texts
from ui.backend import UiBackend, chat_turns, replace_question, replacements
from ui.draft_tab import add_draft_tabs
from ui.viewer import EMPTY as VIEWER_EMPTY

log = logging.getLogger(__name__)

#: The caller of one Gradio request (its gr.Request); raises AuthenticationError when it may not use the UI (any more).
CallerFor = Callable[[object], Caller]


def upload_step(job) -> tuple[float, str]:
    """Share done and a German step for the progress bar: files done, plus half a file while one is being embedded.

    (The job's own share jumps to 100 % once its only file is done; a stage of its own keeps the bar honest.)"""
    total = max(job.total, 1)
    step = texts.UPLOAD_STAGES.get(job.stage or job.state, texts.UPLOAD_STAGES["queued"])
    if job.finished:
        return 1.0, step
    extra = {"embed": 0.5, "index": 0.9}.get(job.stage, 0.05)
    return min(0.95, (job.current + extra) / total), f"{step} (Datei {min(job.current + 1, total)} von {total})"


def build_ui(services: Services, *, jobs: JobService | None = None, feedback: FeedbackService | None = None,
             inbox: UploadInbox | None = None, links: FileLinks | None = None, caller_for: CallerFor | None = None):
    """Gradio Blocks for these services. Without `caller_for`, every session is the local user at settings.server.local_level."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr

    from assistant.bootstrap import build_ui_parts

    parts = build_ui_parts(services, jobs=jobs, feedback=feedback, inbox=inbox, links=links)
    backend = UiBackend(services=services, jobs=parts.jobs, feedback=parts.feedback, inbox=parts.inbox, links=parts.links)
    local = Caller(name="local", level=services.settings.server.local_level, subject="local")

    def who(request: gr.Request | None) -> Caller:
        """The caller of this request; a German error (no traceback) when their session ended or never was."""
        if caller_for is None:
            return local
        try:
            return caller_for(request)
        except AuthenticationError as exc:
            raise gr.Error(f"{exc.describe('de')} {texts.SIGN_IN_AGAIN}", title=texts.SIGNED_OUT_TITLE, print_exception=False) from None

    def level(request: gr.Request | None) -> str:
        return who(request).level

    def warn(exc: PlanwissenError) -> None:
        gr.Warning(exc.describe("de"), title=texts.WARNING_TITLE)

    # --- handlers -----------------------------------------------------------------------------------------------

    def init_session(request: gr.Request):
        caller = who(request)
        lvl = caller.level
        choices = backend.filter_choices(lvl)
        return (gr.Dropdown(choices=choices["districts"]), gr.Dropdown(choices=choices["topics"]), gr.Dropdown(choices=choices["kinds"]),
                gr.Dropdown(choices=choices["years"], value=None), gr.Dropdown(choices=choices["years"], value=None),
                *backend.documents_table(lvl), texts.access_line(caller.name, texts.LEVEL_LABELS.get(lvl, lvl), caller.signed_in),
                history_update(request, None), gr.Dropdown(choices=choices["kinds"], value=None))

    def user_of(request: gr.Request | None) -> str:
        """Whose conversations: the signed-in person or login name (token name), else the local user (like the API's "local")."""
        return who(request).name

    def history_update(request: gr.Request, selected: str | None):
        return gr.Radio(choices=backend.conversation_choices(user_of(request), level(request)), value=selected)

    def respond(question, history, districts, topics, kinds, year_from, year_to, records, conversation, request: gr.Request):
        """Show the question at once with a progress line, then the streamed answer; store it in the conversation."""
        history = list(history or [])
        records = dict(records or {})
        caller = who(request)
        lvl, user = caller.level, caller.name
        try:
            question = clean_question(question or "")
            filters = backend.filters(lvl, districts, topics, kinds, year_from, year_to)
        except PlanwissenError as exc:
            warn(exc)
            yield history, gr.skip(), records, question, conversation, gr.skip(), gr.skip(), gr.skip()
            return
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": texts.SEARCHING}]
        yield history, texts.SEARCHING_SOURCES, records, "", conversation, gr.skip(), [], picker([])
        try:
            for view in backend.answer(question, filters, history=chat_turns(history[:-2]), conversation_id=conversation, user=user,
                                       owner=caller):
                history[-1] = {"role": "assistant", "content": view.chat_text}
                if view.record is None:
                    yield history, gr.skip(), records, "", conversation, gr.skip(), gr.skip(), gr.skip()
                    continue
                records[str(len(history) - 1)] = view.record  # feedback per message: keyed by its index in the chat
                conversation = view.conversation_id or conversation
                cited = view.record["citations"]
                yield history, view.sources, records, "", conversation, history_update(request, conversation), cited, picker(cited)
        except PlanwissenError as exc:
            history[-1] = {"role": "assistant", "content": f"{texts.SORRY} {exc.describe('de')}"}
            yield history, texts.NO_QUESTION_YET, records, "", conversation, gr.skip(), [], picker([])
        except Exception:
            log.exception("answer failed in the UI")
            history[-1] = {"role": "assistant", "content": texts.INTERNAL_ERROR}
            yield history, texts.NO_QUESTION_YET, records, "", conversation, gr.skip(), [], picker([])

    def picker(citations):
        choices = [(f"[{c['number']}] {c.get('title', '')}"[:80], str(c["number"])) for c in citations or []]
        return gr.Radio(choices=choices, value=None)

    def show_citation(number, citations, request: gr.Request):
        citation = next((c for c in citations or [] if str(c.get("number")) == str(number)), None)
        try:
            caller = who(request)
            return backend.show_citation(citation, caller.level, owner=caller)
        except PlanwissenError as exc:
            return f"<p class='pw-empty'>{html.escape(exc.describe('de'))}</p>"

    def new_conversation(request: gr.Request):
        return [], {}, None, texts.NO_QUESTION_YET, history_update(request, None), "", gr.Button(visible=False)

    def open_conversation(conversation_id, request: gr.Request):
        if not conversation_id:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.Button(visible=False), gr.skip(), gr.skip()
        try:
            caller = who(request)
            messages, records, sources = backend.reopen(conversation_id, caller.name, caller.level, owner=caller)
        except PlanwissenError as exc:
            warn(exc)
            return [], {}, None, texts.NO_QUESTION_YET, history_update(request, None), gr.Button(visible=False), [], picker([])
        cited = records[max(records, key=int)]["citations"] if records else []
        return messages, records, conversation_id, sources, gr.skip(), gr.Button(visible=False), cited, picker(cited)

    def rename_conversation(conversation_id, title, request: gr.Request):
        if not conversation_id:
            return texts.NO_CONVERSATION, gr.skip(), title
        try:
            backend.rename_conversation(conversation_id, user_of(request), level(request), title)
        except PlanwissenError as exc:
            return f"{texts.SORRY} {exc.describe('de')}", gr.skip(), title
        return texts.RENAMED, history_update(request, conversation_id), ""

    def ask_delete(conversation_id):
        if not conversation_id:
            return texts.NO_CONVERSATION, gr.Button(visible=False)
        return texts.CONFIRM_DELETE, gr.Button(visible=True)

    def delete_conversation(conversation_id, request: gr.Request):
        try:
            backend.delete_conversation(conversation_id, user_of(request), level(request))
        except PlanwissenError as exc:
            return (f"{texts.SORRY} {exc.describe('de')}", gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip(),
                    gr.Button(visible=False))
        return texts.DELETED, [], {}, None, texts.NO_QUESTION_YET, history_update(request, None), gr.Button(visible=False)

    def example_question(data: gr.SelectData):
        value = data.value
        return value.get("text", "") if isinstance(value, dict) else str(value or "")

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

    def run_upload(files, confidentiality, districts, topics, kind, date, title, lvl, replaces, progress):
        """Store and ingest, following the job with the progress bar; the status, the document list and a cleared file field."""
        try:
            job = backend.start_upload([Path(f) for f in files], confidentiality, districts, topics, lvl, kind=kind or "",
                                       date=date or "", title=title or "", replaces=replaces)
        except PlanwissenError as exc:
            return f"{texts.SORRY} {exc.describe('de')}", gr.skip(), gr.skip(), gr.skip()
        progress(0, desc=texts.UPLOAD_STAGES["queued"])
        while not job.finished:
            time.sleep(0.2)
            job = backend.jobs.get(job.job_id, lvl)
            share, desc = upload_step(job)
            progress(share, desc=desc)
        changed = job.report is not None and (job.report.added or job.report.updated)
        status = f"{texts.SORRY} {job.message}" if job.state != "done" else f"{job.message} {texts.UPLOAD_DONE}" if changed else job.message
        if job.report and job.report.failed:
            status += "\n\n" + "\n".join(f"- {Path(f.path).name}: {f.message}" for f in job.report.failed)
        return (status, *backend.documents_table(lvl), None)

    no_question = (gr.Group(visible=False), "", {})

    def upload(files, confidentiality, districts, topics, kind, date, title, request: gr.Request, progress=gr.Progress()):  # noqa: B008
        """Upload at once, unless a file looks like a new version of an uploaded document: then ask first (nothing is stored yet)."""
        lvl = level(request)
        if not files:
            return texts.NO_FILES, gr.skip(), gr.skip(), gr.skip(), *no_question
        try:
            checks = backend.check_upload([Path(f) for f in files], lvl, confidentiality=confidentiality, date=date or "")
        except PlanwissenError as exc:
            return f"{texts.SORRY} {exc.describe('de')}", gr.skip(), gr.skip(), gr.skip(), *no_question
        question = replace_question(checks)
        if question:
            return "", gr.skip(), gr.skip(), gr.skip(), gr.Group(visible=True), question, replacements(checks)
        return (*run_upload(files, confidentiality, districts, topics, kind, date, title, lvl, {}, progress), *no_question)

    def upload_replacing(files, confidentiality, districts, topics, kind, date, title, pending, request: gr.Request,
                         progress=gr.Progress()):  # noqa: B008
        """'Ersetzen': the files asked about become the new versions of their documents."""
        if not files:
            return texts.NO_FILES, gr.skip(), gr.skip(), gr.skip(), *no_question
        return (*run_upload(files, confidentiality, districts, topics, kind, date, title, level(request), pending or {}, progress),
                *no_question)

    def upload_separately(files, confidentiality, districts, topics, kind, date, title, request: gr.Request,
                          progress=gr.Progress()):  # noqa: B008
        """'Als eigenes Dokument': every file becomes a document of its own; the earlier versions stay as they are."""
        if not files:
            return texts.NO_FILES, gr.skip(), gr.skip(), gr.skip(), *no_question
        return (*run_upload(files, confidentiality, districts, topics, kind, date, title, level(request), {}, progress), *no_question)

    def cancel_upload():
        return texts.REPLACE_CANCELLED, gr.skip(), gr.skip(), gr.skip(), *no_question

    def refresh(query, sort, request: gr.Request):
        lvl = level(request)
        choices = backend.filter_choices(lvl)
        return (*backend.documents_table(lvl, query, sort), gr.Dropdown(choices=choices["districts"]),
                gr.Dropdown(choices=choices["topics"]),
                gr.Dropdown(choices=choices["kinds"]))

    def list_documents(query, sort, request: gr.Request):
        return backend.documents_table(level(request), query, sort)

    def select_document(ids, data: gr.SelectData, request: gr.Request):
        row = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        doc_id = ids[row] if isinstance(row, int) and 0 <= row < len(ids or []) else None
        if doc_id is None:
            return texts.DOCUMENT_HINT, None, gr.Button(visible=False), gr.Button(visible=False), ""
        caller = who(request)
        lvl = caller.level
        try:
            detail = backend.document_detail(doc_id, lvl, owner=caller)
        except PlanwissenError as exc:
            return f"{texts.SORRY} {exc.describe('de')}", None, gr.Button(visible=False), gr.Button(visible=False), ""
        may_delete = lvl == CONFIDENTIALITY_LEVELS[-1]
        return detail, doc_id, gr.Button(visible=may_delete), gr.Button(visible=False), ""

    def ask_document_delete(doc_id):
        if not doc_id:
            return texts.NO_DOCUMENT, gr.Button(visible=False)
        return texts.CONFIRM_DOCUMENT_DELETE, gr.Button(visible=True)

    def delete_document(doc_id, query, sort, request: gr.Request):
        lvl = level(request)
        try:
            title = backend.delete_document(doc_id, lvl)
        except PlanwissenError as exc:
            return (f"{texts.SORRY} {exc.describe('de')}", gr.skip(), gr.skip(), gr.skip(), doc_id, gr.skip(), gr.Button(visible=False))
        rows, ids = backend.documents_table(lvl, query, sort)
        return (f"„{title}“ wurde entfernt.", rows, ids, texts.DOCUMENT_HINT, None, gr.Button(visible=False), gr.Button(visible=False))

    # --- layout -------------------------------------------------------------------------------------------------

    # delete_cache: Gradio keeps uploaded files in its temp folder; clear them hourly (the inbox has its own copy)
    with gr.Blocks(title=texts.TITLE, analytics_enabled=False, delete_cache=(3600, 3600)) as demo:
        records = gr.State({})  # chat message index -> the answer's record, for feedback on any answer
        conversation = gr.State(None)  # id of the stored conversation shown in the chat
        shown = gr.State([])  # citations of the latest answer, for the viewer
        critique_target = gr.State(None)
        with gr.Row(elem_id="pw-header"):
            gr.Markdown(f"## {texts.TITLE}", elem_id="pw-title")
            access = gr.HTML("", elem_id="pw-access")
        with gr.Tab("Fragen", id="fragen"):
            with gr.Row(elem_id="pw-workspace", equal_height=False):
                with gr.Column(scale=1, min_width=200, elem_id="pw-history"):
                    new_chat = gr.Button("Neue Unterhaltung", variant="primary", size="sm", elem_id="pw-new-chat")
                    conversations = gr.Radio(label="Ihre Unterhaltungen", choices=[], value=None, elem_id="pw-conversations")
                    with gr.Accordion("Umbenennen oder löschen", open=False, elem_id="pw-manage-chat"):
                        new_title = gr.Textbox(label="Neuer Titel", max_length=200, elem_id="pw-new-title")
                        rename = gr.Button("Umbenennen", size="sm", elem_id="pw-rename")
                        delete = gr.Button("Unterhaltung löschen", size="sm", variant="stop", elem_id="pw-delete-chat")
                        confirm_delete = gr.Button("Ja, endgültig löschen", size="sm", variant="stop", visible=False,
                                                   elem_id="pw-confirm-delete")
                        manage_status = gr.Markdown("", elem_id="pw-manage-status")
                with gr.Column(scale=4, min_width=420, elem_id="pw-chat-column"):
                    chatbot = gr.Chatbot(label="Unterhaltung", height=texts.CHAT_HEIGHT, elem_id="pw-chat",
                                         feedback_options=("Like", "Dislike"),
                                         buttons=["copy", "copy_all"],  # no "share": it would talk to Hugging Face
                                         autoscroll=False,  # a new answer is shown from its start (ui/chat_script.py)
                                         examples=[{"text": q} for q in texts.EXAMPLE_QUESTIONS],
                                         placeholder=texts.CHAT_PLACEHOLDER)
                    with gr.Row(elem_id="pw-input-row"):
                        question = gr.Textbox(label="Ihre Frage", placeholder="z. B. Welche Partner arbeiten zum Thema Armut in Haspe?",
                                              scale=5, elem_id="pw-question", max_length=4000, submit_btn=False, lines=1, max_lines=4)
                        ask = gr.Button("Fragen", variant="primary", scale=1, min_width=90, elem_id="pw-ask")
                    feedback_status = gr.Markdown("", elem_id="pw-feedback-status")
                    with gr.Group(visible=False, elem_id="pw-critique") as critique:
                        reasons = gr.CheckboxGroup(label="Gründe (optional)", choices=list(texts.FEEDBACK_REASONS), elem_id="pw-reasons")
                        comment = gr.Textbox(label="Kommentar (optional)", max_length=2000, elem_id="pw-comment")
                        with gr.Row():
                            send_feedback = gr.Button("Rückmeldung senden", variant="primary", size="sm", elem_id="pw-send-feedback")
                            cancel_feedback = gr.Button("Abbrechen", size="sm", elem_id="pw-cancel-feedback")
                with gr.Column(scale=2, min_width=280, elem_id="pw-side"):
                    with gr.Accordion("Quellen", open=True, elem_id="pw-sources-panel"):
                        sources = gr.HTML(texts.NO_QUESTION_YET, elem_id="pw-sources")
                    with gr.Accordion("Fundstelle im Dokument", open=True, elem_id="pw-viewer-panel"):
                        viewer_pick = gr.Radio(label="Quelle", choices=[], value=None, elem_id="pw-viewer-pick")
                        viewer = gr.HTML(VIEWER_EMPTY, elem_id="pw-viewer")
                    with gr.Accordion("Filter", open=False, elem_id="pw-filters"):
                        districts = gr.Dropdown(label="Stadtbezirk", choices=[], multiselect=True)
                        topics = gr.Dropdown(label="Thema", choices=[], multiselect=True)
                        kinds = gr.Dropdown(label="Dokumentart", choices=[], multiselect=True)
                        with gr.Row():
                            # Dropdowns, not gr.Number: a Number field sends 0 once rendered, which broke every question
                            year_from = gr.Dropdown(label="Jahr von (optional)", choices=[], value=None, elem_id="pw-year-from")
                            year_to = gr.Dropdown(label="Jahr bis (optional)", choices=[], value=None, elem_id="pw-year-to")
        with gr.Tab("Dokumente", id="dokumente"):
            doc_ids = gr.State([])  # doc ids in the order of the rows shown
            selected_doc = gr.State(None)
            with gr.Row(equal_height=True):
                doc_search = gr.Textbox(label="Suchen", placeholder="Titel, Art, Bezirk oder Thema", scale=3, elem_id="pw-doc-search")
                doc_sort = gr.Dropdown(label="Sortieren nach", choices=texts.DOCUMENT_SORT_CHOICES, value="titel", scale=1,
                                       elem_id="pw-doc-sort")
                reload_docs = gr.Button("Liste aktualisieren", size="sm", scale=0, min_width=150, elem_id="pw-doc-reload")
            with gr.Row(equal_height=False):
                with gr.Column(scale=5, min_width=560):
                    documents = gr.Dataframe(headers=texts.DOCUMENT_HEADERS, datatype=["str"] * 8, interactive=False,
                                             label="Eingelesene Dokumente", elem_id="pw-documents", wrap=True, max_height=560,
                                             column_widths=["27%", "12%", "11%", "12%", "13%", "8%", "7%", "10%"])
                with gr.Column(scale=2, min_width=260, elem_id="pw-doc-side"):
                    doc_detail = gr.Markdown(texts.DOCUMENT_HINT, elem_id="pw-doc-detail")
                    doc_delete = gr.Button("Dokument löschen", variant="stop", size="sm", visible=False, elem_id="pw-doc-delete")
                    doc_confirm = gr.Button("Ja, endgültig löschen", variant="stop", size="sm", visible=False, elem_id="pw-doc-confirm")
                    doc_status = gr.Markdown("", elem_id="pw-doc-status")
        with gr.Tab("Hochladen", id="hochladen"):
            gr.Markdown(f"Dateien bis {backend.inbox.max_mb:g} MB: {', '.join(sorted(backend.inbox.suffixes))}. "
                        "Das Einlesen läuft im Hintergrund; Fragen können währenddessen weiter gestellt werden.")
            files = gr.File(label="Dateien", file_count="multiple", file_types=sorted(backend.inbox.suffixes), elem_id="pw-files")
            confidentiality = gr.Radio(label="Vertraulichkeit", choices=[(texts.LEVEL_LABELS[lv], lv) for lv in CONFIDENTIALITY_LEVELS],
                                       value=CONFIDENTIALITY_LEVELS[-1])
            with gr.Row():
                upload_title = gr.Textbox(label="Titel (optional, bei einer Datei)", max_length=300, elem_id="pw-upload-title")
                upload_kind = gr.Dropdown(label="Art (optional)", choices=[], value=None, allow_custom_value=True, elem_id="pw-upload-kind")
                upload_date = gr.Textbox(label="Datum (optional, JJJJ-MM-TT)", max_length=10, elem_id="pw-upload-date")
            with gr.Row():
                upload_districts = gr.Textbox(label="Stadtbezirke (kommagetrennt, optional)", elem_id="pw-upload-districts")
                upload_topics = gr.Textbox(label="Themen (kommagetrennt, optional)", elem_id="pw-upload-topics")
            upload_button = gr.Button("Hochladen und einlesen", variant="primary", elem_id="pw-upload")
            pending_replaces = gr.State({})  # file name -> the document it replaces, while the question below is open
            with gr.Group(visible=False, elem_id="pw-replace") as replace_box:
                replace_text = gr.Markdown("", elem_id="pw-replace-question")
                with gr.Row():
                    replace_yes = gr.Button("Ersetzen", variant="primary", size="sm", elem_id="pw-replace-yes")
                    replace_separate = gr.Button("Als eigenes Dokument", size="sm", elem_id="pw-replace-separate")
                    replace_cancel = gr.Button("Abbrechen", size="sm", elem_id="pw-replace-cancel")
            upload_status = gr.Markdown("", elem_id="pw-upload-status")

        add_draft_tabs(services, who, link=lambda doc_id, page, caller: backend.links.url(doc_id, caller.level, page, owner=caller))

        chat_inputs = [question, chatbot, districts, topics, kinds, year_from, year_to, records, conversation]
        chat_outputs = [chatbot, sources, records, question, conversation, conversations, shown, viewer_pick]
        ask.click(respond, chat_inputs, chat_outputs, api_visibility="private", show_progress="minimal")
        question.submit(respond, chat_inputs, chat_outputs, api_visibility="private", show_progress="minimal")
        chatbot.example_select(example_question, None, question, api_visibility="private").then(
            respond, chat_inputs, chat_outputs, api_visibility="private", show_progress="minimal")
        chat_reset = [chatbot, records, conversation, sources, conversations]
        new_chat.click(new_conversation, None, [*chat_reset, manage_status, confirm_delete], api_visibility="private")
        conversations.input(open_conversation, [conversations], [*chat_reset, confirm_delete, shown, viewer_pick], api_visibility="private")
        viewer_pick.input(show_citation, [viewer_pick, shown], viewer, api_visibility="private")
        rename.click(rename_conversation, [conversation, new_title], [manage_status, conversations, new_title], api_visibility="private")
        delete.click(ask_delete, [conversation], [manage_status, confirm_delete], api_visibility="private")
        confirm_delete.click(delete_conversation, [conversation], [manage_status, *chat_reset, confirm_delete], api_visibility="private")
        chatbot.like(on_like, [records], [feedback_status, critique, critique_target], api_visibility="private")
        send_feedback.click(send_critique, [records, critique_target, reasons, comment],
                            [feedback_status, critique, critique_target, reasons, comment], api_visibility="private")
        cancel_feedback.click(cancel_critique, None, [feedback_status, critique, critique_target, reasons, comment],
                              api_visibility="private")
        upload_form = [files, confidentiality, upload_districts, upload_topics, upload_kind, upload_date, upload_title]
        upload_outputs = [upload_status, documents, doc_ids, files, replace_box, replace_text, pending_replaces]
        upload_button.click(upload, upload_form, upload_outputs, api_visibility="private")
        replace_yes.click(upload_replacing, [*upload_form, pending_replaces], upload_outputs, api_visibility="private")
        replace_separate.click(upload_separately, upload_form, upload_outputs, api_visibility="private")
        replace_cancel.click(cancel_upload, None, upload_outputs, api_visibility="private")
        files.change(lambda: no_question, None, [replace_box, replace_text, pending_replaces], api_visibility="private")
        reload_docs.click(refresh, [doc_search, doc_sort], [documents, doc_ids, districts, topics, kinds], api_visibility="private")
        doc_search.input(list_documents, [doc_search, doc_sort], [documents, doc_ids], api_visibility="private", trigger_mode="always_last")
        doc_sort.input(list_documents, [doc_search, doc_sort], [documents, doc_ids], api_visibility="private")
        documents.select(select_document, [doc_ids], [doc_detail, selected_doc, doc_delete, doc_confirm, doc_status],
                         api_visibility="private")
        doc_delete.click(ask_document_delete, [selected_doc], [doc_status, doc_confirm], api_visibility="private")
        doc_confirm.click(delete_document, [selected_doc, doc_search, doc_sort],
                          [doc_status, documents, doc_ids, doc_detail, selected_doc, doc_delete, doc_confirm], api_visibility="private")
        demo.load(init_session, None,
                  [districts, topics, kinds, year_from, year_to, documents, doc_ids, access, conversations, upload_kind],
                  api_visibility="private")
    return demo

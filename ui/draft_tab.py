"""The "Entwurf", "Steckbrief" and "Einstieg" tabs: drafts with sources, fact sheets with chart, the guided start.

Called inside the Blocks of ui/app.py; the caller (their confidentiality level, and whom links are bound to) is resolved
per request by `caller`.
The draft is shown as it will read: running text with superscript footnote numbers, the development chart,
and the footnotes as a numbered list whose entries open the cited document at its page (when `link` is given).
Downloads are written to a per-call temporary folder that Gradio serves and cleans up with its cache.
"""

# No `from __future__ import annotations`: Gradio inspects the real `gr.Request` annotations of the handlers.

import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from assistant.core.errors import PlanwissenError
from assistant.services.callers import Caller
from assistant.services.container import Services
from assistant.services.drafting.render_md import render_markdown
from assistant.services.drafting.types import Draft
from ui.labels import id_label, spellings

INTRO_DRAFT = ("Thema und Zweck eingeben, z. B. „Abschnitt Kinderarmut in Haspe für den Sozialbericht 2025“. "
               "Der Entwurf ist Fließtext: Kennzahlen mit Jahr und städtischem Vergleich, Entwicklung mit Grafik, Rang, "
               "Stimmen aus Befragungen und Konferenzen, Angebote und Partner sowie offene Punkte – jede Aussage mit Fußnote, "
               "die Word-Datei mit echten Fußnoten.")
#: (doc_id, page, caller) → URL of the original file, signed for that caller (e.g. UiBackend.links.url); None: no links.
Link = Callable[[str, int | None, Caller], str]
_MARKER = re.compile(r"\[\^(\d+)\](?!:)")
_KIND_YEAR = re.compile(r"\(([a-z0-9-]+), (\d{4})\)")
_DEFINITION = re.compile(r"^\[\^(\d+)\]:\s*", re.MULTILINE)
INTRO_FACTSHEET = "Stadtbezirk oder Sozialraum eingeben, z. B. „Eilpe/Dahl“ oder „Haspe-Zentrum“."


def _files(services: Services, draft: Draft, stem: str) -> tuple[str, str | None]:
    """DOCX (and chart PNG: the draft's own, else the first section's) in a fresh temporary folder; returns their paths."""
    folder = Path(tempfile.mkdtemp(prefix="planwissen-"))
    docx = folder / f"{stem}.docx"
    docx.write_bytes(services.drafting.docx(draft))
    chart = None
    png = draft.chart_png or next((s.chart_png for s in draft.sections if s.chart_png), None)
    if png:
        chart = folder / f"{stem}.png"
        chart.write_bytes(png)
    return str(docx), str(chart) if chart else None


def for_display(markdown: str, draft: Draft | None = None, link: Link | None = None, caller: Caller | None = None) -> str:
    """Gradio's Markdown has no footnotes: markers become superscript numbers, the sources a numbered list.

    With the draft and a `link`, each footnote opens its document (at the cited page) in the viewer.
    """
    markdown = _MARKER.sub(r"<sup>\1</sup>", markdown).replace("</sup><sup>", "</sup>\u2009<sup>")  # 2 3 4, not 234
    if draft is None or link is None or caller is None:
        return _DEFINITION.sub(r"\1. ", markdown)
    refs = draft.footnotes()

    def linked(match: re.Match) -> str:
        n, text = int(match.group(1)), match.group(2).replace("[", "(").replace("]", ")")
        if not 1 <= n <= len(refs):
            return f"{n}. {text}"
        return f"{n}. [{text}]({link(refs[n - 1].doc_id, refs[n - 1].page, caller)})"

    return re.sub(r"^\[\^(\d+)\]:\s*(.*)$", linked, markdown, flags=re.MULTILINE)


def with_kind_labels(markdown: str, kinds: set[str], known: dict[str, str]) -> str:
    """'(bericht, 2025)' in a reading list -> '(Bericht, 2025)': document kinds as German labels, not ids."""
    return _KIND_YEAR.sub(lambda m: f"({id_label(m.group(1), known)}, {m.group(2)})" if m.group(1) in kinds else m.group(0), markdown)


def _summary(services: Services, draft: Draft) -> str:
    report = services.drafting.verify(draft)
    return f"\n\n---\n*Belegt: {report.verified} von {report.total} Aussagen ({report.share:.0%}).*"


def add_draft_tabs(services: Services, caller_of: Callable[[object], Caller], link: Link | None = None) -> None:
    """Add the three tabs to the current gr.Blocks; `link` (optional) makes the footnotes open their documents."""
    import gradio as gr

    if services.drafting is None:
        return

    def make_draft(request_text: str, place: str, request: gr.Request):
        try:
            caller = caller_of(request)
            draft = services.drafting.draft(request_text, place=place or None, max_confidentiality=caller.level)
        except PlanwissenError as exc:
            gr.Warning(exc.describe("de"))
            return "", None, None
        docx, chart = _files(services, draft, "entwurf")
        return for_display(render_markdown(draft), draft, link, caller) + _summary(services, draft), docx, chart

    def make_factsheet(place: str, request: gr.Request):
        try:
            draft = services.drafting.steckbrief(place, max_confidentiality=caller_of(request).level)
        except PlanwissenError as exc:
            gr.Warning(exc.describe("de"))
            return "", None, None
        docx, chart = _files(services, draft, "steckbrief")
        return for_display(render_markdown(draft)) + _summary(services, draft), chart, docx

    def overview(request: gr.Request):
        return for_display(render_markdown(services.drafting.onboarding(max_confidentiality=caller_of(request).level)))

    def glossary(request: gr.Request):
        return for_display(render_markdown(services.drafting.glossary(max_confidentiality=caller_of(request).level)))

    def reading(topic: str, request: gr.Request):
        try:
            docs = services.documents.list(caller_of(request).level)
            markdown = render_markdown(services.drafting.reading_list(topic, max_confidentiality=caller_of(request).level))
            return for_display(with_kind_labels(markdown, {doc.kind for doc in docs if doc.kind}, spellings(d.title for d in docs)))
        except PlanwissenError as exc:
            gr.Warning(exc.describe("de"))
            return ""

    with gr.Tab("Entwurf", id="entwurf"):
        gr.Markdown(INTRO_DRAFT)
        with gr.Row():
            request_box = gr.Textbox(label="Thema und Zweck", scale=3, elem_id="pw-draft-request")
            place_box = gr.Textbox(label="Stadtbezirk/Sozialraum (optional)", scale=1, elem_id="pw-draft-place")
        draft_button = gr.Button("Entwurf erstellen", variant="primary", elem_id="pw-draft")
        with gr.Row():
            draft_file = gr.File(label="Als Word-Datei (DOCX, mit Fußnoten)", interactive=False, elem_id="pw-draft-file")
            draft_chart = gr.Image(label="Entwicklung", type="filepath", interactive=False, elem_id="pw-draft-chart")
        draft_out = gr.Markdown(elem_id="pw-draft-out")
        draft_button.click(make_draft, [request_box, place_box], [draft_out, draft_file, draft_chart], api_visibility="private")
    with gr.Tab("Steckbrief", id="steckbrief"):
        gr.Markdown(INTRO_FACTSHEET)
        sheet_place = gr.Textbox(label="Stadtbezirk oder Sozialraum", elem_id="pw-sheet-place")
        sheet_button = gr.Button("Steckbrief erstellen", variant="primary", elem_id="pw-sheet")
        with gr.Row():
            sheet_chart = gr.Image(label="Kennzahlen im Zeitverlauf", type="filepath", interactive=False, elem_id="pw-sheet-chart")
            sheet_file = gr.File(label="Als Word-Datei (DOCX)", interactive=False, elem_id="pw-sheet-file")
        sheet_out = gr.Markdown(elem_id="pw-sheet-out")
        sheet_button.click(make_factsheet, [sheet_place], [sheet_out, sheet_chart, sheet_file], api_visibility="private")
    with gr.Tab("Einstieg", id="einstieg"):
        gr.Markdown("Für neue Kolleginnen und Kollegen: Überblick über die Sozialplanung, Glossar und was man zuerst lesen sollte.")
        with gr.Row():
            overview_button = gr.Button("Überblick", variant="primary")
            glossary_button = gr.Button("Glossar")
        with gr.Row():
            topic_box = gr.Textbox(label="Was sollte ich zuerst lesen über …", scale=3)
            topic_button = gr.Button("Leseliste", scale=1)
        onboarding_out = gr.Markdown(elem_id="pw-onboarding-out")
        overview_button.click(overview, None, onboarding_out, api_visibility="private")
        glossary_button.click(glossary, None, onboarding_out, api_visibility="private")
        topic_button.click(reading, [topic_box], onboarding_out, api_visibility="private")

"""`planwissen draft`, `steckbrief` and `einstieg`: build a draft, write it as Markdown or DOCX, report its check."""

from __future__ import annotations

from pathlib import Path

from assistant.core.errors import InvalidInputError
from assistant.services.drafting.render_md import render_markdown
from assistant.services.drafting.types import Draft

SUFFIXES = (".md", ".docx")


def export(services, draft: Draft, out: Path | None) -> str:
    """Write the draft (format by suffix; a chart goes beside a Markdown file as PNG); returns what was written."""
    if out is None:
        return render_markdown(draft)
    out = Path(out)
    if out.suffix.lower() not in SUFFIXES:
        raise InvalidInputError(str(out), message_de="Ausgabe bitte als .md oder .docx", message_en="Output must be .md or .docx")
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".docx":
        out.write_bytes(services.drafting.docx(draft))
        return f"Geschrieben: {out}"
    chart = None
    if draft.chart_png:
        chart_path = out.with_suffix(".png")
        chart_path.write_bytes(draft.chart_png)
        chart = chart_path.name
    section_charts = {}
    for index, section in enumerate(draft.sections):
        if section.chart_png:
            path = out.with_name(f"{out.stem}-{index + 1}.png")
            path.write_bytes(section.chart_png)
            section_charts[index] = path.name
    out.write_text(render_markdown(draft, chart_path=chart, section_charts=section_charts), encoding="utf-8")
    return f"Geschrieben: {out}" + (f" (Diagramm: {chart})" if chart else "")


def check_line(services, draft: Draft) -> str:
    """'Belegt: 58 von 58 Aussagen (100 %)' – the verifier's result in one line."""
    report = services.drafting.verify(draft)
    return f"Belegt: {report.verified} von {report.total} Aussagen ({report.share:.0%}) – Zahlen und Namen in der zitierten Quelle gefunden"


def draft_command(services, request: str, *, place: str | None, out: Path | None, level: str, prose: bool) -> list[str]:
    draft = services.drafting.draft(request, place=place, max_confidentiality=level, prose=prose)
    return [export(services, draft, out), check_line(services, draft)]


def steckbrief_command(services, place: str, *, out: Path | None, level: str) -> list[str]:
    draft = services.drafting.steckbrief(place, max_confidentiality=level)
    return [export(services, draft, out), check_line(services, draft)]


def einstieg_command(services, topic: str | None, *, glossary: bool, out: Path | None, level: str) -> list[str]:
    """Overview of the department; with a topic the reading list for it; with --glossar the glossary."""
    if glossary:
        draft = services.drafting.glossary(max_confidentiality=level)
    elif topic:
        draft = services.drafting.reading_list(topic, max_confidentiality=level)
    else:
        draft = services.drafting.onboarding(max_confidentiality=level)
    return [export(services, draft, out), check_line(services, draft)]

"""Markdown rendering of drafts: statements as list items or running sentences with footnotes [^n], sources at the end."""

from __future__ import annotations

from assistant.services.drafting.types import Draft, SourceRef, Statement


def footnote_text(ref: SourceRef) -> str:
    """'Sozialraumprofil Haspe 2024, S. 4 (2024-11-15)' – document, place in it, date."""
    where = f", {ref.location}" if ref.location else ""
    when = f" ({ref.date})" if ref.date else ""
    return f"{ref.title}{where}{when}"


def source_list(draft: Draft) -> list[str]:
    """The cited documents, one line each ('Sozialraumprofil Haspe 2024 (2024-11-15)'), sorted by title."""
    docs: dict[str, SourceRef] = {}
    for ref in draft.footnotes():
        docs.setdefault(ref.doc_id, ref)
    return sorted(f"{ref.title}{f' ({ref.date})' if ref.date else ''}" for ref in docs.values())


def _marks(statement: Statement, numbers: dict[tuple, int]) -> str:
    return "".join(f"[^{n}]" for n in dict.fromkeys(numbers[r.key] for r in statement.sources))


def render_markdown(draft: Draft, chart_path: str | None = None, section_charts: dict[int, str] | None = None) -> str:
    """The whole draft; the prose (if a model wrote it) replaces the statement lists, footnotes stay the same."""
    footnotes = draft.footnotes()
    numbers = {ref.key: i for i, ref in enumerate(footnotes, 1)}
    out = [f"# {draft.title}", ""]
    if draft.subtitle:
        out += [f"*{draft.subtitle}*", ""]
    for note in draft.notes:
        out += [f"> Hinweis: {note}", ""]
    if draft.table:
        out += _table(draft, numbers)
    if chart_path:
        out += [f"![{draft.chart_caption}]({chart_path})", ""]
    if draft.prose:
        import re

        out += [re.sub(r"\[(\d+)\]", r"[^\1]", draft.prose), ""]
    else:
        for index, section in enumerate(draft.sections):
            out += [f"## {section.title}", ""]
            if section.intro:
                out += [section.intro, ""]
            items = [f"{f'**{s.label}:** ' if s.label else ''}{s.text}{_marks(s, numbers)}" for s in section.statements]
            if section.layout == "prose" and items:
                out += [" ".join(items), ""]
            elif items:
                out += [*(f"- {item}" for item in items), ""]
            if section_charts and index in section_charts:
                out += [f"![{section.chart_caption}]({section_charts[index]})", ""]
    if footnotes:
        out += ["## Quellen", ""]
        out += [f"[^{i}]: {footnote_text(ref)}" for i, ref in enumerate(footnotes, 1)]
        out.append("")
    return "\n".join(out)


def _table(draft: Draft, numbers: dict[tuple, int]) -> list[str]:
    table = draft.table
    assert table is not None
    head = "| Kennzahl | " + " | ".join(str(y) for y in table.years) + " | Quelle |"
    lines = [f"## Kennzahlen {table.place}", "", head, "|" + "---|" * (len(table.years) + 2)]
    for label, cells in table.rows:
        refs = sorted({numbers[f.source.key] for f in cells.values()})
        values = " | ".join(cells[y].value if y in cells else "–" for y in table.years)
        lines.append(f"| {label} | {values} | {''.join(f'[^{n}]' for n in refs)} |")
    return [*lines, ""]

"""The sources panel: each citation with title, place, the quoted passage marked in its context, viewer link and original."""

from __future__ import annotations

import html
from collections.abc import Callable

from assistant.core.types import Answer, Citation
from ui.labels import place_label
from ui.texts import NO_SOURCES

LinkFor = Callable[[Citation], str]

_CONTEXT_CHARS = 600


def _context_with_mark(citation: Citation, answer: Answer) -> str:
    """The passage around the quote (from the retrieved chunk), with the quote marked; just the quote when the chunk is unknown."""
    quote = citation.quote.strip()
    context = next((p.chunk.text for p in answer.passages if p.chunk.chunk_id == citation.chunk_id and citation.chunk_id), "")
    start = context.find(quote) if quote else -1
    if start < 0:
        return f"<mark>{html.escape(quote)}</mark>"
    end = start + len(quote)
    left = max(0, start - (_CONTEXT_CHARS - len(quote)) // 2)
    right = min(len(context), end + (_CONTEXT_CHARS - len(quote)) // 2)
    before = ("… " if left else "") + html.escape(context[left:start])
    after = html.escape(context[end:right]) + (" …" if right < len(context) else "")
    return f"{before}<mark>{html.escape(quote)}</mark>{after}"


def open_label(citation: Citation) -> str:
    if citation.page is not None:
        return f"Original öffnen (S. {citation.page})"
    if citation.row is not None:
        return f"Original öffnen (Zeile {citation.row})"
    return "Original öffnen"


def sources_html(answer: Answer, link_for: LinkFor) -> str:
    """HTML for the sources panel (every text escaped)."""
    if not answer.citations:
        return NO_SOURCES
    items = []
    for c in answer.citations:
        meta = " · ".join(part for part in (place_label(c), c.date) if part)
        items.append(
            f"<div class='pw-source' id='quelle-{c.number}'>"
            f"<div class='pw-source-head'>[{c.number}] {html.escape(c.title)}</div>"
            f"<div class='pw-source-meta'>{html.escape(meta)}</div>"
            f"<blockquote>{_context_with_mark(c, answer)}</blockquote>"
            f"<a class='pw-view' href='#ansehen-{c.number}'>Fundstelle ansehen</a> · "
            f"<a class='pw-open' href='{html.escape(link_for(c), quote=True)}' target='_blank' rel='noopener'>{open_label(c)}</a>"
            "</div>"
        )
    return "<div class='pw-sources'>" + "".join(items) + "</div>"

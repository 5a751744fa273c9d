"""HTML for the viewer in the app: the cited table row with its headers, or the document with the passage marked.

Everything from the document is escaped; the cited row or passage carries id 'pw-cited' so the page script can
scroll to it. The original file stays one (secondary) link away: "Original herunterladen".
"""

from __future__ import annotations

import html

from assistant.services.viewer import TableView, TextView

EMPTY = "<p class='pw-empty'>Klicken Sie in einer Antwort auf eine Quellennummer wie [1], um die Fundstelle hier zu sehen.</p>"


def _mark(text: str, quote: str) -> str:
    """The text escaped, with the quote marked where it occurs verbatim."""
    quote = (quote or "").strip()
    start = text.find(quote) if quote else -1
    if start < 0:
        return html.escape(text)
    end = start + len(quote)
    return f"{html.escape(text[:start])}<mark>{html.escape(text[start:end])}</mark>{html.escape(text[end:])}"


def _download(url: str) -> str:
    return (f"<p class='pw-viewer-actions'><a class='pw-download' href='{html.escape(url, quote=True)}' target='_blank' rel='noopener' "
            "download>Original herunterladen</a></p>")


def table_html(view: TableView, url: str) -> str:
    if not view.rows:
        return "<p class='pw-empty'>Die Tabellenzeile wurde in der Datei nicht gefunden.</p>" + _download(url)
    sheet = f" · Blatt „{html.escape(view.sheet)}“" if view.sheet else ""
    head = "".join(f"<th scope='col'>{html.escape(c)}</th>" for c in view.columns)
    body = []
    for number, cells in view.rows:
        cited = number == view.cited_row
        attrs = " id='pw-cited' class='pw-cited' aria-current='true'" if cited else ""
        tds = "".join(f"<td>{html.escape(c)}</td>" for c in cells)
        body.append(f"<tr{attrs}><th scope='row'>{number}</th>{tds}</tr>")
    caption = f"{html.escape(view.title)}{sheet} – Zeile {view.cited_row} (wie in der Tabellenkalkulation)"
    return (f"<div class='pw-viewer'><div class='pw-table-wrap'><table class='pw-table'><caption>{caption}</caption>"
            f"<thead><tr><th scope='col'>Zeile</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
            f"{_download(url)}</div>")


def text_html(view: TextView, url: str, quote: str) -> str:
    where = f" – Seite {view.page}" + (f" von {view.pages}" if view.pages else "") if view.page else ""
    parts = [f"<div class='pw-viewer'><p class='pw-viewer-title'><strong>{html.escape(view.title)}</strong>{where}</p>",
             "<div class='pw-doc'>"]
    if view.cited is None and quote:
        parts.append("<p class='pw-empty'>Die zitierte Stelle wurde nicht wörtlich gefunden; gezeigt wird der Text.</p>")
    in_list = False
    for i, (kind, level, text) in enumerate(view.blocks):
        cited = i == view.cited
        body = _mark(text, quote) if cited else html.escape(text)
        attrs = " id='pw-cited' class='pw-cited'" if cited else ""
        if kind == "list_item" and not in_list:
            parts.append("<ul>")
            in_list = True
        elif kind != "list_item" and in_list:
            parts.append("</ul>")
            in_list = False
        if kind == "heading":
            tag = f"h{min(6, max(3, level + 2))}"
            parts.append(f"<{tag}{attrs}>{body}</{tag}>")
        elif kind == "list_item":
            parts.append(f"<li{attrs}>{body}</li>")
        else:
            parts.append(f"<p{attrs}>{body}</p>")
    if in_list:
        parts.append("</ul>")
    parts.append(f"</div>{_download(url)}</div>")
    return "".join(parts)


def viewer_html(view: TableView | TextView, url: str, quote: str) -> str:
    return table_html(view, url) if isinstance(view, TableView) else text_html(view, url, quote)

"""The viewer's HTML: cited row marked with its spreadsheet number, passage marked, everything escaped, download link."""

from __future__ import annotations

from assistant.services.viewer import TableView, TextView
from ui.viewer import viewer_html


def test_table_marks_the_cited_row_with_headers():
    view = TableView(title="Liste <A>", sheet="Blatt 1", columns=["Name", "Wert"], rows=[(4, ["A", "1"]), (5, ["B<b>", "2"])],
                     cited_row=5, data_row=2)
    out = viewer_html(view, "/api/v1/documents/x/file", "")
    assert "<tr id='pw-cited' class='pw-cited' aria-current='true'><th scope='row'>5</th><td>B&lt;b&gt;</td>" in out
    assert "<th scope='col'>Name</th>" in out and "Zeile 5" in out and "Liste &lt;A&gt;" in out and "Blatt 1" in out
    assert "Original herunterladen" in out and "href='/api/v1/documents/x/file'" in out


def test_text_marks_the_quote_inside_its_block():
    view = TextView(title="T", blocks=[("heading", 1, "Kapitel"), ("paragraph", 0, "Vorher. Das Zitat & mehr. Nachher.")], cited=1,
                    page=3, pages=9)
    out = viewer_html(view, "/f", "Das Zitat & mehr.")
    assert "<p id='pw-cited' class='pw-cited'>Vorher. <mark>Das Zitat &amp; mehr.</mark> Nachher.</p>" in out
    assert "<h3>Kapitel</h3>" in out and "Seite 3 von 9" in out

"""The drafting tabs' text helpers: kinds in reading lists as German labels."""

from __future__ import annotations

from ui.draft_tab import with_kind_labels


def test_reading_list_kinds_become_labels_only_for_known_kinds():
    markdown = "1. Sozialbericht Hagen (bericht, 2025)\n2. Qualität (qualitaetsbericht, 2024)\n3. Zitat (siehe, 2020)"
    out = with_kind_labels(markdown, {"bericht", "qualitaetsbericht"}, {"qualitaetsbericht": "Qualitätsbericht"})
    assert out == "1. Sozialbericht Hagen (Bericht, 2025)\n2. Qualität (Qualitätsbericht, 2024)\n3. Zitat (siehe, 2020)"

"""Gradio's English remnants: the page script pins the German locale and relabels copy buttons and message labels."""

from __future__ import annotations

from ui.german import PREFIXES, WORDS, head_script


def test_head_script_carries_every_translation_and_pins_german():
    script = head_script()
    assert script.startswith("<script>") and script.endswith("</script>")
    assert '"de-DE"' in script and "Navigator.prototype" in script
    for english in ("Copy conversation", "Copy message", "Error", "Warning", "Like", "Dislike"):
        assert english in WORDS and f'"{WORDS[english]}"' in script
    assert PREFIXES["user's message: "] == "Ihre Frage: " and "Antwort von planwissen: " in script
    assert "__WORDS__" not in script and "__PREFIXES__" not in script

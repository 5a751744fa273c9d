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


def test_page_scripts_are_valid_javascript(tmp_path):
    """A syntax error in a head script silently disables it in the browser; node checks both when it is installed."""
    import shutil
    import subprocess

    import pytest

    from ui.chat_script import chat_script

    node = shutil.which("node") or shutil.which("nodejs")
    if not node:
        pytest.skip("node not installed")
    for name, html in (("german", head_script()), ("chat", chat_script())):
        path = tmp_path / f"{name}.js"
        path.write_text(html.removeprefix("<script>").removesuffix("</script>"), encoding="utf-8")
        result = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, result.stderr

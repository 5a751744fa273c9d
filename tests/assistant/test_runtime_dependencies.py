"""The product runs without llama-index: only the eval baseline (the `[eval]` extra) needs it."""

from __future__ import annotations

import subprocess
import sys

PRODUCT_MODULES = [
    "assistant.bootstrap",
    "assistant.api.app",
    "assistant.adapters.openai_chat",
    "assistant.services.answering",
    "assistant.cli.main",
    "ui.app",
    "ingest.pipeline",
]


def test_product_modules_do_not_import_llama_index():
    code = "import sys\n" + "".join(f"import {name}\n" for name in PRODUCT_MODULES) + "print('llama_index' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"

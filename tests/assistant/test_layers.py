"""The layers keep one direction: the core imports nothing of ours, only one module imports chromadb, and the API and
the UI (edges) reach adapters only through the services that bootstrap.py builds, never each other."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(folder: str) -> dict[str, set[str]]:
    return {str(p.relative_to(ROOT)): _imports(p) for p in (ROOT / folder).rglob("*.py")}


def _ours(name: str) -> bool:
    return name.split(".")[0] in {"assistant", "ingest", "ui", "eval", "bench"}


def test_the_core_imports_nothing_of_ours_but_the_core():
    modules = _modules("assistant/core")
    wrong = {f: sorted(n for n in names if _ours(n) and not n.startswith("assistant.core")) for f, names in modules.items()}
    assert not {f: n for f, n in wrong.items() if n}


def test_only_the_chroma_adapter_imports_chromadb():
    users = [f for folder in ("assistant", "ingest", "ui", "eval") for f, names in _modules(folder).items()
             if any(n == "chromadb" or n.startswith("chromadb.") for n in names)]
    assert users == ["assistant/adapters/chroma_store.py"]


def test_the_edges_use_services_not_adapters_and_not_each_other():
    forbidden = {"assistant/api": ("assistant.adapters", "ui", "assistant.cli"),
                 "ui": ("assistant.adapters", "assistant.api", "assistant.cli")}
    wrong = {f: sorted(n for n in names if n.startswith(prefixes)) for folder, prefixes in forbidden.items()
             for f, names in _modules(folder).items()}
    assert not {f: n for f, n in wrong.items() if n}

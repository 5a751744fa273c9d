"""Data-driven documents generated from src/data/ (no hand-written Markdown)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..data import Corpusdata
from ..model import Document


@dataclass
class Direct:
    """A document written directly by a function (CSV, XLSX) instead of the engine."""

    meta: dict
    write: Callable  # write(path) -> page count or None; must be picklable


def generated(data: Corpusdata) -> list[Document | Direct]:
    """All generated documents, in no particular order."""
    from . import altenplanung, inventar, profile, sozialbericht, steckbriefe, verzeichnisse

    out: list[Document | Direct] = []
    out += inventar.documents(data)
    out += profile.documents(data)
    out += sozialbericht.documents(data)
    out += verzeichnisse.documents(data)
    out += steckbriefe.documents(data)
    out += altenplanung.documents(data)
    return out

"""Readiness: can every store a question needs answer right now? Names the first one that cannot, and why.

Why more than "Chroma answers": after a failed write (disk full) the vector store may answer while the lexical index
or the fact store cannot, and a /ready that says ready then sends traffic to a server whose questions fail.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.core.errors import PlanwissenError, StoreUnavailableError
from assistant.services.container import Services


def _store_name_error(name: str, reason: str) -> StoreUnavailableError:
    return StoreUnavailableError(f"{name}: {reason}", message_de="Ein Speicher kann gerade nicht antworten",
                                 message_en="A store cannot answer right now")


def _probe(name: str, probe: Callable[[], object]) -> None:
    try:
        probe()
    except PlanwissenError as exc:
        raise _store_name_error(name, exc.describe("de")) from exc
    except Exception as exc:  # any failure of a store means: not ready
        raise _store_name_error(name, type(exc).__name__) from exc


def check_ready(services: Services) -> None:
    """Raise StoreUnavailableError ("<store>: <why>") unless vector store, lexical index and fact store can answer."""
    _probe("Vektorspeicher", services.store.count)
    problem = getattr(services.retrieval, "lexical_problem", None)
    if callable(problem):
        reason = None
        try:
            reason = problem()
        except Exception as exc:
            reason = exc.describe("de") if isinstance(exc, PlanwissenError) else type(exc).__name__
        if reason:
            raise _store_name_error("Stichwortindex", reason)
    if services.facts is not None:
        _probe("Kennzahlen-Speicher", services.facts.doc_versions)

"""Checks that every gold source of the eval set points at a real place of the ingested index.

eval/build_dataset.py locates gold pages, sections and rows in the documents as the loaders read them; this
check confirms the chunks in the index carry the same places (a chunker or loader change that renumbers
rows or pages would otherwise silently turn correct answers into misses).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from eval.dataset import EvalCase
from eval.metrics import source_matches
from eval.records import Located
from eval.systems import chunk_located


def unresolved_sources(cases: Sequence[EvalCase], chunks: Iterable) -> list[str]:
    """'case: source' for every gold source no chunk of the index matches (`chunks`: Chunk objects)."""
    by_doc: dict[str, list[Located]] = {}
    for chunk in chunks:
        by_doc.setdefault(chunk.doc_id, []).append(chunk_located(chunk))
    problems = []
    for case in cases:
        for gold in case.sources:
            if not any(source_matches(p, gold) for p in by_doc.get(gold.doc, ())):
                where = {"Seiten": sorted(gold.pages), "Zeilen": sorted(gold.rows), "Abschnitt": gold.section}
                detail = ", ".join(f"{k} {v}" for k, v in where.items() if v)
                problems.append(f"{case.id}: {gold.doc} ({detail or 'ganzes Dokument'})")
    return problems


def unresolved_in_store(cases: Sequence[EvalCase], store) -> list[str]:
    """The same against a VectorStore (reads every chunk once)."""
    return unresolved_sources(cases, (stored.chunk for stored in store.iter_chunks()))

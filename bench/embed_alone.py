"""Time the embedder alone on every unique chunk text of an ingested index (issue 3: ingest ≤ 1.25 × embedder alone).

`planwissen bench --abschnitt ingest` uses a 200-chunk sample to stay short; this measures the whole index:

    python -m bench.embed_alone DATA_DIR        # DATA_DIR: a data directory that `planwissen ingest` filled
"""

from __future__ import annotations

import sys
from pathlib import Path


def embed_alone_seconds(data_dir: Path) -> tuple[int, float]:
    """(number of unique chunk texts, seconds the embedder needs for them in the ingest batch size)."""
    from assistant.bootstrap import build_embedder, build_services, configure_runtime
    from assistant.core.settings import load_settings
    from bench.tasks import _embed_alone

    settings = load_settings(None, data_dir=data_dir)
    configure_runtime(settings)
    embedder = build_embedder(settings)
    services = build_services(settings, embedder=embedder)
    texts = list(dict.fromkeys(stored.chunk.text for stored in services.store.iter_chunks()))
    timing = _embed_alone(embedder, texts, settings.embedder.batch_size, sample=0)  # sample=0: every text, no extrapolation
    return len(texts), timing["embed_alone_s"]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    count, seconds = embed_alone_seconds(Path(argv[0]))
    print(f"Embedder allein: {seconds:.1f} s für {count} eindeutige Passagen ({count / seconds:.1f} Passagen/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

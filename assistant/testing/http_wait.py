"""Waiting for a server process of a test to answer over HTTP on 127.0.0.1."""

from __future__ import annotations

import subprocess
import time

import httpx


def wait_for_url(url: str, process: subprocess.Popen | None, timeout_s: float, what: str) -> None:
    """Until GET `url` answers 200; RuntimeError when `process` ends first or the time is up."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} ended with {process.returncode}")
        try:
            if httpx.get(url, timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} at {url} not ready after {timeout_s:.0f} s")

"""A real `chroma run` server on 127.0.0.1 for tests (contract tests of the server mode, the scale-out test).

Started from the chroma CLI beside this Python interpreter, on a free port, and stopped by its own PID afterwards."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from assistant.testing.http_wait import wait_for_url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def chroma_cli() -> Path | None:
    """The chroma CLI of this environment, or None (the caller skips)."""
    chroma = Path(sys.executable).parent / "chroma"
    return chroma if chroma.exists() else None


def wait_for_heartbeat(url: str, process: subprocess.Popen | None, timeout_s: float = 30.0) -> None:
    wait_for_url(f"{url}/api/v2/heartbeat", process, timeout_s, "chroma run")


@contextmanager
def running_chroma_server(folder: Path) -> Iterator[int]:
    """Run a Chroma server storing under `folder`; yields its port on 127.0.0.1."""
    chroma = chroma_cli()
    if chroma is None:
        raise RuntimeError("chroma CLI not found beside the Python interpreter")
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    try:
        wait_for_heartbeat(f"http://127.0.0.1:{port}", process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()

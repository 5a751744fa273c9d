"""Run benchmark tasks in child processes; start and stop servers; measure their memory."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from assistant.core.settings import PROJECT_ROOT
from bench.stats import proc_memory_mb

_MARK = "@@RESULT@@"


def child_env(extra: dict | None = None) -> dict:
    """The environment of every child: offline switches, the embedder's thread count, the project on the path."""
    env = dict(os.environ)
    env.update(
        {
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "ORT_DISABLE_TELEMETRY": "1",
            "ANONYMIZED_TELEMETRY": "False",
            "PYTHONPATH": str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        }
    )
    env.update(extra or {})
    return env


def run_task(task: str, params: dict, timeout: float = 7200) -> dict:
    """Run bench.tasks.<task>(**params) in a fresh interpreter and return its JSON result (raises on failure)."""
    proc = subprocess.run(
        [sys.executable, "-m", "bench.child", task, json.dumps(params)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=child_env(),
        cwd=PROJECT_ROOT,
    )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(_MARK):
            return json.loads(line[len(_MARK) :])
    raise RuntimeError(f"Benchmark-Aufgabe {task} fehlgeschlagen (Exit {proc.returncode}):\n{proc.stderr[-3000:]}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_http(url: str, timeout: float = 60.0, proc: subprocess.Popen | None = None) -> float:
    """Seconds until `url` answers (any HTTP status); raises when the process dies or time runs out."""
    import httpx

    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"Server beendet (Exit {proc.returncode}) bevor {url} antwortete")
        try:
            httpx.get(url, timeout=1.0)
            return time.perf_counter() - started
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} antwortet nicht nach {timeout:.0f} s")


class Server:
    """A server child process on 127.0.0.1 (Chroma, planwissen, baseline) with its memory readable from /proc."""

    def __init__(self, argv: list[str], ready_url: str, env: dict | None = None, log_path: Path | None = None):
        self.argv = argv
        self.ready_url = ready_url
        self.env = child_env(env)
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self.ready_s: float | None = None

    def __enter__(self) -> Server:
        log = open(self.log_path, "wb") if self.log_path else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(self.argv, stdout=log, stderr=subprocess.STDOUT, env=self.env, cwd=PROJECT_ROOT)
        try:
            self.ready_s = wait_for_http(self.ready_url, proc=self.proc, timeout=120)
        except Exception:
            self.stop()
            raise
        return self

    def memory(self) -> dict:
        return proc_memory_mb(self.proc.pid) if self.proc else {}

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __exit__(self, *exc) -> None:
        self.stop()


def chroma_server(path: Path, port: int, log_path: Path | None = None) -> Server:
    """`chroma run` on 127.0.0.1 (the CLI installed with chromadb in this virtualenv)."""
    chroma = Path(sys.executable).parent / "chroma"
    return Server(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        f"http://127.0.0.1:{port}/api/v2/heartbeat",
        log_path=log_path,
    )

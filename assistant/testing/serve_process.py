"""Real `planwissen serve` processes on 127.0.0.1 for tests over process boundaries (restart after a kill, scale-out).

Each is started with an environment of its own (no PLANWISSEN_* of the caller leaks in) and stopped by its own PID."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from assistant.testing.http_wait import wait_for_url

ROOT = Path(__file__).resolve().parents[2]
PLANWISSEN = [sys.executable, "-c", "from assistant.cli.main import run; run()"]


def serve_env(data: Path, **settings: str) -> dict[str, str]:
    """A quiet, single-threaded environment on `data`; `settings` are more PLANWISSEN_* variables (name without prefix)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANWISSEN_")}
    env.update({"PLANWISSEN_DATA_DIR": str(data), "PLANWISSEN_EMBEDDER__THREADS": "1", "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1",
                "PLANWISSEN_LOG_LEVEL": "WARNING", "PLANWISSEN_DATA_DIR_MIN_FREE_MB": "0",
                "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])})
    env.update({f"PLANWISSEN_{name}": value for name, value in settings.items()})
    return env


def start_serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    """Start `planwissen serve --no-ui` on 127.0.0.1:`port` (stderr to `log`); does not wait."""
    return subprocess.Popen([*PLANWISSEN, "serve", "--no-ui", "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=log.open("ab"))


def wait_healthy(process: subprocess.Popen, port: int, log: Path, timeout_s: float = 180) -> None:
    """Until /api/v1/health answers; raises with the log's end when the process ends, stops it when the time is up."""
    try:
        wait_for_url(f"http://127.0.0.1:{port}/api/v1/health", process, timeout_s, "serve")
    except RuntimeError as exc:
        stop_serve(process)
        raise RuntimeError(f"{exc}: {log.read_text()[-2000:]}") from None


def stop_serve(process: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL after 30 s: only this process, by its PID."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)

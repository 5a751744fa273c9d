"""The CLI edge: an unusable data directory is one German line and exit code 2, never a traceback.

Before: a data directory that could not be created or written (read-only mount, a file in the way) printed a
Python traceback of ~60 lines.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _planwissen(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PLANWISSEN_")}
    environment.update({"PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "COLUMNS": "200", **env})
    return subprocess.run([sys.executable, "-c", "from assistant.cli.main import run; run()", *args], cwd=tmp_path, env=environment,
                          capture_output=True, text=True, timeout=120)


def test_a_data_dir_that_cannot_be_created_is_one_german_line(tmp_path):
    blocker = tmp_path / "keine-ordner"
    blocker.write_text("eine Datei, kein Ordner")
    done = _planwissen(tmp_path, "docs", "list", PLANWISSEN_DATA_DIR=str(blocker / "data"))
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "Datenordner ist nicht beschreibbar" in done.stderr and "data_dir_not_writable" in done.stderr
    assert len(done.stderr.strip().splitlines()) <= 3


def test_a_nearly_full_data_dir_is_refused_with_the_free_space(tmp_path):
    done = _planwissen(tmp_path, "docs", "list", PLANWISSEN_DATA_DIR=str(tmp_path / "data"), PLANWISSEN_DATA_DIR_MIN_FREE_MB=str(10**12))
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "Zu wenig Speicherplatz im Datenordner" in done.stderr and "MB frei" in done.stderr

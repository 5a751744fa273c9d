"""`planwissen audit` lists and verifies the audit log, `planwissen cleanup` reports in German what it deleted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant.adapters.jsonl_audit import JsonlAuditLog
from assistant.cli.audit_cmd import parse_since
from assistant.core.audit import AuditEntry
from assistant.core.errors import InvalidInputError

ROOT = Path(__file__).resolve().parents[3]


def _planwissen(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PLANWISSEN_")}
    environment.update({"PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1", "COLUMNS": "200", "PLANWISSEN_DATA_DIR": str(data_dir)})
    return subprocess.run([sys.executable, "-c", "from assistant.cli.main import run; run()", *args], cwd=data_dir.parent,
                          env=environment, capture_output=True, text=True, timeout=120)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    data = tmp_path / "data"
    log = JsonlAuditLog.in_data_dir(data)
    now = datetime.now(UTC)
    log.append(AuditEntry(action="ask", user="staff", time=(now - timedelta(days=10)).isoformat(), detail={"question_chars": 12}))
    log.append(AuditEntry(action="download", user="partner", doc_ids=("planungskonzept-2023",), outcome="200"))
    log.append(AuditEntry(action="ask", user="staff", doc_ids=("sozialbericht-2024",)))
    return data


def test_lists_and_filters_entries(data_dir):
    everything = _planwissen(data_dir, "audit")
    assert everything.returncode == 0, everything.stderr
    assert "3 Einträge." in everything.stdout and "planungskonzept-2023" in everything.stdout
    filtered = _planwissen(data_dir, "audit", "--user", "staff", "--action", "ask", "--since", "2d")
    assert "1 Eintrag." in filtered.stdout and "sozialbericht-2024" in filtered.stdout and "partner" not in filtered.stdout


def test_verify_passes_then_finds_the_changed_line(data_dir):
    ok = _planwissen(data_dir, "audit", "--verify")
    assert ok.returncode == 0 and "unverändert" in ok.stdout
    path = data_dir / "audit" / "audit.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[1])
    record["user"] = "niemand"
    lines[1] = json.dumps(record)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    broken = _planwissen(data_dir, "audit", "--verify")
    assert broken.returncode == 1 and "Zeile 2:" in broken.stderr and "VERÄNDERT" in broken.stderr


def test_cleanup_reports_in_german_and_is_audited(data_dir):
    done = _planwissen(data_dir, "cleanup")
    assert done.returncode == 0, done.stderr
    assert "Bereinigung abgeschlossen" in done.stdout and "Rückmeldungen gelöscht: 0" in done.stdout
    assert JsonlAuditLog.in_data_dir(data_dir).entries(action="cleanup")[-1].user == "lokal"


def test_since_accepts_dates_and_durations():
    now = datetime(2026, 3, 10, tzinfo=UTC)
    assert parse_since("7d", now) == now - timedelta(days=7) and parse_since("2026-03-01") == datetime(2026, 3, 1, tzinfo=UTC)
    with pytest.raises(InvalidInputError):
        parse_since("letzte Woche")

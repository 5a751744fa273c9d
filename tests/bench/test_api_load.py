"""bench/api_load.py: bounded, counts requests and errors, reports p50/p95, refuses non-local targets."""

from __future__ import annotations

import asyncio
import importlib.util
import time

import pytest

from assistant.api.app import create_app
from assistant.core.settings import PROJECT_ROOT, RateLimitSettings, Settings
from assistant.testing.front_services import build_front_services
from assistant.testing.live_server import live_server

spec = importlib.util.spec_from_file_location("api_load", PROJECT_ROOT / "bench" / "api_load.py")
api_load = importlib.util.module_from_spec(spec)
spec.loader.exec_module(api_load)


@pytest.mark.timeout(60)
def test_load_run_against_a_live_server(tmp_path):
    # a load run measures the server, not the per-user rate limits (which would answer 429 after 30 questions)
    off = RateLimitSettings(ask_per_minute=0, search_per_minute=0, upload_per_minute=0)
    services = build_front_services(Settings(data_dir=tmp_path, rate_limits=off))
    with live_server(create_app(services, bind_host="127.0.0.1", eval_dirs=[])) as url:
        started = time.monotonic()
        result = asyncio.run(api_load.run_load(url, clients=3, seconds=1.0))
        elapsed = time.monotonic() - started
        errors = asyncio.run(api_load.run_load(url, clients=2, seconds=0.5, path="/api/v1/nix"))
    assert elapsed < 5
    assert result["errors"] == 0 and result["requests"] == result["ok"] > 3
    assert 0 < result["p50_ms"] <= result["p95_ms"]
    assert errors["ok"] == 0 and errors["error_kinds"] == {"HTTP 404": errors["requests"]}


@pytest.mark.timeout(90)
def test_load_run_with_an_upload_reports_p95_during_and_without_it(tmp_path):
    off = RateLimitSettings(ask_per_minute=0, search_per_minute=0, upload_per_minute=0)
    services = build_front_services(Settings(data_dir=tmp_path / "data", rate_limits=off))
    upload = tmp_path / "bericht.md"
    upload.write_text("# Lastbericht\n\nDie Stadtteilkonferenz Vorhalle tagt im Lasttest jeden Dienstag.\n", encoding="utf-8")
    with live_server(create_app(services, bind_host="127.0.0.1", eval_dirs=[])) as url:
        result = asyncio.run(api_load.run_load(url, clients=2, seconds=1.5, upload=upload))
    assert result["upload_state"] == "done" and result["errors"] == 0, result
    assert result["upload_s"] > 0 and result["p95_without_upload_ms"] > 0
    assert result["during_upload"] == 0 or result["p95_during_upload_ms"] > 0


def test_percentile():
    assert api_load.percentile([], 50) is None
    assert api_load.percentile([5, 1, 3], 50) == 3
    assert api_load.percentile(list(range(1, 101)), 95) == 95


def test_only_local_targets():
    with pytest.raises(SystemExit):
        api_load.main(["--url", "http://example.org:8765", "--seconds", "1"])

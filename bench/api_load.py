"""Bounded load on a running planwissen server: N concurrent clients for T seconds against /api/v1/ask (or another route).

    .venv/bin/planwissen serve &                                   # 127.0.0.1:8765
    .venv/bin/python bench/api_load.py --clients 10 --seconds 30    # prints requests, errors, p50/p95
    .venv/bin/python bench/api_load.py --clients 20 --seconds 30 --upload bericht.md   # p95 during an upload, too

With --upload, the file is uploaded a third into the run (a new title each time, so it is never a duplicate) and its
job is followed to the end: the result then also gives p95 of the questions that ran during the upload and of the others.

Only 127.0.0.1/localhost targets are accepted (a load test must never hit someone else's server). Every request has a
timeout and the run stops after T seconds plus one timeout, so it is bounded even when the server hangs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import httpx

QUESTIONS = (
    "Welche Beteiligungsformate nutzt die Sozialplanung?",
    "Welche Partner arbeiten zum Thema Armut in Haspe?",
    "Wie hoch war die SGB-II-Quote in Hohenlimburg 2024?",
    "Was sind Sozialraumteams und wer sitzt darin?",
)


def percentile(values: list[float], pct: float) -> float | None:
    """Nearest-rank percentile of the sorted values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))]


async def _client(client: httpx.AsyncClient, path: str, field: str, deadline: float, offset: int,
                  latencies: list[tuple[float, float, float]], errors: dict[str, int]) -> None:
    """Ask until the deadline; each answered request is kept as (start, end, ms) on the monotonic clock."""
    n = offset
    while time.monotonic() < deadline:
        question = QUESTIONS[n % len(QUESTIONS)]
        n += 1
        started = time.monotonic()
        try:
            response = await client.post(path, json={field: question})
            if response.status_code == 200:
                ended = time.monotonic()
                latencies.append((started, ended, (ended - started) * 1000))
            else:
                errors[f"HTTP {response.status_code}"] = errors.get(f"HTTP {response.status_code}", 0) + 1
        except httpx.HTTPError as exc:
            errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1


async def _upload(client: httpx.AsyncClient, upload: Path, delay: float, window: dict, errors: dict[str, int]) -> None:
    """After `delay`, upload the file and follow its job; `window` gets start, end and the job's final state."""
    await asyncio.sleep(delay)
    window["start"] = time.monotonic()
    files = {"file": (upload.name, upload.read_bytes())}
    response = await client.post("/api/v1/documents", files=files, data={"title": f"Lasttest {time.time_ns()}"})
    if response.status_code != 202:
        errors[f"Upload HTTP {response.status_code}"] = 1
        window["end"], window["state"] = time.monotonic(), f"HTTP {response.status_code}"
        return
    job = response.json()
    while job["state"] in ("queued", "running"):
        await asyncio.sleep(0.2)
        job = (await client.get(job["status_url"])).json()
    window["end"], window["state"] = time.monotonic(), job["state"]
    if job["state"] != "done":
        errors[f"Upload {job['state']}"] = 1


def _ms(values: list[float]) -> float | None:
    p = percentile(values, 95)
    return None if p is None else round(p, 1)


async def run_load(base_url: str, clients: int, seconds: float, path: str = "/api/v1/ask", token: str | None = None,
                   timeout_s: float = 30.0, upload: Path | None = None) -> dict:
    """Drive the load and return {requests, errors, p50_ms, p95_ms, ...}; with `upload` also the upload's duration and
    p95 of the requests that overlapped it (`p95_during_upload_ms`) and of the rest (`p95_without_upload_ms`)."""
    field = "query" if path.rstrip("/").endswith("/search") else "question"
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    latencies: list[tuple[float, float, float]] = []
    errors: dict[str, int] = {}
    window: dict = {}
    limits = httpx.Limits(max_connections=clients + 1, max_keepalive_connections=clients + 1)
    started = time.monotonic()
    deadline = started + seconds
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=timeout_s, limits=limits) as client:
        tasks = [_client(client, path, field, deadline, i, latencies, errors) for i in range(clients)]
        if upload is not None:
            tasks.append(_upload(client, upload, seconds / 3, window, errors))
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=seconds + timeout_s + 5 + (120 if upload else 0))
    elapsed = time.monotonic() - started
    times = [ms for _, _, ms in latencies]
    p50 = percentile(times, 50)
    result = {"url": base_url + path, "clients": clients, "seconds": round(elapsed, 1), "requests": len(latencies) + sum(errors.values()),
              "ok": len(latencies), "errors": sum(errors.values()), "error_kinds": errors, "rps": round(len(latencies) / elapsed, 1),
              "p50_ms": None if p50 is None else round(p50, 1), "p95_ms": _ms(times)}
    if window:
        during = [ms for s, e, ms in latencies if s < window["end"] and e > window["start"]]
        result |= {"upload_s": round(window["end"] - window["start"], 1), "upload_state": window["state"],
                   "during_upload": len(during), "p95_during_upload_ms": _ms(during),
                   "p95_without_upload_ms": _ms([ms for s, e, ms in latencies if not (s < window["end"] and e > window["start"])])}
    return result


def _check_local(url: str) -> None:
    host = urlparse(url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"Nur lokale Ziele erlaubt (127.0.0.1/localhost), nicht {host!r}.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Lasttest gegen einen lokalen planwissen-Server (zeitlich begrenzt).")
    parser.add_argument("--url", default="http://127.0.0.1:8765", help="Basis-URL des Servers (nur localhost).")
    parser.add_argument("--clients", type=int, default=10, help="gleichzeitige Clients")
    parser.add_argument("--seconds", type=float, default=30.0, help="Dauer in Sekunden")
    parser.add_argument("--path", default="/api/v1/ask", help="Route: /api/v1/ask oder /api/v1/search")
    parser.add_argument("--token", default=None, help="Bearer-Token, falls nötig")
    parser.add_argument("--upload", type=Path, default=None, help="diese Datei während des Laufs hochladen (p95 währenddessen)")
    parser.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")
    args = parser.parse_args(argv)
    _check_local(args.url)
    if args.clients < 1 or not 0 < args.seconds <= 3600:
        raise SystemExit("--clients >= 1 und 0 < --seconds <= 3600")
    if args.upload is not None and not args.upload.is_file():
        raise SystemExit(f"--upload: Datei nicht gefunden: {args.upload}")
    result = asyncio.run(run_load(args.url.rstrip("/"), args.clients, args.seconds, args.path, args.token, upload=args.upload))
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"{result['url']}: {result['clients']} Clients, {result['seconds']} s")
        print(f"Anfragen {result['requests']}, Fehler {result['errors']} {result['error_kinds'] or ''}".rstrip())
        print(f"{result['rps']} Anfragen/s, p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms")
        if "upload_s" in result:
            print(f"Upload {result['upload_state']} nach {result['upload_s']} s; p95 währenddessen {result['p95_during_upload_ms']} ms "
                  f"({result['during_upload']} Anfragen), sonst {result['p95_without_upload_ms']} ms")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())

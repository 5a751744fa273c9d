"""Fixtures for the contract tests: no network beyond 127.0.0.1, and a Chroma server for the `server` variants."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from assistant.testing.chroma_server import chroma_cli, running_chroma_server

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Any connection beyond this machine fails the test (Chroma's model download, telemetry, hub look-ups)."""
    original = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if sock.family in (socket.AF_INET, socket.AF_INET6) and host not in _LOOPBACK:
            raise AssertionError(f"network access attempted: {address!r}")
        return original(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory) -> Iterator[tuple[str, int, bool]]:
    """(host, port, ssl) of a Chroma server: PLANWISSEN_TEST_CHROMA_URL, else one started for this session."""
    url = os.environ.get("PLANWISSEN_TEST_CHROMA_URL")
    if url:
        parsed = urlparse(url)
        ssl = parsed.scheme == "https"
        yield parsed.hostname or "127.0.0.1", parsed.port or (443 if ssl else 8000), ssl
        return
    if chroma_cli() is None:
        pytest.skip("chroma CLI not found beside the Python interpreter")
    with running_chroma_server(tmp_path_factory.mktemp("chroma-server")) as port:
        yield "127.0.0.1", port, False

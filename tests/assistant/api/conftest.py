"""Fixtures for API tests: fake-backed services (demo corpus with one internal document) and app/client factories."""

from __future__ import annotations

import os

import pytest
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.core.settings import Settings
from assistant.testing.front_services import build_front_services, front_settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")

@pytest.fixture
def settings(tmp_path) -> Settings:
    return front_settings(tmp_path / "data")


@pytest.fixture
def services(settings):
    return build_front_services(settings)


@pytest.fixture
def make_client(services, tmp_path):
    """Client factory: make_client(host="0.0.0.0") builds an app as if bound there (tokens required off localhost)."""
    clients = []

    def factory(host: str = "127.0.0.1", **kwargs) -> TestClient:
        kwargs.setdefault("eval_dirs", [tmp_path / "results"])
        client = TestClient(create_app(services, bind_host=host, **kwargs), raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield factory
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client) -> TestClient:
    """The app bound to localhost: no token needed, callers read at local_level (internal)."""
    return make_client()


@pytest.fixture
def remote(make_client) -> TestClient:
    """The app bound to 0.0.0.0: every content route needs a token."""
    return make_client("0.0.0.0")

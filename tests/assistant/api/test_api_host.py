"""DNS rebinding: a request for a server name planwissen is not (Host: evil.example) is refused on every route with 421.

Before the Host allow-list, `Host: evil.example:8812` with the matching `Origin: http://evil.example:8812` passed the
Origin check (Origin equals Host) and, on localhost without a token, searched (200), downloaded (200) and uploaded (202).
"""

from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit

import pytest

from assistant.api.app import create_app
from assistant.api.host import allowed_host_names, host_name
from assistant.core.settings import Settings
from assistant.testing.front_services import DEMO_TOKENS, INTERNAL_TOKEN, bearer, build_front_services
from assistant.testing.live_server import live_server

REBINDING = {"Host": "evil.example:8812", "Origin": "http://evil.example:8812"}
SEARCH = {"query": "Stellenplan 2026", "k": 3}


def _refused(response) -> bool:
    body = response.json()["error"]
    return response.status_code == 421 and body["code"] == "host_not_allowed" and "DNS-Rebinding" in body["message_de"]


def test_the_rebinding_request_is_refused_for_search_file_and_upload(client):
    assert _refused(client.post("/api/v1/search", json=SEARCH, headers=REBINDING))
    assert _refused(client.get("/api/v1/documents/angebote-haspe/file", headers=REBINDING))
    upload = client.post("/api/v1/documents", headers=REBINDING, files={"file": ("x.md", b"# Untergeschoben\n\nText.\n")})
    assert _refused(upload)
    assert client.get("/api/v1/jobs").status_code in (200, 404, 405) and "x.md" not in client.get("/api/v1/documents").text
    # the same requests under the server's own names still work (the test can fail)
    for host in ("127.0.0.1:8812", "localhost:8812", "[::1]:8812", "LOCALHOST"):
        own = {"Host": host, "Origin": f"http://{host}"}
        assert client.post("/api/v1/search", json=SEARCH, headers=own).status_code == 200, host
    assert client.get("/api/v1/documents/angebote-haspe/file", headers={"Host": "127.0.0.1:8765"}).status_code == 200


def test_other_foreign_names_and_tricks_are_refused(client):
    for host in ("evil.example", "127.0.0.1.evil.example", "localhost.evil.example:8765", "evil.example:8765@127.0.0.1",
                 "[::2]:8765", "10.0.0.1", "localhostx"):
        assert _refused(client.get("/api/v1/health", headers={"Host": host})), host
    assert client.get("/api/v1/health", headers={"Host": "127.0.0.2:8765"}).status_code == 200  # also loopback


def test_names_from_the_setting_are_accepted_and_star_switches_the_check_off(tmp_path, make_client, services):
    services.settings.server.allowed_hosts = ["planwissen.stadt-hagen.de"]
    proxied = make_client()
    assert proxied.get("/api/v1/health", headers={"Host": "Planwissen.Stadt-Hagen.de:443"}).status_code == 200
    assert _refused(proxied.get("/api/v1/health", headers={"Host": "evil.example"}))
    services.settings.server.allowed_hosts = ["*"]
    assert make_client().get("/api/v1/health", headers={"Host": "evil.example"}).status_code == 200


def test_a_wildcard_bind_accepts_this_machines_name_and_still_refuses_foreign_ones(remote):
    import socket

    own = remote.get("/api/v1/documents", headers={"Host": f"{socket.gethostname()}:8765", **bearer(INTERNAL_TOKEN)})
    assert own.status_code == 200
    assert _refused(remote.get("/api/v1/documents", headers={"Host": "evil.example", **bearer(INTERNAL_TOKEN)}))


def test_the_allow_list_is_built_from_bind_address_loopback_and_setting():
    assert host_name("[::1]:8765") == "::1" and host_name("Example.ORG.:80") == "example.org" and host_name("::1") == "::1"
    names = allowed_host_names("192.168.10.5", ["intranet.example"])
    assert {"192.168.10.5", "localhost", "127.0.0.1", "::1", "intranet.example"} <= names and "0.0.0.0" not in names
    assert allowed_host_names("127.0.0.1", ["*"]) is None


@pytest.mark.timeout(60)
def test_the_curl_from_the_issue_is_refused_over_real_http(tmp_path):
    settings = Settings(data_dir=tmp_path / "data", server={"tokens": list(DEMO_TOKENS)})
    with live_server(create_app(build_front_services(settings), bind_host="127.0.0.1", eval_dirs=[])) as url:
        where = urlsplit(url)
        body = json.dumps(SEARCH).encode()

        def post(host: str, origin: str) -> tuple[int, dict]:
            connection = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
            connection.putrequest("POST", "/api/v1/search", skip_host=True)
            for name, value in (("Host", host), ("Origin", origin), ("Content-Type", "application/json"),
                                ("Content-Length", str(len(body)))):
                connection.putheader(name, value)
            connection.endheaders(body)
            response = connection.getresponse()
            result = response.status, json.loads(response.read())
            connection.close()
            return result

        status, answer = post("evil.example:8812", "http://evil.example:8812")
        assert status == 421 and answer["error"]["code"] == "host_not_allowed"
        status, answer = post(where.netloc, url)
        assert status == 200 and answer["query"] == SEARCH["query"] and "results" in answer

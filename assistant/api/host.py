"""Refuses requests whose Host header names a server planwissen is not (protection against DNS rebinding).

A web page on a rebinding domain (evil.example resolving first to the attacker, then to 127.0.0.1) reaches a local
planwissen with `Host: evil.example`, and its Origin then equals its Host, so the Origin check alone lets it through.
Only the names this server really answers to are accepted: the bind address, the loopback names (localhost,
127.0.0.1, [::1]), for a wildcard bind (0.0.0.0, ::) the machine's own name and addresses, and `server.allowed_hosts`
(e.g. the DNS name behind a reverse proxy; "*" switches the check off). Ports are not compared: the name is what a
rebinding page controls. Every route is covered (API, UI, Gradio's own routes). A request without Host (HTTP/1.0)
cannot come from a browser and passes.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import socket

from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.api.errors import error_body

log = logging.getLogger(__name__)

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
_WILDCARD = {"0.0.0.0", "::", ""}

MESSAGE_DE = "Unbekannter Servername im Host-Header; die Anfrage wird abgewiesen (Schutz vor DNS-Rebinding)."
MESSAGE_EN = "Unknown server name in the Host header; request refused (DNS rebinding protection)."


def host_name(value: str) -> str:
    """`Host` header or allow-list entry without port and brackets, lower case: 'Example.org:80' -> 'example.org'."""
    value = value.strip().lower().rstrip(".")
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value[1:]
    if value.count(":") == 1:
        return value.split(":", 1)[0].rstrip(".")
    return value  # a bare IPv6 address or a plain name


def allowed_host_names(bind_host: str, extra: list[str]) -> set[str] | None:
    """Names this server answers to; None means every name (the allow-list holds "*")."""
    if "*" in extra:
        return None
    names = {host_name(name) for name in (*LOOPBACK_NAMES, bind_host, *extra) if name}
    if host_name(bind_host) in _WILDCARD:
        names |= _own_names()
    names -= _WILDCARD
    return names


def _own_names() -> set[str]:
    """The machine's host name and the addresses it resolves to (from /etc/hosts or the resolver; best effort)."""
    names: set[str] = set()
    try:
        hostname = socket.gethostname()
        names.add(hostname.lower())
        for info in socket.getaddrinfo(hostname, None):
            names.add(host_name(str(info[4][0]).split("%")[0]))
    except OSError:
        log.warning("could not resolve this machine's own name; only loopback names and server.allowed_hosts are accepted")
    return {name for name in names if name}


def _is_allowed(host: str, names: set[str]) -> bool:
    name = host_name(host)
    if name in names:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback  # 127.0.0.2 … is this machine as well
    except ValueError:
        return False


class HostGuard:
    """ASGI middleware: 421 `host_not_allowed` for HTTP requests (close for websockets) with a foreign Host."""

    def __init__(self, app: ASGIApp, bind_host: str, allowed_hosts: list[str]):
        self.app = app
        self.names = allowed_host_names(bind_host, allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.names is not None and scope["type"] in ("http", "websocket"):
            host = dict(scope["headers"]).get(b"host")
            if host is not None and not _is_allowed(host.decode("latin-1"), self.names):
                log.warning("refused request for foreign host %r on %s", host.decode("latin-1")[:100], scope.get("path"))
                await self._reject(scope, send)
                return
        await self.app(scope, receive, send)

    @staticmethod
    async def _reject(scope: Scope, send: Send) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        body = json.dumps(error_body("host_not_allowed", MESSAGE_DE, MESSAGE_EN), ensure_ascii=False).encode()
        await send({"type": "http.response.start", "status": 421,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

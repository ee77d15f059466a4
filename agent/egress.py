"""The egress guard: the only sockets mailagent opens go where the config says.

Allowed are the configured IMAP servers and model servers (host and port), and local
sockets (Unix domain, for the system keyring). The guard is a ``sys.addaudithook`` on
``socket.connect``: it records every connection and, when enforcing, refuses any other one
before a packet leaves. ``mailagent doctor`` prints what it recorded.
"""

from __future__ import annotations

import logging
import socket
import sys
import threading
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)


class EgressRefused(PermissionError):
    """A connection the config does not allow."""


@dataclass(frozen=True)
class Connection:
    """One attempted connection and the guard's verdict."""

    host: str
    port: int
    allowed: bool


def _addresses(host: str) -> set[str]:
    try:
        return {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
    except OSError:
        return set()


@dataclass
class EgressGuard:
    """Which endpoints are allowed, and every connection seen since it was armed."""

    allowed: set[tuple[str, int]] = field(default_factory=set)
    enforce: bool = False
    seen: list[Connection] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def allow(self, host: str, port: int) -> None:
        """Allow ``host:port`` (the name and every address it resolves to)."""
        for address in {host, *_addresses(host)}:
            self.allowed.add((address, port))

    def check(self, event: str, args: tuple[Any, ...]) -> None:
        """The audit hook: record each ``socket.connect``, refuse it if not allowed."""
        if event != "socket.connect":
            return
        sock, address = args
        if sock.family == socket.AF_UNIX or not isinstance(address, tuple):
            return
        host, port = str(address[0]), int(address[1])
        verdict = (host, port) in self.allowed
        with self._lock:
            self.seen.append(Connection(host, port, verdict))
        if not verdict and self.enforce:
            raise EgressRefused(
                f"mailagent refused a connection to {host}:{port}: it is neither a configured "
                "IMAP server nor a configured model server"
            )


_GUARD = EgressGuard()
_installed = False


def guard() -> EgressGuard:
    """The process's guard, installed as an audit hook on first use (hooks are permanent)."""
    global _installed
    if not _installed:
        sys.addaudithook(_GUARD.check)
        _installed = True
    return _GUARD


def arm(endpoints: list[tuple[str, int]], enforce: bool = True) -> EgressGuard:
    """Allow exactly ``endpoints`` from now on, recording (and by default refusing) the rest."""
    current = guard()
    with current._lock:
        current.allowed.clear()
        current.seen.clear()
    for host, port in endpoints:
        current.allow(host, port)
    current.enforce = enforce
    return current


def disarm() -> None:
    """Stop refusing connections (the hook stays, recording into an empty allowlist)."""
    current = guard()
    current.enforce = False
    with current._lock:
        current.allowed.clear()

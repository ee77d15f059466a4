"""A probe of the egress guard: try each way out of the process, see each one refused.

Every attempt stays on this machine even if the guard fails: the destinations are listeners
the probe opens on 127.0.0.2 (a loopback address no config names), and the name looked up is
one the hosts file maps to a loopback address, which the system resolves without asking a
DNS server. A way out the guard let through shows up at the listeners.
"""

from __future__ import annotations

import ipaddress
import os
import shlex
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from agent.egress import EgressRefused, guard

FORBIDDEN = "127.0.0.2"
"""Where the probe sends: on this machine, and never an allowed endpoint."""


@dataclass(frozen=True)
class ProbeResult:
    """One way out, and what became of it."""

    way: str
    refused: bool
    detail: str
    skipped: bool = False


@dataclass
class Listeners:
    """A TCP and a UDP socket on :data:`FORBIDDEN` that tell whether anything reached them."""

    tcp: socket.socket
    udp: socket.socket

    def reached(self) -> bool:
        """Whether a connection or a datagram arrived (each is taken off its queue)."""
        arrived = False
        with suppress(BlockingIOError):
            while True:
                self.tcp.accept()[0].close()
                arrived = True
        with suppress(BlockingIOError):
            while True:
                self.udp.recv(1)
                arrived = True
        return arrived


@contextmanager
def listeners() -> Iterator[Listeners]:
    """Open the listeners; closed afterwards."""
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        tcp.bind((FORBIDDEN, 0))
        tcp.listen()
        udp.bind((FORBIDDEN, tcp.getsockname()[1]))
        for sock in (tcp, udp):
            sock.setblocking(False)
        yield Listeners(tcp, udp)
    finally:
        tcp.close()
        udp.close()


def loopback_name(hosts: Path = Path("/etc/hosts")) -> str | None:
    """A name ``hosts`` maps to a loopback address that the guard does not allow, if any."""
    policy = guard().policy
    try:
        lines = hosts.read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.partition("#")[0].split()
        if len(fields) < 2:
            continue
        try:
            loopback = ipaddress.ip_address(fields[0].split("%")[0]).is_loopback
        except ValueError:
            continue
        for name in fields[1:] if loopback else ():
            if policy is None or not policy.allows_name(name):
                return name
    return None


def _connecting(port: int) -> list[str]:
    """A child Python that connects to the listener (it runs without the guard)."""
    code = f"import socket; socket.create_connection(({FORBIDDEN!r}, {port}), timeout=5)"
    return [sys.executable, "-c", code]


def probe(hosts: Path = Path("/etc/hosts")) -> list[ProbeResult]:
    """Try each way out; each result says whether the guard refused it."""
    name = loopback_name(hosts)
    with listeners() as heard:
        port = heard.tcp.getsockname()[1]
        target = (FORBIDDEN, port)
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        ways: list[tuple[str, Callable[[], object]]] = [
            (f"TCP connect to {FORBIDDEN}:{port}", lambda: socket.create_connection(target, 2)),
            (f"UDP sendto {FORBIDDEN}:{port}, unconnected", lambda: udp.sendto(b"?", target)),
            (f"UDP sendmsg to {FORBIDDEN}:{port}", lambda: udp.sendmsg([b"?"], [], 0, target)),
            (
                "a subprocess connecting to the listener",
                lambda: subprocess.run(_connecting(port), check=False, timeout=30),
            ),
            ("os.system running one", lambda: os.system(shlex.join(_connecting(port)))),
        ]
        if name:
            ways += [
                (f"getaddrinfo({name!r})", lambda: socket.getaddrinfo(name, port)),
                (f"gethostbyname({name!r})", lambda: socket.gethostbyname(name)),
                (f"UDP sendto {name}:{port}", lambda: udp.sendto(b"?", (name, port))),
            ]
        try:
            results = [_try(way, attempt, heard) for way, attempt in ways]
        finally:
            udp.close()
    if not name:
        skipped = f"skipped: {hosts} maps no name the guard refuses to a loopback address"
        results.append(ProbeResult("a name lookup", False, skipped, skipped=True))
    return results


def _try(way: str, attempt: Callable[[], object], heard: Listeners) -> ProbeResult:
    try:
        outcome = attempt()
    except EgressRefused:
        return ProbeResult(way, True, "refused")
    except OSError as error:
        outcome = error
    if isinstance(outcome, socket.socket):
        outcome.close()
    left = heard.reached()
    return ProbeResult(way, False, "LEFT THE PROCESS" if left else f"not refused: {outcome!r}")

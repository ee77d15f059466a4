"""The egress guard: nothing leaves the process but to the endpoints the config allows.

Allowed are the configured IMAP servers and the model servers mailagent may use (host and
port), lookups of their names (resolved once when the guard is armed) and of loopback
names, the configured password commands, and local (Unix domain) sockets. Everything else a
plugin or a library could use to send data off the machine is refused before it happens:

- ``socket.connect``, and ``sendto``/``sendmsg`` to an address (UDP needs no connect);
- name lookups (``getaddrinfo``, ``gethostbyname``, reverse lookups): the name itself
  travels to the resolver, so a lookup can carry data out;
- a host *name* in a socket address, checked before the socket module resolves it;
- new processes (``subprocess``, ``os.system``, ``os.exec*``, ``os.posix_spawn``), which
  would run without this guard;
- libc's ways out reached through ``ctypes``, and sockets other than Python's own class.

Most checks are a ``sys.addaudithook`` hook; Python raises the socket audit events only
after resolving a name in an address, so those methods of ``socket.socket`` check it first.
An audit hook cannot be removed: the hook is installed once per process and does nothing
while the guard is disarmed but record, which lets tests arm and disarm it. Native code
making system calls of its own is beyond any in-process guard.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from agent.errors import MailAgentError

logger = logging.getLogger(__name__)

LOOPBACK_NAMES = frozenset({"localhost"})
"""Names a lookup may always ask for: they never leave the machine."""

_LOCAL_FAMILIES = {socket.AF_UNIX}

_LIBC_WAYS_OUT = frozenset(
    {
        "connect",
        "sendto",
        "sendmsg",
        "sendmmsg",
        "getaddrinfo",
        "gethostbyname",
        "gethostbyname2",
        "gethostbyname_r",
        "gethostbyname2_r",
        "gethostbyaddr",
        "getnameinfo",
        "res_query",
        "res_search",
        "res_send",
        "res_nquery",
        "res_nsearch",
        "res_nsend",
        "system",
        "popen",
        "execl",
        "execle",
        "execlp",
        "execv",
        "execve",
        "execvp",
        "execvpe",
        "fexecve",
        "posix_spawn",
        "posix_spawnp",
    }
)
"""libc functions a plugin could call through ctypes to get past the audit events."""


class EgressRefused(MailAgentError, PermissionError):
    """A way out of the machine the config does not allow (an ``OSError`` to socket code)."""


@dataclass(frozen=True)
class Attempt:
    """One attempt to reach outside the process, and the guard's verdict."""

    way: str
    """``connect``, ``sendto``, ``sendmsg``, ``lookup``, ``process``, ``socket`` or ``ctypes``."""
    target: str
    allowed: bool


def is_numeric(host: str) -> bool:
    """Whether ``host`` is an IP address (using it needs no lookup)."""
    try:
        ipaddress.ip_address(host.split("%")[0].strip("[]"))
    except ValueError:
        return False
    return True


def _name(host: str | bytes) -> str:
    return _text(host).rstrip(".").lower()


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _argv(command: Any) -> tuple[str, ...]:
    """A process's command line as a tuple of strings (a shell command stays one string)."""
    if isinstance(command, (str, bytes)):
        return (_text(command),)
    return tuple(_text(item) for item in command or ())


def _addresses(host: str) -> set[str]:
    try:
        return {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
    except OSError:
        return set()


@dataclass(frozen=True)
class Policy:
    """What may leave: endpoints, the names a lookup may ask for, commands a process may run."""

    endpoints: frozenset[tuple[str, int]]
    names: frozenset[str]
    commands: frozenset[tuple[str, ...]]

    @classmethod
    def of(
        cls, endpoints: Iterable[tuple[str, int]], commands: Iterable[Sequence[str]] = ()
    ) -> Policy:
        """The policy allowing ``endpoints`` (their names resolved now) and ``commands``."""
        allowed: set[tuple[str, int]] = set()
        names = set(LOOPBACK_NAMES)
        for host, port in endpoints:
            if not is_numeric(host):
                names.add(_name(host))
            for address in {host, *_addresses(host)}:
                allowed.add((address, port))
        return cls(frozenset(allowed), frozenset(names), frozenset(map(tuple, commands)))

    def allows_name(self, host: str | bytes | None) -> bool:
        """Whether looking ``host`` up is allowed: no name, an address, or a known name."""
        if not host:
            return True
        name = _name(host)
        return is_numeric(name) or name in self.names

    def allows_reverse(self, address: str) -> bool:
        """Whether a reverse lookup of ``address`` is allowed (loopback or a known endpoint)."""
        if not is_numeric(address):
            return self.allows_name(address)
        loopback = ipaddress.ip_address(address.split("%")[0].strip("[]")).is_loopback
        return loopback or any(host == address for host, _ in self.endpoints)


@dataclass
class EgressGuard:
    """The policy in force (none while disarmed) and every attempt seen since it was armed."""

    policy: Policy | None = None
    seen: list[Attempt] = field(default_factory=list)
    _learned: set[tuple[str, int]] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _verdict(self, way: str, target: str, allowed: bool) -> None:
        """Record an attempt; refuse it (and log why) when armed and not allowed."""
        with self._lock:
            self.seen.append(Attempt(way, target, allowed or self.policy is None))
        if allowed or self.policy is None:
            return
        logger.warning("egress guard refused %s %s", way, target)
        raise EgressRefused(
            f"mailagent refused {way} {target}: nothing leaves this machine but to the "
            "configured IMAP servers and model servers"
        )

    def _endpoint(self, way: str, sock: Any, address: Any) -> None:
        if sock.family in _LOCAL_FAMILIES or not isinstance(address, tuple):
            return
        host, port = str(address[0]), int(address[1])
        policy = self.policy
        allowed = (
            policy is None or (host, port) in policy.endpoints or (host, port) in self._learned
        )
        self._verdict(way, f"{host}:{port}", allowed)

    def audit(self, event: str, args: tuple[Any, ...]) -> None:
        """The audit hook: check each event that could reach outside the process."""
        check = _CHECKS.get(event)
        if check is not None:
            check(self, args)

    def before_resolving(self, way: str, sock: Any, address: Any) -> None:
        """Refuse a socket address naming a host no lookup may ask for, before it is resolved."""
        policy = self.policy
        if policy is None or sock.family in _LOCAL_FAMILIES or not isinstance(address, tuple):
            return
        host = address[0] if address else ""
        if isinstance(host, (str, bytes)) and not policy.allows_name(host):
            self._verdict(way, f"{_name(host)}:{address[1] if len(address) > 1 else ''}", False)

    def learn(self, host: str | bytes | None, infos: list[Any]) -> None:
        """Allow the addresses a lookup of an allowed name found, at that name's ports."""
        policy = self.policy
        if policy is None or not host or is_numeric(_name(host)):
            return
        name = _name(host)
        ports = {port for endpoint, port in policy.endpoints if _name(endpoint) == name}
        with self._lock:
            self._learned.update((str(info[4][0]), port) for info in infos for port in ports)


def _on_socket(guard: EgressGuard, args: tuple[Any, ...]) -> None:
    sock, family = args[0], args[1]
    if family not in _LOCAL_FAMILIES and not isinstance(sock, socket.socket):
        # Only socket.socket checks a host name before resolving it (see _install).
        guard._verdict("socket", f"{type(sock).__name__} of family {family}", False)


def _on_connect(way: str) -> Callable[[EgressGuard, tuple[Any, ...]], None]:
    return lambda guard, args: guard._endpoint(way, args[0], args[1])


def _on_lookup(guard: EgressGuard, args: tuple[Any, ...]) -> None:
    host = args[0]
    if not host or is_numeric(_name(host)):
        return  # nothing is asked of a resolver
    policy = guard.policy
    guard._verdict("lookup", _name(host), policy is None or policy.allows_name(host))


def _on_reverse(guard: EgressGuard, args: tuple[Any, ...]) -> None:
    address = args[0][0] if isinstance(args[0], tuple) else args[0]
    policy = guard.policy
    allowed = policy is None or policy.allows_reverse(_name(address))
    guard._verdict("lookup", f"reverse {_name(address)}", allowed)


def _on_process(guard: EgressGuard, args: tuple[Any, ...]) -> None:
    """``os.system``: (command,); the others: (program, argv, ...)."""
    program = _text(args[0])
    argv = (program,) if len(args) == 1 else _argv(args[1])
    policy = guard.policy
    allowed = policy is None or (argv in policy.commands and argv[0] == program)
    guard._verdict("process", " ".join(argv), allowed)


def _on_spawn(guard: EgressGuard, args: tuple[Any, ...]) -> None:
    _on_process(guard, args[1:])


def _on_dlsym(guard: EgressGuard, args: tuple[Any, ...]) -> None:
    name = args[1]
    if isinstance(name, str) and name in _LIBC_WAYS_OUT:
        guard._verdict("ctypes", name, False)


_CHECKS: dict[str, Callable[[EgressGuard, tuple[Any, ...]], None]] = {
    "socket.__new__": _on_socket,
    "socket.connect": _on_connect("connect"),
    "socket.sendto": _on_connect("sendto"),
    "socket.sendmsg": _on_connect("sendmsg"),
    "socket.getaddrinfo": _on_lookup,
    "socket.gethostbyname": _on_lookup,
    "socket.gethostbyaddr": _on_reverse,
    "socket.getnameinfo": _on_reverse,
    "subprocess.Popen": _on_process,
    "os.system": _on_process,
    "os.exec": _on_process,
    "os.posix_spawn": _on_process,
    "os.spawn": _on_spawn,
    "ctypes.dlsym": _on_dlsym,
}

_ADDRESS_AT = {"connect": 0, "connect_ex": 0, "bind": 0, "sendto": -1, "sendmsg": 3}
"""Where each ``socket.socket`` method that resolves a name takes its address."""

_GUARD = EgressGuard()
_installed = False


def _checked_method(name: str, index: int) -> Callable[..., Any]:
    method = getattr(socket.socket, name)

    def checked(self: socket.socket, *args: Any) -> Any:
        if args and (index < 0 or len(args) > index):
            _GUARD.before_resolving(name, self, args[index])
        return method(self, *args)

    checked.__doc__ = method.__doc__
    return checked


def _checked_getaddrinfo(real: Callable[..., Any]) -> Callable[..., Any]:
    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        infos = real(host, *args, **kwargs)
        _GUARD.learn(host, infos)
        return infos

    return getaddrinfo


def _install() -> None:
    """Add the audit hook and the name checks of ``socket.socket`` (once: hooks are permanent)."""
    for name, index in _ADDRESS_AT.items():
        setattr(socket.socket, name, _checked_method(name, index))
    socket.getaddrinfo = _checked_getaddrinfo(socket.getaddrinfo)
    sys.addaudithook(_GUARD.audit)


def guard() -> EgressGuard:
    """The process's guard, installed on first use."""
    global _installed
    if not _installed:
        _install()
        _installed = True
    return _GUARD


def arm(
    endpoints: Iterable[tuple[str, int]], commands: Iterable[Sequence[str]] = ()
) -> EgressGuard:
    """Allow exactly ``endpoints`` and ``commands`` from now on; refuse and record the rest."""
    current = guard()
    policy = Policy.of(endpoints, commands)
    with current._lock:
        current.seen.clear()
        current._learned.clear()
    current.policy = policy
    return current


def disarm() -> None:
    """Stop refusing (the hook stays, recording every attempt)."""
    current = guard()
    current.policy = None
    with current._lock:
        current._learned.clear()


def allow_command(argv: Sequence[str]) -> None:
    """Allow also ``argv``: mailagent's own program with its fixed arguments (the worker
    processes of ``run --workers``), while the guard is armed."""
    current = guard()
    policy = current.policy
    if policy is not None:
        current.policy = replace(policy, commands=policy.commands | {tuple(argv)})


@contextmanager
def lifted(program: str) -> Iterator[None]:
    """Let the user's own ``program`` (their editor) start a process; no plugin runs meanwhile.

    The command line that starts it is chosen by the user's environment ($VISUAL, $EDITOR),
    never by mail or a model, and the guard is back in force when it returns.
    """
    current = guard()
    policy = current.policy
    current.policy = None
    logger.info("egress guard lifted while %s runs", program)
    try:
        yield
    finally:
        current.policy = policy

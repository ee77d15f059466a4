"""The egress guard against a plugin trying every way out, all of them aimed at loopback.

The trials with a name lookup run mailagent in its own network and mount namespace
(``unshare``), where the test maps a name to 127.0.0.3 in a private hosts file and no
route leaves the machine: a guard that fails there still sends nothing anywhere.
"""

from __future__ import annotations

import _socket
import ctypes
import functools
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from agent import egress
from agent.app import App
from agent.egress_probe import probe
from tests.conftest import NO_MODEL_PLUGINS
from tests.imap_helpers import child_env, make_message

PROBE_NAME = "mailagent-probe.test"


@functools.cache
def namespaces_unavailable() -> str | None:
    """Why ``unshare`` cannot give a test its own network and mount namespace (None: it can)."""
    if shutil.which("unshare") is None:
        return "no unshare command"
    trial = subprocess.run(
        ["unshare", "-rnm", "true"], capture_output=True, text=True, check=False, timeout=30
    )
    return trial.stderr.strip() or None if trial.returncode else None


needs_namespaces = pytest.mark.skipif(
    namespaces_unavailable() is not None,
    reason=f"needs unprivileged user namespaces: {namespaces_unavailable()}",
)


def isolated(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run ``argv`` with no network but loopback, and a hosts file mapping PROBE_NAME."""
    hosts = tmp_path / "hosts"
    hosts.write_text(f"127.0.0.1 localhost\n127.0.0.3 {PROBE_NAME}\n")
    script = 'ip link set lo up 2>/dev/null; mount --bind "$0" /etc/hosts && exec "$@"'
    return subprocess.run(
        ["unshare", "-rnm", "sh", "-c", script, str(hosts), *argv],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def write_config(tmp_path: Path, extra: str = "") -> Path:
    """A config allowing one IMAP server on 127.0.0.1 and a password command."""
    path = tmp_path / "config.toml"
    path.write_text(
        f'[storage]\nurl = "sqlite:///{tmp_path / "mailagent.db"}"\n{NO_MODEL_PLUGINS}{extra}\n'
        '[[accounts]]\nname = "test"\nhost = "127.0.0.1"\nport = 1143\nusername = "alex"\n'
        'tls = "none"\npassword_command = "echo secret"\n'
    )
    return path


WAYS = [
    "TCP connect to 127.0.0.2",
    "UDP sendto 127.0.0.2",
    "UDP sendmsg to 127.0.0.2",
    "a subprocess connecting to the listener",
    "os.system running one",
    f"getaddrinfo('{PROBE_NAME}')",
    f"gethostbyname('{PROBE_NAME}')",
    f"UDP sendto {PROBE_NAME}",
]


@needs_namespaces
def test_a_plugin_trying_every_way_out_is_refused_each_time(tmp_path: Path) -> None:
    config = write_config(tmp_path, "[plugins.egress-probe]\nenabled = true\n")
    mailbox = tmp_path / "mail"
    mailbox.mkdir()
    (mailbox / "a.eml").write_bytes(make_message(1))
    run = isolated(
        tmp_path, sys.executable, "-m", "agent", "--config", str(config), "process", str(mailbox)
    )
    assert run.returncode == 0, run.stderr
    for way in WAYS:
        assert f"probe refused: {way}" in run.stderr, run.stderr
    assert "NOT REFUSED" not in run.stderr and "skipped" not in run.stderr
    # each refusal is logged by the guard itself
    for logged in ("connect 127.0.0.2:", "sendto 127.0.0.2:", f"lookup {PROBE_NAME}", "process "):
        assert f"egress guard refused {logged}" in run.stderr
    assert "1 processed" in run.stdout


@needs_namespaces
def test_doctor_egress_shows_each_way_refused(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    run = isolated(
        tmp_path, sys.executable, "-m", "agent", "--config", str(config), "doctor", "--egress"
    )
    assert run.returncode == 0, run.stdout + run.stderr
    for way in WAYS:
        assert any(
            line.startswith("refused") and way in line for line in run.stdout.splitlines()
        ), run.stdout
    assert "every way out was refused" in run.stdout


def test_the_probe_sees_what_leaves_when_the_guard_is_off() -> None:
    egress.disarm()
    results = probe()
    assert not any(result.refused for result in results)
    left = [result.way for result in results if result.detail == "LEFT THE PROCESS"]
    assert len(left) == 5, results  # TCP, UDP sendto and sendmsg, both subprocesses


def test_the_guard_refuses_side_doors_and_allows_the_password_command() -> None:
    egress.arm([("127.0.0.1", 1143)], [["echo", "secret"]])
    try:
        assert subprocess.run(["echo", "secret"], capture_output=True, check=True).stdout
        with pytest.raises(egress.EgressRefused):  # the same argv, another program
            subprocess.run(["echo", "secret"], executable="/bin/sh", check=False)
        with pytest.raises(egress.EgressRefused):  # no resolving inside the C socket type
            _socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        with pytest.raises(egress.EgressRefused):  # nor libc's sendto through ctypes
            ctypes.CDLL(None).sendto  # noqa: B018
        with pytest.raises(egress.EgressRefused):
            socket.gethostbyaddr("192.0.2.1")
        assert socket.getaddrinfo("localhost", 1143)  # loopback names may be looked up
    finally:
        egress.disarm()


def test_a_refused_model_server_is_not_allow_listed(tmp_path: Path) -> None:
    config = write_config(
        tmp_path,
        '[models.remote]\nbackend = "ollama"\ntag = "x"\nhost = "http://192.0.2.10:11434"\n',
    )
    assert App(config).endpoints() == [("127.0.0.1", 1143)]

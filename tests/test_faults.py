"""Fault trials against a real dovecot on 127.0.0.1: each one asserts exactly-once.

A server restart and a ``doveadm kick`` while the daemon waits in IDLE with the default
timings, a UIDVALIDITY change under a running daemon, and two processes working one
folder at once. The waits are bounds against a hang, never timings (those are in
``benchmarks/faults.py``): mail after a restart used to wait for the 25-minute renewal.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from agent.watch import LOGIN_BASE_S, LOGIN_CAP_S, Backoff
from storage.tables import Folder
from tests.dovecot import DovecotServer, needs_dovecot
from tests.imap_helpers import (
    assert_exactly_once,
    child_env,
    counts,
    database,
    make_message,
    run_once,
    spawn,
    wait_for,
    write_config,
)

pytestmark = needs_dovecot

MARK = 'mark_processed = "$MailAgentProcessed"'
"""One rule action per message, so that actions are counted too."""


@contextmanager
def daemon(config: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``mailagent run`` as a child process, stopped with SIGTERM afterwards."""
    child = spawn(config, "run", log=log)
    try:
        yield child
    finally:
        child.send_signal(signal.SIGTERM)
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(timeout=30)


def processed(config: Path, expected: int) -> Callable[[], bool]:
    db = database(config)
    return lambda: counts(db)["processed"] == expected


@pytest.mark.parametrize("fault", ["restart", "kick"])
def test_mail_after_a_fault_during_idle_is_processed_once(
    tmp_path: Path, dovecot: DovecotServer, fault: str
) -> None:
    config = write_config(tmp_path / "config.toml", dovecot.port, account=MARK, timings="")
    dovecot.append("alex", "INBOX", make_message(0))
    with daemon(config, tmp_path / "daemon.log"):
        wait_for(processed(config, 1), 60, "the first message")
        for round_ in range(2):
            wait_for(lambda: dovecot.idling() >= 1, 60, "the watcher to wait in IDLE")
            dovecot.restart() if fault == "restart" else dovecot.kick()
            for index in range(3):
                dovecot.append("alex", "INBOX", make_message(1 + 3 * round_ + index))
            # The bound only catches a deaf watcher: the IDLE renewal is 25 minutes away.
            wait_for(processed(config, 4 + 3 * round_), 120, f"mail after {fault} {round_}")
    assert_exactly_once(config, 7, actions=1)
    assert "reconnecting test/INBOX" in (tmp_path / "daemon.log").read_text()


def test_uidvalidity_change_under_a_running_daemon(tmp_path: Path, dovecot: DovecotServer) -> None:
    client = dovecot.client()
    client.create_folder("Work")
    client.logout()
    old = [make_message(index) for index in range(3)]
    for raw in old:
        dovecot.append("alex", "Work", raw)
    config = write_config(
        tmp_path / "config.toml", dovecot.port, account=f'folders = ["Work"]\n{MARK}', timings=""
    )
    db = database(config)
    with daemon(config, tmp_path / "daemon.log"):
        wait_for(processed(config, 3), 60, "the first messages")
        wait_for(lambda: dovecot.idling() >= 1, 60, "the watcher to wait in IDLE")
        _, new = dovecot.recreate_folder("alex", "Work")
        for raw in [make_message(10), *old, make_message(11)]:
            dovecot.append("alex", "Work", raw)

        def synced() -> bool:
            with db.session() as session:
                folder = session.scalars(select(Folder).where(Folder.name == "Work")).one()
                return (folder.uidvalidity, folder.last_uid) == (new, 5)

        wait_for(synced, 120, "the recreated folder to be read")
        wait_for(processed(config, 5), 120, "the two new messages")
    assert_exactly_once(config, 5, actions=1)


def test_two_runs_at_once_process_each_message_once(tmp_path: Path, dovecot: DovecotServer) -> None:
    for index in range(40):
        dovecot.append("alex", "INBOX", make_message(index, personal=index % 3 == 0))
    config = write_config(tmp_path / "config.toml", dovecot.port, account=MARK, delay_s=0.05)
    runs = [spawn(config, "run", "--once", log=tmp_path / f"run{n}.log") for n in range(2)]
    for run in runs:
        run.wait(timeout=600)
    final = run_once(config)
    assert final.returncode == 0, final.stderr
    assert_exactly_once(config, 40, actions=1)


def test_a_second_run_names_the_daemon_and_leaves_or_waits(
    tmp_path: Path, dovecot: DovecotServer
) -> None:
    for index in range(3):
        dovecot.append("alex", "INBOX", make_message(index))
    config = write_config(tmp_path / "config.toml", dovecot.port, account=MARK)
    waiter_log = tmp_path / "waiter.log"
    with daemon(config, tmp_path / "daemon.log") as service:
        wait_for(processed(config, 3), 60, "the daemon to process the mail")
        left = run_once(config)
        assert left.returncode == 1
        assert f"is being worked by process {service.pid} on" in left.stderr
        waiter = spawn(config, "run", "--once", "--wait", log=waiter_log)
        wait_for(lambda: "waiting" in waiter_log.read_text(), 60, "the second run to wait")
        dovecot.append("alex", "INBOX", make_message(3))
        wait_for(processed(config, 4), 60, "the daemon to process new mail")
    assert waiter.wait(timeout=120) == 0
    assert_exactly_once(config, 4, actions=1)


def test_two_process_commands_on_one_mailbox(tmp_path: Path, dovecot: DovecotServer) -> None:
    mailbox = tmp_path / "mail"
    mailbox.mkdir()
    for index in range(30):
        (mailbox / f"{index:02}.eml").write_bytes(make_message(index))
    config = write_config(tmp_path / "config.toml", dovecot.port, delay_s=0.05)

    def process(*args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "agent", "--config", str(config), "process", *args],
            env=child_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    first, second = process(str(mailbox)), process(str(mailbox), "--wait")
    assert second.wait(timeout=600) == 0
    first.wait(timeout=600)
    assert_exactly_once(config, 30)


def test_a_refused_login_is_retried_at_growing_waits_not_every_few_seconds(
    tmp_path: Path, dovecot: DovecotServer
) -> None:
    wrong = (
        '[[accounts]]\nname = "locked"\nhost = "127.0.0.1"\n'
        f'port = {dovecot.port}\nusername = "sam"\ntls = "none"\n'
        'password_env = "MAILAGENT_TEST_PASSWORD"\n'
    )
    config = write_config(tmp_path / "config.toml", dovecot.port, extra=wrong)
    log = tmp_path / "daemon.log"
    daemon = spawn(config, "run", log=log)
    refused = "account locked: the server refused the login of sam (1 times in a row)"
    try:
        wait_for(lambda: refused in log.read_text(), 60, "the refused login")
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=120) == 0
    finally:
        if daemon.poll() is None:
            daemon.kill()
    line = next(line for line in log.read_text().splitlines() if refused in line)
    assert "check its password setting; trying again in" in line
    wait = int(line.rsplit(" in ", 1)[1].removesuffix(" s"))
    assert 30 <= wait <= 60  # the first wait: half a minute to a minute, then doubling


def test_login_waits_double_from_a_minute_to_six_hours() -> None:
    backoff = Backoff(cap_s=LOGIN_CAP_S, base_s=LOGIN_BASE_S, full_jitter=False)
    random.seed(3)
    bounds = [min(LOGIN_CAP_S, LOGIN_BASE_S * 2**n) for n in range(12)]
    delays = [backoff.next_delay() for _ in bounds]
    assert all(bound / 2 <= delay <= bound for delay, bound in zip(delays, bounds, strict=True))
    assert bounds[-1] == LOGIN_CAP_S == 6 * 3600
    backoff.reset()
    assert backoff.next_delay() <= LOGIN_BASE_S

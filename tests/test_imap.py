"""IMAP ingestion and the daemon, against a real dovecot server on 127.0.0.1.

The exactly-once logic does not depend on the model, so most runs use the fast test plugin
(found through the real entry-point path); one kill -9 trial uses the real default model.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from storage.locks import folder_lock
from storage.tables import ActionRow, Event, Folder, MessageRow, ResultRow
from tests.dovecot import DovecotServer, free_port, needs_dovecot
from tests.imap_helpers import (
    assert_exactly_once,
    child_env,
    counts,
    database,
    flags_of,
    iter_samples,
    make_message,
    run_once,
    spawn,
    wait_for,
    write_config,
)

pytestmark = needs_dovecot


def test_run_once_processes_every_message_and_leaves_seen_flags(
    tmp_path: Path, dovecot: DovecotServer
) -> None:
    for index, raw in enumerate(iter_samples()):
        dovecot.append("alex", "INBOX", raw, flags=(b"\\Seen",) if index % 2 else ())
    client = dovecot.client()
    before = flags_of(client, "INBOX")
    config = write_config(tmp_path / "config.toml", dovecot.port)

    first = run_once(config)
    assert first.returncode == 0, first.stderr
    assert flags_of(client, "INBOX") == before
    db = database(config)
    assert counts(db)["processed"] == 16
    with db.session() as session:
        folder = session.scalars(select(Folder).where(Folder.name == "INBOX")).one()
        assert folder.last_uid == max(before)
        assert folder.uidvalidity == dovecot.uidvalidity("alex", "INBOX")
        assert folder.last_error is None

    again = run_once(config)
    assert again.returncode == 0, again.stderr
    assert counts(db)["messages"] == 16
    client.logout()


@pytest.mark.parametrize("idle", [True, False], ids=["idle", "polling"])
def test_new_mail_is_processed_without_a_restart_and_sigterm_stops_cleanly(
    tmp_path: Path, dovecot: DovecotServer, idle: bool
) -> None:
    dovecot.append("alex", "INBOX", make_message(1))
    config = write_config(
        tmp_path / "config.toml", dovecot.port, account=f"idle = {str(idle).lower()}"
    )
    db = database(config)
    daemon = spawn(config, "run", log=tmp_path / "daemon.log")
    try:
        wait_for(lambda: counts(db)["processed"] == 1, 60, "the first message")
        dovecot.append("alex", "INBOX", make_message(2, personal=True))
        wait_for(lambda: counts(db)["processed"] == 2, 30, "the message sent while waiting")
        assert counts(db)["drafts"] == 2
        # it wakes from IDLE (or its poll) at the signal, not at the next renewal 25 min on
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=300) == 0
    finally:
        if daemon.poll() is None:
            daemon.kill()
    log = (tmp_path / "daemon.log").read_text()
    assert "SIGTERM: stopping after the current message" in log


def test_server_restart_mid_run_is_survived(tmp_path: Path, dovecot: DovecotServer) -> None:
    config = write_config(tmp_path / "config.toml", dovecot.port)
    db = database(config)
    dovecot.append("alex", "INBOX", make_message(1))
    daemon = spawn(config, "run", log=tmp_path / "daemon.log")
    try:
        wait_for(lambda: counts(db)["processed"] == 1, 60, "the first message")
        dovecot.stop()
        time.sleep(2)
        dovecot.start()
        dovecot.append("alex", "INBOX", make_message(2))
        dovecot.append("alex", "INBOX", make_message(3))
        wait_for(lambda: counts(db)["processed"] == 3, 60, "mail that came during the outage")
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=15)
    assert "reconnecting test/INBOX" in (tmp_path / "daemon.log").read_text()


def test_uidvalidity_change_processes_nothing_twice(tmp_path: Path, dovecot: DovecotServer) -> None:
    messages = [make_message(index) for index in range(5)]
    client = dovecot.client()
    client.create_folder("Work")
    client.logout()
    for raw in messages:
        dovecot.append("alex", "Work", raw)
    config = write_config(tmp_path / "config.toml", dovecot.port, account='folders = ["Work"]')
    assert run_once(config).returncode == 0
    db = database(config)
    before = counts(db)
    assert before["processed"] == 5

    old, new = dovecot.recreate_folder("alex", "Work")
    assert old != new
    for raw in [*messages, make_message(99)]:
        dovecot.append("alex", "Work", raw)
    result = run_once(config)
    assert result.returncode == 0, result.stderr
    after = counts(db)
    assert after["messages"] == 6
    assert after["processed"] == 6
    with db.session() as session:
        uidvalidities = set(session.scalars(select(MessageRow.uidvalidity)))
        assert uidvalidities == {new}
        per_message = session.execute(
            select(ResultRow.message_id, func.count())
            .where(ResultRow.task == "combined")
            .group_by(ResultRow.message_id)
        ).all()
        assert len(per_message) == 6
        assert all(count == 1 for _, count in per_message)
        assert (
            session.scalar(
                select(func.count()).select_from(Event).where(Event.kind == "uidvalidity_changed")
            )
            == 1
        )


def test_failing_accounts_get_one_clear_error_each_and_do_not_stop_the_good_one(
    tmp_path: Path, dovecot: DovecotServer
) -> None:
    dovecot.append("alex", "INBOX", make_message(1))
    closed_port = free_port()
    bad_accounts = "\n".join(
        f'[[accounts]]\nname = "{name}"\nhost = "127.0.0.1"\nport = {port}\n'
        f'username = "{user}"\ntls = "{tls}"\npassword_env = "{env}"\n'
        for name, port, user, tls, env in [
            ("wrong-password", dovecot.port, "sam", "none", "MAILAGENT_TEST_PASSWORD"),
            ("unreachable", closed_port, "alex", "none", "MAILAGENT_TEST_PASSWORD"),
            ("tls-mismatch", dovecot.port, "alex", "ssl", "MAILAGENT_TEST_PASSWORD"),
        ]
    )
    config = write_config(tmp_path / "config.toml", dovecot.port, extra=bad_accounts)
    result = run_once(config)
    assert result.returncode == 1
    assert counts(database(config))["processed"] == 1
    error = result.stderr
    assert "account wrong-password: the server refused the login of sam" in error
    assert "account unreachable: connection refused by 127.0.0.1:" in error
    assert "account tls-mismatch: TLS failed with 127.0.0.1:" in error
    assert "Traceback" not in error
    assert "secret-alex" not in error and "secret-alex" not in result.stdout


def test_oversized_message_is_fetched_truncated(tmp_path: Path, dovecot: DovecotServer) -> None:
    dovecot.append("alex", "INBOX", make_message(1, size=400_000))
    config = write_config(tmp_path / "config.toml", dovecot.port, account="max_message_mb = 0.1")
    assert run_once(config).returncode == 0
    with database(config).session() as session:
        row = session.scalars(select(MessageRow)).one()
        assert row.truncated
        assert row.state == "processed"
        assert row.size < 300_000


def test_rules_act_only_as_configured_and_dry_run_changes_nothing(
    tmp_path: Path, dovecot: DovecotServer
) -> None:
    client = dovecot.client()
    client.create_folder("Personal")
    dovecot.append("alex", "INBOX", make_message(1, personal=True))
    dovecot.append("alex", "INBOX", make_message(2))
    rules = (
        'mark_processed = "$MailAgentProcessed"\n'
        "[[accounts.rules]]\n"
        'category = "personal"\naction = "move"\ntarget = "Personal"\n'
    )
    config = write_config(tmp_path / "config.toml", dovecot.port, account=rules)

    dry = run_once(config, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert len(flags_of(client, "INBOX")) == 2
    assert all(b"$MailAgentProcessed" not in flags for flags in flags_of(client, "INBOX").values())

    (tmp_path / "mailagent.db").unlink()
    real = run_once(config)
    assert real.returncode == 0, real.stderr
    inbox = flags_of(client, "INBOX")
    assert len(inbox) == 1
    assert all(b"$MailAgentProcessed" in flags for flags in inbox.values())
    assert len(flags_of(client, "Personal")) == 1
    with database(config).session() as session:
        actions = session.scalars(select(Event).where(Event.kind == "action")).all()
        assert sorted(event.detail["action"] for event in actions) == ["keyword", "keyword", "move"]
    client.logout()


def test_status_shows_each_folder(tmp_path: Path, dovecot: DovecotServer) -> None:
    dovecot.append("alex", "INBOX", make_message(1))
    config = write_config(tmp_path / "config.toml", dovecot.port)
    assert run_once(config).returncode == 0

    def status() -> list[dict[str, Any]]:
        shown = subprocess.run(
            [sys.executable, "-m", "agent", "--config", str(config), "status", "--json"],
            env=child_env(),
            capture_output=True,
            text=True,
            check=True,
        )
        return list(json.loads(shown.stdout))

    # The Sent folder is read for the user's replies: listed, with nothing processed.
    rows = status()
    assert [(r["account"], r["folder"], r["processed"], r["backlog"]) for r in rows] == [
        ("test", "INBOX", 1, 0),
        ("test", "Sent", 0, 0),
    ]
    assert all(row["last_sync_at"] and row["last_error"] is None for row in rows)
    assert [row["worked_by"] for row in rows] == [None, None]  # the run has ended

    # a process working INBOX (this one) is named
    lock = folder_lock(database(config), "test", "INBOX")
    assert lock.try_acquire()
    try:
        working = [row["worked_by"] for row in status()]
    finally:
        lock.release()
    assert working[0].startswith(f"process {os.getpid()} on ") and working[1] is None


def kill_trials(
    config: Path,
    trials: int,
    seed: int,
    before_each: Callable[[int], None] = lambda trial: None,
    startup_share: float = 0.25,
) -> int:
    """Start ``run --once`` and kill -9 it at a random point of its work, ``trials`` times.

    ``startup_share`` of the kills land at a random instant of the first second (start-up,
    migrations, login, the folder's sync); the rest once a random number (0 to 9) of the
    trial's messages are processed, a random few milliseconds into the next. The point is
    read from the database, not guessed from a clock, so a loaded machine moves it no more
    than a fast one. Returns how many kills landed while the child was working: after it
    had stored some messages of the folder and before it had processed them all.
    """
    rng = random.Random(seed)
    db = database(config)
    mid_work = 0
    for trial in range(trials):
        before_each(trial)
        start = counts(db)["processed"]
        child = spawn(config, "run", "--once")
        if rng.random() < startup_share:
            time.sleep(rng.uniform(0.0, 1.0))
        else:
            target = start + rng.randrange(10)
            while child.poll() is None:
                state = counts(db)
                if state["processed"] >= target and state["messages"] > state["processed"]:
                    break
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.04))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
            state = counts(db)
            mid_work += start < state["processed"] or state["messages"] > state["processed"]
        child.wait(timeout=30)
    return mid_work


def test_kill_9_at_random_points_never_loses_or_repeats_a_message(
    tmp_path: Path, dovecot: DovecotServer
) -> None:
    def ten_more(trial: int) -> None:
        for index in range(trial * 10, trial * 10 + 10):
            dovecot.append("alex", "INBOX", make_message(index, personal=index % 3 == 0))

    client = dovecot.client()
    client.create_folder("Personal")
    rules = (
        'mark_processed = "$MailAgentProcessed"\n'
        "[[accounts.rules]]\n"
        'category = "personal"\naction = "move"\ntarget = "Personal"\n'
    )
    config = write_config(tmp_path / "config.toml", dovecot.port, delay_s=0.05, account=rules)
    mid_work = kill_trials(config, 20, seed=7, before_each=ten_more)
    assert mid_work >= 10, "the kills should interrupt real work"
    final = run_once(config)
    assert final.returncode == 0, final.stderr
    assert_exactly_once(config, 200, actions=None)  # counted below, per kind
    assert counts(database(config))["drafts"] == 200  # work and personal both get one

    # every action landed on the server once: each message in one place, with its keyword
    inbox, personal = flags_of(client, "INBOX"), flags_of(client, "Personal")
    assert (len(inbox), len(personal)) == (200 - 67, 67)
    assert all(b"$MailAgentProcessed" in flags for flags in [*inbox.values(), *personal.values()])
    with database(config).session() as session:
        done = Counter(
            session.execute(
                select(ActionRow.message_id, ActionRow.kind).where(ActionRow.state == "done")
            ).all()
        )
        assert session.scalar(select(func.count()).select_from(ActionRow)) == 200 + 67
        applied = Counter(
            (event.message_id, event.detail["action"])
            for event in session.scalars(select(Event).where(Event.kind == "action"))
        )
    assert len(done) == 200 + 67 and set(done.values()) == {1}
    assert applied == done  # one audit line per action, however often the run was killed
    client.logout()


@pytest.mark.model
def test_kill_9_with_the_real_default_model(tmp_path: Path, dovecot: DovecotServer) -> None:
    for raw in list(iter_samples())[:4]:
        dovecot.append("alex", "INBOX", raw)
    config = write_config(tmp_path / "config.toml", dovecot.port, fast=False)
    kill_trials(config, trials=1, seed=1, startup_share=0.0)
    final = run_once(config)
    assert final.returncode == 0, final.stderr
    assert_exactly_once(config, 4)


def test_a_second_signal_exits_at_once(tmp_path: Path, dovecot: DovecotServer) -> None:
    dovecot.append("alex", "INBOX", make_message(1))
    config = write_config(tmp_path / "config.toml", dovecot.port, delay_s=3600)
    log = tmp_path / "daemon.log"
    daemon = spawn(config, "run", log=log)
    try:
        db = database(config)
        wait_for(lambda: counts(db)["messages"] == 1, 60, "the slow message to start")
        daemon.send_signal(signal.SIGTERM)
        wait_for(lambda: "stopping after the current message" in log.read_text(), 60, "the first")
        daemon.send_signal(signal.SIGTERM)
        # the message takes an hour: an exit at all is the second signal's doing
        assert daemon.wait(timeout=600) == 1
    finally:
        if daemon.poll() is None:
            daemon.kill()
    assert "second SIGTERM: exiting now" in log.read_text()
    assert counts(database(config))["processed"] == 0  # left pending for the next run


def test_since_imports_only_recent_mail(tmp_path: Path, dovecot: DovecotServer) -> None:
    client = dovecot.client()
    client.append("INBOX", make_message(1), msg_time=datetime(2020, 1, 1, tzinfo=UTC))
    client.append("INBOX", make_message(2), msg_time=datetime(2026, 11, 1, tzinfo=UTC))
    client.logout()
    config = write_config(tmp_path / "config.toml", dovecot.port)
    assert run_once(config, "--since", "2026-01-01").returncode == 0
    with database(config).session() as session:
        subjects = list(session.scalars(select(MessageRow.subject)))
    assert subjects == ["Test work message 2"]

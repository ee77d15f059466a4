"""Work shared by worker processes through the job queue on PostgreSQL, with real dovecot.

Every run is a real ``mailagent`` process; what is asserted is what the database holds.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from agent.app import App
from agent.message import Origin, RawMessage
from storage.db import Database
from storage.tables import Event, MessageRow
from tests.dovecot import DovecotServer
from tests.imap_helpers import (
    assert_exactly_once,
    child_env,
    database,
    make_message,
    spawn,
    wait_for,
    write_config,
)
from tests.postgres import PostgresCluster

FAST_QUEUE = "[queue]\nheartbeat_s = 1\nstalled_after_s = 3\n"
"""Workers that beat every second and are taken for dead after three silent ones."""


def queue_config(path: Path, dovecot: DovecotServer, url: str, delay_s: float = 0.0) -> Path:
    """A config on dovecot's INBOX and the PostgreSQL database ``url``, the fast plugin only."""
    write_config(path, dovecot.port, delay_s=delay_s, extra=FAST_QUEUE)
    sqlite = f"sqlite:///{path.parent / 'mailagent.db'}"
    path.write_text(path.read_text().replace(sqlite, url))
    return path


def fill_inbox(dovecot: DovecotServer, count: int, start: int = 0) -> None:
    """``count`` new messages in INBOX, over one connection."""
    with dovecot.client() as imap:
        for index in range(start, start + count):
            imap.append("INBOX", make_message(index, personal=index % 3 == 0))


def mailagent(config: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``mailagent --config CONFIG ARGS...`` as a child process, to its end."""
    return subprocess.run(
        [sys.executable, "-m", "agent", "--config", str(config), *args],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def inbox_status(config: Path) -> dict[str, Any]:
    """INBOX's row of ``mailagent status --json`` (empty before its first sync)."""
    rows = json.loads(mailagent(config, "status", "--json").stdout)
    return next((row for row in rows if row["folder"] == "INBOX"), {})


def test_run_workers_refuses_sqlite(tmp_path: Path) -> None:
    config = write_config(tmp_path / "config.toml", 1)
    for argv in (["run", "--once", "--workers", "2"], ["worker"]):
        result = mailagent(config, *argv)
        assert result.returncode == 1
        assert "--workers needs [storage] url = postgresql+psycopg://" in result.stderr


def test_a_message_stored_but_never_queued_is_queued_by_the_next_fetcher(
    tmp_path: Path, dovecot: DovecotServer, postgres: PostgresCluster
) -> None:
    """A fetcher killed between storing a message and queueing its job loses nothing."""
    fill_inbox(dovecot, 3)
    config = queue_config(tmp_path / "config.toml", dovecot, postgres.create_database())
    with dovecot.client() as imap:
        imap.select_folder("INBOX", readonly=True)
        first = imap.fetch([1], ["BODY.PEEK[]"])[1][b"BODY[]"]
    app = App(config)
    try:
        origin = Origin("test", "INBOX", dovecot.uidvalidity("alex", "INBOX"), 1)
        message, outcome = app.pipeline().admit(RawMessage(data=first, origin=origin))
        assert outcome is None and message.db_id is not None
    finally:
        app.close()
    result = mailagent(config, "run", "--once", "--workers", "1")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "queued 1 pending messages that had no job" in result.stderr
    assert_exactly_once(config, 3)


def test_four_workers_give_one_result_set_per_message(
    tmp_path: Path, dovecot: DovecotServer, postgres: PostgresCluster
) -> None:
    fill_inbox(dovecot, 500)
    config = queue_config(tmp_path / "config.toml", dovecot, postgres.create_database())
    result = mailagent(config, "run", "--once", "--workers", "4")
    assert result.returncode == 0, result.stderr[-3000:]
    assert_exactly_once(config, 500)
    db = database(config)
    with db.session() as session:
        workers = session.scalars(select(Event.detail).where(Event.kind == "queue_worker"))
        assert len({detail["worker"] for detail in workers}) == 4
    shown = inbox_status(config)
    assert (shown["processed"], shown["waiting"], shown["running"]) == (500, 0, 0)


INTERRUPTED = text(
    "SELECT j.worker_id, m.id FROM procrastinate_jobs j "
    "JOIN messages m ON m.id = (j.args ->> 'message_id')::bigint "
    "WHERE j.status = 'doing' AND m.state = 'pending' AND m.attempts = 1 LIMIT 1"
)


def worker_pid(db: Database, worker: int) -> int | None:
    """The pid of queue worker ``worker``, from the event it logged at its start."""
    with db.session() as session:
        for detail in session.scalars(select(Event.detail).where(Event.kind == "queue_worker")):
            if detail["worker"] == worker:
                return int(re.match(r"process (\d+) ", detail["process"]).group(1))  # type: ignore[union-attr]
    return None


def test_a_worker_killed_mid_message_loses_and_repeats_nothing(
    tmp_path: Path, dovecot: DovecotServer, postgres: PostgresCluster
) -> None:
    fill_inbox(dovecot, 40)
    config = queue_config(tmp_path / "config.toml", dovecot, postgres.create_database(), 0.3)
    db = database(config)
    run = spawn(config, "run", "--once", "--workers", "3", log=tmp_path / "run.log")
    try:
        victim: list[tuple[int, int]] = []

        def mid_message() -> bool:
            """A job running on a worker whose message's attempt is counted, not finished."""
            with db.engine.connect() as connection:
                row = connection.execute(INTERRUPTED).first() if _queue_exists(db) else None
            pid = worker_pid(db, row[0]) if row else None
            if row is None or pid is None:
                return False
            victim.append((pid, row[1]))
            return True

        wait_for(mid_message, 120, "a worker in the middle of a message")
        pid, message_id = victim[0]
        subprocess.run(["kill", "-9", str(pid)], check=True)
        with db.session() as session:
            assert session.get_one(MessageRow, message_id).state == "pending"
        assert run.wait(timeout=300) == 0, (tmp_path / "run.log").read_text()[-3000:]
    finally:
        if run.poll() is None:
            run.send_signal(signal.SIGKILL)
            run.wait()
    assert_exactly_once(config, 40)
    with db.session() as session:
        assert session.get_one(MessageRow, message_id).attempts == 2
        processed = session.execute(
            select(Event.message_id, func.count())
            .where(Event.kind == "processed")
            .group_by(Event.message_id)
        ).all()
    assert len(processed) == 40 and {count for _, count in processed} == {1}
    assert "handing it on" in (tmp_path / "run.log").read_text()


def _queue_exists(db: Database) -> bool:
    with db.engine.connect() as connection:
        return connection.scalar(text("SELECT to_regclass('procrastinate_jobs')")) is not None


def test_two_fetchers_on_one_folder_never_both_sync_it(
    tmp_path: Path, dovecot: DovecotServer, postgres: PostgresCluster
) -> None:
    fill_inbox(dovecot, 5)
    config = queue_config(tmp_path / "config.toml", dovecot, postgres.create_database())
    db = database(config)

    def processed(count: int) -> bool:
        with db.session() as session:
            done = (
                select(func.count()).select_from(MessageRow).where(MessageRow.state == "processed")
            )
            return session.scalar(done) == count

    def worked_by() -> str:
        return str(inbox_status(config)["worked_by"])

    first = spawn(config, "run", "--workers", "1", log=tmp_path / "first.log")
    second: subprocess.Popen[bytes] | None = None
    try:
        wait_for(lambda: processed(5), 120, "the first fetcher's workers")
        second = spawn(config, "run", "--workers", "1", log=tmp_path / "second.log")
        second_log = tmp_path / "second.log"
        wait_for(
            lambda: "is being worked by" in second_log.read_text(), 60, "the second to stand by"
        )
        assert f"process {first.pid} on" in second_log.read_text()
        fill_inbox(dovecot, 5, start=5)
        wait_for(lambda: processed(10), 120, "mail that came while both ran")
        assert f"process {first.pid} on" in worked_by()
        first.send_signal(signal.SIGKILL)
        first.wait()
        fill_inbox(dovecot, 5, start=10)
        wait_for(lambda: processed(15), 120, "the second fetcher to take the folder over")
        assert f"process {second.pid} on" in worked_by()
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=120)
    assert_exactly_once(config, 15)


def test_a_worker_that_dies_is_replaced_and_status_names_the_workers(
    tmp_path: Path, dovecot: DovecotServer, postgres: PostgresCluster
) -> None:
    fill_inbox(dovecot, 3)
    config = queue_config(tmp_path / "config.toml", dovecot, postgres.create_database())
    db = database(config)
    log = tmp_path / "run.log"
    service = spawn(config, "run", "--workers", "1", log=log)
    try:
        wait_for(lambda: inbox_status(config).get("processed") == 3, 120, "the first mail")
        shown = mailagent(config, "status").stdout
        assert "workers" in shown and "s ago" in shown
        with db.engine.connect() as connection:
            (worker,) = connection.scalars(text("SELECT id FROM procrastinate_workers")).all()
        pid = worker_pid(db, worker)
        assert pid is not None and f"process {pid} on" in shown
        subprocess.run(["kill", "-9", str(pid)], check=True)
        wait_for(lambda: "in its place" in log.read_text(), 60, "a worker in its place")
        fill_inbox(dovecot, 3, start=3)
        wait_for(lambda: inbox_status(config).get("processed") == 6, 120, "mail after the restart")
    finally:
        service.send_signal(signal.SIGTERM)
        assert service.wait(timeout=120) == 0, log.read_text()[-3000:]
    assert_exactly_once(config, 6)

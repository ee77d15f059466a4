"""Fault trials against a private dovecot on 127.0.0.1: recovery times and CPU while waiting.

Runs ``mailagent run`` (the daemon, default timings) with the fast test plugin, or with
``--models`` the default plugins and models, and then:

- restarts dovecot while the daemon waits in IDLE (down ``--outage`` seconds), appends
  three messages as soon as it is back, and times until they are stored and processed;
- disconnects the daemon with ``doveadm kick`` the same way;
- re-creates a watched folder (a new UIDVALIDITY) with two new messages before the old
  ones, and counts messages lost and stored twice;
- measures the daemon's CPU while it waits in IDLE, and while the server is down;
- runs two ``mailagent run --once`` at once on one folder and one database, and counts
  messages processed twice and duplicate result rows.

    python benchmarks/faults.py [--rounds 3] [--outage 17] [--idle 60] [--models]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from email import message_from_bytes
from pathlib import Path

import psutil
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storage.db import Database  # noqa: E402
from storage.tables import MessageRow, ResultRow  # noqa: E402
from tests.dovecot import DovecotServer, dovecot_unavailable_reason  # noqa: E402
from tests.imap_helpers import database, make_message, spawn, write_config  # noqa: E402

MARK = 'mark_processed = "$MailAgentProcessed"'
TIMEOUT_S = 3600.0
UIDVALIDITY_BOUND_S = 120.0


def wait(condition: Callable[[], bool], what: str, timeout: float = TIMEOUT_S) -> float:
    """Seconds until ``condition`` holds (polled every 0.1 s); exits after ``timeout``."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            sys.exit(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)
    return time.monotonic() - started


def subject(raw: bytes) -> str:
    return str(message_from_bytes(raw)["Subject"])


def stored(db: Database, subjects: list[str], state: str | None = None) -> Callable[[], bool]:
    """Whether every message with one of ``subjects`` is stored (in ``state``, if given)."""

    def check() -> bool:
        query = select(func.count()).where(MessageRow.subject.in_(subjects))
        if state:
            query = query.where(MessageRow.state == state)
        with db.session() as session:
            return session.scalar(query) == len(subjects)

    return check


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


class Trials:
    """One daemon on one dovecot, put through its faults."""

    def __init__(self, base: Path, server: DovecotServer, models: bool) -> None:
        self.server = server
        self.config = write_config(
            base / "config.toml",
            server.port,
            fast=not models,
            account=f'folders = ["INBOX", "Work"]\n{MARK}',
            timings="",
        )
        self.db = database(self.config)
        self.next_index = 0

    def append(self, folder: str, count: int) -> list[str]:
        """Append ``count`` new messages; their subjects."""
        subjects = []
        for _ in range(count):
            raw = make_message(self.next_index, personal=self.next_index % 3 == 0)
            self.server.append("alex", folder, raw)
            subjects.append(subject(raw))
            self.next_index += 1
        return subjects

    def recovery(self, fault: Callable[[], None]) -> tuple[float, float]:
        """Seconds from appending three messages right after ``fault`` to stored, processed."""
        wait(lambda: self.server.idling() >= 2, "both watchers to wait in IDLE")
        fault()
        appended = time.monotonic()
        subjects = self.append("INBOX", 3)
        wait(stored(self.db, subjects), "the messages after the fault")
        to_store = time.monotonic() - appended
        wait(stored(self.db, subjects, "processed"), "them to be processed")
        return to_store, time.monotonic() - appended

    def uidvalidity(self) -> tuple[int, int, float]:
        """Re-create Work with two new messages first: (lost, stored twice, seconds).

        Lost: new messages not processed within ``UIDVALIDITY_BOUND_S``; stored twice: rows
        beyond one per message once the daemon has read the folder again.
        """
        old = [make_message(1000 + index) for index in range(5)]
        for raw in old:
            self.server.append("alex", "Work", raw)
        wait(stored(self.db, [subject(raw) for raw in old], "processed"), "the Work messages")
        wait(lambda: self.server.idling() >= 2, "both watchers to wait in IDLE")
        before = self._count()
        self.server.recreate_folder("alex", "Work")
        started = time.monotonic()
        subjects = self.append("Work", 2)
        for raw in old:
            self.server.append("alex", "Work", raw)
        while time.monotonic() - started < UIDVALIDITY_BOUND_S:
            if stored(self.db, subjects, "processed")():
                break
            time.sleep(0.1)
        seconds = time.monotonic() - started
        with self.db.session() as session:
            done = session.scalar(
                select(func.count()).where(
                    MessageRow.subject.in_(subjects), MessageRow.state == "processed"
                )
            )
        time.sleep(5)  # the rest of the folder's sync: a message stored twice shows by then
        return len(subjects) - int(done or 0), self._count() - (before + 2), seconds

    def _count(self) -> int:
        with self.db.session() as session:
            return int(session.scalar(select(func.count()).select_from(MessageRow)) or 0)


def concurrent(base: Path, server: DovecotServer, round_: int, models: bool) -> tuple[int, int]:
    """Two ``run --once`` at once on 40 new messages: (processed twice, duplicate results)."""
    folder = f"Race{round_}"
    client = server.client()
    client.create_folder(folder)
    client.logout()
    for index in range(40):
        server.append("alex", folder, make_message(5000 + 100 * round_ + index))
    directory = base / folder
    directory.mkdir()
    config = write_config(
        directory / "config.toml",
        server.port,
        fast=not models,
        account=f'folders = ["{folder}"]\n{MARK}',
        delay_s=0.05,
    )
    runs = [spawn(config, "run", "--once", log=directory / f"run{n}.log") for n in range(2)]
    for run in runs:
        run.wait(timeout=TIMEOUT_S)
    with database(config).session() as session:
        processed = session.execute(
            select(func.count()).where(ResultRow.task == "combined").group_by(ResultRow.message_id)
        ).scalars()
        per_call = session.execute(
            select(func.count())
            .select_from(ResultRow)
            .group_by(ResultRow.message_id, ResultRow.task, ResultRow.plugin)
        ).scalars()
        return (
            sum(count > 1 for count in processed),
            sum(count - 1 for count in per_call if count > 1),
        )


def summary(values: list[float]) -> str:
    return (
        f"median {statistics.median(values):6.1f} s, max {max(values):6.1f} s "
        f"({', '.join(f'{value:.1f}' for value in values)})"
    )


def main() -> None:
    """Run the trials and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--outage", type=float, default=17.0, help="seconds dovecot is down")
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of idle CPU measured")
    parser.add_argument("--models", action="store_true", help="the default plugins and models")
    args = parser.parse_args()
    if reason := dovecot_unavailable_reason():
        sys.exit(reason)
    base = Path(tempfile.mkdtemp(prefix="mailagent-faults-"))
    base.chmod(0o755)
    server = DovecotServer(base / "dovecot")
    server.start()
    client = server.client()
    client.create_folder("Work")
    client.logout()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; files in {base}")
    trials = Trials(base, server, args.models)
    daemon = spawn(trials.config, "run", log=base / "daemon.log")
    process = psutil.Process(daemon.pid)
    try:
        first = trials.append("INBOX", 1)
        wait(stored(trials.db, first, "processed"), "the first message")

        outage_cpu: list[float] = []

        def restart() -> None:
            server.stop()
            before = cpu_seconds(process)
            time.sleep(args.outage)
            outage_cpu.append((cpu_seconds(process) - before) / args.outage * 100)
            server.start()

        restarts = [trials.recovery(restart) for _ in range(args.rounds)]
        kicks = [trials.recovery(server.kick) for _ in range(args.rounds)]
        lost, twice, uv_seconds = trials.uidvalidity()

        wait(lambda: server.idling() >= 2, "both watchers to wait in IDLE")
        before = cpu_seconds(process)
        time.sleep(args.idle)
        idle_cpu = (cpu_seconds(process) - before) / args.idle * 100
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(timeout=60)
        except subprocess.TimeoutExpired:
            daemon.kill()
    races = [concurrent(base, server, round_, args.models) for round_ in range(args.rounds)]
    server.stop()

    plugins = "default plugins and models" if args.models else "fast test plugin"
    print(f"daemon with default timings, {plugins}")
    print(f"server restart, {args.outage:.0f} s down, then 3 messages appended:")
    print(f"  stored after     {summary([store for store, _ in restarts])}")
    print(f"  processed after  {summary([done for _, done in restarts])}")
    print("doveadm kick, then 3 messages appended:")
    print(f"  stored after     {summary([store for store, _ in kicks])}")
    print(f"  processed after  {summary([done for _, done in kicks])}")
    print(
        f"UIDVALIDITY change (2 new first, 5 known): {lost} lost, {twice} stored twice, "
        f"new mail processed after {uv_seconds:.1f} s"
    )
    print(f"CPU while waiting in IDLE ({args.idle:.0f} s): {idle_cpu:.2f} % of a core")
    print(
        f"CPU while the server was down: {', '.join(f'{cpu:.2f}' for cpu in outage_cpu)} "
        "% of a core"
    )
    for round_, (twice_processed, duplicate_rows) in enumerate(races):
        print(
            f"two run --once at once, 40 messages (round {round_ + 1}): "
            f"{twice_processed} processed twice, {duplicate_rows} duplicate result rows"
        )


if __name__ == "__main__":
    main()

"""Messages per second with 1, 2 and 4 queue workers on PostgreSQL, models off and on.

Starts a private dovecot and a throw-away PostgreSQL cluster on 127.0.0.1, fills INBOX, and
for each worker count runs ``mailagent run --once --workers N`` on a new database. The rate
is taken between the first and the last message's ``processed`` event, so the workers'
start (imports, model loading) is left out; the run's whole wall time is printed too.
Per-worker efficiency is the rate with N workers over N times the rate with one. The
fetcher's rate (messages stored and queued per second, between the first and last stored)
is the most one folder can take in, whatever the number of workers.

    python benchmarks/scale.py [--messages 200] [--model-messages 16] [--workers 1 2 4]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storage.tables import Event, MessageRow  # noqa: E402
from tests.conftest import MODEL_PLUGINS_OFF  # noqa: E402
from tests.dovecot import DovecotServer, dovecot_unavailable_reason  # noqa: E402
from tests.imap_helpers import child_env, database, make_message, write_config  # noqa: E402
from tests.postgres import PostgresCluster, new_cluster, postgres_unavailable_reason  # noqa: E402

MODES = {"models off": MODEL_PLUGINS_OFF, "default models": ""}


def rate(count: int, first: datetime, last: datetime) -> float:
    """Messages per second between the first and the last of ``count``."""
    span = (last - first).total_seconds()
    return (count - 1) / span if span > 0 else float("nan")


def run(
    cluster: PostgresCluster, dovecot: DovecotServer, workdir: Path, workers: int, plugins: str
) -> tuple[int, float, float, float]:
    """One ``run --once --workers N``: messages processed, their rate, the fetcher's rate,
    and the wall time."""
    workdir.mkdir()
    config = write_config(workdir / "config.toml", dovecot.port, fast=False, extra=plugins)
    sqlite = f"sqlite:///{workdir / 'mailagent.db'}"
    config.write_text(config.read_text().replace(sqlite, cluster.create_database()))
    started = time.monotonic()
    argv = ["--config", str(config), "run", "--once", "--workers", str(workers)]
    result = subprocess.run(
        [sys.executable, "-m", "agent", *argv],
        env=child_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"run --workers {workers} failed:\n{result.stderr[-3000:]}")
    with database(config).session() as session:
        processed = session.execute(
            select(func.count(), func.min(Event.at), func.max(Event.at)).where(
                Event.kind == "processed"
            )
        ).one()
        stored = session.execute(
            select(func.count(), func.min(MessageRow.created_at), func.max(MessageRow.created_at))
        ).one()
    return processed[0], rate(*processed), rate(*stored), wall


def measure(args: argparse.Namespace, cluster: PostgresCluster, base: Path) -> None:
    """Every mode and worker count, printed as a table."""
    print(f"{os.cpu_count()} CPUs; rates between the first and last message processed")
    print(
        f"{'mode':<16}{'workers':>8}{'messages':>10}{'msg/s':>9}{'efficiency':>12}"
        f"{'wall s':>9}{'fetched/s':>11}"
    )
    for mode, plugins in MODES.items():
        count = args.model_messages if plugins == "" else args.messages
        dovecot = DovecotServer(base / f"dovecot-{len(plugins)}")
        dovecot.start()
        try:
            with dovecot.client() as imap:
                for index in range(count):
                    imap.append("INBOX", make_message(index, personal=index % 3 == 0))
            single = None
            for workers in args.workers:
                done, speed, fetched, wall = run(
                    cluster, dovecot, base / f"{len(plugins)}-{workers}", workers, plugins
                )
                single = single or speed
                print(
                    f"{mode:<16}{workers:>8}{done:>10}{speed:>9.2f}"
                    f"{speed / (workers * single):>11.0%}{wall:>9.1f}{fetched:>11.1f}",
                    flush=True,
                )
        finally:
            dovecot.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200, help="with the models off")
    parser.add_argument("--model-messages", type=int, default=16, help="with the models")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    reason = dovecot_unavailable_reason() or postgres_unavailable_reason()
    if reason:
        sys.exit(reason)
    base = Path(tempfile.mkdtemp(prefix="mailagent-scale-"))
    base.chmod(0o755)
    cluster = new_cluster()
    try:
        measure(args, cluster, base)
    finally:
        cluster.stop()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()

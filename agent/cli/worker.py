"""``mailagent worker``: process queued mail on this machine, fetching none (PostgreSQL)."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

import click

from agent.app import App


@click.command()
@click.option(
    "--workers",
    "count",
    type=click.IntRange(min=1),
    default=1,
    help="Worker processes to run (default 1: this process).",
)
@click.option(
    "--threads",
    type=click.IntRange(min=1),
    default=None,
    help="llama.cpp threads of each worker (default: [inference] threads; with --workers N, "
    "the physical cores divided among the N workers).",
)
@click.option("--parent", type=int, default=None, hidden=True)
@click.pass_obj
def worker(app: App, count: int, threads: int | None, parent: int | None) -> None:
    """Process queued mail in worker processes on this machine, fetching none (PostgreSQL).

    The mail is fetched and queued by `mailagent run --workers N` on one machine; workers on
    any machine that reaches the database take its jobs. Each worker processes one message
    at a time; the first SIGTERM or Ctrl-C finishes the current message and stops.
    """
    from agent.queue import require_postgres

    require_postgres(app.config.storage.resolved_url)
    if logging.getLogger().level > logging.INFO:
        logging.getLogger("agent").setLevel(logging.INFO)
    if count == 1:
        from agent.queue.worker import QueueWorker, learn_starter_once

        if threads:
            app.config.inference.threads = threads
        pipeline = app.pipeline()
        learn_starter_once(pipeline)
        QueueWorker(pipeline, app.config.queue, parent).run()
        return
    from agent.queue.processes import WorkerProcesses

    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, on_signal)
    processes = WorkerProcesses(app.config_path, count, threads or app.config.inference.threads)
    processes.start()
    try:
        processes.keep(stop)
    finally:
        processes.stop()


def register(cli: click.Group) -> None:
    """Add the ``worker`` command."""
    cli.add_command(worker)

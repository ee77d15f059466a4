"""``run --workers N``: this process fetches, N worker processes beside it process.

The fetcher is the daemon of a single process with the pipeline replaced by an
:class:`~agent.queue.fetcher.Enqueuer`: it holds each folder's lock as before, stores new
mail and queues a job per message, and applies the outbox of the folders it holds (the
workers' verdicts write the actions; the fetcher's connection carries them out).
"""

from __future__ import annotations

import logging
import threading
from datetime import date

from agent.app import App
from agent.daemon import Daemon
from agent.pipeline import Outcome
from agent.queue.fetcher import Enqueuer
from agent.queue.jobs import Jobs
from agent.queue.processes import WorkerProcesses

logger = logging.getLogger(__name__)

QUEUE_POLL_S = 5.0
"""How often a fetcher syncs the folders it holds again, for the workers' actions."""


def run_with_workers(
    app: App,
    count: int,
    *,
    once: bool,
    dry_run: bool,
    since: date | None,
    wait: bool,
) -> list[str]:
    """Fetch every folder (once, or until stopped) while ``count`` workers process the
    queue; returns the errors met. With ``once``, returns when the queue is empty."""
    pipeline = app.pipeline()  # for storing new mail: the workers learn and load the models
    jobs = Jobs(app.db)
    daemon = Daemon(
        app.config,
        Enqueuer(pipeline, jobs),
        dry_run=dry_run,
        since=since,
        wait=wait,
        queue_poll_s=QUEUE_POLL_S,
    )
    daemon.install_signal_handlers()
    workers = WorkerProcesses(app.config_path, count, app.config.inference.threads)
    workers.start()
    try:
        if not once:
            keeper = threading.Thread(target=workers.keep, args=(daemon.stop,), daemon=True)
            keeper.start()
            daemon.run_forever()
            keeper.join()
            return []
        return drain(app, daemon, workers)
    finally:
        daemon.close()
        workers.stop()
        jobs.close()


def drain(app: App, daemon: Daemon, workers: WorkerProcesses) -> list[str]:
    """Sync every folder, wait until the workers have emptied the queue, and sync again
    (applying the actions their verdicts earned) until a sync finds no new mail."""
    while True:
        outcomes: list[Outcome] = []
        errors = daemon.sync_all(on_message=outcomes.append)
        queued = sum(outcome.status == "queued" for outcome in outcomes)
        logger.info("%d messages queued; waiting for the workers", queued)
        if not workers.wait_idle(app.db, daemon.stop):
            if not daemon.stop.is_set():
                errors.append("every worker ended before the queue was empty")
            return errors
        if not queued:
            return errors

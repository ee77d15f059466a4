"""``mailagent run``: the daemon, once or continuously, alone or with worker processes."""

from __future__ import annotations

import logging
import sys
from datetime import datetime

import click

from agent.app import App
from agent.cli.output import STARTER, progress_bar, stage
from agent.daemon import Daemon


@click.command()
@click.option("--once", is_flag=True, help="Sync every folder once, process, and exit.")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Only mail received on or after this date (a first import of an old mailbox).",
)
@click.option("--dry-run", is_flag=True, help="Log the rule actions instead of taking them.")
@click.option(
    "--wait",
    is_flag=True,
    help="With --once: wait for folders another process is working instead of leaving them.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Process in N worker processes beside this one, through a job queue (PostgreSQL).",
)
@click.pass_obj
def run(
    app: App,
    once: bool,
    since: datetime | None,
    dry_run: bool,
    wait: bool,
    workers: int | None,
) -> None:
    """Process mail from every configured IMAP account.

    Without --once, watch every folder (IDLE, or polling where the server lacks it) and
    process new mail as it arrives, until SIGTERM or Ctrl-C.

    One process works a folder at a time. With --once, a folder another process is
    working is named and left to it (or waited for, with --wait); a running daemon
    stands by for such folders and takes them over when that process stops.

    With --workers N (PostgreSQL only), this process fetches and queues the mail and N
    worker processes process it; `mailagent worker` adds workers on other machines.
    """
    if not app.config.accounts:
        raise click.ClickException(
            "no [[accounts]] in the config; add one (see config.toml) or use "
            "`mailagent process PATH` for a local mailbox"
        )
    if logging.getLogger().level > logging.INFO:
        logging.getLogger("agent").setLevel(logging.INFO)
    if workers is not None:
        _run_with_workers(app, workers, once, since, dry_run, wait)
        return
    pipeline = app.pipeline()
    daemon = Daemon(
        app.config,
        pipeline,
        dry_run=dry_run,
        since=since.date() if since else None,
        wait=wait,
    )
    daemon.install_signal_handlers()
    try:
        if not once:
            daemon.run_forever()
            return
        with progress_bar(not sys.stderr.isatty()) as progress:
            pipeline.classifying.examples.learn_starter(stage(progress, STARTER))
            task = progress.add_task("processing", total=0)
            errors = daemon.sync_all(
                on_total=lambda n: progress.update(task, total=(progress.tasks[0].total or 0) + n),
                on_message=lambda _outcome: progress.advance(task),
            )
    finally:
        daemon.close()
    if errors:
        raise click.ClickException("; ".join(errors))


def _run_with_workers(
    app: App, workers: int, once: bool, since: datetime | None, dry_run: bool, wait: bool
) -> None:
    """``run --workers N``: fetch here, process in N worker processes."""
    from agent.queue import require_postgres

    require_postgres(app.config.storage.resolved_url)
    from agent.queue.fleet import run_with_workers

    errors = run_with_workers(
        app, workers, once=once, dry_run=dry_run, since=since.date() if since else None, wait=wait
    )
    if errors:
        raise click.ClickException("; ".join(errors))


def register(cli: click.Group) -> None:
    """Add the ``run`` command."""
    cli.add_command(run)

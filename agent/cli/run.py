"""``mailagent run`` (the daemon) and ``mailagent status``."""

from __future__ import annotations

import logging
import sys
from datetime import datetime
from typing import Any

import click

from agent.app import App
from agent.cli.output import (
    STARTER,
    json_option,
    print_json,
    print_table,
    progress_bar,
    short,
    stage,
)
from agent.daemon import Daemon
from storage import queries
from storage.locks import folder_lock


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
@click.pass_obj
def run(app: App, once: bool, since: datetime | None, dry_run: bool, wait: bool) -> None:
    """Process mail from every configured IMAP account.

    Without --once, watch every folder (IDLE, or polling where the server lacks it) and
    process new mail as it arrives, until SIGTERM or Ctrl-C.

    One process works a folder at a time. With --once, a folder another process is
    working is named and left to it (or waited for, with --wait); a running daemon
    stands by for such folders and takes them over when that process stops.
    """
    if not app.config.accounts:
        raise click.ClickException(
            "no [[accounts]] in the config; add one (see config.toml) or use "
            "`mailagent process PATH` for a local mailbox"
        )
    if logging.getLogger().level > logging.INFO:
        logging.getLogger("agent").setLevel(logging.INFO)
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


@click.command()
@json_option
@click.pass_obj
def status(app: App, as_json: bool) -> None:
    """Per folder: last sync, backlog (messages not yet processed), last error."""
    with app.db.session() as session:
        rows: list[dict[str, Any]] = [
            {
                "id": folder.id,
                "account": account.name,
                "folder": folder.name,
                "uidvalidity": folder.uidvalidity,
                "last_uid": folder.last_uid,
                "last_sync_at": folder.last_sync_at,
                "processed": counts.get("processed", 0),
                "backlog": counts.get("pending", 0) + counts.get("failed", 0),
                "last_error": folder.last_error,
            }
            for account, folder, counts in queries.folder_states(session)
        ]
    for row in rows:
        # the process working the folder right now, if any
        row["worked_by"] = folder_lock(app.db, row["account"], row["folder"]).holder()
    if as_json:
        print_json(rows)
        return
    print_table(
        "folders",
        [
            "account",
            "folder",
            "last sync",
            "last uid",
            "processed",
            "backlog",
            "worked by",
            "last error",
        ],
        [
            (
                row["account"],
                short(row["folder"], 40),
                f"{row['last_sync_at']:%Y-%m-%d %H:%M:%S}" if row["last_sync_at"] else "",
                row["last_uid"],
                row["processed"],
                row["backlog"],
                short(row["worked_by"], 40),
                short(row["last_error"], 60),
            )
            for row in rows
        ],
    )


def register(cli: click.Group) -> None:
    """Add the ``run`` and ``status`` commands."""
    cli.add_command(run)
    cli.add_command(status)

"""``mailagent status``: each folder's sync, backlog and worker; on PostgreSQL the queue."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import click

from agent.app import App
from agent.cli.output import json_option, print_json, print_table, short
from storage import queries
from storage.locks import folder_lock

FOLDER_COLUMNS = [
    "account",
    "folder",
    "last sync",
    "last uid",
    "processed",
    "backlog",
    "worked by",
    "last error",
]
QUEUE_COLUMNS = ["waiting", "running", "failed"]


@click.command()
@json_option
@click.pass_obj
def status(app: App, as_json: bool) -> None:
    """Per folder: last sync, backlog (messages not yet processed), last error.

    On PostgreSQL each folder's jobs in the queue (waiting, running, failed) are shown too,
    and every worker: its process, last heartbeat, and its running and failed jobs.
    """
    rows = folder_rows(app)
    workers: list[dict[str, Any]] = []
    if app.db.engine.dialect.name == "postgresql":
        from agent.queue.status import queue_state

        state = queue_state(app.db)
        for row in rows:
            row.update(state.folders.get(row["id"], dict.fromkeys(QUEUE_COLUMNS, 0)))
        workers = state.workers
    if as_json:
        print_json(rows)
        return
    queued = bool(workers) or any("waiting" in row for row in rows)
    print_table(
        "folders",
        FOLDER_COLUMNS + (QUEUE_COLUMNS if queued else []),
        [folder_cells(row) + ([row[c] for c in QUEUE_COLUMNS] if queued else []) for row in rows],
    )
    if queued:
        now = datetime.now(UTC)
        print_table(
            "workers",
            ["worker", "process", "last heartbeat", "running", "failed"],
            [
                (
                    w["worker"],
                    short(w["process"], 60),
                    f"{(now - w['last_heartbeat']).total_seconds():.0f} s ago",
                    w["running"],
                    w["failed"],
                )
                for w in workers
            ],
        )


def folder_rows(app: App) -> list[dict[str, Any]]:
    """Each folder's state, and the process working it right now (if any)."""
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
        row["worked_by"] = folder_lock(app.db, row["account"], row["folder"]).holder()
    return rows


def folder_cells(row: dict[str, Any]) -> list[Any]:
    """A folder row's cells in the table."""
    return [
        row["account"],
        short(row["folder"], 40),
        f"{row['last_sync_at']:%Y-%m-%d %H:%M:%S}" if row["last_sync_at"] else "",
        row["last_uid"],
        row["processed"],
        row["backlog"],
        short(row["worked_by"], 40),
        short(row["last_error"], 60),
    ]


def register(cli: click.Group) -> None:
    """Add the ``status`` command."""
    cli.add_command(status)

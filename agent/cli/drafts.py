"""``mailagent drafts``: drafted replies waiting for review."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from agent.app import App
from agent.cli.dates import since_option
from agent.cli.output import json_option, limit_option, print_json, print_table, short
from storage import queries
from storage.tables import DraftRow, MessageRow

STATUSES = ("pending", "approved", "rejected", "saved")


def draft_json(draft: DraftRow, message: MessageRow) -> dict[str, Any]:
    """A draft and the message it answers, as a JSON object."""
    return {
        "id": draft.id,
        "status": draft.status,
        "message_id": message.id,
        "to": message.sender,
        "subject": message.subject,
        "category": message.category,
        "model": draft.model_name,
        "edited": draft.edited,
        "flags": draft.flags,
        "created_at": draft.created_at,
        "body": draft.body,
    }


def register(cli: click.Group) -> None:
    """Add the ``drafts`` group."""

    @cli.group()
    def drafts() -> None:
        """Review drafted replies."""

    @drafts.command("list")
    @click.option("--status", type=click.Choice(STATUSES), help="Only drafts in this state.")
    @click.option("--category", help="Only replies to messages of this category.")
    @since_option
    @limit_option
    @json_option
    @click.pass_obj
    def list_(
        app: App,
        status: str | None,
        category: str | None,
        since: datetime | None,
        limit: int | None,
        as_json: bool,
    ) -> None:
        """Drafts, newest first."""
        with app.db.session() as session:
            rows = queries.list_drafts(
                session, status=status, category=category, since=since, limit=limit
            )
            if as_json:
                print_json([draft_json(draft, message) for draft, message in rows])
                return
            print_table(
                "drafts",
                ["id", "status", "to", "subject", "category", "flags", "draft"],
                [
                    (
                        draft.id,
                        draft.status + (" (edited)" if draft.edited else ""),
                        short(message.sender, 28),
                        short(message.subject, 35),
                        message.category,
                        len(draft.flags) or "",
                        short(draft.body, 50),
                    )
                    for draft, message in rows
                ],
            )

    @drafts.command()
    @click.argument("draft_id", type=int)
    @json_option
    @click.pass_obj
    def show(app: App, draft_id: int, as_json: bool) -> None:
        """One draft with the message it answers."""
        with app.db.session() as session:
            draft = queries.get_draft(session, draft_id)
            if draft is None:
                raise click.ClickException(f"no draft with id {draft_id}")
            data = draft_json(draft, draft.message)
        if as_json:
            print_json(data)
            return
        click.echo(f"Draft {data['id']} ({data['status']}), model {data['model']}")
        click.echo(f"In reply to message {data['message_id']} from {data['to']}")
        click.echo(f"Subject: {data['subject']}")
        for flag in data["flags"]:
            click.secho(f"Check: {flag}", fg="yellow")
        click.echo("\n" + data["body"])

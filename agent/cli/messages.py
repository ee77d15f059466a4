"""``mailagent messages``: what the agent has seen and what it concluded."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import click
from sqlalchemy.orm import Session

from agent.app import App
from agent.cli.dates import SinceType, since_option
from agent.cli.output import (
    account_option,
    found_fields,
    json_option,
    limit_option,
    local_time,
    print_json,
    print_table,
    short,
)
from agent.errors import MailAgentError
from agent.learning import make_example, save_example
from agent.replies.asks import shown_text
from agent.store import message_from_row
from storage import queries
from storage.states import MessageState
from storage.tables import MessageRow


def message_json(row: MessageRow) -> dict[str, Any]:
    """A message row as a JSON object."""
    return {
        "id": row.id,
        "date": row.date,
        "from": row.sender,
        "subject": row.subject,
        "category": row.category,
        "confidence": row.confidence,
        "urgent": row.urgent,
        "state": row.state,
        "message_id": row.message_id,
        "thread_key": row.thread_key,
        "size": row.size,
        "sha256": row.sha256,
        "defects": row.defects,
    }


def show_messages(title: str, rows: Sequence[MessageRow], as_json: bool) -> None:
    """``rows`` as a JSON array or as a table, one message a line."""
    if as_json:
        print_json([message_json(row) for row in rows])
        return
    print_table(
        title,
        ["id", "date", "from", "subject", "category", "conf", "urgent", "state"],
        [
            (
                row.id,
                local_time(row.date),
                short(row.sender, 30),
                short(row.subject, 45),
                row.category,
                f"{row.confidence:.2f}" if row.confidence is not None else "",
                "!" if row.urgent else "",
                row.state,
            )
            for row in rows
        ],
    )


@click.group()
def messages() -> None:
    """List and inspect processed messages."""


@messages.command("list")
@account_option
@click.option("--category", help="Only this category.")
@click.option("--state", type=click.Choice([state.value for state in MessageState]))
@since_option
@limit_option
@json_option
@click.pass_obj
def list_(
    app: App,
    account: str | None,
    category: str | None,
    state: str | None,
    since: datetime | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """Messages, newest first."""
    with app.db.session() as session:
        rows = queries.list_messages(
            session, account=account, category=category, state=state, since=since, limit=limit
        )
        show_messages("messages", rows, as_json)


@messages.command()
@account_option
@click.option("--category", help="Only verdicts of this category.")
@click.option(
    "--since",
    type=SinceType(),
    default="30d",
    show_default=True,
    help="Only verdicts made since this date or age (7d, 12h).",
)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@json_option
@click.pass_obj
def uncertain(
    app: App,
    account: str | None,
    category: str | None,
    since: datetime,
    limit: int,
    as_json: bool,
) -> None:
    """The least certain recent verdicts, least confident first: the mail to relabel next.

    A correction (`mailagent messages relabel ID CATEGORY`) teaches the most where the
    classifiers were least sure. Messages you relabelled are not listed again.
    """
    with app.db.session() as session:
        rows = queries.uncertain_messages(
            session, account=account, category=category, since=since, limit=limit
        )
        show_messages("least certain verdicts", rows, as_json)


@messages.command()
@click.argument("message_id", type=int)
@json_option
@click.pass_obj
def show(app: App, message_id: int, as_json: bool) -> None:
    """One message: headers, text, and every plugin's result with its evidence."""
    with app.db.session() as session:
        row = queries.get_message(session, message_id)
        if row is None:
            raise click.ClickException(f"no message with id {message_id}")
        results = queries.results_of(session, message_id)
        classification = queries.verdict(row, results) or {}
        data = message_json(row) | {
            "to": row.recipients.get("to", []),
            "cc": row.recipients.get("cc", []),
            "new_text": row.new_text,
            "attachments": row.attachments,
            "results": [
                {
                    "task": result.task,
                    "plugin": result.plugin,
                    "model": result.model_name,
                    "quantization": result.quantization,
                    "latency_ms": result.latency_ms,
                    "output": result.output,
                    "error": result.error,
                }
                for result in results
            ],
        }
    if as_json:
        print_json(data)
        return
    shown = {**data, "date": local_time(row.date)}
    for key in ("id", "date", "from", "subject", "category", "confidence", "urgent", "state"):
        click.echo(f"{key:>10}: {shown[key] if shown[key] is not None else ''}")
    if row.defects:
        click.echo(f"{'defects':>10}: {', '.join(row.defects)}")
    for how in classification.get("combination", []):
        click.echo(f"{'combined':>10}: {how}")
    if classification.get("settled"):
        click.echo(f"{'settled':>10}: without the model ([combination] settle_at)")
    for sentence in classification.get("set_aside", []):
        click.echo(f"{'set aside':>10}: {short(sentence, 100)} (speaks to an AI agent)")
    click.echo("\n" + (shown_text(row.new_text, row.quoted_text).strip() or "(no text)") + "\n")
    print_table(
        "results",
        ["task", "plugin", "model", "ms", "output / error"],
        [
            (
                item["task"],
                item["plugin"],
                item["model"],
                f"{item['latency_ms']:.0f}",
                item["error"] or _summary(item["task"], item["output"]),
            )
            for item in data["results"]
            if item["task"] != "combined"
        ],
    )


def _summary(task: str, output: Any) -> str:
    """A plugin's answer on one line: a vote with its evidence, the fields an extraction
    found, a draft's text, whether a reply is needed; else the answer as stored."""
    if not isinstance(output, dict):
        return short(str(output), 160)
    if task == "classify" and "category" in output:
        said = f"{output['category']} {output.get('confidence', 0):.2f}"
        text = "; ".join([said, *map(str, output.get("evidence") or [])])
    elif task == "extract":
        text = "; ".join(f"{name}: {v}" for name, v in found_fields(output).items()) or "nothing"
    elif task == "draft" and "body" in output:
        text = str(output["body"])
    elif task == "reply" and "reason" in output:
        text = f"{'needed' if output.get('needs_reply') else 'not needed'}: {output['reason']}"
    else:
        text = str(output)
    return short(text, 160)


@messages.command()
@click.argument("message_id", type=int)
@click.argument("category")
@click.pass_obj
def relabel(app: App, message_id: int, category: str) -> None:
    """Correct a message's category; the correction becomes an example at once.

    The learning classifiers use it from the next message on, so similar mail is
    sorted the way you said.
    """
    named = {name.casefold(): name for name in app.config.categories}
    if category.casefold() not in named:
        known = ", ".join(app.config.categories)
        raise click.BadParameter(f"{category!r} is not a category (known: {known})")
    category = named[category.casefold()]
    with app.db.session() as session:
        row = queries.get_message(session, message_id)
        if row is None:
            raise click.ClickException(f"no message with id {message_id}")
        message = message_from_row(row)
        was, state = row.category, row.state
    model = app.models.handle("classify")
    example = make_example(message, category, model, source="corrected")
    drafting = app.config.drafting.categories
    with app.db.session() as session:
        save_example(session, message, example, model, message_id=message_id)
        queries.set_category(session, message_id, category)
        queries.add_event(session, "relabelled", message_id=message_id, category=category, was=was)
        dropped = []
        if category not in drafting:
            reason = f"relabelled {category}, which gets no reply ([drafting] categories)"
            dropped = queries.supersede_pending(session, message_id, reason)
    click.echo(f"message {message_id}: {was or 'unclassified'} -> {category} (learned)")
    for draft_id in dropped:
        click.echo(f"draft {draft_id} superseded: no reply is drafted for {category}")
    if category in drafting and was not in drafting and state == MessageState.PROCESSED:
        click.echo(draft_after_relabel(app, message_id))


def draft_after_relabel(app: App, message_id: int) -> str:
    """Draft the reply a message relabelled into a drafted category would have had; what
    happened, in one line."""
    try:
        drafted = app.pipeline().drafting.redraft(message_id)
    except MailAgentError as error:
        return f"no draft: {error}"
    with app.db.session() as session:
        if drafted.asks is not None:
            output = drafted.asks.model_dump(mode="json")
            queries.set_result(session, message_id, "reply", "mailagent", output)
        if drafted.reply is None:
            reason = drafted.asks.reason if drafted.asks else "no plugin drafted a reply"
            return f"no draft: {reason}"
        (draft, _) = queries.list_drafts(session, message_id=message_id)[0]
        if draft.id in queries.supersede_for(session, draft):  # as when it was processed
            return f"no draft to review: draft {draft.id} is superseded ({draft.reason})"
    return f"drafted a reply: draft {draft.id} (mailagent drafts show {draft.id})"


@messages.command()
@click.argument("message_ids", type=int, nargs=-1, required=True)
@click.pass_obj
def retry(app: App, message_ids: tuple[int, ...]) -> None:
    """Give failed messages another run: the next run of their folder processes them.

    Their attempts start again from zero; a verdict already stored is kept.
    """
    with app.db.session() as session:
        for message_id in message_ids:
            row = _message(session, message_id)
            if row.state != MessageState.FAILED:
                raise click.ClickException(
                    f"message {message_id} is {row.state}; only failed messages are retried"
                )
            was = row.error
            queries.retry_message(session, message_id)
            queries.add_event(session, "retried", message_id=message_id, was=was)
    for message_id in message_ids:
        click.echo(f"message {message_id}: pending again (the next run of its folder)")


@messages.command()
@click.argument("message_ids", type=int, nargs=-1, required=True)
@click.pass_obj
def delete(app: App, message_ids: tuple[int, ...]) -> None:
    """Forget messages: their row, results, drafts and pending actions (not the mail).

    Nothing on the server is touched, and a folder is not read again, so an IMAP
    message deleted here stays forgotten; the audit log keeps a line for each.
    """
    with app.db.session() as session:
        for message_id in message_ids:
            row = _message(session, message_id)
            subject = row.subject
            queries.add_event(session, "deleted", message_id=None, id=message_id, subject=subject)
            queries.delete_message(session, message_id)
    for message_id in message_ids:
        click.echo(f"message {message_id} deleted")


def register(cli: click.Group) -> None:
    """Add the ``messages`` group."""
    cli.add_command(messages)


def _message(session: Session, message_id: int) -> MessageRow:
    row = queries.get_message(session, message_id)
    if row is None:
        raise click.ClickException(f"no message with id {message_id}")
    return row

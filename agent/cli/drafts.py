"""``mailagent drafts``: drafted replies waiting for review."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import click

from agent import drafts as lifecycle
from agent import egress
from agent.app import App
from agent.cli.dates import since_option
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
from agent.compose import reply_recipients, reply_subject
from agent.replies.asks import shown_text
from agent.replies.gates import unfinished
from agent.store import message_from_row
from storage import queries
from storage.states import DraftStatus
from storage.tables import DraftRow, MessageRow, ResultRow

STATUSES = tuple(status.value for status in DraftStatus)


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
        "plugin": draft.plugin,
        "reason": draft.reason,
        "edited": draft.edited,
        "flags": draft.flags,
        "created_at": draft.created_at,
        "body": draft.body,
    }


@click.group()
def drafts() -> None:
    """Review drafted replies."""


@drafts.command("list")
@click.option("--status", type=click.Choice(STATUSES), help="Only drafts in this state.")
@account_option
@click.option("--category", help="Only replies to messages of this category.")
@since_option
@limit_option
@json_option
@click.pass_obj
def list_(
    app: App,
    account: str | None,
    status: str | None,
    category: str | None,
    since: datetime | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """Drafts, newest first."""
    with app.db.session() as session:
        rows = queries.list_drafts(
            session,
            account=account,
            status=status,
            category=category,
            since=since,
            limit=limit,
        )
        set_aside = queries.set_aside_of(session, {message.id for _, message in rows})
        if as_json:
            print_json(
                [
                    draft_json(draft, message) | {"set_aside": set_aside.get(message.id, [])}
                    for draft, message in rows
                ]
            )
            return
        print_table(
            "drafts",
            ["id", "status", "to", "subject", "category", "checks", "draft"],
            [
                (
                    draft.id,
                    draft.status + (" (edited)" if draft.edited else ""),
                    short(message.sender, 28),
                    short(message.subject, 35),
                    message.category,
                    _checks(draft.flags, set_aside.get(message.id, [])),
                    short(draft.body, 50),
                )
                for draft, message in rows
            ],
        )


def _checks(flags: list[str], set_aside: list[str]) -> str:
    """What a reviewer should check, in a word each: the draft's flags and any text
    speaking to an AI agent that the mail held."""
    words = [f"{len(flags)} flag{'s' if len(flags) > 1 else ''}"] if flags else []
    return ", ".join([*words, *(["speaks to an AI"] if set_aside else [])])


@drafts.command()
@click.argument("draft_id", type=int)
@json_option
@click.pass_obj
def show(app: App, draft_id: int, as_json: bool) -> None:
    """One draft with the message it answers and what was extracted from it."""
    data = draft_details(app, draft_id)
    if as_json:
        print_json(data)
        return
    echo_draft(data)


@drafts.command()
@click.argument("draft_id", type=int)
@click.pass_obj
def edit(app: App, draft_id: int) -> None:
    """Edit a pending draft in $VISUAL or $EDITOR."""
    edit_in_editor(app, draft_id)


@drafts.command()
@click.argument("draft_id", type=int)
@click.argument("numbers", type=click.IntRange(min=1), nargs=-1, required=True)
@click.pass_obj
def choose(app: App, draft_id: int, numbers: tuple[int, ...]) -> None:
    """Settle a draft's [choose: a / b] and [check: ...] slots without an editor.

    NUMBERS are the option kept in each such slot, in order (1 for the first; a check's 1
    keeps its text, 2 leaves it out): `mailagent drafts choose 3 2` keeps the second option
    of draft 3's first choice.
    """
    try:
        body = lifecycle.choose(app.db, draft_id, list(numbers))
    except lifecycle.DraftError as error:
        raise click.ClickException(str(error)) from error
    click.echo(body)
    _left(unfinished(body))


@drafts.command()
@click.argument("draft_ids", type=int, nargs=-1, required=True)
@click.pass_obj
def approve(app: App, draft_ids: tuple[int, ...]) -> None:
    """Approve drafts and save them to their account's Drafts folder.

    Each draft is approved on its own: one that cannot be (unfinished, rejected, unknown) is
    named and the others still go; the exit status is 1 if any was refused.
    """
    approved = []
    for draft_id in draft_ids:
        try:
            lifecycle.approve(app.db, app.config, draft_id)
        except lifecycle.DraftError as error:
            click.echo(f"Error: {error}", err=True)
        else:
            approved.append(draft_id)
    if approved:
        report = lifecycle.save_approved(app.db, app.config, only=set(approved))
        report_saved(report)
        told = {*report.saved, *report.failed, *report.unsaveable}
        for draft_id in approved:
            if draft_id not in told:  # saved before, by an earlier approval or the daemon
                click.echo(f"draft {draft_id} is already in the Drafts folder")
    if len(approved) < len(draft_ids):
        raise click.exceptions.Exit(1)


@drafts.command()
@click.argument("draft_ids", type=int, nargs=-1, required=True)
@click.option("--reason", default="", help="Why, for the audit log.")
@click.pass_obj
def reject(app: App, draft_ids: tuple[int, ...], reason: str) -> None:
    """Reject drafts."""
    for draft_id in draft_ids:
        lifecycle.reject(app.db, draft_id, reason)
        click.echo(f"draft {draft_id} rejected")


@drafts.command()
@click.argument("draft_id", type=int)
@click.option("--model", help="Draft with this registered model instead of the task's.")
@click.option("--force", is_flag=True, help="Replace your edit of the draft too.")
@click.pass_obj
def regenerate(app: App, draft_id: int, model: str | None, force: bool) -> None:
    """Draft the reply again (a pending draft only; one you edited needs --force)."""
    click.echo(regenerate_draft(app, draft_id, model, force))


def register(cli: click.Group) -> None:
    """Add the ``drafts`` group."""
    cli.add_command(drafts)


def draft_details(app: App, draft_id: int) -> dict[str, Any]:
    """A draft, the key lines of its message, and the extraction, as one JSON object."""
    with app.db.session() as session:
        draft = queries.get_draft(session, draft_id)
        if draft is None:
            raise click.ClickException(f"no draft with id {draft_id}")
        message = draft.message
        results = queries.results_of(session, message.id)
        classification = queries.verdict(message, results) or {}
        original = message_from_row(message)
        email = lifecycle.own_address(session, app.config, message)
        to, cc = reply_recipients(original, lifecycle.user_address(app.config, original, email))
        return draft_json(draft, message) | {
            "reply": {
                "to": [str(address) for address in to],
                "cc": [str(address) for address in cc],
                "subject": reply_subject(message.subject),
            },
            "from": message.sender,
            "date": message.date,
            "message_text": shown_text(message.new_text, message.quoted_text),
            "extraction": queries.combined_part(results, "extraction") or {},
            "asks": next((r.output for r in results if r.task == "reply" and r.output), None),
            "not_used": [
                attempt for attempt in not_used(results) if attempt not in draft.flags
            ],  # a skeleton's checks name them already
            "set_aside": classification.get("set_aside", []),
        }


def not_used(results: Sequence[ResultRow]) -> list[str]:
    """The writers tried before the one that wrote a message's latest draft, each with why it
    was not used: the draft results with an error after the one before it that wrote a draft
    (so earlier regenerations do not count)."""
    attempts = [r for r in results if r.task == "draft"]
    if attempts and attempts[-1].error is None:
        attempts.pop()
    tried: list[str] = []
    for result in reversed(attempts):
        if result.error is None:
            break
        tried.insert(0, f"{result.plugin}: {result.error}")
    return list(dict.fromkeys(tried))


SHOWN_FIELDS = (
    "deadlines",
    "dates",
    "amounts",
    "invoice_numbers",
    "order_numbers",
    "action_items",
    "people",
)
"""The extracted fields a reviewer sees under the message, in this order."""
KEY_LINES = 12
"""How many lines of the message ``drafts show`` prints."""


def key_lines(text: str, limit: int = KEY_LINES) -> str:
    """The message's first ``limit`` non-empty lines, a long line wrapped at 100 characters
    (a paragraph written on one line is read whole, not cut), with a mark when more follow."""
    lines = [
        part for line in text.splitlines() for part in textwrap.wrap(" ".join(line.split()), 100)
    ]
    more = f"\n[... {len(lines) - limit} more lines]" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


def echo_draft(data: dict[str, Any]) -> None:
    """Print a draft for review: the original's key lines, what was found, the reply."""
    made = f"model {data['model']}" if data["model"] else "no model"
    click.secho(f"Draft {data['id']} ({data['status']}), by {data['plugin']}, {made}", bold=True)
    if data["reason"]:
        click.echo(f"Why {data['status']}: {data['reason']}")
    click.echo(f"From:    {data['from']}")
    click.echo(f"Date:    {local_time(data['date'])}")
    click.echo(f"Subject: {data['subject']}")
    click.echo(f"Category: {data['category']}")
    if data.get("asks"):
        click.echo(f"Reply:   needed, {data['asks']['reason']}")
    click.echo("\n" + key_lines(data["message_text"]))
    for name, values in found_fields(data["extraction"], SHOWN_FIELDS).items():
        click.echo(f"  {name}: {short(values, 100)}")
    reply = data["reply"]
    click.secho("\n--- draft reply ---", bold=True)
    click.echo(f"To:      {', '.join(reply['to'])}")
    if reply["cc"]:
        click.echo(f"Cc:      {', '.join(reply['cc'])}")
    click.echo(f"Subject: {reply['subject']}\n")
    click.echo(data["body"])
    for flag in data["flags"]:
        click.secho(f"Check: {flag}", fg="yellow")
    for attempt in data.get("not_used", []):
        click.secho(f"Not used: {attempt}", dim=True)
    for sentence in data["set_aside"]:
        click.secho(f"Check: the mail speaks to an AI agent: {short(sentence, 100)}", fg="yellow")


def edit_in_editor(app: App, draft_id: int) -> bool:
    """Open the draft in the user's editor; save it if changed. An editor error changes nothing."""
    with app.db.session() as session:
        draft = queries.get_draft(session, draft_id)
        if draft is None:
            raise click.ClickException(f"no draft with id {draft_id}")
        if draft.status != DraftStatus.PENDING:
            # refused before the editor opens, so no one writes an edit that is thrown away
            raise click.ClickException(
                f"draft {draft_id} is {draft.status}; only pending drafts are edited"
            )
        body = draft.body
    with egress.lifted("your editor"):
        edited = click.edit(body, require_save=True, extension=".txt")
    if edited is None:
        click.echo("no change")
        return False
    try:
        changed = lifecycle.edit(app.db, draft_id, edited)
    except lifecycle.DraftError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"draft {draft_id} {'edited' if changed else 'unchanged'}")
    _left(unfinished(edited))
    return changed


def _left(slots: list[str]) -> None:
    """Say which slots still hold approval back, if any."""
    if slots:
        click.secho(
            f"it still holds {', '.join(slots[:3])}: approval waits until you fill "
            f"{'them' if len(slots) > 1 else 'it'}",
            fg="yellow",
        )


def regenerate_draft(app: App, draft_id: int, model: str | None, force: bool = False) -> str:
    """Draft again; returns a one-line report. A draft holding the user's edit is kept unless
    ``force``; a ``model`` that does not write the reply is named."""
    with app.db.session() as session:
        draft = queries.get_draft(session, draft_id)
        if draft is None:
            raise click.ClickException(f"no draft with id {draft_id}")
        if draft.status != DraftStatus.PENDING:
            raise click.ClickException(f"draft {draft_id} is {draft.status}; it stays as it is")
        if draft.edited and not force:
            raise click.ClickException(
                f"draft {draft_id} holds your edit, which drafting again would replace "
                "(--force replaces it)"
            )
        message_id = draft.message_id
    pipeline = app.pipeline()
    drafted = pipeline.drafting.redraft(message_id, model)
    if drafted.reply is None:
        errors = "; ".join(call.error or "" for call in drafted.calls if call.error)
        raise click.ClickException(f"no new draft: {errors or 'no plugin drafted a reply'}")
    report = f"draft {draft_id} regenerated by {drafted.model or drafted.plugin}"
    if model and drafted.model != model:
        refused = [call.error for call in drafted.calls if call.records and call.error]
        if refused:
            why = f"its reply was refused: {refused[0]}"
        elif not pipeline.models.handle("draft").capable(app.config.plugins.settings_for("draft")):
            why = "it is below [plugins.draft] min_parameters, see mailagent doctor"
        else:
            why = f"{drafted.plugin} answered first"
        report += f"; {model} did not write it ({why})"
    return report


def report_saved(report: lifecycle.SaveReport) -> None:
    """Say which drafts reached their Drafts folder and which stay approved."""
    for draft_id in report.saved:
        click.echo(f"draft {draft_id} approved and saved to the Drafts folder")
    for draft_id, reason in report.failed.items():
        click.echo(f"draft {draft_id} approved, not saved yet ({reason}); `mailagent run` retries")
    for draft_id, source in report.unsaveable.items():
        click.echo(
            f"draft {draft_id} approved; its message came from {source!r}, not an IMAP account "
            f"in the config, so there is no Drafts folder to save it to: copy it from "
            f"`mailagent drafts show {draft_id}`"
        )

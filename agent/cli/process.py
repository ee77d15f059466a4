"""``mailagent process``: the whole pipeline over a local mailbox."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date
from pathlib import Path

import click

from agent.app import App
from agent.cli.output import STARTER, print_json, print_table, progress_bar, short, stage
from agent.pipeline import Outcome
from agent.sources.local import (
    ACCOUNT,
    SAMPLE_DAY,
    count_messages,
    not_eml,
    read_mailbox,
    sample_mailbox,
)
from storage import queries
from storage.locks import folder_lock
from storage.states import DraftStatus


@click.command()
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--sample", is_flag=True, help="Process the bundled sample mailbox.")
@click.option("--json", "as_json", is_flag=True, help="Print the outcomes as JSON.")
@click.option(
    "--wait", is_flag=True, help="Wait for another process working this mailbox to finish."
)
@click.pass_obj
def process(app: App, path: Path | None, sample: bool, as_json: bool, wait: bool) -> None:
    """Process a local mailbox: a Maildir, an mbox, or a folder of .eml files.

    Each message is stored, classified, mined for fields and, for the categories
    [drafting] names, given a draft reply to review with `mailagent drafts`. A message
    processed before is skipped. One process works a mailbox at a time: another one
    working it is named, and left to finish (or waited for, with --wait).

    The sample's replies are drafted as of the day of its newest message (21 November
    2026), as its recipient would have drafted them.
    """
    if sample == (path is not None):
        raise click.UsageError("give a mailbox PATH or --sample (one of them)")
    mailbox = sample_mailbox() if sample else path
    assert mailbox is not None
    folder = str(mailbox.expanduser().resolve())
    lock = folder_lock(app.db, ACCOUNT, folder)
    holder = lock.take(
        wait,
        threading.Event(),
        lambda holder: click.echo(f"{mailbox} is processed by {holder}; waiting", err=True),
    )
    if holder is not None:
        raise click.ClickException(f"{mailbox} is being processed by {holder}; left it")
    try:
        outcomes = _process(app, mailbox, folder, as_json, SAMPLE_DAY if sample else None)
    finally:
        lock.release()
    if as_json:
        print_json([_outcome_json(outcome) for outcome in outcomes])
        return
    with app.db.session() as session:
        ids = [o.message.db_id for o in outcomes if o.draft and o.message.db_id is not None]
        drafted = queries.draft_statuses(session, ids)
    print_table(
        f"{mailbox}",
        ["id", "from", "subject", "category", "conf", "draft", "status"],
        [
            (
                outcome.message.db_id,
                short(str(outcome.message.sender or ""), 30),
                short(outcome.message.subject, 40),
                outcome.classification.category if outcome.classification else "",
                f"{outcome.classification.confidence:.2f}" if outcome.classification else "",
                drafted.get(outcome.message.db_id or 0, ""),
                outcome.status + (" (plugin errors)" if _failures(outcome) else ""),
            )
            for outcome in outcomes
        ],
    )
    statuses = Counter(outcome.status for outcome in outcomes)
    drafts = sum(status == DraftStatus.PENDING for status in drafted.values())
    failed = f", {statuses['failed']} failed" if statuses["failed"] else ""
    click.echo(
        f"{statuses['processed']} processed, {statuses['skipped']} already done{failed}, "
        f"{drafts} drafts to review (mailagent drafts list)."
    )


def _failures(outcome: Outcome) -> list[str]:
    """A plugin's errors on ``outcome``, leaving out drafts the checks refused: the next
    drafting plugin or the skeleton answered those, and the draft shows why."""
    return [error for error in outcome.errors if not error.startswith("draft/")]


def register(cli: click.Group) -> None:
    """Add the ``process`` command."""
    cli.add_command(process)


def _process(
    app: App, mailbox: Path, folder: str, as_json: bool, today: date | None
) -> list[Outcome]:
    """Finish the mailbox's pending messages, then every message in it, with a progress bar;
    replies are drafted as of ``today`` when given."""
    pipeline = app.pipeline()
    if today is not None:
        pipeline.drafting.today = lambda: today
    refused = not_eml(mailbox.expanduser().resolve())
    with progress_bar(as_json) as progress:
        pipeline.classifying.examples.learn_starter(stage(progress, STARTER))
        outcomes = pipeline.resume(ACCOUNT, folder)
        task = progress.add_task("processing", total=count_messages(mailbox))
        for raw in read_mailbox(mailbox, refused):
            outcomes.append(pipeline.process(raw))
            progress.advance(task)
    if refused:
        files = "1 file that is" if len(refused) == 1 else f"{len(refused)} files that are"
        click.echo(f"skipped {files} not mail: " + "; ".join(refused), err=True)
    return outcomes


def _outcome_json(outcome: Outcome) -> dict[str, object]:
    return {
        "id": outcome.message.db_id,
        "subject": outcome.message.subject,
        "status": outcome.status,
        "category": outcome.classification.category if outcome.classification else None,
        "confidence": outcome.classification.confidence if outcome.classification else None,
        "urgent": outcome.urgent if outcome.classification else None,
        "draft": outcome.draft.body if outcome.draft else None,
        "errors": outcome.errors,
    }

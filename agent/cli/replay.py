"""``mailagent replay``: try a candidate model on stored mail before switching to it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from agent.app import App
from agent.cli.dates import since_option
from agent.cli.output import json_option, limit_option, print_json, print_table, short
from agent.message import Message
from agent.pipeline import Pipeline
from agent.results import Classification, Extraction
from agent.store import message_from_row
from models.config import TASKS
from storage import queries
from storage.states import MessageState
from storage.tables import MessageRow, ResultRow


def _extraction_summary(extraction: dict[str, Any] | None) -> dict[str, list[str]]:
    if not extraction:
        return {}
    return {
        name: sorted(str(item.get("value", "")) for item in items)
        for name, items in extraction.items()
        if items
    }


@click.command()
@click.option("--task", type=click.Choice(TASKS), required=True, help="The task to re-run.")
@click.option("--model", "model_name", required=True, help="The candidate model's name.")
@since_option
@limit_option
@json_option
@click.pass_obj
def replay(
    app: App,
    task: str,
    model_name: str,
    since: datetime | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """Re-run TASK with a candidate MODEL on stored mail; show where verdicts differ.

    Nothing is stored: the stored verdicts stay as they are. For classify, the
    learning classifiers use the examples embedded by the candidate model (run
    `mailagent learn` with it configured first, or they abstain).
    """
    app.models.pin(task, model_name)
    pipeline = app.pipeline()
    with app.db.session() as session:
        rows = queries.list_messages(
            session, state=MessageState.PROCESSED, since=since, limit=limit
        )
        stored = [
            (message_from_row(row), list(queries.results_of(session, row.id)), row) for row in rows
        ]
        drafts = {draft.message_id: draft.body for draft, _ in queries.list_drafts(session)}
    differing: list[dict[str, Any]] = []
    for message, results, row in stored:
        verdicts = _verdicts(pipeline, task, message, results, row, drafts)
        if verdicts is not None and verdicts[0] != verdicts[1]:
            before, after = verdicts
            differing.append(
                {"id": row.id, "subject": row.subject, "stored": before, model_name: after}
            )
    if as_json:
        print_json(differing)
        return
    _show_differing(task, model_name, differing)
    click.echo(f"{len(differing)} of {len(stored)} messages differ.")


def _verdicts(
    pipeline: Pipeline,
    task: str,
    message: Message,
    results: list[ResultRow],
    row: MessageRow,
    drafts: dict[int, str],
) -> tuple[Any, Any] | None:
    """The stored verdict of ``task`` on a message and the candidate's; None for a message
    the task does not apply to (a draft for a category [drafting] does not name)."""
    if task == "classify":
        _, classification = pipeline.classifying.classify(message)
        return row.category, classification.category if classification else None
    if task == "extract":
        before = _extraction_summary(queries.combined_part(results, "extraction"))
        _, extraction = pipeline.extract(message)
        return before, _extraction_summary(extraction.model_dump(mode="json"))
    if row.category not in pipeline.config.drafting.categories:
        return None
    classification = Classification(category=row.category, confidence=1.0)
    stored_fields = queries.combined_part(results, "extraction")
    extraction = Extraction.model_validate(stored_fields or {})
    answer = pipeline.drafting.draft(message, classification, extraction).reply
    return drafts.get(row.id), answer.body if answer else None


def _show_differing(task: str, model_name: str, differing: list[dict[str, Any]]) -> None:
    """The messages where the candidate differs, as a table."""
    print_table(
        f"{task}: where {model_name} differs from the stored verdicts",
        ["id", "subject", "stored", model_name],
        [
            (
                d["id"],
                short(d["subject"], 40),
                short(str(d["stored"]), 60),
                short(str(d[model_name]), 60),
            )
            for d in differing
        ],
    )


def register(cli: click.Group) -> None:
    """Add the ``replay`` command."""
    cli.add_command(replay)

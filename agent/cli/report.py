"""``mailagent stats``, ``digest`` and ``log``: what came in, what needs you, what was done."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from datetime import date, datetime, timedelta
from typing import Any

import click
from sqlalchemy.orm import Session

from agent.app import App
from agent.cli.dates import since_option
from agent.cli.output import json_option, limit_option, print_json, print_table, short
from agent.combine import JUNK
from agent.costs import TaskCost, energy_readable, task_costs
from agent.dates import ISO_DAY
from agent.replies.asks import automated
from agent.store import message_from_row
from storage import queries
from storage.states import DraftStatus
from storage.tables import MessageRow, utcnow


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def show_costs(costs: list[TaskCost], cpu_hour: float) -> None:
    """The cost per message table, energy "none" where the platform does not report it."""
    print_table(
        f"cost per message (at {cpu_hour:g} per CPU-hour)",
        ["task", "messages", "CPU s", "wall s", "energy J", "per 1,000 messages"],
        [
            (
                cost.task,
                cost.messages,
                f"{cost.cpu_s_per_message:.3f}",
                f"{cost.wall_s_per_message:.3f}",
                "none" if cost.energy_j_per_message is None else cost.energy_j_per_message,
                f"{cost.cost_per_1000:.4f}",
            )
            for cost in costs
        ],
    )


@click.command()
@since_option
@json_option
@click.pass_obj
def stats(app: App, since: datetime | None, as_json: bool) -> None:
    """Counts per category and day, drafts by status, model latency, cost per message."""
    with app.db.session() as session:
        days = queries.category_counts_by_day(session, since)
        drafts = queries.draft_counts(session)
        latencies = queries.model_latencies(session, since)
        measured = queries.call_costs(session, since)
    cpu_hour = app.config.costs.cpu_hour
    costs = {
        "cpu_hour": cpu_hour,
        "energy": "RAPL" if energy_readable() else "none",
        "per_message": [asdict(cost) for cost in task_costs(measured, cpu_hour)],
    }
    models = [
        {
            "model": model,
            "task": task,
            "calls": len(values),
            "p50_ms": round(percentile(values, 0.5), 1),
            "p95_ms": round(percentile(values, 0.95), 1),
            "mean_ms": round(statistics.fmean(values), 1),
        }
        for (model, task), values in sorted(latencies.items())
    ]
    if as_json:
        print_json(
            {
                "by_day": [{"day": d, "category": c, "count": n} for d, c, n in days],
                "drafts": drafts,
                "models": models,
                "costs": costs,
            }
        )
        return
    print_table("messages per day", ["day", "category", "count"], days)
    print_table("drafts", ["status", "count"], sorted(drafts.items()))
    print_table(
        "model latency",
        ["model", "task", "calls", "p50 ms", "p95 ms", "mean ms"],
        [list(row.values()) for row in models],
    )
    show_costs(task_costs(measured, cpu_hour), cpu_hour)


OVERDUE_DAYS = 30
"""How far back the digest looks for passed deadlines of mail still awaiting an answer."""
SOON_DAYS = 2
"""A mail awaiting an answer whose deadline is at most this many days away is shown in red."""
UNSURE_BELOW = 0.5
"""A verdict below this confidence in a category that gets no draft is listed by the digest
for the user to check: a misfiled mail from a person gets its draft once relabelled."""
UNSURE_SHOWN = 10
"""At most this many of them are listed, the least confident first."""


def _dated(
    rows: Sequence[tuple[MessageRow, dict[str, Any]]], keep: Callable[[str], bool]
) -> Iterator[tuple[MessageRow, str]]:
    """Each message of ``rows`` with each day of its extracted deadlines that ``keep`` takes."""
    for row, output in rows:
        for item in (output.get("extraction") or {}).get("deadlines", []):
            day = str(item["value"])[:10]
            if ISO_DAY.fullmatch(day) and keep(day):  # not another plugin's free text
                yield row, day


def _deadlines(
    rows: Sequence[tuple[MessageRow, dict[str, Any]]],
    keep: Callable[[str], bool],
    latest: bool = False,
) -> list[dict[str, Any]]:
    """The deadlines of ``rows`` (newest mail first) that ``keep`` takes, by date: one line
    per thread and date, naming the thread's newest mail that gives it (with ``latest``,
    one line per thread: its latest date)."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for row, day in sorted(_dated(rows, keep), key=lambda pair: pair[1], reverse=latest):
        key = (row.thread_key, "" if latest else day)
        found.setdefault(key, {"date": day, "message": row.id, "subject": row.subject})
    return sorted(found.values(), key=lambda item: str(item["date"]))


def _next_due(
    rows: Sequence[tuple[MessageRow, dict[str, Any]]], today: date, since: date
) -> dict[str, str]:
    """The soonest deadline from ``today`` on that any mail of each thread gives, else its
    latest from ``since`` on (passed: the thread is overdue), by thread."""
    ahead: dict[str, str] = {}
    passed: dict[str, str] = {}
    for row, day in _dated(rows, lambda day: day >= since.isoformat()):
        if day >= today.isoformat():
            ahead[row.thread_key] = min(day, ahead.get(row.thread_key, day))
        else:
            passed[row.thread_key] = max(day, passed.get(row.thread_key, day))
    return passed | ahead


def _when(day: str, today: date) -> str:
    """``day`` (ISO) as a person reads a deadline: today, tomorrow, in N days, N days ago."""
    ahead = (date.fromisoformat(day) - today).days
    if ahead < 0:
        return "yesterday" if ahead == -1 else f"{-ahead} days ago"
    return {0: "today", 1: "tomorrow"}.get(ahead, f"in {ahead} days")


def _vouched(session: Session, rows: Sequence[MessageRow]) -> dict[int, str]:
    """Why each message sorted as junk was vouched for by the ``correspondents`` classifier
    (its vote's evidence: someone the user wrote to, authenticated), by message id."""
    junk = [row.id for row in rows if row.category in JUNK]
    outputs = queries.plugin_outputs(session, junk, "correspondents")
    return {id_: "; ".join(output.get("evidence", [])) for id_, output in outputs.items()}


@click.command()
@since_option
@json_option
@click.pass_obj
def digest(app: App, since: datetime | None, as_json: bool) -> None:
    """What came in, what needs a reply, deadlines found and overdue (default: last day).

    Overdue: deadlines passed in the last 30 days in threads still awaiting your answer.
    Unsure: mail sorted with confidence under 0.5 into a category that gets no draft (spam, a
    newsletter...; a machine's mail only when sorted as junk, such as a regulator's notice
    called phishing), and mail sorted as junk although its authenticated sender is someone
    you have written to: `messages relabel ID work` corrects it and drafts a reply where one
    is needed.
    """
    since = since or utcnow() - timedelta(days=1)
    window = min(since, utcnow() - timedelta(days=OVERDUE_DAYS))
    today = date.today()
    with app.db.session() as session:
        combined = queries.combined_results(session, since)
        pending = queries.list_drafts(session, status=DraftStatus.PENDING)
        awaiting = queries.awaiting_answer(session, window)
        arrived: list[dict[str, Any]] = [
            {
                "id": row.id,
                "from": row.sender,
                "subject": row.subject,
                "category": row.category,
                "urgent": row.urgent,
            }
            for row, _ in combined
        ]
        drafted = {message.id: draft.id for draft, message in pending}
        threads = queries.combined_results(session, window, {row.thread_key for row, _ in awaiting})
        earliest = today - timedelta(days=OVERDUE_DAYS)
        due = _next_due(threads, today, earliest)
        replies: list[dict[str, Any]] = sorted(
            (
                {
                    "message": row.id,
                    "draft": drafted.get(row.id),
                    "from": row.sender,
                    "subject": row.subject,
                    "asks": output.get("reason", ""),
                    "urgent": bool(output.get("urgent") or row.urgent),
                    "due": due.get(row.thread_key),
                }
                for row, output in awaiting
                if row.created_at >= since
            ),  # urgent first, then the soonest deadline (overdue first), then the newest
            key=lambda item: (not item["urgent"], item["due"] or "9999"),
        )
        unsure: list[dict[str, Any]] = []
        uncertain = queries.uncertain_messages(session, since=since)
        vouches = _vouched(session, uncertain)
        for row in uncertain:
            if row.confidence is None or row.category in app.config.drafting.categories:
                continue
            vouched = vouches.get(row.id, "")
            machine = automated(message_from_row(row))
            if not vouched and machine and row.category not in JUNK:
                continue  # a machine's newsletter or notice: no person to draft a reply to
            if row.confidence < UNSURE_BELOW or vouched:
                unsure.append(
                    {
                        "message": row.id,
                        "category": row.category,
                        "confidence": row.confidence,
                        "subject": row.subject,
                        "vouched": vouched,
                        "automated": bool(machine),
                    }
                )
        deadlines = _deadlines(combined, lambda day: day >= today.isoformat())
        overdue = _deadlines(  # an earlier mail of the thread may set it; once a thread
            threads, lambda day: earliest.isoformat() <= day < today.isoformat(), latest=True
        )
    data: dict[str, Any] = {
        "since": since,
        "arrived": arrived,
        "needs_reply": replies,
        "deadlines": deadlines,
        "overdue": overdue,
        "unsure": unsure[:UNSURE_SHOWN],
    }
    if as_json:
        print_json(data)
        return
    counts = Counter(item["category"] or "unsorted" for item in arrived)
    summary = ", ".join(f"{n} {category}" for category, n in sorted(counts.items()))
    click.secho(
        f"Processed since {since:%Y-%m-%d %H:%M}: {len(arrived)} messages ({summary})", bold=True
    )
    urgent = [item for item in arrived if item["urgent"]]
    for item in urgent:
        click.secho(f"  urgent: #{item['id']} {short(item['subject'], 70)}", fg="red")
    if overdue:
        click.secho(f"\nOverdue, still awaiting your answer ({len(overdue)}):", bold=True, fg="red")
        for item in overdue:
            ago = _when(item["date"], today)
            subject = short(item["subject"], 50)
            click.echo(f"  {item['date']} ({ago})  #{item['message']} {subject}")
    click.secho(
        f"\nAwaiting your answer ({len(replies)}, urgent, overdue and soonest deadline first):",
        bold=True,
    )
    for item in replies:
        draft = f"draft {item['draft']}" if item["draft"] else "no draft"
        said = "urgent" in item["subject"].casefold()  # "URGENT - server down" says it
        flag = "URGENT " if item["urgent"] and not said else ""
        line = f"  #{item['message']} {flag}{short(item['subject'], 50)} ({item['asks']}; {draft})"
        if item["due"]:
            line = f"{line} by {item['due']}, {_when(item['due'], today)}"
        soon = item["due"] and date.fromisoformat(item["due"]) <= today + timedelta(days=SOON_DAYS)
        click.secho(line, fg="red" if soon or item["urgent"] else None)
    click.secho(f"\nDeadlines ({len(deadlines)}):", bold=True)
    for item in deadlines:
        click.echo(f"  {item['date']}  #{item['message']} {short(item['subject'], 60)}")
    if unsure:
        click.secho(f"\nUnsure, so no draft ({len(unsure)}):", bold=True)
        for item in unsure[:UNSURE_SHOWN]:
            verdict = f"{item['category']} {item['confidence']:.2f}"
            machine = " (automated)" if item["automated"] else ""
            click.echo(f"  #{item['message']} {verdict:<16} {short(item['subject'], 50)}{machine}")
            if item["vouched"]:
                click.echo(f"      but {item['vouched']}")
        if len(unsure) > UNSURE_SHOWN:
            click.echo(f"  ... and {len(unsure) - UNSURE_SHOWN} more: mailagent messages uncertain")
        replied = " or ".join(app.config.drafting.categories)
        click.echo(
            f"  mail from a person? `mailagent messages relabel ID {replied}` "
            "drafts a reply if it needs one; a notice you expect? relabel it newsletter"
        )


@click.command()
@click.option("--kind", help="Only this kind (model_call, action, draft_approved, ...).")
@since_option
@limit_option
@json_option
@click.pass_obj
def log(
    app: App, kind: str | None, since: datetime | None, limit: int | None, as_json: bool
) -> None:
    """The audit log: model calls, actions, approvals; newest first."""
    with app.db.session() as session:
        rows: list[dict[str, Any]] = [
            {
                "id": event.id,
                "at": event.at,
                "kind": event.kind,
                "message_id": event.message_id,
                "draft_id": event.draft_id,
                "detail": event.detail,
            }
            for event in queries.list_events(session, kind=kind, since=since, limit=limit)
        ]
    if as_json:
        print_json(rows)
        return
    print_table(
        "audit log",
        ["at", "kind", "message", "draft", "detail"],
        [
            (
                f"{row['at']:%Y-%m-%d %H:%M:%S}",
                row["kind"],
                row["message_id"],
                row["draft_id"],
                short(" ".join(f"{k}={v}" for k, v in row["detail"].items()), 90),
            )
            for row in rows
        ],
    )


def register(cli: click.Group) -> None:
    """Add the ``stats``, ``digest`` and ``log`` commands."""
    cli.add_command(stats)
    cli.add_command(digest)
    cli.add_command(log)

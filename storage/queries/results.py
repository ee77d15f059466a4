"""Plugins' results per message and task, and what they add up to."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from storage.queries.replies import answered_by_user
from storage.states import DraftStatus
from storage.tables import DraftRow, MessageRow, ResultRow


def add_result(session: Session, message_id: int, **fields: Any) -> ResultRow:
    """Store one plugin's output (or error) for one task."""
    row = ResultRow(message_id=message_id, **fields)
    session.add(row)
    return row


def set_result(session: Session, message_id: int, task: str, plugin: str, output: Any) -> None:
    """Store a task's one result for a message, replacing the one stored before."""
    row = session.scalar(
        select(ResultRow).where(
            ResultRow.message_id == message_id,
            ResultRow.task == task,
            ResultRow.plugin == plugin,
        )
    )
    if row is None:
        add_result(session, message_id, task=task, plugin=plugin, output=output)
    else:
        row.output = output


def results_of(session: Session, message_id: int) -> Sequence[ResultRow]:
    """Every result stored for a message, in the order they were made."""
    return session.scalars(
        select(ResultRow).where(ResultRow.message_id == message_id).order_by(ResultRow.id)
    ).all()


def plugin_outputs(
    session: Session, message_ids: Iterable[int], plugin: str
) -> dict[int, dict[str, Any]]:
    """The outputs ``plugin`` stored for each of ``message_ids`` that has one, in one query."""
    rows = session.execute(
        select(ResultRow.message_id, ResultRow.output).where(
            ResultRow.message_id.in_(list(message_ids)),
            ResultRow.plugin == plugin,
            ResultRow.output.is_not(None),
        )
    )
    return {message_id: output for message_id, output in rows if output}


def combined_result(session: Session, message_id: int) -> ResultRow | None:
    """A message's combined result: its classification once classified, then its extraction."""
    return session.scalar(
        select(ResultRow).where(ResultRow.message_id == message_id, ResultRow.task == "combined")
    )


def combined_part(results: Iterable[ResultRow], part: str) -> Any:
    """The ``part`` (``classification`` or ``extraction``) of a message's combined result."""
    combined = next((r.output for r in results if r.task == "combined" and r.output), None)
    return None if combined is None else combined.get(part)


_SETTLED = (DraftStatus.APPROVED, DraftStatus.SAVED, DraftStatus.REJECTED)
"""Draft states that end the wait for the user's answer."""

VERDICT_COLUMNS = ("category", "confidence", "urgent")
"""The verdict's fields, stored once: on the message, where a person's relabel lands too.
The combined result keeps how the verdict was reached (votes, combination, set aside)."""


def verdict(row: MessageRow, results: Iterable[ResultRow]) -> dict[str, Any] | None:
    """A message's classification: its verdict from ``row`` with the evidence of its
    combined result, or None if it was never classified (or no classifier voted)."""
    evidence = combined_part(results, "classification")
    if evidence is None:
        return None
    return evidence | {column: getattr(row, column) for column in VERDICT_COLUMNS}


def set_aside_of(session: Session, message_ids: Iterable[int]) -> dict[int, list[str]]:
    """The sentences speaking to an AI agent that classification set aside, per message
    (messages without any are left out)."""
    rows = session.execute(
        select(ResultRow.message_id, ResultRow.output).where(
            ResultRow.task == "combined", ResultRow.message_id.in_(list(message_ids))
        )
    )
    found = {}
    for message_id, output in rows:
        sentences = ((output or {}).get("classification") or {}).get("set_aside") or []
        if sentences:
            found[int(message_id)] = [str(sentence) for sentence in sentences]
    return found


def combined_results(
    session: Session, since: datetime | None = None, threads: Iterable[str] | None = None
) -> Sequence[tuple[MessageRow, dict[str, Any]]]:
    """Each processed message with its combined classification and extraction, newest first.

    With ``threads`` (thread keys), only the mail of those threads still unanswered: no
    draft of it approved, saved or rejected, and no reply of the user's after it.
    """
    query = (
        select(MessageRow, ResultRow.output)
        .join(ResultRow, ResultRow.message_id == MessageRow.id)
        .where(ResultRow.task == "combined")
        .order_by(MessageRow.date.desc().nulls_last(), MessageRow.id.desc())
    )
    if since:
        query = query.where(MessageRow.created_at >= since)
    if threads is not None:
        done = select(DraftRow.message_id).where(DraftRow.status.in_(_SETTLED))
        query = query.where(
            MessageRow.thread_key.in_(list(threads)),
            MessageRow.id.not_in(done),
            ~answered_by_user(),
        )
    return [(row, output or {}) for row, output in session.execute(query)]


def awaiting_answer(
    session: Session, since: datetime | None = None
) -> Sequence[tuple[MessageRow, dict[str, Any]]]:
    """Messages that need the user's answer (their ``reply`` result says so), newest first,
    each with that result: none of their drafts approved, saved or rejected, none superseded
    unless a newer one is pending (relabelled back), and no reply of the user's answering
    them (sent from their own mail client)."""
    drafts = DraftRow.message_id
    settled = select(drafts).where(DraftRow.status.in_(_SETTLED))
    superseded = select(drafts).where(DraftRow.status == DraftStatus.SUPERSEDED)
    pending = select(drafts).where(DraftRow.status == DraftStatus.PENDING)
    query = (
        select(MessageRow, ResultRow.output)
        .join(ResultRow, ResultRow.message_id == MessageRow.id)
        .where(
            ResultRow.task == "reply",
            MessageRow.id.not_in(settled),
            or_(MessageRow.id.not_in(superseded), MessageRow.id.in_(pending)),
            ~answered_by_user(),
        )
        .order_by(MessageRow.date.desc().nulls_last(), MessageRow.id.desc())
    )
    if since:
        query = query.where(MessageRow.created_at >= since)
    return [
        (row, output) for row, output in session.execute(query) if (output or {}).get("needs_reply")
    ]


def open_asks(session: Session, message: MessageRow) -> Sequence[tuple[MessageRow, dict[str, Any]]]:
    """The ``reply`` results of the earlier mail of ``message``'s thread that still awaits an
    answer (no draft of it approved, saved or rejected, no reply of the user's after it),
    each with its message, oldest first: what a reply to the thread's latest mail may have to
    answer too."""
    done = select(DraftRow.message_id).where(DraftRow.status.in_(_SETTLED))
    earlier = MessageRow.date <= message.date if message.date else MessageRow.id < message.id
    query = (
        select(MessageRow, ResultRow.output)
        .join(ResultRow, ResultRow.message_id == MessageRow.id)
        .where(
            ResultRow.task == "reply",
            MessageRow.thread_key == message.thread_key,
            MessageRow.id != message.id,
            earlier,
            MessageRow.id.not_in(done),
            ~answered_by_user(),
        )
        .order_by(MessageRow.date, MessageRow.id)
    )
    return [
        (row, output) for row, output in session.execute(query) if (output or {}).get("needs_reply")
    ]


def draft_attempts(session: Session, message_id: int) -> int:
    """How many times drafting plugins answered for a message (to seed the next attempt)."""
    return int(
        session.scalar(
            select(func.count()).where(
                ResultRow.message_id == message_id, ResultRow.task == "draft"
            )
        )
        or 0
    )

"""Every query mailagent runs; no SQL lives anywhere else.

Functions take an open session (see ``Database.session``) so callers decide what one
transaction holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, delete, func, or_, select
from sqlalchemy.orm import Session

from storage.tables import (
    Account,
    ActionRow,
    DraftRow,
    Event,
    ExampleRow,
    Folder,
    MessageRow,
    ReplyRow,
    ResultRow,
    utcnow,
)


def folder(session: Session, account_name: str, folder_name: str) -> Folder:
    """The folder row of ``account_name``/``folder_name``, created on first use."""
    account = session.scalar(select(Account).where(Account.name == account_name))
    if account is None:
        account = Account(name=account_name)
        session.add(account)
        session.flush()
    row = session.scalar(
        select(Folder).where(Folder.account_id == account.id, Folder.name == folder_name)
    )
    if row is None:
        row = Folder(account_id=account.id, name=folder_name, uidvalidity=0, last_uid=0)
        session.add(row)
        session.flush()
    return row


def message_at(session: Session, folder_id: int, uidvalidity: int, uid: int) -> MessageRow | None:
    """The message stored for an IMAP position (folder, UIDVALIDITY, UID)."""
    return session.scalar(
        select(MessageRow).where(
            MessageRow.folder_id == folder_id,
            MessageRow.uidvalidity == uidvalidity,
            MessageRow.uid == uid,
        )
    )


def message_by_sha256(session: Session, folder_id: int, sha256: str) -> MessageRow | None:
    """A message of ``folder_id`` with these exact raw bytes."""
    return session.scalar(
        select(MessageRow)
        .where(MessageRow.folder_id == folder_id, MessageRow.sha256 == sha256)
        .order_by(MessageRow.id)
        .limit(1)
    )


def copies_from_old_uidvalidity(
    session: Session, folder_id: int, uidvalidity: int, message: dict[str, Any]
) -> Sequence[MessageRow]:
    """Messages of the folder still stored under another UIDVALIDITY that may be ``message``.

    Those with the same bytes, or with the same Message-ID and subject (the caller compares
    them closer), oldest first. ``message`` holds the ``sha256``, ``message_id`` and
    ``subject`` columns' values.
    """
    return session.scalars(
        select(MessageRow)
        .where(
            MessageRow.folder_id == folder_id,
            MessageRow.uidvalidity != uidvalidity,
            or_(
                MessageRow.sha256 == message["sha256"],
                and_(
                    MessageRow.message_id == message["message_id"],
                    MessageRow.subject == message["subject"],
                ),
            ),
        )
        .order_by(MessageRow.id)
    ).all()


def set_folder_status(
    session: Session,
    account_name: str,
    folder_name: str,
    *,
    uidvalidity: int | None = None,
    last_uid: int | None = None,
    error: str | None = None,
) -> Folder:
    """Record a sync of a folder: when, and the error it ended with (None when it worked)."""
    row = folder(session, account_name, folder_name)
    if uidvalidity is not None:
        row.uidvalidity = uidvalidity
    if last_uid is not None:
        row.last_uid = last_uid
    row.last_sync_at = utcnow()
    row.last_error = error
    return row


def folder_states(session: Session) -> Sequence[tuple[Account, Folder, dict[str, int]]]:
    """Every folder with its account and its messages counted by state."""
    counts: dict[int, dict[str, int]] = {}
    rows = session.execute(
        select(MessageRow.folder_id, MessageRow.state, func.count()).group_by(
            MessageRow.folder_id, MessageRow.state
        )
    )
    for folder_id, state, count in rows:
        counts.setdefault(folder_id, {})[state] = count
    pairs = session.execute(
        select(Account, Folder).join(Folder).order_by(Account.name, Folder.name)
    )
    return [(account, row, counts.get(row.id, {})) for account, row in pairs]


def add_message(session: Session, folder_row: Folder, fields: dict[str, Any]) -> MessageRow:
    """Store a new message in state ``pending``."""
    row = MessageRow(account_id=folder_row.account_id, folder_id=folder_row.id, **fields)
    session.add(row)
    session.flush()
    return row


def pending_messages(session: Session, folder_id: int) -> Sequence[MessageRow]:
    """Messages of a folder stored but not yet processed (left by an interrupted run).

    Those attempted fewest times come first, oldest first among equals: a message that
    crashed the process waits behind the rest of the mail.
    """
    return session.scalars(
        select(MessageRow)
        .where(MessageRow.folder_id == folder_id, MessageRow.state == "pending")
        .order_by(MessageRow.attempts, MessageRow.id)
    ).all()


def thread_before(session: Session, message: MessageRow, limit: int = 5) -> Sequence[MessageRow]:
    """Up to ``limit`` earlier messages of ``message``'s thread, oldest first."""
    rows = session.scalars(
        select(MessageRow)
        .where(MessageRow.thread_key == message.thread_key, MessageRow.id != message.id)
        .where((MessageRow.date <= message.date) if message.date else MessageRow.id < message.id)
        .order_by(MessageRow.date.desc(), MessageRow.id.desc())
        .limit(limit)
    ).all()
    return list(reversed(rows))


def add_result(session: Session, message_id: int, **fields: Any) -> ResultRow:
    """Store one plugin's output (or error) for one task."""
    row = ResultRow(message_id=message_id, **fields)
    session.add(row)
    return row


def add_draft(session: Session, message_id: int, **fields: Any) -> DraftRow:
    """Store a drafted reply in state ``pending``."""
    row = DraftRow(message_id=message_id, **fields)
    session.add(row)
    session.flush()
    return row


def replace_draft(session: Session, message_id: int, **fields: Any) -> DraftRow:
    """Give a message's pending draft new text (or add one); approved drafts stay as they are."""
    draft = session.scalar(
        select(DraftRow)
        .where(DraftRow.message_id == message_id, DraftRow.status == "pending")
        .order_by(DraftRow.id.desc())
        .limit(1)
    )
    if draft is None:
        return add_draft(session, message_id, **fields)
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.edited = False
    return draft


def add_event(
    session: Session,
    kind: str,
    *,
    message_id: int | None = None,
    draft_id: int | None = None,
    **detail: Any,
) -> None:
    """Append an entry to the audit log."""
    session.add(Event(kind=kind, message_id=message_id, draft_id=draft_id, detail=detail))


def finish_message(session: Session, message_id: int, **fields: Any) -> None:
    """Move a message to ``processed`` (or ``failed``) with its combined verdict."""
    row = session.get_one(MessageRow, message_id)
    for name, value in fields.items():
        setattr(row, name, value)
    row.processed_at = utcnow()


def list_messages(
    session: Session,
    *,
    account: str | None = None,
    category: str | None = None,
    state: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> Sequence[MessageRow]:
    """Stored messages, newest first, filtered."""
    query = select(MessageRow).order_by(MessageRow.date.desc().nulls_last(), MessageRow.id.desc())
    query = _of(query, account, category)
    if state:
        query = query.where(MessageRow.state == state)
    if since:
        query = query.where(MessageRow.date >= since)
    return session.scalars(query.limit(limit)).all()


def uncertain_messages(
    session: Session,
    *,
    account: str | None = None,
    category: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> Sequence[MessageRow]:
    """Classified messages, least confident first (the latest first among equals).

    ``since`` counts from when a message was processed; messages the user relabelled are
    left out, their category being settled.
    """
    corrected = select(ExampleRow.message_id).where(ExampleRow.message_id.is_not(None))
    query = (
        select(MessageRow)
        .where(MessageRow.state == "processed", MessageRow.confidence.is_not(None))
        .where(MessageRow.id.not_in(corrected))
        .order_by(
            MessageRow.confidence, MessageRow.processed_at.desc().nulls_last(), MessageRow.id.desc()
        )
    )
    query = _of(query, account, category)
    if since:
        query = query.where(MessageRow.processed_at >= since)
    return session.scalars(query.limit(limit)).all()


def _of(query: Select[Any], account: str | None, category: str | None) -> Select[Any]:
    """``query`` narrowed to one account's and one category's messages, where given."""
    if account:
        query = query.join(Account).where(Account.name == account)
    if category:
        query = query.where(MessageRow.category == category)
    return query


def get_message(session: Session, message_id: int) -> MessageRow | None:
    """One stored message by id."""
    return session.get(MessageRow, message_id)


def results_of(session: Session, message_id: int) -> Sequence[ResultRow]:
    """Every result stored for a message, in the order they were made."""
    return session.scalars(
        select(ResultRow).where(ResultRow.message_id == message_id).order_by(ResultRow.id)
    ).all()


def combined_result(session: Session, message_id: int) -> ResultRow | None:
    """A message's combined result: its classification once classified, then its extraction."""
    return session.scalar(
        select(ResultRow).where(ResultRow.message_id == message_id, ResultRow.task == "combined")
    )


def combined_part(results: Iterable[ResultRow], part: str) -> Any:
    """The ``part`` (``classification`` or ``extraction``) of a message's combined result."""
    combined = next((r.output for r in results if r.task == "combined" and r.output), None)
    return None if combined is None else combined.get(part)


def list_drafts(
    session: Session,
    *,
    account: str | None = None,
    status: str | None = None,
    category: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> Sequence[tuple[DraftRow, MessageRow]]:
    """Drafts with the message each answers, newest first, filtered."""
    query = (
        select(DraftRow, MessageRow)
        .join(MessageRow, DraftRow.message_id == MessageRow.id)
        .order_by(DraftRow.created_at.desc(), DraftRow.id.desc())
    )
    if account:
        query = query.join(Account, Account.id == MessageRow.account_id).where(
            Account.name == account
        )
    if status:
        query = query.where(DraftRow.status == status)
    if category:
        query = query.where(MessageRow.category == category)
    if since:
        query = query.where(DraftRow.created_at >= since)
    return [(draft, message) for draft, message in session.execute(query.limit(limit))]


def get_draft(session: Session, draft_id: int) -> DraftRow | None:
    """One draft by id."""
    return session.get(DraftRow, draft_id)


def account_of(session: Session, message: MessageRow) -> str:
    """The name of the account a message came from."""
    return session.get_one(Account, message.account_id).name


def approved_unsaved(session: Session) -> Sequence[DraftRow]:
    """Drafts approved but not yet saved to their account's Drafts folder, oldest first."""
    return session.scalars(
        select(DraftRow).where(DraftRow.status == "approved").order_by(DraftRow.id)
    ).all()


def category_counts_by_day(
    session: Session, since: datetime | None = None
) -> Sequence[tuple[str, str | None, int]]:
    """(day, category, count) of processed messages, by the day they were sent."""
    day = func.date(MessageRow.date)
    query = select(day, MessageRow.category, func.count()).group_by(day, MessageRow.category)
    if since:
        query = query.where(MessageRow.date >= since)
    return [(str(d), c, n) for d, c, n in session.execute(query.order_by(day.desc()))]


def draft_counts(session: Session) -> dict[str, int]:
    """Drafts by status."""
    rows = session.execute(select(DraftRow.status, func.count()).group_by(DraftRow.status))
    return {status: count for status, count in rows}


def model_latencies(
    session: Session, since: datetime | None = None
) -> dict[tuple[str, str], list[float]]:
    """Latencies (ms) of every model-backed result, by (model, task)."""
    query = select(ResultRow.model_name, ResultRow.task, ResultRow.latency_ms).where(
        ResultRow.model_name.is_not(None)
    )
    if since:
        query = query.where(ResultRow.created_at >= since)
    found: dict[tuple[str, str], list[float]] = {}
    for model, task, latency in session.execute(query):
        found.setdefault((str(model), task), []).append(latency)
    return found


def call_costs(
    session: Session, since: datetime | None = None
) -> list[tuple[str | None, int, float, float, int | None]]:
    """Measured plugin calls per task, then over every task (task None).

    Each row: task, messages, total CPU ms, total wall ms, total energy in µJ (None unless
    every call of the row has it). Calls recorded before costs were measured are left out.
    """
    measured: ColumnElement[bool] = ResultRow.cpu_ms.is_not(None)
    if since:
        measured = and_(measured, ResultRow.created_at >= since)
    columns = (
        func.count(func.distinct(ResultRow.message_id)),
        func.sum(ResultRow.cpu_ms),
        func.sum(ResultRow.latency_ms),
        func.sum(ResultRow.energy_uj),
        func.count(ResultRow.energy_uj),
        func.count(),
    )
    by_task = select(ResultRow.task, *columns).where(measured).group_by(ResultRow.task)
    overall = select(*columns).where(measured)
    rows: list[tuple[Any, ...]] = list(session.execute(by_task.order_by(ResultRow.task)))
    rows += [(None, *row) for row in session.execute(overall) if row[0]]
    return [
        (
            task,
            int(messages),
            float(cpu),
            float(wall),
            int(energy) if with_energy == calls else None,
        )
        for task, messages, cpu, wall, energy, with_energy, calls in rows
    ]


def combined_results(
    session: Session, since: datetime | None = None
) -> Sequence[tuple[MessageRow, dict[str, Any]]]:
    """Each processed message with its combined classification and extraction, newest first."""
    query = (
        select(MessageRow, ResultRow.output)
        .join(ResultRow, ResultRow.message_id == MessageRow.id)
        .where(ResultRow.task == "combined")
        .order_by(MessageRow.date.desc().nulls_last(), MessageRow.id.desc())
    )
    if since:
        query = query.where(MessageRow.created_at >= since)
    return [(row, output or {}) for row, output in session.execute(query)]


def list_events(
    session: Session,
    *,
    kind: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> Sequence[Event]:
    """Audit log entries, newest first."""
    query = select(Event).order_by(Event.at.desc(), Event.id.desc())
    if kind:
        query = query.where(Event.kind == kind)
    if since:
        query = query.where(Event.at >= since)
    return session.scalars(query.limit(limit)).all()


def count_by_state(session: Session) -> dict[str, int]:
    """How many messages are in each state."""
    rows = session.execute(select(MessageRow.state, func.count()).group_by(MessageRow.state))
    return {state: count for state, count in rows}


def save_example(session: Session, **fields: Any) -> ExampleRow:
    """Store a labelled example, replacing the one of the same message and model file."""
    row = session.scalar(
        select(ExampleRow).where(
            ExampleRow.sha256 == fields["sha256"],
            ExampleRow.model_sha256 == fields["model_sha256"],
        )
    )
    if row is None:
        row = ExampleRow(**fields)
        session.add(row)
    else:
        for name, value in fields.items():
            setattr(row, name, value)
    session.flush()
    return row


def examples_for(session: Session, model_sha256: str, features: str) -> Sequence[ExampleRow]:
    """Every example embedded with the model file ``model_sha256`` in the ``features`` way."""
    return session.scalars(
        select(ExampleRow)
        .where(ExampleRow.model_sha256 == model_sha256, ExampleRow.features == features)
        .order_by(ExampleRow.id)
    ).all()


def example_sources(session: Session, model_sha256: str, features: str) -> dict[str, int]:
    """How many examples of each source (learned, corrected, starter) a model file has."""
    rows = session.execute(
        select(ExampleRow.source, func.count())
        .where(ExampleRow.model_sha256 == model_sha256, ExampleRow.features == features)
        .group_by(ExampleRow.source)
    ).all()
    return {str(source): int(count) for source, count in rows}


def starter_labels(session: Session, model_sha256: str, features: str) -> dict[str, str]:
    """The starter examples a model file has: each message's sha256 with its label."""
    rows = session.execute(
        select(ExampleRow.sha256, ExampleRow.label).where(
            ExampleRow.model_sha256 == model_sha256,
            ExampleRow.features == features,
            ExampleRow.source == "starter",
        )
    ).all()
    return {str(sha256): str(label) for sha256, label in rows}


def delete_starter_examples(session: Session, model_sha256: str, sha256s: Iterable[str]) -> None:
    """Delete a model file's starter examples of the messages ``sha256s``."""
    for row in session.scalars(
        select(ExampleRow).where(
            ExampleRow.model_sha256 == model_sha256,
            ExampleRow.source == "starter",
            ExampleRow.sha256.in_(list(sha256s)),
        )
    ):
        session.delete(row)


def outdated_examples(session: Session, model_sha256: str, features: str) -> int:
    """How many of the user's examples of a model file were embedded another way than ``features``.

    They are not loaded; ``mailagent learn`` embeds them again (starter examples are left
    out of the count: the agent relearns those by itself).
    """
    return int(
        session.scalar(
            select(func.count()).where(
                ExampleRow.model_sha256 == model_sha256,
                ExampleRow.features != features,
                ExampleRow.source != "starter",
            )
        )
        or 0
    )


def examples_stamp(session: Session, model_sha256: str) -> tuple[int, int, str]:
    """A cheap fingerprint of a model's examples that changes whenever they do."""
    count, last_id, last_update = session.execute(
        select(func.count(), func.max(ExampleRow.id), func.max(ExampleRow.updated_at)).where(
            ExampleRow.model_sha256 == model_sha256
        )
    ).one()
    return int(count), int(last_id or 0), str(last_update or "")


def set_category(session: Session, message_id: int, category: str) -> None:
    """Record a person's correction of a message's category (confidence 1)."""
    row = session.get_one(MessageRow, message_id)
    row.category = category
    row.confidence = 1.0


def add_reply(session: Session, **fields: Any) -> bool:
    """Keep one of the user's replies, unless its account already has it; whether it was added."""
    known = session.scalar(
        select(ReplyRow.id).where(
            ReplyRow.account == fields["account"], ReplyRow.reply_key == fields["reply_key"]
        )
    )
    if known is not None:
        return False
    session.add(ReplyRow(**fields))
    session.flush()
    return True


def replies_of(session: Session, account: str) -> Sequence[ReplyRow]:
    """The user's replies kept for ``account``, oldest first."""
    return session.scalars(
        select(ReplyRow).where(ReplyRow.account == account).order_by(ReplyRow.id)
    ).all()


def message_with_id(session: Session, account: str, message_id: str) -> MessageRow | None:
    """The stored message of ``account`` whose Message-ID header is ``message_id``."""
    return session.scalar(
        select(MessageRow)
        .join(Account, MessageRow.account_id == Account.id)
        .where(Account.name == account, MessageRow.message_id == message_id)
        .limit(1)
    )


def awaiting_answer(
    session: Session, since: datetime | None = None
) -> Sequence[tuple[MessageRow, dict[str, Any]]]:
    """Messages that need the user's answer (their ``reply`` result says so) and have no
    approved, saved or rejected draft yet, newest first, each with that result."""
    answered = select(DraftRow.message_id).where(
        DraftRow.status.in_(("approved", "saved", "rejected"))
    )
    query = (
        select(MessageRow, ResultRow.output)
        .join(ResultRow, ResultRow.message_id == MessageRow.id)
        .where(ResultRow.task == "reply", MessageRow.id.not_in(answered))
        .order_by(MessageRow.date.desc().nulls_last(), MessageRow.id.desc())
    )
    if since:
        query = query.where(MessageRow.created_at >= since)
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


def add_actions(session: Session, message: MessageRow, actions: Iterable[tuple[str, str]]) -> None:
    """Put the ``(kind, target)`` actions a verdict earned on ``message`` in the outbox."""
    assert message.uid is not None
    for kind, target in actions:
        session.add(
            ActionRow(
                message_id=message.id,
                folder_id=message.folder_id,
                uidvalidity=message.uidvalidity,
                uid=message.uid,
                kind=kind,
                target=target,
            )
        )


def pending_actions(session: Session, folder_id: int) -> Sequence[ActionRow]:
    """A folder's actions not yet applied, message by message, each message's move last."""
    return session.scalars(
        select(ActionRow)
        .where(ActionRow.folder_id == folder_id, ActionRow.state == "pending")
        .order_by(ActionRow.message_id, ActionRow.kind == "move", ActionRow.id)
    ).all()


def finish_action(session: Session, action_id: int, state: str, note: str | None = None) -> None:
    """Record an action as ``done``, ``failed`` or ``dry-run``, with what was seen."""
    row = session.get_one(ActionRow, action_id)
    row.state, row.note, row.done_at = state, note, utcnow()


def retry_message(session: Session, message_id: int) -> None:
    """Make a failed message pending again, its attempts counted from zero."""
    row = session.get_one(MessageRow, message_id)
    row.state, row.error, row.attempts, row.processed_at = "pending", None, 0, None


def delete_message(session: Session, message_id: int) -> None:
    """Delete a message with its results, drafts and actions (the database cascades)."""
    session.execute(delete(MessageRow).where(MessageRow.id == message_id))

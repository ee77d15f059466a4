"""Stored messages: adding, finding, listing, correcting and forgetting them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, delete, func, or_, select
from sqlalchemy.orm import Session

from storage.states import MessageState
from storage.tables import Account, ExampleRow, Folder, MessageRow, utcnow


def add_message(session: Session, folder_row: Folder, fields: dict[str, Any]) -> MessageRow:
    """Store a new message in state ``pending``."""
    row = MessageRow(account_id=folder_row.account_id, folder_id=folder_row.id, **fields)
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


def message_with_id(session: Session, account: str, message_id: str) -> MessageRow | None:
    """The stored message of ``account`` whose Message-ID header is ``message_id``."""
    return session.scalar(
        select(MessageRow)
        .join(Account, MessageRow.account_id == Account.id)
        .where(Account.name == account, MessageRow.message_id == message_id)
        .limit(1)
    )


def pending_messages(session: Session, folder_id: int) -> Sequence[MessageRow]:
    """Messages of a folder stored but not yet processed (left by an interrupted run).

    Those attempted fewest times come first, oldest first among equals: a message that
    crashed the process waits behind the rest of the mail.
    """
    return session.scalars(
        select(MessageRow)
        .where(MessageRow.folder_id == folder_id, MessageRow.state == MessageState.PENDING)
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
        .where(MessageRow.state == MessageState.PROCESSED, MessageRow.confidence.is_not(None))
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


def account_of(session: Session, message: MessageRow) -> str:
    """The name of the account a message came from."""
    return session.get_one(Account, message.account_id).name


def folder_size(session: Session, folder_id: int) -> int:
    """How many messages of the folder are stored."""
    return int(session.scalar(select(func.count()).where(MessageRow.folder_id == folder_id)) or 0)


def usual_recipient(session: Session, folder_id: int, limit: int = 500) -> str:
    """The address (lower case) in To or Cc of most of the folder's latest ``limit``
    messages, when one is, in at least half of them; else empty."""
    rows = session.scalars(
        select(MessageRow.recipients)
        .where(MessageRow.folder_id == folder_id)
        .order_by(MessageRow.id.desc())
        .limit(limit)
    ).all()
    counts: Counter[str] = Counter()
    for recipients in rows:
        counts.update(
            {email.lower() for key in ("to", "cc") for _, email in (recipients or {}).get(key, [])}
        )
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] * 2 < len(rows):
        return ""
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return ""
    return ranked[0][0]


def set_category(session: Session, message_id: int, category: str) -> None:
    """Record a person's correction of a message's category (confidence 1)."""
    row = session.get_one(MessageRow, message_id)
    row.category = category
    row.confidence = 1.0


def retry_message(session: Session, message_id: int) -> None:
    """Make a failed message pending again, its attempts counted from zero."""
    row = session.get_one(MessageRow, message_id)
    row.state, row.error, row.attempts, row.processed_at = MessageState.PENDING, None, 0, None


def delete_message(session: Session, message_id: int) -> None:
    """Delete a message with its results, drafts and actions (the database cascades)."""
    session.execute(delete(MessageRow).where(MessageRow.id == message_id))

"""The user's own replies, kept per account for drafting in their voice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session

from storage.tables import MessageRow, ReplyRow


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


def answered_by_user() -> ColumnElement[bool]:
    """Whether the user has answered a message (for a query over ``MessageRow``): one of their
    kept replies belongs to its thread and is dated at or after it."""
    return exists().where(
        ReplyRow.thread_key == MessageRow.thread_key,
        ReplyRow.thread_key != "",
        ReplyRow.date >= MessageRow.date,
    )


def latest_sent_reply(session: Session, thread_key: str) -> ReplyRow | None:
    """The user's latest reply read from Sent in thread ``thread_key``, if any."""
    return session.scalar(
        select(ReplyRow)
        .where(
            ReplyRow.thread_key == thread_key,
            ReplyRow.source == "sent",
            ReplyRow.date.is_not(None),
        )
        .order_by(ReplyRow.date.desc())
        .limit(1)
    )


def replies_with_keys(session: Session, keys: Iterable[str]) -> Sequence[ReplyRow]:
    """The user's kept replies whose Message-ID (``reply_key``) is among ``keys``, oldest
    first: those a message answers, by its In-Reply-To and References."""
    wanted = [key for key in keys if key]
    if not wanted:
        return []
    return session.scalars(
        select(ReplyRow).where(ReplyRow.reply_key.in_(wanted)).order_by(ReplyRow.id)
    ).all()

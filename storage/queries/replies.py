"""The user's own replies, kept per account for drafting in their voice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, DateTime, and_, exists, literal, or_, select
from sqlalchemy.orm import Session, aliased

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


def answers(in_reply_to: Any, message_id: Any, thread_key: Any, date: Any) -> ColumnElement[bool]:
    """Whether a reply to the mail with Message-ID ``in_reply_to`` answers a message with
    these ``message_id``, ``thread_key`` and ``date``: that mail itself, and the mail of its
    thread dated at or before it. Each argument is a column (to correlate with an enclosing
    query) or a SQL literal; mail without a Date is answered only by a reply to it.
    """
    answered = aliased(MessageRow)
    return and_(
        in_reply_to != "",
        or_(
            in_reply_to == message_id,
            exists()
            .where(
                answered.message_id == in_reply_to,
                answered.thread_key == thread_key,
                answered.date >= date,
            )
            .correlate_except(answered),  # the message may be two queries out
        ),
    )


def answered_by_user() -> ColumnElement[bool]:
    """Whether the user has answered a message (in a query over ``MessageRow``): one of their
    kept replies (read from Sent, or an approved draft) :func:`answers` it."""
    return exists().where(
        answers(ReplyRow.in_reply_to, MessageRow.message_id, MessageRow.thread_key, MessageRow.date)
    )


def reply_answering(session: Session, message: MessageRow) -> ReplyRow | None:
    """The user's earliest reply read from Sent that :func:`answers` ``message``, if any."""
    return session.scalar(
        select(ReplyRow)
        .where(
            ReplyRow.source == "sent",
            answers(
                ReplyRow.in_reply_to,
                literal(message.message_id),
                literal(message.thread_key),
                literal(message.date, DateTime()),
            ),
        )
        .order_by(ReplyRow.date)
        .limit(1)
    )


def replies_with_keys(session: Session, keys: Iterable[str]) -> Sequence[ReplyRow]:
    """The user's kept replies whose Message-ID (``reply_key``) is among ``keys`` (the first
    50), oldest first: those a message answers, by its In-Reply-To and References."""
    wanted = [key for key in keys if key][:50]
    if not wanted:
        return []
    return session.scalars(
        select(ReplyRow).where(ReplyRow.reply_key.in_(wanted)).order_by(ReplyRow.id)
    ).all()

"""The user's own replies, kept per account for drafting in their voice."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.tables import ReplyRow


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

"""Drafted replies and their review states."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from storage.queries.replies import answers, reply_answering
from storage.states import DraftStatus
from storage.tables import Account, DraftRow, MessageRow


def add_draft(session: Session, message_id: int, **fields: Any) -> DraftRow:
    """Store a drafted reply in state ``pending``."""
    row = DraftRow(message_id=message_id, **fields)
    session.add(row)
    session.flush()
    return row


def supersede_in_thread(session: Session, draft: DraftRow) -> list[int]:
    """Keep one draft to review per thread, the one answering its latest mail: the pending
    drafts of earlier mail in ``draft``'s thread are superseded, or ``draft`` itself when
    later mail there already has a draft. The ids of the drafts superseded.

    Only mail between the same people counts: one sender of the two is the other's sender or
    recipient. A reply written to the user alone leaves another person's draft pending, and a
    stranger naming the thread in References supersedes nothing.
    """
    message = session.get_one(MessageRow, draft.message_id)
    others = [
        (other_draft, other)
        for other_draft, other in session.execute(
            select(DraftRow, MessageRow)
            .join(MessageRow, DraftRow.message_id == MessageRow.id)
            .where(
                MessageRow.thread_key == message.thread_key,
                MessageRow.id != message.id,
                DraftRow.status.in_((DraftStatus.PENDING, DraftStatus.APPROVED, DraftStatus.SAVED)),
            )
        ).all()
        if same_people(message, other)
    ]
    newer = [other for _, other in others if _later(other, message)]
    if newer:
        _supersede(draft, newer[0])
        return [draft.id]
    superseded = []
    for earlier, answered in others:
        if earlier.status == DraftStatus.PENDING and _later(message, answered):
            _supersede(earlier, message)
            superseded.append(earlier.id)
    return superseded


def supersede_answered(session: Session, message: MessageRow) -> list[int]:
    """Supersede ``message``'s pending drafts when a reply of the user's read from Sent
    answers it (:func:`storage.queries.replies.answers`); their ids."""
    reply = reply_answering(session, message)
    if reply is None:
        return []
    return supersede_pending(session, message.id, answered_reason(reply.date))


def supersede_answered_by(session: Session, in_reply_to: str, date: datetime | None) -> list[int]:
    """Supersede the pending drafts of the mail a reply of the user's (to Message-ID
    ``in_reply_to``, read from Sent) answers; their ids."""
    drafts = session.scalars(
        select(DraftRow)
        .join(MessageRow, DraftRow.message_id == MessageRow.id)
        .where(
            DraftRow.status == DraftStatus.PENDING,
            answers(
                literal(in_reply_to), MessageRow.message_id, MessageRow.thread_key, MessageRow.date
            ),
        )
    ).all()
    for draft in drafts:
        draft.status, draft.reason = DraftStatus.SUPERSEDED, answered_reason(date)
    return [draft.id for draft in drafts]


def answered_reason(date: datetime | None) -> str:
    """Why mail the user answered from their own client needs no draft."""
    when = f" on {date:%Y-%m-%d %H:%M}" if date else ""
    return f"you answered it yourself{when} (your Sent folder)"


def supersede_pending(session: Session, message_id: int, reason: str) -> list[int]:
    """Supersede a message's pending drafts, giving ``reason``; their ids."""
    drafts = session.scalars(
        select(DraftRow).where(
            DraftRow.message_id == message_id, DraftRow.status == DraftStatus.PENDING
        )
    ).all()
    for draft in drafts:
        draft.status, draft.reason = DraftStatus.SUPERSEDED, reason
    return [draft.id for draft in drafts]


def same_people(one: MessageRow, other: MessageRow) -> bool:
    """Whether either message's sender is the other's sender or one of its recipients: mail
    of one conversation, whose drafts replace each other and whose questions carry over."""
    everyone = ("from", "to", "cc")
    return bool(
        one.addresses("from") & other.addresses(*everyone)
        or other.addresses("from") & one.addresses(*everyone)
    )


def supersede_for(session: Session, draft: DraftRow) -> list[int]:
    """What a new draft sets aside: the drafts :func:`supersede_in_thread` does, and itself
    when the user already answered its mail (:func:`supersede_answered`); their ids."""
    return supersede_in_thread(session, draft) + supersede_answered(session, draft.message)


def _later(one: MessageRow, other: MessageRow) -> bool:
    """Whether ``one`` came after ``other``: by Date when both have one, else as stored."""
    if one.date and other.date and one.date != other.date:
        return one.date > other.date
    return one.id > other.id


def _supersede(draft: DraftRow, by: MessageRow) -> None:
    draft.status = DraftStatus.SUPERSEDED
    draft.reason = f"message {by.id} came later in the thread and has its own draft"


def replace_draft(session: Session, message_id: int, **fields: Any) -> DraftRow:
    """Give a message's pending draft new text (or add one); approved drafts stay as they are."""
    draft = session.scalar(
        select(DraftRow)
        .where(DraftRow.message_id == message_id, DraftRow.status == DraftStatus.PENDING)
        .order_by(DraftRow.id.desc())
        .limit(1)
    )
    if draft is None:
        return add_draft(session, message_id, **fields)
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.edited = False
    return draft


def list_drafts(
    session: Session,
    *,
    account: str | None = None,
    status: str | None = None,
    category: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
    message_id: int | None = None,
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
    if message_id is not None:
        query = query.where(DraftRow.message_id == message_id)
    return [(draft, message) for draft, message in session.execute(query.limit(limit))]


def draft_statuses(session: Session, message_ids: Iterable[int]) -> dict[int, str]:
    """The status of each message's latest draft (messages without one are left out)."""
    rows = session.execute(
        select(DraftRow.message_id, DraftRow.status)
        .where(DraftRow.message_id.in_(list(message_ids)))
        .order_by(DraftRow.id)
    )
    return {int(message_id): str(status) for message_id, status in rows}


def get_draft(session: Session, draft_id: int) -> DraftRow | None:
    """One draft by id."""
    return session.get(DraftRow, draft_id)


def approved_unsaved(session: Session) -> Sequence[DraftRow]:
    """Drafts approved but not yet saved to their account's Drafts folder, oldest first."""
    return session.scalars(
        select(DraftRow).where(DraftRow.status == DraftStatus.APPROVED).order_by(DraftRow.id)
    ).all()

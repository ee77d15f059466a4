"""The outbox: rule actions waiting to be applied to IMAP messages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.states import ActionState
from storage.tables import ActionRow, MessageRow, utcnow


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
        .where(ActionRow.folder_id == folder_id, ActionRow.state == ActionState.PENDING)
        .order_by(ActionRow.message_id, ActionRow.kind == "move", ActionRow.id)
    ).all()


def finish_action(session: Session, action_id: int, state: str, note: str | None = None) -> None:
    """Record an action as ``done``, ``failed`` or ``dry-run``, with what was seen."""
    row = session.get_one(ActionRow, action_id)
    row.state, row.note, row.done_at = state, note, utcnow()

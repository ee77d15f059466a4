"""Applying the outbox: the server-side actions verdicts earned, each exactly once.

The pipeline writes a message's actions (``agent.rules``) in the transaction that stores its
verdict; the sync of its folder applies them, checking the server first, and records each
as done in its own transaction. A process killed between the two finds the action pending
at its next sync and checks again: a keyword set twice is the same keyword, and a message
already moved is no longer in the folder, so nothing is lost and nothing is done twice.
"""

from __future__ import annotations

import logging

from agent.sources.imap import ImapConnection
from storage import queries
from storage.db import Database
from storage.states import ActionState
from storage.tables import ActionRow

logger = logging.getLogger(__name__)


def apply_pending(
    connection: ImapConnection, folder: str, uidvalidity: int, db: Database, dry_run: bool
) -> list[str]:
    """Apply the folder's pending actions (dry run: log and record them only).

    ``folder`` must be selected read-write (read-only for a dry run). Returns a line for
    each action applied, as ``"keyword $Seen-by-agent on 12"``.
    """
    account = connection.account.name
    with db.session() as session:
        folder_id = queries.folder(session, account, folder).id
        pending = list(queries.pending_actions(session, folder_id))
        session.expunge_all()
    applied = []
    for action in pending:
        state, note = _apply(connection, action, uidvalidity, dry_run)
        with db.session() as session:
            queries.finish_action(session, action.id, state, note)
            queries.add_event(
                session,
                "action",
                message_id=action.message_id,
                account=account,
                folder=folder,
                uid=action.uid,
                action=action.kind,
                target=action.target,
                state=state,
                note=note,
                dry_run=dry_run,
            )
        if state == ActionState.DONE:
            applied.append(f"{action.kind} {action.target} on {action.message_id}")
    return applied


def _apply(
    connection: ImapConnection, action: ActionRow, uidvalidity: int, dry_run: bool
) -> tuple[ActionState, str | None]:
    """Carry out one action; returns its final state and what was seen."""
    description = f"{action.kind} {action.target}"
    if dry_run:
        logger.info("dry run: would %s on message %s", description, action.message_id)
        return ActionState.DRY_RUN, None
    if action.uidvalidity != uidvalidity:
        note = "the folder's UIDVALIDITY changed: its UID no longer names the message"
        logger.warning("message %s: not applying %s: %s", action.message_id, description, note)
        return ActionState.FAILED, note
    if not connection.present(action.uid):
        # a move of an earlier run that was killed before it recorded it, or the user's own
        note = "no longer in the folder (moved or deleted)"
        return (ActionState.DONE if action.kind == "move" else ActionState.FAILED), note
    if action.kind == "move":
        connection.move([action.uid], action.target)
    else:
        connection.add_flags([action.uid], [action.target])
    return ActionState.DONE, None

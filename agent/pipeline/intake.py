"""Intake: a message stored as pending, once, and each attempt at it counted.

A message row is committed together with its folder's progress (UIDVALIDITY, last UID), so
a kill at any instant leaves either no row and no progress, or both. Mail seen before (the
same bytes, or after a UIDVALIDITY change the same mail under a new UID) keeps its row.
"""

from __future__ import annotations

import logging
from contextlib import suppress

from agent.config import Config
from agent.identity import known_copy
from agent.message import Message, Origin
from agent.store import message_fields, message_from_row
from storage import queries
from storage.db import Database, StorageError
from storage.states import MessageState

logger = logging.getLogger(__name__)


class Intake:
    """Stores messages, counts attempts at them and marks the ones that fail."""

    def __init__(self, config: Config, db: Database) -> None:
        self.config = config
        self.db = db

    def store(self, origin: Origin, message: Message) -> tuple[Message, bool]:
        """Commit the message as pending, with its folder's progress.

        Returns the stored message and whether it was already done (processed or failed).
        """
        with self.db.session() as session:
            folder = queries.folder(session, origin.account, origin.folder)
            if origin.uid:
                row = queries.message_at(session, folder.id, origin.uidvalidity, origin.uid)
                if row is None:
                    # After a UIDVALIDITY change the same mail comes back under new UIDs; a
                    # row moved to the new UIDVALIDITY is no longer a candidate for another.
                    row = known_copy(
                        message,
                        queries.copies_from_old_uidvalidity(
                            session, folder.id, origin.uidvalidity, message_fields(message)
                        ),
                    )
                    if row is not None:
                        row.uidvalidity, row.uid = origin.uidvalidity, origin.uid
                # The message row and the folder's progress are committed together.
                folder.uidvalidity = origin.uidvalidity
                folder.last_uid = max(folder.last_uid, origin.uid)
            else:
                row = queries.message_by_sha256(session, folder.id, message.sha256)
            if row is None:
                fields = message_fields(message)
                fields.update(uidvalidity=origin.uidvalidity, uid=origin.uid or None)
                row = queries.add_message(session, folder, fields)
            return message_from_row(row), row.state in (MessageState.PROCESSED, MessageState.FAILED)

    def pending(self, account: str, folder: str) -> list[Message]:
        """The messages an interrupted run left pending in ``account``/``folder``, least
        tried first."""
        with self.db.session() as session:
            folder_id = queries.folder(session, account, folder).id
            return [message_from_row(row) for row in queries.pending_messages(session, folder_id)]

    def begin_attempt(self, message: Message) -> str | None:
        """Count an attempt at ``message`` before any work on it, in its own transaction.

        A process that dies on the message (killed, out of memory, a crash in native code)
        never gets to record anything else, so this count is what stops it from retrying the
        message forever. Returns the reason to fail it instead, once ``[processing]
        max_attempts`` attempts never finished.
        """
        with self.db.session() as session:
            row = queries.get_message(session, message.db_id or 0)
            assert row is not None
            if row.attempts >= self.config.processing.max_attempts:
                return f"crashed the process {row.attempts} times"
            row.attempts += 1
        return None

    def take_back_attempt(self, message: Message) -> None:
        """Uncount an attempt stopped by a broken model, the database or the user."""
        with suppress(StorageError), self.db.session() as session:
            row = queries.get_message(session, message.db_id or 0)
            assert row is not None
            row.attempts -= 1

    def fail(self, message: Message, reason: str) -> None:
        """Mark ``message`` failed with ``reason`` (``mailagent messages retry`` runs it again)."""
        assert message.db_id is not None
        logger.warning("message %s failed: %s", message.db_id, reason)
        with self.db.session() as session:
            queries.finish_message(session, message.db_id, state=MessageState.FAILED, error=reason)
            queries.add_event(session, "failed", message_id=message.db_id, reason=reason)

"""A job's work: one stored message through the pipeline, by one worker at a time.

The worker holds the message's advisory lock (``storage.locks.message_lock``) while it works,
and looks at the message's state under it: a message another worker is on is left to it,
and one already processed or failed is not run again. A job handed on from a worker that
was killed finds the attempt that worker counted, and the verdict it committed, as
:meth:`Pipeline.run_limited` expects, so nothing is lost and nothing is done twice.
"""

from __future__ import annotations

from agent.pipeline import Pipeline
from agent.store import message_from_row
from storage import queries
from storage.locks import message_lock
from storage.states import MessageState


class MessageStep:
    """Runs the message of a job, once."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def run(self, message_id: int) -> str:
        """Process ``message_id`` if it is still pending; ``processed``, ``failed``,
        ``skipped`` (done before, or gone) or ``busy`` (another worker is on it)."""
        db = self.pipeline.db
        lock = message_lock(db, message_id)
        if not lock.try_acquire():
            return "busy"
        try:
            with db.session() as session:
                row = queries.get_message(session, message_id)
                pending = row is not None and row.state == MessageState.PENDING
                message = message_from_row(row) if row is not None and pending else None
            if message is None:
                return "skipped"
            return self.pipeline.run_limited(message).status
        finally:
            lock.release()

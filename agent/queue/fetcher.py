"""The fetcher's side of the queue: new mail stored as pending, then one job for it.

``Enqueuer`` stands in for the pipeline in ``agent.sync`` and ``agent.daemon``: a message is
committed as pending exactly as a single process stores it, then its job is added. A fetcher
killed between the two leaves a pending message without a job; :meth:`Enqueuer.resume`
queues those whenever a fetcher takes the folder, or syncs it again.
"""

from __future__ import annotations

from agent.message import RawMessage
from agent.pipeline import Outcome, Pipeline
from agent.queue.jobs import Jobs
from storage import queries


class Enqueuer:
    """Stores new mail and queues it for the workers instead of processing it."""

    def __init__(self, pipeline: Pipeline, jobs: Jobs) -> None:
        self.pipeline = pipeline
        self.db = pipeline.db
        self.jobs = jobs

    def process(self, raw: RawMessage) -> Outcome:
        """Store ``raw`` as pending and queue its job: outcome ``queued`` (or why not)."""
        message, outcome = self.pipeline.admit(raw)
        if outcome is not None:
            return outcome
        assert message.db_id is not None
        self.jobs.enqueue(message.db_id)
        return Outcome(message=message, status="queued")

    def resume(self, account: str, folder: str) -> list[Outcome]:
        """Queue the folder's pending messages that have no job (nothing runs here)."""
        with self.db.session() as session:
            folder_id = queries.folder(session, account, folder).id
        self.jobs.enqueue_unqueued(folder_id)
        return []

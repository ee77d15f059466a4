"""The job queue's tables and its jobs: one job per pending message.

procrastinate's schema is applied to mailagent's database on first use (under an advisory
lock, so processes starting at once apply it once). A job's ``queueing_lock`` and ``lock``
both name its message: a message never waits in the queue twice, and two jobs for one
message never run at once. A message stored but not yet queued (its fetcher died between the
two commits) is found by :meth:`Jobs.enqueue_unqueued`, which every fetcher runs when it
takes a folder, so no message is lost between storing and queueing.
"""

from __future__ import annotations

import logging
from typing import Any

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.schema import SchemaManager
from sqlalchemy import text
from sqlalchemy.engine import make_url

from agent.errors import MailAgentError
from agent.queue import NEEDS_POSTGRES
from storage.db import Database

logger = logging.getLogger(__name__)

TASK = "mailagent.process_message"
QUEUE = "messages"
SCHEMA_KEY = 0x6D61696C71756575
"""The advisory lock the queue's schema is applied under ("mailqueu" in ASCII)."""

UNQUEUED = text(
    "SELECT m.id FROM messages m WHERE m.folder_id = :folder AND m.state = 'pending' "
    "AND NOT EXISTS (SELECT 1 FROM procrastinate_jobs j WHERE j.lock = 'message:' || m.id "
    "AND j.status IN ('todo', 'doing')) ORDER BY m.attempts, m.id"
)


def message_job_lock(message_id: int) -> str:
    """The queueing lock and lock of ``message_id``'s job."""
    return f"message:{message_id}"


def conninfo(db: Database) -> str:
    """psycopg's connection string for ``db`` (its SQLAlchemy URL without the driver)."""
    url = make_url(db.url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def ensure_schema(db: Database) -> None:
    """Create procrastinate's tables in ``db`` unless they are there already."""
    with db.engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_KEY})
        if connection.scalar(text("SELECT to_regclass('procrastinate_jobs')")) is None:
            driver: Any = connection.connection.driver_connection
            driver.execute(SchemaManager.get_schema())
            logger.info("job queue tables created")


def queue_app(db: Database, pool_size: int = 2) -> procrastinate.App:
    """A procrastinate App on ``db``, its schema in place; open it before use."""
    if db.engine.dialect.name != "postgresql":
        raise MailAgentError(NEEDS_POSTGRES)
    ensure_schema(db)
    connector = procrastinate.PsycopgConnector(
        conninfo=conninfo(db), min_size=1, max_size=pool_size
    )
    return procrastinate.App(connector=connector)


class Jobs:
    """Adds message jobs to the queue, synchronously (the fetcher's side)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.app = queue_app(db).open()

    def enqueue(self, message_id: int) -> bool:
        """Queue ``message_id``'s job; False when one is already waiting."""
        lock = message_job_lock(message_id)
        deferrer = self.app.configure_task(TASK, queue=QUEUE, lock=lock, queueing_lock=lock)
        try:
            deferrer.defer(message_id=message_id)
        except AlreadyEnqueued:
            return False
        return True

    def enqueue_unqueued(self, folder_id: int) -> int:
        """Queue every pending message of the folder that has no waiting or running job."""
        with self.db.session() as session:
            found = list(session.scalars(UNQUEUED, {"folder": folder_id}))
        queued = sum(self.enqueue(message_id) for message_id in found)
        if queued:
            logger.info("queued %d pending messages that had no job", queued)
        return queued

    def close(self) -> None:
        """Close the queue's connections."""
        self.app.close()

"""What the job queue holds: jobs waiting, running and failed, and each worker's share.

Plain SQL on procrastinate's tables, so ``mailagent status`` needs no queue library; a
database whose queue was never used shows an empty queue. Workers are named by the
``queue_worker`` events they log when they start (``agent.queue.worker``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text

from storage.db import Database
from storage.tables import Event

JOBS = text(
    "SELECT m.folder_id, j.status, count(*) FROM procrastinate_jobs j "
    "JOIN messages m ON m.id = (j.args ->> 'message_id')::bigint "
    "WHERE j.queue_name = 'messages' GROUP BY m.folder_id, j.status"
)
STATUSES = {"todo": "waiting", "doing": "running", "failed": "failed"}
WORKERS = text(
    "SELECT w.id, w.last_heartbeat, "
    "count(j.id) FILTER (WHERE j.status = 'doing'), "
    "count(j.id) FILTER (WHERE j.status = 'failed') "
    "FROM procrastinate_workers w LEFT JOIN procrastinate_jobs j ON j.worker_id = w.id "
    "GROUP BY w.id ORDER BY w.id"
)


@dataclass
class QueueState:
    """The queue at one moment."""

    folders: dict[int, dict[str, int]] = field(default_factory=dict)
    """Per folder id: its jobs ``waiting``, ``running`` and ``failed``."""
    workers: list[dict[str, Any]] = field(default_factory=list)
    """Each live worker: ``worker`` (its id), ``process``, ``last_heartbeat``, ``running``,
    ``failed``."""


def queue_state(db: Database) -> QueueState:
    """The queue of ``db`` (PostgreSQL), empty when it was never used."""
    with db.engine.connect() as connection:
        if connection.scalar(text("SELECT to_regclass('procrastinate_jobs')")) is None:
            return QueueState()
        jobs = connection.execute(JOBS).all()
        rows = connection.execute(WORKERS).all()
    state = QueueState()
    for folder, status, count in jobs:
        if status in STATUSES:
            counts = state.folders.setdefault(folder, dict.fromkeys(STATUSES.values(), 0))
            counts[STATUSES[status]] = count
    names = worker_processes(db, [row[0] for row in rows])
    for worker, heartbeat, running, failed in rows:
        state.workers.append(
            {
                "worker": worker,
                "process": names.get(worker),
                "last_heartbeat": heartbeat,
                "running": running,
                "failed": failed,
            }
        )
    return state


def worker_processes(db: Database, workers: list[int]) -> dict[int, str]:
    """The process behind each of ``workers``, from the audit log."""
    if not workers:
        return {}
    with db.session() as session:
        events = session.scalars(
            select(Event).where(Event.kind == "queue_worker").order_by(Event.id.desc()).limit(500)
        )
        found: dict[int, str] = {}
        for event in events:
            worker = event.detail.get("worker")
            if worker in workers and worker not in found:
                found[worker] = str(event.detail.get("process"))
    return found


def is_idle(db: Database) -> bool:
    """Whether no message job waits or runs."""
    with db.engine.connect() as connection:
        busy = connection.scalar(
            text("SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing')")
        )
    return not busy

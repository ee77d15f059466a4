"""Work shared by many worker processes through a job queue in PostgreSQL.

The queue is procrastinate's: its tables live in mailagent's database, workers wake on
LISTEN/NOTIFY, and a worker that stops sending heartbeats has its running job handed to
another. Fetchers store new mail as pending messages, as a single process does, and add one
job per message (``agent.queue.jobs``); workers run each job's message through the pipeline
(``agent.queue.worker``). Only PostgreSQL setups import this package.
"""

NEEDS_POSTGRES = "--workers needs [storage] url = postgresql+psycopg://... (see docs/operations.md)"
"""What ``run --workers`` and ``worker`` say on a SQLite database."""


def require_postgres(url: str) -> None:
    """Refuse, before anything starts, a database that is not PostgreSQL."""
    from agent.errors import MailAgentError

    if not url.startswith("postgresql"):
        raise MailAgentError(NEEDS_POSTGRES)

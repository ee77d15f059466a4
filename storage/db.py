"""The database: engine, sessions, and migrations applied on start.

SQLite runs in WAL mode with foreign keys on and a busy timeout, so a reviewer's CLI and the
daemon can share one file. A new database file is created readable by its owner only, in a
directory of its own mode 0700; files others can read get a warning on start.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from storage.config import StorageConfig
from storage.errors import StorageError
from storage.permissions import exposure_warnings, make_private_dir

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

logger = logging.getLogger(__name__)

MIGRATION_KEY = 0x6D61696C6167656E
"""The PostgreSQL advisory lock migrations run under ("mailagen" in ASCII)."""


def alembic_config() -> AlembicConfig:
    """mailagent's Alembic configuration: the revisions in ``storage/migrations``."""
    # alembic is imported where it is used: a command's --help need not load it.
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", "storage:migrations")
    return config


def _prepare_sqlite_file(url: str) -> None:
    database = make_url(url).database
    if not database or database == ":memory:":
        return
    path = Path(database).expanduser()
    make_private_dir(path.parent)
    if not path.exists():
        # The database holds mail text: create it for its owner only, before SQLite opens it.
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for warning in exposure_warnings(path):
        logger.warning("%s", warning)


def create_db_engine(config: StorageConfig) -> Engine:
    """An engine for the configured database, with SQLite's pragmas set on every connection."""
    url = config.resolved_url
    is_sqlite = url.startswith("sqlite")
    if is_sqlite:
        _prepare_sqlite_file(url)
    engine = create_engine(
        url, connect_args={"timeout": config.busy_timeout_s} if is_sqlite else {}
    )
    if is_sqlite:

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={int(config.busy_timeout_s * 1000)}")
            cursor.close()

    return engine


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest schema revision mailagent knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def migrate(engine: Engine) -> None:
    """Bring the schema up to the newest revision; does nothing when it is already there.

    Processes started at once on a new database take turns: the first migrates while the
    others wait on the database's write lock, then find the schema current.
    """
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    if current_revision(engine) == head_revision():
        return
    config = alembic_config()
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        elif engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_KEY})
        if MigrationContext.configure(connection).get_current_revision() == head_revision():
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    logger.info("database schema upgraded to %s", head_revision())


class Database:
    """The opened, migrated database and a factory of sessions on it."""

    def __init__(self, config: StorageConfig) -> None:
        self.url = config.resolved_url
        self.busy_timeout_s = config.busy_timeout_s
        try:
            self.engine = create_db_engine(config)
            migrate(self.engine)
        except OperationalError as error:
            raise StorageError(self._explain(error)) from None
        except OSError as error:
            raise StorageError(f"cannot create database {self._where()}: {error}") from None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def _where(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed as one transaction, or rolled back on error.

        A locked or full database becomes a StorageError saying so; the transaction is rolled
        back whole, so what it was recording is done again on the next run.
        """
        try:
            with self._sessions() as session, session.begin():
                yield session
        except OperationalError as error:
            raise StorageError(self._explain(error)) from None

    def _explain(self, error: OperationalError) -> str:
        reason = str(error.orig)
        where = self._where()
        if "locked" in reason:
            return (
                f"the database {where} is locked by another process (waited "
                f"{self.busy_timeout_s:.0f} s); nothing was lost, run again when it is free"
            )
        if "full" in reason:
            return (
                f"the disk holding the database {where} is full; nothing was lost, "
                "free some space and run again"
            )
        return f"cannot use the database {where}: {reason}"

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

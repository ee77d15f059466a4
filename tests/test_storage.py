"""The database on SQLite and PostgreSQL: migrations, schema against the ORM; SQLite settings."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from storage import queries
from storage.config import StorageConfig
from storage.db import Database, alembic_config, current_revision, head_revision
from storage.permissions import exposure_warnings
from storage.tables import Base, Folder
from tests.conftest import NO_MODEL_PLUGINS
from tests.test_cli_startup import imported_after


def open_db(tmp_path: Path) -> Database:
    return Database(StorageConfig(url=f"sqlite:///{tmp_path / 'test.db'}"))


def test_migrations_build_every_table_from_an_empty_database(db_url: str) -> None:
    db = Database(StorageConfig(url=db_url))
    tables = set(inspect(db.engine).get_table_names())
    assert {"accounts", "folders", "messages", "results", "drafts", "events"} <= tables
    assert current_revision(db.engine) == head_revision()


def schema_differences(db: Database) -> list[object]:
    """What the database's tables, columns, types and indexes differ in from the ORM's."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))


def test_migrated_schema_matches_the_orm(db_url: str) -> None:
    assert schema_differences(Database(StorageConfig(url=db_url))) == []


def test_migrations_go_down_to_empty_and_up_again(db_url: str) -> None:
    db = Database(StorageConfig(url=db_url))
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
        assert set(inspect(connection).get_table_names()) == {"alembic_version"}
        command.upgrade(config, "head")
    assert schema_differences(db) == []


def test_opening_twice_keeps_data(db_url: str) -> None:
    db = Database(StorageConfig(url=db_url))
    with db.session() as session:
        queries.folder(session, "acct", "INBOX")
        archive = queries.folder(session, "acct", "Archive").id
    db.close()
    again = Database(StorageConfig(url=db_url))
    with again.session() as session:
        assert queries.folder(session, "acct", "Archive").id == archive
        assert session.scalar(select(func.count()).select_from(Folder)) == 2


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    db = open_db(tmp_path)
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_database_file_is_private(tmp_path: Path) -> None:
    open_db(tmp_path)
    mode = stat.S_IMODE((tmp_path / "test.db").stat().st_mode)
    assert mode == 0o600


def test_default_database_lives_in_the_user_data_dir(tmp_path: Path) -> None:
    db = Database(StorageConfig())
    assert (tmp_path / "xdg-data" / "mailagent" / "mailagent.db").is_file()
    db.close()


def test_files_others_can_read_get_a_one_line_warning_with_the_fix(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = tmp_path / "mailagent.db"
    Database(StorageConfig(url=f"sqlite:///{database}")).close()
    wal = tmp_path / "mailagent.db-wal"
    wal.touch()
    for path in (database, wal):
        path.chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="storage.db"):
        Database(StorageConfig(url=f"sqlite:///{database}")).close()
    assert [record.getMessage() for record in caplog.records] == [
        f"{path} is readable by other users (mode 644) and holds your mail: chmod 600 {path}"
        for path in (database, wal)
    ]


def test_the_data_directory_is_private_even_under_umask_000(tmp_path: Path) -> None:
    database = tmp_path / "data" / "mailagent" / "mailagent.db"
    before = os.umask(0)
    try:
        Database(StorageConfig(url=f"sqlite:///{database}")).close()
    finally:
        os.umask(before)
    assert stat.S_IMODE(database.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert exposure_warnings(database) == []
    # a directory others may only pass through shows them nothing; a readable one does
    database.parent.chmod(0o711)
    assert exposure_warnings(database) == []
    database.parent.chmod(0o750)
    assert exposure_warnings(database) == [
        f"{database.parent} is readable by other users (mode 750) and holds your mail: "
        f"chmod 700 {database.parent}"
    ]


POSTGRESQL_DRIVERS = {"psycopg", "psycopg_binary", "psycopg_c", "psycopg2", "asyncpg", "pg8000"}


def test_a_run_on_sqlite_imports_no_postgresql_driver(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[storage]\nurl = "sqlite:///{tmp_path / "db"}"\n{NO_MODEL_PLUGINS}')
    output, modules = imported_after("process", "--sample", config=config)
    assert "16 processed" in output
    assert not {module.partition(".")[0] for module in modules} & POSTGRESQL_DRIVERS


def test_upgrading_counts_the_people_already_replied_to_as_correspondents(db_url: str) -> None:
    db = Database(StorageConfig(url=db_url))
    config = alembic_config()
    rows = [
        ("sent", "<r1@x>", "Ana@Example.org", "2026-11-02 09:00:00"),
        ("sent", "<r2@x>", "ana@example.org", "2026-11-20 09:00:00"),
        ("sent", "<r3@x>", "", None),  # a reply whose original names no sender
        ("draft", "draft:4", "ben@example.org", None),  # approved, maybe never sent
    ]
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
        for source, key, sender, date in rows:
            connection.execute(
                text(
                    "INSERT INTO replies (account, source, reply_key, answered_sender, "
                    "answered_subject, answered_text, reply_text, date, model_sha256, features, "
                    "created_at, in_reply_to) VALUES ('acct', :source, :key, :sender, '', '', "
                    "'Thanks', :date, '', '', '2026-12-01 00:00:00', '')"
                ),
                {"source": source, "key": key, "sender": sender, "date": date},
            )
        command.upgrade(config, "head")
    with db.session() as session:
        found = queries.correspondent(session, "acct", "ANA@example.org")
        assert found is not None
        assert (str(found.first_written), str(found.last_written)) == (
            "2026-11-02 09:00:00",
            "2026-11-20 09:00:00",
        )
        assert queries.correspondent(session, "acct", "ben@example.org") is None
        assert queries.correspondent(session, "acct", "") is None

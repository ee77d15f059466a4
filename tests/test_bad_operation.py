"""Bad operation: a locked or full database, a corrupt model. One clear message, no lost mail."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, event, func, select

import storage.db
from agent.app import App
from agent.cli import cli
from plugins.pypi_models import _smollm2_path
from storage.config import StorageConfig
from storage.db import Database
from storage.tables import DraftRow, Event, MessageRow, ResultRow
from tests.conftest import NO_MODEL_PLUGINS


def write(tmp_path: Path, extra: str = NO_MODEL_PLUGINS) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[storage]\nurl = "sqlite:///{tmp_path / "db"}"\nbusy_timeout_s = 0.5\n{extra}'
    )
    return path


def process_sample(config: Path) -> Result:
    return CliRunner().invoke(
        cli, ["--config", str(config), "process", "--sample"], obj=App(config)
    )


def assert_all_processed_once(tmp_path: Path) -> None:
    db = Database(StorageConfig(url=f"sqlite:///{tmp_path / 'db'}"))
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(MessageRow)) == 16
        assert set(session.scalars(select(MessageRow.state))) == {"processed"}
        combined = session.scalar(
            select(func.count()).select_from(ResultRow).where(ResultRow.task == "combined")
        )
        assert combined == 16


def test_a_database_locked_by_another_process(tmp_path: Path) -> None:
    config = write(tmp_path)
    Database(StorageConfig(url=f"sqlite:///{tmp_path / 'db'}")).close()
    holder = sqlite3.connect(tmp_path / "db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = process_sample(config)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    assert "is locked by another process" in result.output
    assert "nothing was lost" in result.output
    assert "Traceback" not in result.output
    assert process_sample(config).exit_code == 0
    assert_all_processed_once(tmp_path)


def test_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = write(tmp_path)
    Database(StorageConfig(url=f"sqlite:///{tmp_path / 'db'}")).close()
    real = storage.db.create_db_engine

    def cramped(storage_config: StorageConfig) -> Engine:
        engine = real(storage_config)

        @event.listens_for(engine, "connect")
        def _limit(connection: Any, _record: Any) -> None:
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
            connection.execute(f"PRAGMA max_page_count = {pages + 8}")

        return engine

    monkeypatch.setattr(storage.db, "create_db_engine", cramped)
    result = process_sample(config)
    assert result.exit_code == 1
    assert "is full" in result.output and "nothing was lost" in result.output
    monkeypatch.undo()
    assert process_sample(config).exit_code == 0
    assert_all_processed_once(tmp_path)


def test_a_corrupt_model_stops_the_run_and_keeps_the_mail(tmp_path: Path) -> None:
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(_smollm2_path().read_bytes()[:1_000_000])
    config = write(tmp_path, f'[models.broken]\npath = "{broken}"\n[tasks]\nclassify = "broken"\n')
    result = process_sample(config)
    assert result.exit_code == 1
    assert f"cannot load {broken}" in result.output
    assert "Traceback" not in result.output
    db = Database(StorageConfig(url=f"sqlite:///{tmp_path / 'db'}"))
    with db.session() as session:
        assert set(session.scalars(select(MessageRow.state))) == {"pending"}
    write(tmp_path)
    assert process_sample(config).exit_code == 0
    assert_all_processed_once(tmp_path)


def test_time_limit_interrupts_and_is_not_swallowed() -> None:
    import time

    from agent.timelimit import TimeLimitExceeded, time_limit

    slept_through = False
    with pytest.raises(TimeLimitExceeded), time_limit(0.2):
        try:
            time.sleep(60)
            slept_through = True
        except Exception:  # a plugin's broad handler must not stop it
            pytest.fail("swallowed")
    assert not slept_through, "the limit should interrupt the work, not wait for its end"


def test_a_message_over_its_time_limit_is_failed_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.imap_helpers import ENTRYPOINTS

    monkeypatch.syspath_prepend(str(ENTRYPOINTS))
    config = write(
        tmp_path,
        NO_MODEL_PLUGINS + "[plugins.fast-test]\nenabled = true\ndelay_s = 0.6\n"
        "[processing]\nmessage_timeout_s = 0.3\n",
    )
    mailbox = tmp_path / "mail"
    mailbox.mkdir()
    (mailbox / "a.eml").write_bytes(b"From: a@example.org\nSubject: one\n\nhello\n")
    (mailbox / "b.eml").write_bytes(b"From: b@example.org\nSubject: two\n\nhello\n")
    result = CliRunner().invoke(
        cli, ["--config", str(config), "process", str(mailbox)], obj=App(config)
    )
    assert result.exit_code == 0, result.output
    assert "0 processed, 0 already done, 2 failed" in result.output
    db = Database(StorageConfig(url=f"sqlite:///{tmp_path / 'db'}"))
    with db.session() as session:
        rows = session.scalars(select(MessageRow)).all()
        assert [(row.state, row.error, row.attempts) for row in rows] == [
            ("failed", "took longer than 0.3 s", 1)
        ] * 2


def test_files_that_are_not_mail_are_refused_at_the_door_with_their_reason(
    tmp_path: Path,
) -> None:
    config = write(tmp_path)
    box = tmp_path / "box"
    box.mkdir()
    (box / "empty.eml").write_bytes(b"")
    (box / "blank.eml").write_bytes(b"\n \n")
    (box / "code.eml").write_bytes(b"import os\nprint(os.getcwd())\n")
    (box / "word.eml").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00")
    (box / "notes.txt").write_text("From: not read at all\n\nnot an .eml file\n")
    (box / "real.eml").write_bytes(
        b"\xef\xbb\xbfFrom: Sam <sam@example.org>\nSubject: Lunch\n\nNoon at the usual place?\n"
    )
    empty_mbox = tmp_path / "empty.mbox"
    empty_mbox.write_bytes(b"")

    result = CliRunner().invoke(cli, ["--config", str(config), "process", str(box)])
    assert result.exit_code == 0, result.output
    assert (
        "skipped 5 files that are not mail: notes.txt: not an .eml file; blank.eml: empty; "
        "code.eml: no header block; empty.eml: empty; word.eml: binary"
    ) in result.stderr
    alone = CliRunner().invoke(cli, ["--config", str(config), "process", str(empty_mbox)])
    assert alone.exit_code == 0, alone.output
    assert f"skipped 1 file that is not mail: {empty_mbox}: empty" in alone.stderr

    db = Database(StorageConfig(url=f"sqlite:///{tmp_path / 'db'}"))
    with db.session() as session:
        assert list(session.scalars(select(MessageRow.subject))) == ["Lunch"]


def test_failed_messages_are_retried_and_unwanted_ones_deleted(tmp_path: Path) -> None:
    config = write(tmp_path)
    assert process_sample(config).exit_code == 0
    db = Database(StorageConfig(url=f"sqlite:///{tmp_path / 'db'}"))
    with db.session() as session:
        session.get_one(MessageRow, 3).state = "failed"
        session.get_one(MessageRow, 3).attempts = 3
        session.get_one(MessageRow, 3).error = "crashed the process 3 times"
        drafted = session.scalars(select(DraftRow.message_id)).first()
    assert drafted is not None

    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--config", str(config), "messages", *args])

    refused = run("retry", "1")
    assert refused.exit_code != 0 and "message 1 is processed; only failed" in refused.output
    assert run("retry", "3").exit_code == 0
    with db.session() as session:
        row = session.get_one(MessageRow, 3)
        assert (row.state, row.attempts, row.error) == ("pending", 0, None)
    # the next run of its folder takes it up, and keeps its stored verdict
    assert process_sample(config).exit_code == 0
    assert_all_processed_once(tmp_path)

    assert run("delete", "99").exit_code != 0
    assert run("delete", str(drafted)).exit_code == 0
    with db.session() as session:
        assert session.get(MessageRow, drafted) is None
        assert session.scalar(select(func.count()).select_from(MessageRow)) == 15
        left = session.scalars(select(ResultRow.message_id).distinct())
        assert drafted not in set(left)
        assert session.scalars(select(DraftRow).where(DraftRow.message_id == drafted)).all() == []
        deleted = session.scalars(select(Event).where(Event.kind == "deleted")).one()
        assert deleted.detail["id"] == drafted

"""Crashes count: a message that kills the process on every attempt is failed after N runs,
and starter learning killed midway continues where it stopped.

Each run is a real ``mailagent`` process; the fast test plugin ends it with ``os._exit``
on the message, so nothing but what was committed before survives, as after a kill -9.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from agent.config import load_config
from agent.learning import starter_files
from plugins.pypi_models import _smollm2_path
from storage.config import StorageConfig
from storage.db import Database
from storage.tables import MessageRow
from tests.conftest import MODEL_PLUGINS_OFF, NO_MODEL_PLUGINS
from tests.imap_helpers import child_env, make_message
from tests.test_learning import sample_path


def test_a_message_that_crashes_every_attempt_is_failed_and_the_rest_go_on(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\nurl = "sqlite:///{tmp_path / "db"}"\n{NO_MODEL_PLUGINS}'
        '[plugins.fast-test]\nenabled = true\ncrash_on = "crash me"\n'
        "[processing]\nmax_attempts = 2\n"
    )
    mailbox = tmp_path / "mail"
    mailbox.mkdir()
    (mailbox / "a.eml").write_bytes(make_message(1))
    (mailbox / "b.eml").write_bytes(b"From: x@example.org\nSubject: crash me\n\nboom\n")
    (mailbox / "c.eml").write_bytes(make_message(3))
    runs = [
        subprocess.run(
            [sys.executable, "-m", "agent", "--config", str(config), "process", str(mailbox)],
            env=child_env(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        for _ in range(3)
    ]
    assert [run.returncode for run in runs] == [70, 70, 0], runs[-1].stderr
    assert "crashed the process 2 times" in runs[2].stderr
    assert "1 processed, 2 already done, 1 failed" in runs[2].stdout
    with Database(StorageConfig(url=f"sqlite:///{tmp_path / 'db'}")).session() as session:
        rows = session.scalars(select(MessageRow).order_by(MessageRow.id)).all()
        assert [(row.subject, row.state, row.attempts, row.error) for row in rows] == [
            ("Test work message 1", "processed", 1, None),
            ("crash me", "failed", 2, "crashed the process 2 times"),
            ("Test work message 3", "processed", 1, None),
        ]


def _stored_examples(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        try:
            return int(connection.execute("SELECT count(*) FROM examples").fetchone()[0])
        except sqlite3.OperationalError:  # not created yet
            return 0


@pytest.mark.model
def test_starter_learning_killed_midway_continues_where_it_stopped(tmp_path: Path) -> None:
    db = tmp_path / "db"
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\nurl = "sqlite:///{db}"\n{MODEL_PLUGINS_OFF}'
        f'[models.smol]\npath = "{_smollm2_path()}"\n[tasks]\nclassify = "smol"\n'
    )
    command = [sys.executable, "-m", "agent", "-v", "--config", str(config), "process"]
    total = len(starter_files(load_config(config)[0].categories))
    first = subprocess.Popen([*command, "--sample"], env=child_env(), stderr=subprocess.DEVNULL)
    while _stored_examples(db) < 5 and first.poll() is None:
        time.sleep(0.2)
    first.kill()
    first.wait()
    kept = _stored_examples(db)
    assert 5 <= kept < total, "the run should be killed in the middle of learning"
    second = subprocess.run(
        [*command, str(sample_path("05"))],
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert second.returncode == 0, second.stderr
    learned = re.search(r"learning (\d+) of (\d+) starter examples", second.stderr)
    assert learned is not None, second.stderr
    assert int(learned[1]) <= total - kept and int(learned[2]) == total
    assert _stored_examples(db) == total

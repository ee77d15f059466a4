"""Crashes count: a message that kills the process on every attempt is failed after N runs.

Each run is a real ``mailagent`` process; the fast test plugin ends it with ``os._exit``
on the message, so nothing but what was committed before survives, as after a kill -9.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from storage.config import StorageConfig
from storage.db import Database
from storage.tables import MessageRow
from tests.conftest import NO_MODEL_PLUGINS
from tests.imap_helpers import child_env, make_message


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

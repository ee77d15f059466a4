"""The command line on PostgreSQL: real models, results stored once per message."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from agent.app import App
from agent.cli import cli
from models.runtime import ModelPool
from storage.tables import MessageRow, ResultRow
from tests.conftest import NO_STARTER
from tests.postgres import PostgresCluster
from tests.test_learning import sample_path

pytestmark = pytest.mark.model


def test_process_stores_one_result_set_per_message(
    postgres: PostgresCluster, tmp_path: Path, model_pool: ModelPool
) -> None:
    mailbox = tmp_path / "mailbox"
    mailbox.mkdir()
    for prefix in ("01", "06", "13"):
        shutil.copy(sample_path(prefix), mailbox)
    config = tmp_path / "config.toml"
    config.write_text(f'[storage]\nurl = "{postgres.create_database()}"\n{NO_STARTER}')
    app = App(config, pool=model_pool)
    try:
        for expected in ("3 processed, 0 already done", "0 processed, 3 already done"):
            result = CliRunner().invoke(
                cli, ["--config", str(config), "process", str(mailbox)], obj=app
            )
            assert result.exit_code == 0, result.output
            assert expected in result.output
        with app.db.session() as session:
            assert list(session.scalars(select(MessageRow.state))) == ["processed"] * 3
            rows = session.execute(select(ResultRow.message_id, ResultRow.task, ResultRow.plugin))
            calls = Counter(tuple(row) for row in rows)
            generative = session.scalars(
                select(ResultRow.error).where(ResultRow.plugin == "generative")
            )
            assert list(generative) == [None] * 3
        assert set(calls.values()) == {1}
        verdicts = Counter(message for message, task, _ in calls if task == "combined")
        assert sorted(verdicts.values()) == [1, 1, 1]
    finally:
        app.close()

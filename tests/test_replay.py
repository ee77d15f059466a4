"""``mailagent replay``: a candidate model re-run over stored mail, nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from agent.app import App
from agent.cli import cli
from agent.message import Origin, RawMessage
from storage import queries
from tests.conftest import NO_MODEL_PLUGINS

ORDER = (
    b"From: Shop <orders@shop.example>\nTo: alex@example.com\nSubject: Your order has shipped\n"
    b"Message-ID: <order-2@shop.example>\nDate: Wed, 25 Nov 2026 10:00:00 +0000\n\n"
    b"Tracking number 1Z999AA10123456784.\n"
)


def test_replay_lists_only_the_messages_whose_verdict_differs(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\nurl = "sqlite:///{tmp_path / "db"}"\n'
        f"{NO_MODEL_PLUGINS}"
        '[categories.receipts]\ndescription = "Order confirmations and receipts."\n'
    )
    app = App(config)
    try:
        app.pipeline().process(RawMessage(ORDER, Origin("t", "INBOX")))
        runner = CliRunner()
        args = ["--config", str(config), "replay", "--task", "classify"]
        same = runner.invoke(cli, [*args, "--model", "smollm2-135m", "--json"], obj=app)
        assert same.exit_code == 0, same.output
        assert json.loads(same.output) == []

        # A stored verdict that the candidate would not give is listed.
        with app.db.session() as session:
            queries.set_category(session, 1, "work")
        differs = runner.invoke(cli, [*args, "--model", "smollm2-135m", "--json"], obj=app)
        assert json.loads(differs.output) == [
            {
                "id": 1,
                "subject": "Your order has shipped",
                "stored": "work",
                "smollm2-135m": "receipts",
            }
        ]
        with app.db.session() as session:
            assert queries.get_message(session, 1).category == "work"  # type: ignore[union-attr]
        table = runner.invoke(cli, [*args, "--model", "smollm2-135m"], obj=app)
        assert "1 of 1 messages differ" in table.output
    finally:
        app.close()

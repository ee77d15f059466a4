"""Every real malformed or tricky message is parsed and stored, none stops the run."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from agent.app import App
from agent.message import Origin, RawMessage
from agent.pipeline import Pipeline
from storage.tables import MessageRow
from tests.conftest import shared_dir


def test_every_robustness_message_is_stored_with_its_defects(tmp_path: Path) -> None:
    files = sorted(
        p for p in shared_dir("robustness").rglob("*") if p.is_file() and p.suffix != ".md"
    )
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\nurl = "sqlite:///{tmp_path / "db"}"\n'
        '[plugins]\ndisabled = ["generative", "extract-model", "draft"]\n'
    )
    app = App(config)
    pipeline = Pipeline(app.config, app.pm, app.registry, app.db, app.pool)
    for uid, path in enumerate(files, start=1):
        outcome = pipeline.process(RawMessage(path.read_bytes(), Origin("r", "INBOX", 1, uid)))
        assert outcome.status == "processed", path
        assert not outcome.errors, (path, outcome.errors)
    with app.db.session() as session:
        rows = session.scalars(select(MessageRow)).all()
        assert len(rows) == len(files)
        assert {row.state for row in rows} == {"processed"}
        assert sum(bool(row.defects) for row in rows) >= 80

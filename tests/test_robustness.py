"""Every real malformed or tricky message is parsed and stored, none stops the run."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from agent.app import App
from agent.message import Origin, RawMessage
from storage.tables import MessageRow
from tests.conftest import NO_MODEL_PLUGINS, shared_dir
from tests.corpus import robustness_files


def test_every_robustness_message_is_stored_with_its_defects(tmp_path: Path) -> None:
    files = robustness_files(shared_dir("robustness"))
    config = tmp_path / "config.toml"
    config.write_text(f'[storage]\nurl = "sqlite:///{tmp_path / "db"}"\n{NO_MODEL_PLUGINS}')
    app = App(config)
    pipeline = app.pipeline()
    for uid, path in enumerate(files, start=1):
        outcome = pipeline.process(RawMessage(path.read_bytes(), Origin("r", "INBOX", 1, uid)))
        assert outcome.status == "processed", path
        assert not outcome.errors, (path, outcome.errors)
    with app.db.session() as session:
        rows = session.scalars(select(MessageRow)).all()
        assert len(rows) == len(files)
        assert {row.state for row in rows} == {"processed"}
        assert sum(bool(row.defects) for row in rows) >= 80


def mime_depth(data: bytes) -> int:
    """How deeply the message's MIME parts nest."""
    import email
    import email.policy

    def depth(part: object) -> int:
        payload = part.get_payload()  # type: ignore[attr-defined]
        if isinstance(payload, list) and payload:
            return 1 + max(depth(child) for child in payload)
        return 0

    try:
        return depth(email.message_from_bytes(data, policy=email.policy.compat32))
    except RecursionError:
        return 10_000


def hardest(files: list[Path], count: int = 50) -> list[Path]:
    """The largest, the deepest, then those with defects, up to ``count``."""
    from agent.message import Origin, RawMessage
    from agent.parse import parse

    data = {path: path.read_bytes() for path in files}
    chosen = sorted(files, key=lambda p: -len(data[p]))[:10]
    chosen += [p for p in sorted(files, key=lambda p: -mime_depth(data[p])) if p not in chosen][:10]
    for path in files:
        if len(chosen) >= count:
            break
        if path not in chosen and parse(RawMessage(data[path], Origin("r", "r"))).defects:
            chosen.append(path)
    return chosen


@pytest.mark.model
def test_the_hardest_fifty_go_through_the_whole_pipeline_on_a_real_model(
    app: App,
) -> None:
    files = robustness_files(shared_dir("robustness"))
    pipeline = app.pipeline()
    chosen = hardest(files)
    assert len(chosen) == 50
    for uid, path in enumerate(chosen, start=1):
        outcome = pipeline.process(RawMessage(path.read_bytes(), Origin("r", "INBOX", 1, uid)))
        assert outcome.status == "processed", (path, outcome.errors)
        generative = [e for e in outcome.errors if e.startswith("classify/")]
        assert not generative, (path, generative)

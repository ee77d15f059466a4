"""``mailagent messages uncertain``: the least certain recent verdicts, on a real SQLite file."""

from __future__ import annotations

import json
from datetime import timedelta

import numpy as np

from agent.app import App
from agent.message import Origin, RawMessage
from agent.parse import parse
from agent.sources.local import sample_mailbox
from agent.store import message_fields
from storage import queries
from storage.tables import utcnow

CONFIDENCES = {"01": 0.93, "02": 0.41, "03": 0.77, "04": 0.52, "05": 0.35, "09": 0.99}


def stored(app: App) -> dict[str, int]:
    """The sample messages of :data:`CONFIDENCES`, processed at those confidences; their ids."""
    ids = {}
    with app.db.session() as session:
        folder = queries.folder(session, "local", "inbox")
        for prefix, confidence in CONFIDENCES.items():
            path = next(sample_mailbox().glob(f"{prefix}-*.eml"))
            message = parse(RawMessage(path.read_bytes(), Origin("local", "inbox")))
            row = queries.add_message(session, folder, message_fields(message))
            session.flush()
            queries.finish_message(
                session, row.id, state="processed", category="work", confidence=confidence
            )
            ids[prefix] = row.id
    return ids


def test_uncertain_lists_the_least_confident_recent_verdicts_first(
    app: App, run_cli: object
) -> None:
    ids = stored(app)
    with app.db.session() as session:
        old = queries.get_message(session, ids["05"])
        assert old is not None
        old.processed_at = utcnow() - timedelta(days=60)  # least sure, but not recent
        corrected = queries.get_message(session, ids["02"])
        assert corrected is not None
        vector = np.zeros(4, dtype=np.float32)
        queries.save_example(  # the user relabelled it: settled, not listed again
            session,
            sha256=corrected.sha256,
            message_id=corrected.id,
            label="personal",
            source="corrected",
            subject=corrected.subject,
            sender=corrected.sender or "",
            tokens=[],
            embedding=vector.tobytes(),
            dimensions=4,
            model_name="m",
            model_sha256="0" * 64,
            features="f",
        )

    result = run_cli("messages", "uncertain", "--json")  # type: ignore[operator]
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert [row["id"] for row in listed] == [ids[p] for p in ("04", "03", "01", "09")]
    assert [row["confidence"] for row in listed] == [0.52, 0.77, 0.93, 0.99]
    assert all({"id", "subject", "category", "confidence"} <= set(row) for row in listed)

    limited = json.loads(run_cli("messages", "uncertain", "--json", "--limit", "2").output)  # type: ignore[operator]
    assert [row["id"] for row in limited] == [ids["04"], ids["03"]]
    older = json.loads(run_cli("messages", "uncertain", "--json", "--since", "90d").output)  # type: ignore[operator]
    assert [row["id"] for row in older][:2] == [ids["05"], ids["04"]]

    table = run_cli("messages", "uncertain", "--limit", "1")  # type: ignore[operator]
    assert table.exit_code == 0 and "0.52" in table.output and "0.77" not in table.output


def test_show_says_how_the_votes_were_combined(app: App, run_cli: object) -> None:
    ids = stored(app)
    how = "learned combination of bayes, examples from 240 cross-fitted examples: work 0.93"
    with app.db.session() as session:
        queries.add_result(
            session,
            ids["04"],
            task="combined",
            plugin="mailagent",
            output={"classification": {"category": "work", "combination": [how], "settled": True}},
        )
    shown = run_cli("messages", "show", str(ids["04"]))  # type: ignore[operator]
    assert shown.exit_code == 0, shown.output
    assert f"combined: {how}" in shown.output
    assert "settled: without the model" in shown.output

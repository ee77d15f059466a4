"""The outbox against a real dovecot: actions written with the verdict, applied exactly once.

A kill can fall between the verdict's commit and the action, or between the action on the
server and its record; both are set up here by putting the outbox back as such a kill
leaves it, and the next run must finish the work without doing any of it twice.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, update

from storage.tables import ActionRow, Event
from tests.dovecot import DovecotServer, needs_dovecot
from tests.imap_helpers import database, flags_of, make_message, run_once, write_config

pytestmark = needs_dovecot

RULES = (
    'mark_processed = "$MailAgentProcessed"\n'
    "[[accounts.rules]]\n"
    'category = "personal"\naction = "move"\ntarget = "Personal"\n'
)


def test_a_kill_on_either_side_of_an_action_neither_loses_nor_repeats_it(
    tmp_path: Path, dovecot: DovecotServer
) -> None:
    client = dovecot.client()
    client.create_folder("Personal")
    for index in range(4):
        dovecot.append("alex", "INBOX", make_message(index, personal=index % 2 == 0))
    config = write_config(tmp_path / "config.toml", dovecot.port, account=RULES)
    assert run_once(config).returncode == 0
    db = database(config)
    with db.session() as session:
        outbox = {(row.uid, row.kind): row.state for row in session.scalars(select(ActionRow))}
    assert outbox == {
        (1, "keyword"): "done",
        (1, "move"): "done",
        (2, "keyword"): "done",
        (3, "keyword"): "done",
        (3, "move"): "done",
        (4, "keyword"): "done",
    }
    assert sorted(flags_of(client, "INBOX")) == [2, 4]
    assert len(flags_of(client, "Personal")) == 2

    # killed after the server acted, before the record (each message's last action: the
    # move where there is one), and, for message 4, before the server acted at all
    last = ActionRow.kind == "move"
    with db.session() as session:
        session.execute(
            update(ActionRow)
            .where(last | ActionRow.uid.in_([2, 4]))
            .values(state="pending", note=None)
        )
    client.select_folder("INBOX")
    client.remove_flags([4], [b"$MailAgentProcessed"])
    assert run_once(config).returncode == 0

    inbox, personal = flags_of(client, "INBOX"), flags_of(client, "Personal")
    assert sorted(inbox) == [2, 4] and len(personal) == 2  # nothing moved or copied twice
    assert all(b"$MailAgentProcessed" in flags for flags in [*inbox.values(), *personal.values()])
    with db.session() as session:
        rows = {
            (row.uid, row.kind): (row.state, row.note) for row in session.scalars(select(ActionRow))
        }
        kinds = [
            event.detail["action"]
            for event in session.scalars(select(Event).where(Event.kind == "action"))
        ]
    assert {key: state for key, (state, _) in rows.items()} == dict.fromkeys(outbox, "done")
    # the moves found their message gone and did not move it again
    assert (
        rows[(1, "move")][1] == rows[(3, "move")][1] == "no longer in the folder (moved or deleted)"
    )
    assert len(kinds) == len(outbox) + 4  # one audit line per action applied or found done
    client.logout()

"""UIDVALIDITY changes: each message on the server is one row, processed once.

Each folder is read, deleted and re-created on a real dovecot (a new UIDVALIDITY), filled
again in one scenario's way, and read again. Every message on the server must then sit at
its new UID in the row that was already its own (or a new row for new mail): nothing
lost, nothing processed twice, no two messages in one row, no message in two.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import func, select

from storage.tables import Folder, MessageRow, ResultRow
from tests.dovecot import DovecotServer, needs_dovecot
from tests.imap_helpers import database, make_message, run_once, write_config

pytestmark = needs_dovecot


def sha(raw: bytes) -> str:
    """The sha256 of ``raw`` as the server stores it (with CRLF line ends)."""
    return hashlib.sha256(raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")).hexdigest()


Scenario = tuple[list[bytes], list[tuple[bytes, bytes]], int]


def scenarios() -> dict[str, Scenario]:
    """Per folder: the mail before; after the change, each message with the bytes of the
    row it must be stored in (its own for new mail); and how many rows there must be."""
    same = [make_message(index) for index in range(0, 5)]
    new_first = [make_message(index) for index in range(10, 15)]
    fresh = [make_message(index) for index in range(20, 23)]
    dropped = [make_message(index) for index in range(30, 35)]
    copies = [make_message(40), make_message(41)]
    rewritten = b"X-Migrated: yes\n" + copies[0]
    reused_id = copies[0].replace(b"This is message number", b"This is another message,")
    return {
        "Same": (same, [(raw, raw) for raw in same], 5),
        "NewFirst": (new_first, [(raw, raw) for raw in [*fresh[:2], *new_first]], 7),
        "Dropped": (dropped, [(raw, raw) for raw in [*dropped[:2], *dropped[3:], fresh[2]]], 6),
        # Two identical copies stay two rows; a rewritten copy keeps its row; a new
        # message reusing a Message-ID and subject is new.
        "Rewritten": (
            [*copies, copies[1]],
            [(reused_id, reused_id), (rewritten, copies[0]), *[(copies[1], copies[1])] * 2],
            4,
        ),
    }


def test_uidvalidity_scenarios_lose_and_repeat_nothing(
    tmp_path: Path, dovecot: DovecotServer
) -> None:
    cases = scenarios()
    client = dovecot.client()
    for folder, (before, _, _) in cases.items():
        client.create_folder(folder)
        for raw in before:
            dovecot.append("alex", folder, raw)
    client.logout()
    config = write_config(
        tmp_path / "config.toml", dovecot.port, account=f"folders = {list(cases)!r}"
    )
    first = run_once(config)
    assert first.returncode == 0, first.stderr

    placed: dict[str, list[tuple[int, bytes]]] = {}
    for folder, (_, after, _) in cases.items():
        dovecot.recreate_folder("alex", folder)
        placed[folder] = [(dovecot.append("alex", folder, raw), row) for raw, row in after]
    second = run_once(config)
    assert second.returncode == 0, second.stderr

    with database(config).session() as session:
        for folder, (_, _, expected) in cases.items():
            state = session.scalars(select(Folder).where(Folder.name == folder)).one()
            rows = session.scalars(select(MessageRow).where(MessageRow.folder_id == state.id))
            by_place = {(row.uidvalidity, row.uid): row for row in rows}
            new_rows = {uid: row for (uv, uid), row in by_place.items() if uv == state.uidvalidity}
            assert {uid: row.sha256 for uid, row in new_rows.items()} == {
                uid: sha(row) for uid, row in placed[folder]
            }, folder
            assert len(by_place) == expected, folder
            assert {row.state for row in by_place.values()} == {"processed"}, folder
            results = session.execute(
                select(ResultRow.message_id, func.count())
                .where(
                    ResultRow.task == "combined",
                    ResultRow.message_id.in_([row.id for row in by_place.values()]),
                )
                .group_by(ResultRow.message_id)
            ).all()
            assert sorted(count for _, count in results) == [1] * expected, folder

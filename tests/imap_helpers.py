"""Helpers for the tests that run mailagent against a real dovecot server."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from sqlalchemy import func, select

from agent.config import load_config
from storage.db import Database
from storage.tables import DraftRow, Event, MessageRow, ResultRow
from tests.conftest import NO_MODEL_PLUGINS, NO_STARTER

ENTRYPOINTS = Path(__file__).with_name("entrypoints")
PASSWORD_ENV = "MAILAGENT_TEST_PASSWORD"


def make_message(index: int, personal: bool = False, size: int = 0) -> bytes:
    """A small, unique, well-formed message; ``size`` pads the body to about that many bytes."""
    message = EmailMessage()
    message["From"] = f"Sender {index} <sender{index}@example.org>"
    message["To"] = "Alex Morgan <alex@example.com>"
    kind = "personal" if personal else "work"
    message["Subject"] = f"Test {kind} message {index}"
    message["Date"] = format_datetime(datetime(2026, 11, 1, tzinfo=UTC) + timedelta(minutes=index))
    message["Message-ID"] = make_msgid(f"t{index}", domain="example.org")
    body = f"Hello Alex,\n\nThis is message number {index}. Could you confirm you got it?\n"
    if size:
        body += "x" * size + "\n"
    message.set_content(body)
    return bytes(message)


def write_config(
    path: Path,
    port: int,
    *,
    fast: bool = True,
    extra: str = "",
    account: str = "",
    delay_s: float = 0.0,
    timings: str = "idle_renew_s = 10\npoll_interval_s = 1\n",
) -> Path:
    """A config with one dovecot account and, with ``fast``, only the fast test plugin.

    ``timings`` shortens the waits of the daemon; empty keeps the defaults.
    """
    plugins = (
        f"{NO_MODEL_PLUGINS}[plugins.fast-test]\nenabled = true\ndelay_s = {delay_s}\n"
        if fast
        else NO_STARTER
    )
    path.write_text(
        f'[storage]\nurl = "sqlite:///{path.parent / "mailagent.db"}"\n'
        f"{plugins}"
        "[[accounts]]\n"
        'name = "test"\nhost = "127.0.0.1"\n'
        f"port = {port}\n"
        'username = "alex"\ntls = "none"\n'
        f'password_env = "{PASSWORD_ENV}"\n'
        f"{timings}{account}\n{extra}"
    )
    return path


def child_env(password: str = "secret-alex") -> dict[str, str]:
    """The environment of a mailagent child process: test plugin on the path, password set."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ENTRYPOINTS), env.get("PYTHONPATH")]))
    env[PASSWORD_ENV] = password
    env.pop("MAILAGENT_CONFIG", None)
    return env


def spawn(config: Path, *args: str, log: Path | None = None) -> subprocess.Popen[bytes]:
    """Start ``mailagent --config CONFIG ARGS...`` as a real child process."""
    output = log.open("ab") if log else subprocess.DEVNULL
    return subprocess.Popen(
        [sys.executable, "-m", "agent", "--config", str(config), *args],
        env=child_env(),
        stdout=output,
        stderr=output,
    )


def database(config: Path) -> Database:
    """The database a test config points at."""
    return Database(load_config(config)[0].storage)


def counts(db: Database) -> dict[str, int]:
    """Messages, processed messages, results and drafts in the database."""
    with db.session() as session:

        def count(query: object) -> int:
            return int(session.scalar(query) or 0)  # type: ignore[call-overload]

        return {
            "messages": count(select(func.count()).select_from(MessageRow)),
            "processed": count(
                select(func.count()).select_from(MessageRow).where(MessageRow.state == "processed")
            ),
            "results": count(select(func.count()).select_from(ResultRow)),
            "drafts": count(select(func.count()).select_from(DraftRow)),
        }


def run_once(
    config: Path, *args: str, password: str = "secret-alex"
) -> subprocess.CompletedProcess[str]:
    """``mailagent run --once ARGS...`` as a child process, to its end."""
    return subprocess.run(
        [sys.executable, "-m", "agent", "--config", str(config), "run", "--once", *args],
        env=child_env(password),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def assert_exactly_once(config: Path, expected: int, actions: int | None = 0) -> None:
    """``expected`` messages, each stored once and processed once (one combined result, at
    most one draft), each with ``actions`` rule actions taken once (None: not counted)."""
    with database(config).session() as session:
        assert session.scalar(select(func.count()).select_from(MessageRow)) == expected
        assert set(session.scalars(select(MessageRow.state))) == {"processed"}
        assert len(set(session.scalars(select(MessageRow.message_id)))) == expected
        per_message = dict(
            session.execute(
                select(ResultRow.message_id, func.count())
                .where(ResultRow.task == "combined")
                .group_by(ResultRow.message_id)
            ).all()
        )
        assert len(per_message) == expected and set(per_message.values()) == {1}
        drafts = session.execute(
            select(DraftRow.message_id, func.count()).group_by(DraftRow.message_id)
        ).all()
        assert all(count == 1 for _, count in drafts)
        places = session.execute(
            select(MessageRow.uidvalidity, MessageRow.uid).where(MessageRow.uid.is_not(None))
        ).all()
        assert len(set(places)) == len(places)
        if actions is None:
            return
        taken = session.execute(
            select(Event.message_id, func.count())
            .where(Event.kind == "action")
            .group_by(Event.message_id)
        ).all()
        assert len(taken) == (expected if actions else 0)
        assert all(count == actions for _, count in taken)


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``condition`` until it holds, or fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def flags_of(client: object, folder: str) -> dict[int, tuple[bytes, ...]]:
    """The flags of every message of ``folder``, by UID."""
    client.select_folder(folder, readonly=True)  # type: ignore[attr-defined]
    uids = client.search(["ALL"])  # type: ignore[attr-defined]
    fetched = client.fetch(uids, ["FLAGS"]) if uids else {}  # type: ignore[attr-defined]
    return {uid: tuple(sorted(data[b"FLAGS"])) for uid, data in fetched.items()}


def iter_samples() -> Iterator[bytes]:
    """The bundled sample mailbox's messages."""
    from agent.sources.local import sample_mailbox

    for path in sorted(sample_mailbox().glob("*.eml")):
        yield path.read_bytes()

"""Local mailboxes: a Maildir, an mbox file, a folder of ``.eml`` files, or one ``.eml`` file.

Local messages have no IMAP UID, so they are recognised again by the sha256 of their bytes:
processing the same mailbox twice does each message once.
"""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

from agent.errors import SourceError
from agent.message import Origin, RawMessage

ACCOUNT = "local"


def sample_mailbox() -> Path:
    """The bundled demo mailbox, a folder of ``.eml`` files."""
    return Path(str(files("agent").joinpath("sample")))


def _kind(path: Path) -> str:
    if path.is_dir():
        if all((path / sub).is_dir() for sub in ("cur", "new", "tmp")):
            return "maildir"
        return "folder"
    if path.is_file():
        with path.open("rb") as handle:
            return "mbox" if handle.read(5) == b"From " else "eml"
    raise SourceError(f"{path}: no such file or directory")


def count_messages(path: Path) -> int:
    """How many messages ``path`` holds, for a progress bar."""
    kind = _kind(path)
    if kind == "folder":
        return sum(1 for _ in _eml_files(path))
    if kind == "eml":
        return 1
    box = (
        mailbox.Maildir(path, create=False)
        if kind == "maildir"
        else mailbox.mbox(path, create=False)
    )
    return len(box)


def _eml_files(path: Path) -> Iterator[Path]:
    return (item for item in sorted(path.rglob("*.eml")) if item.is_file())


def read_mailbox(path: Path) -> Iterator[RawMessage]:
    """Every message in a local mailbox, in a stable order."""
    path = path.expanduser().resolve()
    kind = _kind(path)
    origin = Origin(account=ACCOUNT, folder=str(path))
    try:
        if kind == "eml":
            yield RawMessage(data=path.read_bytes(), origin=origin)
        elif kind == "folder":
            for item in _eml_files(path):
                yield RawMessage(data=item.read_bytes(), origin=origin)
        else:
            box: mailbox.Mailbox[mailbox.Message] = (
                mailbox.Maildir(path, create=False)
                if kind == "maildir"
                else mailbox.mbox(path, create=False)
            )
            for key in sorted(box.keys()):
                yield RawMessage(data=box.get_bytes(key), origin=origin)
    except OSError as error:
        raise SourceError(f"{path}: cannot read mailbox: {error.strerror or error}") from None

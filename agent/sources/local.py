"""Local mailboxes: a Maildir, an mbox file, a folder of ``.eml`` files, or one ``.eml`` file.

Local messages have no IMAP UID, so they are recognised again by the sha256 of their bytes:
processing the same mailbox twice does each message once. Files that are not mail (empty,
binary, no header block, or in a folder not named ``.eml``) are refused at the door with
the reason, never stored.
"""

from __future__ import annotations

import mailbox
import re
from collections.abc import Iterator
from datetime import date
from importlib.resources import files
from pathlib import Path

from agent.errors import SourceError
from agent.message import Origin, RawMessage

ACCOUNT = "local"

SAMPLE_DAY = date(2026, 11, 21)
"""The day of the sample's newest message. ``process --sample`` drafts its replies as of
that day, as its recipient would have: on any later day every reply is a late one, and the
meetings it proposes are past."""

_BOM = b"\xef\xbb\xbf"
_FIELD = re.compile(rb"^(?:From |[!-9;-~]+[ \t]*:)")
"""The first line of a message: a header field (a printable name, then a colon, which the
obsolete syntax lets follow spaces) or an mbox separator."""


def not_mail(data: bytes) -> str | None:
    """Why ``data`` is not a message (``"empty"``, ``"binary"``, ``"no header block"``), or None."""
    head = data[:8192].removeprefix(_BOM).lstrip()
    if not head:
        return "empty"
    if _FIELD.match(head):
        return None
    return "binary" if b"\x00" in head else "no header block"


def not_eml(path: Path) -> list[str]:
    """The files of a folder mailbox left unread for not being ``.eml`` files."""
    if not path.is_dir() or _kind(path) != "folder":
        return []
    return [
        f"{item.relative_to(path)}: not an .eml file"
        for item in sorted(path.rglob("*"))
        if item.is_file() and item.suffix.lower() != ".eml" and not item.name.startswith(".")
    ]


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


def read_mailbox(path: Path, refused: list[str] | None = None) -> Iterator[RawMessage]:
    """Every message in a local mailbox, in a stable order.

    Files that are not mail are skipped, each added to ``refused`` as ``"name: reason"``.
    """
    path = path.expanduser().resolve()
    kind = _kind(path)
    origin = Origin(account=ACCOUNT, folder=str(path))
    refused = [] if refused is None else refused
    try:
        if kind in ("eml", "folder"):
            for item in [path] if kind == "eml" else _eml_files(path):
                data = item.read_bytes().removeprefix(_BOM)  # an editor's mark, not mail
                reason = not_mail(data)
                if reason:
                    refused.append(
                        f"{item.relative_to(path) if kind == 'folder' else item}: {reason}"
                    )
                    continue
                yield RawMessage(data=data, origin=origin)
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

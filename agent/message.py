"""The typed values a message travels as: raw bytes from a source, then a parsed Message."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Origin:
    """Where a raw message came from: an IMAP folder or a local mailbox."""

    account: str
    folder: str
    uidvalidity: int = 0
    uid: int = 0


@dataclass(frozen=True)
class RawMessage:
    """The bytes of one message exactly as its source gave them."""

    data: bytes
    origin: Origin
    truncated: bool = False


@dataclass(frozen=True)
class Address:
    """One mailbox from an address header."""

    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


@dataclass(frozen=True)
class Attachment:
    """Metadata of an attachment; its content is never kept."""

    filename: str
    content_type: str
    size: int
    content_id: str = ""


@dataclass(frozen=True)
class Link:
    """A link in the body: the text a reader sees (empty for a bare URL) and where it goes."""

    text: str
    href: str


@dataclass(frozen=True)
class Message:
    """A parsed message, the value every plugin receives.

    ``new_text`` is what the sender wrote in this message; ``quoted_text`` holds the quoted
    history and ``signature`` the sign-off, both separated out so prompts can drop them first.
    All text here is untrusted input written by a stranger.
    """

    message_id: str
    subject: str
    sender: Address | None
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    reply_to: tuple[Address, ...]
    date: datetime | None
    in_reply_to: str
    references: tuple[str, ...]
    thread_key: str
    headers: tuple[tuple[str, str], ...]
    new_text: str
    quoted_text: str
    signature: str
    html: bool
    attachments: tuple[Attachment, ...]
    defects: tuple[str, ...]
    size: int
    sha256: str
    truncated: bool = False
    links: tuple[Link, ...] = ()
    """The body's links: the HTML part's anchors, else the URLs of the plain text."""
    bcc: tuple[Address, ...] = ()
    """Blind copies: only the user's own sent mail carries a Bcc header."""
    db_id: int | None = field(default=None, compare=False)

    def from_a_recipient(self) -> bool:
        """Whether the sender is also in To or Cc: a From forged as the recipient's own
        address takes part in every thread and writes to everyone the user writes to."""
        sender = self.sender.email.lower() if self.sender else ""
        return bool(sender) and sender in {a.email.lower() for a in (*self.to, *self.cc)}

    def header(self, name: str, default: str = "") -> str:
        """Return the first header called ``name`` (case-insensitive), or ``default``."""
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return default

    @property
    def text(self) -> str:
        """The whole readable body: new text, signature and quoted history."""
        return "\n\n".join(
            part for part in (self.new_text, self.signature, self.quoted_text) if part
        )


@dataclass(frozen=True)
class ThreadMail:
    """An earlier message of a thread: mail mailagent sorted (or a person relabelled), or
    one of the user's own replies (read from Sent, or a draft they approved)."""

    message_id: int
    """Its id in the database (``mailagent messages show ID``; the user's replies: 0)."""
    sender: str
    """Its From address, lower-case (the user's replies: empty)."""
    participants: frozenset[str]
    """Its From, To and Cc addresses, lower-case (the user's replies: whom they answered)."""
    category: str | None
    confidence: float | None
    yours: bool = False
    """Whether it is one of the user's own replies."""


@dataclass(frozen=True)
class Correspondent:
    """Someone the user has written to, as their account's Sent folder shows."""

    address: str
    """Their address, lower-case."""
    first_written: datetime | None
    last_written: datetime | None

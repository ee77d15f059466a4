"""Recognising a message the server shows again under a new UIDVALIDITY.

The same bytes are the same message. A server that rewrote the bytes (added a header,
re-encoded a part) keeps what identifies the message: a fingerprint of its Message-ID,
date, sender, recipients, subject and text. A Message-ID alone is never enough: senders
reuse them, and two server messages must never collapse into one row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from agent.message import Message
from agent.store import message_from_row
from storage.tables import MessageRow


def fingerprint(message: Message) -> str:
    """A digest of what identifies ``message`` whatever bytes a server stores it as."""
    parts = [
        message.message_id,
        message.date.isoformat() if message.date else "",
        message.sender.email if message.sender else "",
        ",".join(sorted(address.email for address in (*message.to, *message.cc))),
        message.subject,
        " ".join(f"{message.new_text}\n{message.quoted_text}".split()),
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def known_copy(message: Message, stored: Sequence[MessageRow]) -> MessageRow | None:
    """The row among ``stored`` that is ``message``: the same bytes, else the same fingerprint."""
    for row in stored:
        if row.sha256 == message.sha256:
            return row
    mark = fingerprint(message)
    return next((row for row in stored if fingerprint(message_from_row(row)) == mark), None)

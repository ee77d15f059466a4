"""Maps parsed messages to storage rows and back, so storage never imports agent types."""

from __future__ import annotations

from typing import Any

from agent.message import Address, Attachment, Link, Message, ThreadMail
from storage.tables import MessageRow, ReplyRow


def _pairs(addresses: tuple[Address, ...]) -> list[list[str]]:
    return [[address.name, address.email] for address in addresses]


def _addresses(pairs: list[list[str]]) -> tuple[Address, ...]:
    return tuple(Address(name=name, email=email) for name, email in pairs)


def message_fields(message: Message) -> dict[str, Any]:
    """The column values that store ``message`` (everything needed to rebuild it)."""
    return {
        "message_id": message.message_id,
        "in_reply_to": message.in_reply_to,
        "references": list(message.references),
        "thread_key": message.thread_key,
        "sender": str(message.sender) if message.sender else "",
        "recipients": {
            "from": _pairs((message.sender,) if message.sender else ()),
            "to": _pairs(message.to),
            "cc": _pairs(message.cc),
            "reply_to": _pairs(message.reply_to),
        },
        "subject": message.subject,
        "date": message.date,
        "size": message.size,
        "sha256": message.sha256,
        "headers": [list(pair) for pair in message.headers],
        "new_text": message.new_text,
        "quoted_text": message.quoted_text,
        "signature": message.signature,
        "html": message.html,
        "attachments": [
            [item.filename, item.content_type, item.size, item.content_id]
            for item in message.attachments
        ],
        "defects": list(message.defects),
        "truncated": message.truncated,
        "links": [[link.text, link.href] for link in message.links],
    }


def message_from_row(row: MessageRow) -> Message:
    """Rebuild the parsed message a row stores."""
    recipients = row.recipients or {}
    senders = _addresses(recipients.get("from", []))
    return Message(
        message_id=row.message_id,
        subject=row.subject,
        sender=senders[0] if senders else None,
        to=_addresses(recipients.get("to", [])),
        cc=_addresses(recipients.get("cc", [])),
        reply_to=_addresses(recipients.get("reply_to", [])),
        date=row.date,
        in_reply_to=row.in_reply_to,
        references=tuple(row.references),
        thread_key=row.thread_key,
        headers=tuple((str(name), str(value)) for name, value in row.headers),
        new_text=row.new_text,
        quoted_text=row.quoted_text,
        signature=row.signature,
        html=row.html,
        attachments=tuple(Attachment(*item) for item in row.attachments),
        defects=tuple(row.defects),
        size=row.size,
        sha256=row.sha256,
        truncated=row.truncated,
        links=tuple(Link(text, href) for text, href in row.links or []),
        db_id=row.id,
    )


def thread_mail(row: MessageRow) -> ThreadMail:
    """What classification sees of an earlier message of a thread."""
    sender = next((email for _, email in row.recipients.get("from", [])), "")
    return ThreadMail(
        message_id=row.id,
        sender=sender.lower(),
        participants=frozenset(row.addresses("from", "to", "cc")),
        category=row.category,
        confidence=row.confidence,
    )


def your_reply(row: ReplyRow) -> ThreadMail:
    """One of the user's own replies as earlier mail of a thread."""
    return ThreadMail(
        message_id=0,
        sender="",
        participants=frozenset({row.answered_sender.lower()} - {""}),
        category=None,
        confidence=None,
        yours=True,
    )

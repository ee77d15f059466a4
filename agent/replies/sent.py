"""Reading the user's replies from their Sent folder, read-only.

Every sent message's recipients become correspondents (``queries.add_written``): mail from
them is a conversation, not junk (``plugins.correspondents``); not those of a reply to mail
sorted as junk ("please remove me"), which would vouch for a spammer. Each sent message that
answers another (it has ``In-Reply-To``) is kept with the message it answers: the stored
original where mailagent has it, else the original quoted in the reply.
Mail the user answered this way needs no draft: mail processed after the reply was read
gets none (``Drafting.answered``), and the pending drafts of the mail the reply answers,
and of its thread's mail dated at or before that mail, are superseded; the digest no
longer lists them as awaiting an answer.
The folder is opened read-only (EXAMINE) and fetched with ``BODY.PEEK[]``, so nothing on the
server changes; its UIDVALIDITY, last UID and last sync are kept like any folder's (so
``mailagent status`` lists it, with nothing processed), and each reply is read once.
"""

from __future__ import annotations

import logging
from email.utils import parseaddr
from typing import Any

from agent.accounts import own_addresses
from agent.combine import JUNK
from agent.compose import reply_subject
from agent.message import Message, Origin, RawMessage
from agent.parse import parse, unquoted
from agent.replies.memory import without_sign_off
from agent.replies.templates import closing_of
from agent.sources.imap import ImapConnection
from storage import queries
from storage.db import Database

logger = logging.getLogger(__name__)


def sync_sent(connection: ImapConnection, db: Database) -> int:
    """Keep the replies new in the account's Sent folder; returns how many were kept."""
    account = connection.account
    folder = connection.sent_folder()
    if folder is None or folder in account.folders:
        return 0
    uidvalidity = connection.select(folder, readonly=True)
    own = own_addresses([account])
    with db.session() as session:
        state = queries.folder(session, account.name, folder)
        if state.uidvalidity != uidvalidity:  # the folder was recreated: read it all again
            state.uidvalidity, state.last_uid = uidvalidity, 0
        last_uid = state.last_uid
    kept = 0
    for uid, data, _ in connection.fetch(connection.uids_after(last_uid)):
        reply = parse(RawMessage(data, Origin(account.name, folder, uidvalidity, uid)))
        with db.session() as session:
            if not _answers_junk(session, account.name, reply):
                queries.add_written(session, account.name, recipients(reply, own), reply.date)
            fields = pair_fields(session, account.name, reply)
            if fields and queries.add_reply(session, account=account.name, **fields):
                kept += 1
                answered = queries.supersede_answered_by(session, reply.in_reply_to, reply.date)
                if answered:
                    queries.add_event(
                        session, "drafts_superseded", drafts=answered, reply=fields["reply_key"]
                    )
            state = queries.folder(session, account.name, folder)
            state.uidvalidity, state.last_uid = uidvalidity, max(uid, state.last_uid)
    with db.session() as session:
        queries.set_folder_status(session, account.name, folder, uidvalidity=uidvalidity)
    if kept:
        logger.info("account %s: %d of your replies read from %s", account.name, kept, folder)
    return kept


def _answers_junk(session: Any, account: str, reply: Message) -> bool:
    """Whether ``reply`` answers a message sorted as junk ("please remove me" to a spammer):
    its recipients are not vouched for as correspondents."""
    if not reply.in_reply_to:
        return False
    answered = queries.message_with_id(session, account, reply.in_reply_to)
    return answered is not None and answered.category in JUNK


def recipients(sent: Message, own: set[str]) -> set[str]:
    """The addresses a sent message went to (To, Cc and Bcc), lower-case, without the
    user's ``own``."""
    addresses = {a.email.lower() for a in (*sent.to, *sent.cc, *sent.bcc)}
    return {a for a in addresses if "@" in a} - own


def with_closing(reply: Message) -> str:
    """The reply's own text with its closing, which the mail parser may have split off as
    the signature ("Kind regards,\nRuth"); a text that keeps its closing stays as it is."""
    text = reply.new_text.strip()
    closing = closing_of(reply.signature)
    if not closing or without_sign_off(text) != text:
        return text
    return f"{text}\n\n{closing}"


def pair_fields(session: Any, account: str, reply: Message) -> dict[str, Any] | None:
    """The stored fields of ``reply`` and the message it answers (None: it answers nothing)."""
    if not reply.in_reply_to or not reply.new_text.strip():
        return None
    original = queries.message_with_id(session, account, reply.in_reply_to)
    if original is not None:
        sender, subject, text = parseaddr(original.sender)[1], original.subject, original.new_text
    elif reply.quoted_text.strip():
        sender = reply.to[0].email if reply.to else ""
        subject, text = reply_subject(reply.subject)[4:], unquoted(reply.quoted_text)
    else:
        return None
    return {
        "source": "sent",
        "reply_key": reply.message_id or reply.sha256,
        "answered_sender": sender.lower(),
        "answered_subject": subject,
        "answered_text": text,
        "reply_text": with_closing(reply),
        "date": reply.date,
        "in_reply_to": reply.in_reply_to,
    }

"""An approved draft as a proper RFC 5322 reply, threaded under the message it answers."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from agent.language import language
from agent.message import Address, Message

_REPLY_PREFIX = re.compile(r"^\s*((re|aw|sv|antw|wg)(\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def reply_subject(subject: str) -> str:
    """``Re: subject``, without doubling an existing reply prefix."""
    stripped = _REPLY_PREFIX.sub("", subject).strip()
    return f"Re: {stripped}" if stripped else "Re:"


def new_message_id(sender: str) -> str:
    """A fresh Message-ID in the sender's domain."""
    domain = sender.rpartition("@")[2] or "mailagent.invalid"
    return make_msgid(domain=domain)


def _header_address(address: Address) -> HeaderAddress:
    return HeaderAddress(display_name=address.name, addr_spec=address.email)


def reply_recipients(original: Message, own: Address) -> tuple[list[Address], list[Address]]:
    """Who a reply to ``original`` goes to: To the Reply-To (else From), Cc the others, never
    the user (``own``: their address, or any address under their full name, such as the
    private address a friend wrote to; and where neither is among the recipients, the one
    address the mail was sent to: a bare private address, or someone else's when the user
    was in Bcc, whom a reply does not copy either)."""
    to = list(original.reply_to or ((original.sender,) if original.sender else ()))
    taken = {own.email.lower(), *(address.email.lower() for address in to)}
    recipients = (*original.to, *original.cc)
    if len(original.to) == 1 and not any(_is_own(address, own) for address in recipients):
        taken.add(original.to[0].email.lower())
    cc = []
    for address in recipients:
        if address.email.lower() not in taken and not _is_own(address, own):
            cc.append(address)
            taken.add(address.email.lower())
    return to, cc


def _is_own(address: Address, own: Address) -> bool:
    """Whether ``address`` is the user's: their address, or under their full name."""
    return address.email.lower() == own.email.lower() or named_as(address, own.name)


def named_as(address: Address, name: str) -> bool:
    """Whether ``address`` bears ``name`` when it is a full name ("Noor Haddad", not "Noor")."""
    words = name.casefold().split()
    return len(words) >= 2 and address.name.strip("\"' ").casefold().split() == words


def name_given(message: Message, addresses: set[str]) -> str:
    """The display name ``message`` gives one of ``addresses`` (lower case) in To or Cc."""
    named = [a.name for a in (*message.to, *message.cc) if a.name and a.email.lower() in addresses]
    return named[0].strip("\"' ") if named else ""


_ATTRIBUTION = {
    "en": ("On {day} at {time}, {who} wrote:", "{who} wrote:"),
    "de": ("Am {date} um {time} schrieb {who}:", "{who} schrieb:"),
    "fr": ("Le {date} à {time}, {who} a écrit :", "{who} a écrit :"),
    "es": ("El {date} a las {time}, {who} escribió:", "{who} escribió:"),
}
"""The line above a quoted message, in each language drafts are written in, with a date and
without one, as mail clients write it."""


def quoted(original: Message, language: str = "en") -> str:
    """``original``'s text as a reply in ``language`` quotes it: who wrote it and when, then
    each of its lines after ``> `` (``>`` before a line already quoted); empty when it has
    no text."""
    if not original.text.strip():
        return ""
    lines = [
        f">{line}" if line.startswith(">") else f"> {line}".rstrip()
        for line in original.text.strip("\n").split("\n")
    ]
    sender = original.sender
    who = (f"{sender.name} <{sender.email}>" if sender.name else sender.email) if sender else ""
    dated, undated = _ATTRIBUTION.get(language, _ATTRIBUTION["en"])
    date = original.date
    if date is not None and date.tzinfo is None:
        date = date.replace(tzinfo=UTC)  # stored in UTC
    if date is None:
        attribution = undated.format(who=who or "?")
    else:
        local = date.astimezone()
        attribution = dated.format(
            day=local.strftime("%a, %-d %b %Y"),
            date=local.strftime("%d.%m.%Y" if language == "de" else "%d/%m/%Y"),
            time=local.strftime("%H:%M"),
            who=who or "?",
        )
    return "\n".join([attribution, *lines])


def compose_reply(
    original: Message, body: str, sender: Address, message_id: str, quote: bool = True
) -> EmailMessage:
    """The reply to ``original`` from ``sender``: To the Reply-To (else From), Cc the others;
    with ``quote``, the original quoted below ``body``."""
    to, cc = reply_recipients(original, sender)
    reply = EmailMessage()
    reply["From"] = _header_address(sender)
    if to:
        reply["To"] = [_header_address(address) for address in to]
    if cc:
        reply["Cc"] = [_header_address(address) for address in cc]
    reply["Subject"] = reply_subject(original.subject)
    reply["Date"] = format_datetime(datetime.now(UTC))
    reply["Message-ID"] = message_id
    if original.message_id:
        reply["In-Reply-To"] = original.message_id
        parents = original.references or ((original.in_reply_to,) if original.in_reply_to else ())
        reply["References"] = " ".join([*parents, original.message_id])
    reply["User-Agent"] = "mailagent"
    below = quoted(original, language(body)) if quote else ""
    text = f"{body.rstrip()}\n\n{below}\n" if below else body
    reply.set_content(text, charset="utf-8")
    return reply

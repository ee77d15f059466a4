"""Raw bytes to a :class:`~agent.message.Message`, for any input, however broken.

Parsing uses the stdlib ``email`` package with ``policy.default``. The readable text comes
from the best body part (plain text, else HTML converted by inscriptis); the new text is
separated from quoted replies and the signature by mail-parser-reply; attachments are kept
as metadata only. Nothing here raises on bad input: every problem becomes a recorded defect.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import email
import email.policy
import email.utils
import hashlib
import logging
import re
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.message import Message as StdMessage

from agent import links
from agent.message import Address, Attachment, Link, Message, RawMessage

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 200_000
"""Body text kept per message; models read only the start, so more is never needed."""
MAX_HTML_CHARS = 2_000_000
"""HTML handed to the converter; longer documents are cut first to bound time and memory."""
_REPLY_PARSER_CHARS = 50_000
_REPLY_LANGUAGES = ("en", "de", "fr", "es", "it", "nl")
_LIST_ITEM = re.compile(r"[-*]\s+\w")
_THANKS_THEN_ASKS = re.compile(
    r"(?:thanks|thank you|danke|merci|gracias)\b[^\n]*?[.!:]\s*\S[^\n]*\?", re.I
)
"""A "signature" that is a thanks going on to a question ("Thanks, got it. Two things: can
you ...?"): the mail's text, not a sign-off. "Questions? Call us on ..." under a name is a
signature."""
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/]+={0,2}")


def _header(msg: StdMessage, name: str, defects: list[str]) -> str:
    try:
        value = msg.get(name)
    except Exception as error:  # a malformed header can break policy.default's parser
        defects.append(f"unparseable {name} header: {type(error).__name__}")
        return ""
    return clean_text(" ".join(str(value).split())) if value is not None else ""


def _all_headers(msg: StdMessage) -> tuple[tuple[str, str], ...]:
    """Every header in order, repeated ones included, RFC 2047 words decoded."""
    headers = []
    for name, value in msg.raw_items():
        text = " ".join(str(value).split())
        if "=?" in text:
            with contextlib.suppress(Exception):  # undecodable words stay as written
                text = str(make_header(decode_header(text)))
        headers.append((clean_text(name), clean_text(text)))
    return tuple(headers)


def clean_text(text: str) -> str:
    """``text`` with lone surrogates (undecodable bytes) replaced, so it can be stored."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _addresses(msg: StdMessage, name: str, defects: list[str]) -> tuple[Address, ...]:
    raw = _header(msg, name, defects)
    if not raw:
        return ()
    try:
        pairs = email.utils.getaddresses([raw])
    except Exception:
        defects.append(f"unparseable addresses in {name}")
        return ()
    return tuple(Address(name=n.strip(), email=a.strip()) for n, a in pairs if a.strip())


def _message_ids(value: str) -> tuple[str, ...]:
    return tuple(_MESSAGE_ID.findall(value))


def _date(msg: StdMessage, defects: list[str]) -> datetime | None:
    raw = _header(msg, "Date", defects)
    if not raw:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        defects.append("unparseable Date header")
        return None
    if parsed.tzinfo is None:
        return parsed
    return parsed.astimezone(UTC).replace(tzinfo=None)


def _base64_with_trailer(part: StdMessage, defects: list[str]) -> str | None:
    """The text of a base64 part followed by plain lines, as list software appends footers.

    The stdlib gives such a part back undecoded; here the base64 lines are decoded and the
    plain lines after them kept as text. None for any other part.
    """
    if part.get("Content-Transfer-Encoding", "").strip().lower() != "base64":
        return None
    raw = part.get_payload(decode=False)
    if not isinstance(raw, str):
        return None
    lines = raw.strip().splitlines()
    count = 0
    while count < len(lines) and _BASE64_LINE.fullmatch(lines[count].strip()):
        count += 1
    trailer = "\n".join(lines[count:]).strip()
    if not count or not trailer:
        return None
    encoded = "".join(line.strip() for line in lines[:count])
    try:
        decoded = base64.b64decode(encoded + "=" * (-len(encoded) % 4))
    except (binascii.Error, ValueError):
        return None
    defects.append("plain text after the base64 body (a footer added in transit)")
    return f"{_decode(decoded, part.get_content_charset())}\n\n{trailer}"


def _decode(payload: bytes, charset: str | None) -> str:
    try:
        return payload.decode(charset or "utf-8", errors="replace")
    except LookupError:
        return payload.decode("utf-8", errors="replace")


def _part_text(part: StdMessage, defects: list[str]) -> str:
    with_trailer = _base64_with_trailer(part, defects)
    if with_trailer is not None:
        return with_trailer
    try:
        content = part.get_content()  # type: ignore[attr-defined]
        if isinstance(content, str):
            return content
    except Exception as error:
        defects.append(f"undecodable {part.get_content_type()} part: {type(error).__name__}")
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        return _decode(payload, part.get_content_charset())
    return ""


def html_to_text(html: str) -> str:
    """Readable text from an HTML document (layout-aware, links and scripts dropped)."""
    from inscriptis import get_text

    try:
        return get_text(html[:MAX_HTML_CHARS])
    except RecursionError:
        # Pathologically deep nesting: keep the words, lose the layout.
        return re.sub(r"<[^>]*>", " ", html[:MAX_HTML_CHARS])


def _best_body(msg: EmailMessage, defects: list[str]) -> tuple[str, bool]:
    try:
        body = msg.get_body(preferencelist=("plain", "html"))
    except Exception as error:
        defects.append(f"cannot locate body: {type(error).__name__}")
        body = None
    if body is None:
        if msg.is_multipart():
            return "", False
        body = msg
    text = _part_text(body, defects)
    if body.get_content_type() == "text/html":
        return html_to_text(text), True
    return text, False


def _links(msg: EmailMessage, text: str) -> tuple[Link, ...]:
    """The anchors of the HTML body part if there is one, else the URLs of ``text``."""
    try:
        html = msg.get_body(preferencelist=("html",))
    except Exception:  # _best_body has recorded why the body cannot be found
        html = None
    if html is not None:
        found = links.from_html(_part_text(html, []), MAX_HTML_CHARS)
        if found:
            return found
    return links.from_text(text)


def _attachments(msg: EmailMessage, defects: list[str]) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    try:
        for part in msg.iter_attachments():
            payload = part.get_payload()
            size = len(payload) if isinstance(payload, str | bytes) else 0
            if (part.get("Content-Transfer-Encoding") or "").strip().lower() == "base64":
                size = size * 3 // 4
            found.append(
                Attachment(
                    filename=clean_text(part.get_filename() or ""),
                    content_type=part.get_content_type(),
                    size=size,
                    content_id=str(part.get("Content-ID") or "").strip(),
                )
            )
    except Exception as error:
        defects.append(f"cannot list attachments: {type(error).__name__}")
    return tuple(found)


def split_reply(text: str) -> tuple[str, str, str]:
    """Split body text into (new text, quoted history, signature)."""
    from mailparser_reply import EmailReplyParser

    head, tail = text[:_REPLY_PARSER_CHARS], text[_REPLY_PARSER_CHARS:]
    try:
        parser = EmailReplyParser(languages=list(_REPLY_LANGUAGES))
        replies = parser.read(head).replies
    except Exception:
        return text.strip(), "", ""
    if not replies:
        return text.strip(), "", ""
    first, rest = replies[0], replies[1:]
    body, signature = first.body or "", (first.signatures or "").strip()
    if _LIST_ITEM.match(signature) or _THANKS_THEN_ASKS.match(signature):
        # The parser takes a "- item" list for a "--" signature delimiter, and a line
        # opening with thanks ("Thanks, got it. Can you ...?") for a sign-off.
        body, signature = first.content or "", ""
    # Interleaved quotes ("> ..." lines between the new text) stay in the first reply.
    own_lines: list[str] = []
    quoted_lines: list[str] = []
    for line in body.splitlines():
        (quoted_lines if line.lstrip().startswith(">") else own_lines).append(line)
    quoted = "\n".join([*quoted_lines, *(reply.content for reply in rest)])
    new_text = "\n".join(own_lines).strip()
    if tail:
        new_text = f"{new_text}{tail}" if not quoted else new_text
        quoted = f"{quoted}{tail}" if quoted else quoted
    return new_text, quoted.strip(), signature


_QUOTE_MARK = re.compile(r"^\s*(?:>\s?)+")
_ATTRIBUTION = re.compile(r"^.{0,200}\b(?:wrote|a écrit|schrieb|escribió)\s*:\s*$", re.I)
_FIRST_LEVEL = re.compile(r"^\s*>(?!\s*>)\s?")


def attribution(quoted: str) -> str:
    """The line quoted history opens with, naming who wrote it ("On Thu, 3 Dec 2026 at
    16:40, Noor Haddad <noor@example.com> wrote:"); empty when it has none."""
    first = quoted.strip().split("\n", 1)[0]
    return first if _ATTRIBUTION.match(first) else ""


def unquoted(quoted: str) -> str:
    """Quoted history as its author wrote it: no attribution line, no ``>`` marks."""
    lines = [_QUOTE_MARK.sub("", line) for line in quoted.splitlines()]
    if lines and _ATTRIBUTION.match(lines[0]):
        lines = lines[1:]
    return "\n".join(lines).strip()


def quote_levels(quoted: str) -> tuple[str, str]:
    """Quoted history split by author: the message quoted (its ``>`` lines) and what it
    quoted in turn (``>>`` and deeper, and unmarked history), each as :func:`unquoted`."""
    first: list[str] = []
    deeper: list[str] = []
    for line in quoted.splitlines():
        (first if _FIRST_LEVEL.match(line) else deeper).append(line)
    return unquoted("\n".join(first)), unquoted("\n".join(deeper))


def thread_key(message_id: str, in_reply_to: str, references: tuple[str, ...], sha: str) -> str:
    """The thread a message belongs to: the root of its References, else its own id."""
    if references:
        return references[0]
    if in_reply_to:
        return in_reply_to
    return message_id or f"sha256:{sha[:32]}"


def unparsed(raw: RawMessage, reason: str) -> Message:
    """A placeholder for a message that could not be parsed: its hash, size and the reason."""
    sha = hashlib.sha256(raw.data).hexdigest()
    return Message(
        message_id="",
        subject="",
        sender=None,
        to=(),
        cc=(),
        reply_to=(),
        date=None,
        in_reply_to="",
        references=(),
        thread_key=thread_key("", "", (), sha),
        headers=(),
        new_text="",
        quoted_text="",
        signature="",
        html=False,
        attachments=(),
        defects=(reason,) if reason else (),
        size=len(raw.data),
        sha256=sha,
        truncated=raw.truncated,
    )


def parse(raw: RawMessage) -> Message:
    """Parse one raw message; never raises, problems are listed in ``Message.defects``."""
    data = raw.data
    sha = hashlib.sha256(data).hexdigest()
    defects: list[str] = []
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    if not msg.keys():
        defects.append("no headers")

    text, is_html = _best_body(msg, defects)
    body_links = _links(msg, text)
    # After the body is decoded: decoding adds its own defects to the part it reads.
    for part in msg.walk():
        defects.extend(type(defect).__name__ for defect in part.defects)
    if len(text) > MAX_TEXT_CHARS:
        defects.append(f"body text cut to {MAX_TEXT_CHARS} characters")
        text = text[:MAX_TEXT_CHARS]
    new_text, quoted, signature = split_reply(clean_text(text))

    message_id = next(iter(_message_ids(_header(msg, "Message-ID", defects))), "")
    in_reply_to = next(iter(_message_ids(_header(msg, "In-Reply-To", defects))), "")
    references = _message_ids(_header(msg, "References", defects))
    senders = _addresses(msg, "From", defects)
    return Message(
        message_id=message_id,
        subject=_header(msg, "Subject", defects),
        sender=senders[0] if senders else None,
        to=_addresses(msg, "To", defects),
        cc=_addresses(msg, "Cc", defects),
        reply_to=_addresses(msg, "Reply-To", defects),
        date=_date(msg, defects),
        in_reply_to=in_reply_to,
        references=references,
        thread_key=thread_key(message_id, in_reply_to, references, sha),
        headers=_all_headers(msg),
        new_text=new_text,
        quoted_text=quoted,
        signature=signature,
        html=is_html,
        attachments=_attachments(msg, defects),
        defects=tuple(dict.fromkeys(defects)),
        size=len(data),
        sha256=sha,
        truncated=raw.truncated,
        links=body_links,
        bcc=_addresses(msg, "Bcc", defects),
    )

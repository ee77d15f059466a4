"""Evidence that does not age: what a message shows of forgery and lures, whatever its words.

Each :class:`Signal` has a name (one of :data:`SIGNALS`, a feature the evidence classifier
learns a weight for) and a detail a person can check. They are read from the headers,
links and attachments of a parsed message:

- authentication results of the receiving server (the first ``Authentication-Results`` and
  ``Received-SPF`` header): SPF, DKIM and DMARC pass or fail;
- a display name that names a brand, or writes an address, of another domain than the
  sender's; a Reply-To of another domain than From;
- links whose visible text shows one domain and whose target is another, links through a
  shortener or to a bare IP address;
- sending, reply and link domains that imitate a brand (``agent.lookalike``) or are written
  in non-ASCII letters (IDN, ``xn--``);
- requests for credentials or payment, urgency, and both together (``agent.lures``);
- HTML and archive attachments.

Examples keep their signals as tokens (:func:`as_tokens`), so the evidence classifier
learns from stored examples what each signal is worth.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from agent import domains, lookalike, lures
from agent.message import Message

SIGNALS = (
    "spf-pass",
    "spf-softfail",
    "spf-fail",
    "dkim-pass",
    "dkim-fail",
    "dmarc-pass",
    "dmarc-fail",
    "name-mismatch",
    "reply-to-elsewhere",
    "link-text-mismatch",
    "shortener-link",
    "ip-link",
    "lookalike-domain",
    "idn-domain",
    "credential-request",
    "payment-request",
    "urgency",
    "urgent-request",
    "html-attachment",
    "archive-attachment",
)
"""Every signal's name, in the order of the evidence classifier's features."""

FORGERY = ("spf-fail", "dkim-fail", "dmarc-fail", "reply-to-elsewhere")
"""The signals that say a sender's address may be forged, or that answers go elsewhere."""

TOKEN_PREFIX = "sig:"
_TEXT_CHARS = 6000
_RESULT = re.compile(r"\b(spf|dkim|dmarc)\s*=\s*([a-z]+)", re.I)
_COMMENT = re.compile(r"\([^()]*\)")
_OUTCOMES = {"pass": "pass", "fail": "fail", "softfail": "softfail", "permerror": "fail"}
_HTML = (".htm", ".html", ".shtml", ".xhtml")
_ARCHIVES = (".zip", ".rar", ".7z", ".gz", ".tgz", ".tar", ".iso", ".img", ".cab", ".arj", ".ace")
_ARCHIVE_TYPES = ("zip", "rar", "7z", "gzip", "x-tar", "iso9660", "vnd.ms-cab")


@dataclass(frozen=True)
class Signal:
    """One piece of evidence: its feature name and what was seen."""

    name: str
    detail: str


def _results(message: Message) -> tuple[str, str]:
    """The receiving server's ``Authentication-Results`` (the first header): its authserv-id
    part, and its checks without comments."""
    server, _, checks = message.header("Authentication-Results").partition(";")
    return server.strip(), _COMMENT.sub(" ", checks)


def _authentication(message: Message) -> Iterator[Signal]:
    server, checks = _results(message)
    for method, outcome in _RESULT.findall(checks):
        name = f"{method.lower()}-{_OUTCOMES.get(outcome.lower(), '')}"
        if name in SIGNALS:
            yield Signal(name, f"Authentication-Results ({server}): {method}={outcome}")
    spf = message.header("Received-SPF").split(maxsplit=1)
    if spf and f"spf-{_OUTCOMES.get(spf[0].lower(), '')}" in SIGNALS:
        yield Signal(f"spf-{_OUTCOMES[spf[0].lower()]}", f"Received-SPF: {spf[0]}")


def _sender(message: Message) -> Iterator[Signal]:
    if message.sender is None:
        return
    sending = domains.registrable(domains.of_address(message.sender.email))
    brand = lookalike.named_brand(message.sender.name)
    if brand and sending not in brand.domains:
        yield Signal("name-mismatch", f"the name {message.sender.name!r} sends from {sending}")
    written = [
        d for d in domains.named_in(message.sender.name) if domains.registrable(d) != sending
    ]
    if written and not brand:
        yield Signal("name-mismatch", f"the name shows {written[0]} but sends from {sending}")
    for address in message.reply_to:
        elsewhere = domains.registrable(domains.of_address(address.email))
        if elsewhere and elsewhere != sending:
            yield Signal("reply-to-elsewhere", f"replies go to {elsewhere}, not {sending}")
            break


def _links(message: Message) -> Iterator[Signal]:
    for link in message.links:
        target = domains.host(link.href)
        if not target:
            continue
        if domains.is_ip(target):
            yield Signal("ip-link", f"a link goes to the IP address {target}")
        elif (
            target in lookalike.shorteners()
            or domains.registrable(target) in lookalike.shorteners()
        ):
            yield Signal("shortener-link", f"a link goes through the shortener {target}")
        shown = [
            name
            for name in domains.named_in(link.text)
            if domains.registrable(name) != domains.registrable(target)
        ]
        if shown:
            yield Signal("link-text-mismatch", f"a link shows {shown[0]} but goes to {target}")


def _domains(message: Message) -> Iterator[Signal]:
    addresses = [message.sender, *message.reply_to] if message.sender else [*message.reply_to]
    names = [domains.of_address(a.email) for a in addresses if a is not None]
    names += [domains.host(link.href) for link in message.links]
    for name in dict.fromkeys(n for n in names if n and not domains.is_ip(n)):
        if "xn--" in name:
            yield Signal(
                "idn-domain",
                f"{name} is written in non-ASCII letters: {domains.unicode_form(name)}",
            )
        imitation = lookalike.imitated(name)
        if imitation:
            yield Signal("lookalike-domain", imitation[1])


def _lures(message: Message) -> Iterator[Signal]:
    text = f"{message.subject}\n{(message.new_text or message.quoted_text)[:_TEXT_CHARS]}"
    credential = lures.first(lures.CREDENTIALS, text)
    payment = lures.first(lures.PAYMENT, text)
    urgency = lures.first(lures.URGENCY, text)
    if credential:
        yield Signal("credential-request", f"asks to {credential!r}")
    if payment:
        yield Signal("payment-request", f"asks about payment: {payment!r}")
    if urgency:
        yield Signal("urgency", f"hurries: {urgency!r}")
    if urgency and (credential or payment):
        yield Signal("urgent-request", "a request for credentials or payment, with urgency")


def _attachments(message: Message) -> Iterator[Signal]:
    for item in message.attachments:
        name, kind = item.filename.lower(), item.content_type.lower()
        if name.endswith(_HTML) or kind == "text/html":
            yield Signal("html-attachment", f"an HTML attachment: {item.filename or kind}")
        elif name.endswith(_ARCHIVES) or any(kind.endswith(t) for t in _ARCHIVE_TYPES):
            yield Signal("archive-attachment", f"an archive attached: {item.filename or kind}")


def signals(message: Message) -> list[Signal]:
    """The message's signals, each name once (its first detail), in :data:`SIGNALS` order."""
    first: dict[str, Signal] = {}
    for check in (_authentication, _sender, _links, _domains, _lures, _attachments):
        for signal in check(message):
            first.setdefault(signal.name, signal)
    return [first[name] for name in SIGNALS if name in first]


def forgery(message: Message) -> list[Signal]:
    """The message's :data:`FORGERY` signals."""
    found = (*_authentication(message), *_sender(message))
    return [signal for signal in found if signal.name in FORGERY]


_CLAUSE = re.compile(r"\b(spf|dkim|dmarc)\s*=\s*(\w+)(?P<props>(?:\s+[\w.]+=[^\s;]+)*)", re.I)
_PROPERTY = re.compile(r"\b(header\.from|header\.d|header\.i|smtp\.mailfrom)=([^\s;]+)", re.I)


def authenticated_sender(message: Message, authserv_id: str = "") -> str:
    """How the receiving server authenticated the From domain, empty when it did not: DMARC
    pass, or DKIM or SPF pass for the From address's own (registrable) domain; SPF or DKIM
    passing for another domain says nothing of the From address. Read from the first
    ``Authentication-Results`` header, only when its authserv-id is ``authserv_id`` where
    one is given (a sender can write the header itself when the server adds none)."""
    if message.sender is None:
        return ""
    server, checks = _results(message)
    if not checks.strip() or (authserv_id and server.split()[:1] != [authserv_id]):
        return ""
    domain = domains.registrable(domains.of_address(message.sender.email))
    clauses = _CLAUSE.findall(checks)
    for method, outcome, props in sorted(clauses, key=lambda c: c[0].lower() != "dmarc"):
        if outcome.lower() != "pass":
            continue
        said = [
            (name.lower(), domains.of_address(value) if "@" in value else value.lower())
            for name, value in _PROPERTY.findall(props)
        ]
        if method.lower() == "dmarc":
            if all(domains.registrable(d) == domain for n, d in said if n == "header.from"):
                return "DMARC pass"
            continue
        for name, of in said:
            if name != "header.from" and domain and domains.registrable(of) == domain:
                return f"{method.upper()} pass for {of}"
    return ""


def as_tokens(found: Iterable[Signal]) -> list[str]:
    """Signals as example tokens (``sig:dmarc-fail``)."""
    return [f"{TOKEN_PREFIX}{signal.name}" for signal in found]


def in_tokens(tokens: Iterable[str]) -> set[str]:
    """The signal names among an example's tokens."""
    return {t.removeprefix(TOKEN_PREFIX) for t in tokens if t.startswith(TOKEN_PREFIX)}

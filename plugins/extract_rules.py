"""Deterministic extraction: what parsers find reliably (headers, dates, money, ids, links).

Runs before the model and needs none. Settings: ``[plugins.extract-rules] phone_region``, a
two-letter region for numbers written without a country code (default: only numbers in
international format are taken).
"""

from __future__ import annotations

import re
from typing import Any

from agent.dates import find_dates
from agent.hookspecs import hookimpl
from agent.message import Message
from agent.results import Amount, Extraction, Found, Source

_CURRENCIES = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY"}
_CODES = "EUR|USD|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN|CZK|INR|CNY"
_NUMBER = r"\d{1,3}(?:[ ,.\u00a0]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_AMOUNT_PATTERNS = (
    re.compile(rf"(?P<cur>{_CODES}|[€$£¥])\s?(?P<num>{_NUMBER})"),
    re.compile(rf"(?P<num>{_NUMBER})\s?(?P<cur>{_CODES}|[€$£¥])"),
)
_INVOICE = re.compile(
    r"\b((?-i:INV)[-/]?[A-Z0-9][\w/-]*\d)\b"
    r"|\binvoice(?:\s+(?:no\.?|number|#)\s*:?|\s*[:#])\s*([A-Z0-9][\w/-]*\d)",
    re.I,
)
_ORDER = re.compile(
    r"\b((?-i:PO)[-/]?\d[\w/-]*)\b"
    r"|\b(?:order|purchase order)(?:\s+(?:no\.?|number|#)\s*:?|\s*[:#])\s*([A-Z0-9][\w/-]*\d)"
    r"|\border\s+\(?((?-i:[A-Z]{1,4})-\d{3,}[\w/-]*)",
    re.I,
)
"""Invoice and order numbers: "INV-2026-0412", "PO-88231", "Invoice: CL-2026-11-88213",
"order #4411", "order RC-20377", "my order (RC-20377)" (not "to order SKU12345" or "order
A380 tickets": the verb); read from the text without its links, so a path is no number."""
_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.I)
_ANGLE = re.compile(r"<([^<>]+)>")


def normalise_amount(number: str) -> str:
    """A written amount (``1,249.50``, ``1.249,50``, ``1 249``) as a plain decimal string."""
    digits = re.sub(r"[ \u00a0]", "", number)
    last_sep = max(digits.rfind(","), digits.rfind("."))
    if last_sep != -1 and len(digits) - last_sep - 1 in (1, 2):
        whole, fraction = digits[:last_sep], digits[last_sep + 1 :]
        return f"{re.sub(r'[,.]', '', whole)}.{fraction}"
    return re.sub(r"[,.]", "", digits)


def find_amounts(text: str) -> list[Amount]:
    """Sums of money with their currency."""
    found: dict[tuple[str, str], Amount] = {}
    for pattern in _AMOUNT_PATTERNS:
        for match in pattern.finditer(text):
            currency = _CURRENCIES.get(match["cur"], match["cur"].upper())
            value = normalise_amount(match["num"])
            found.setdefault(
                (value, currency), Amount(value=value, currency=currency, source=Source.PARSER)
            )
    return list(found.values())


def find_phone_numbers(text: str, region: str | None) -> list[str]:
    """Phone numbers in E.164 form."""
    import phonenumbers

    return list(
        dict.fromkeys(
            phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            for match in phonenumbers.PhoneNumberMatcher(text, region)
        )
    )


def _ids(pattern: re.Pattern[str], text: str) -> list[str]:
    return list(
        dict.fromkeys(next(group for group in m.groups() if group) for m in pattern.finditer(text))
    )


def _found(values: list[str], source: Source) -> list[Found]:
    return [Found(value=value, source=source) for value in values]


def _links(message: Message) -> list[str]:
    """Where the body's links go (an HTML link's target, not an address its text shows),
    then the addresses written out in the text."""
    targets = [link.href for link in message.links if _URL.fullmatch(link.href)]
    shown = {link.text.strip() for link in message.links if link.text.strip() != link.href}
    written = [url for url in _URL.findall(message.new_text) if url not in shown]
    return list(dict.fromkeys([*targets, *written]))


@hookimpl
def extract(message: Message, settings: dict[str, Any]) -> Extraction:
    """Dates, deadlines, amounts, ids, phone numbers and links by parsing; people by header."""
    text = f"{message.subject}\n{message.new_text}\n{message.signature}"
    dates, deadlines = find_dates(text, message.date)
    people = [
        a.name or a.email for a in (*filter(None, [message.sender]), *message.to, *message.cc)
    ]
    unsubscribe = _ANGLE.findall(message.header("List-Unsubscribe"))
    return Extraction(
        people=_found(list(dict.fromkeys(people)), Source.HEADER),
        dates=_found(dates, Source.PARSER),
        deadlines=_found(deadlines, Source.PARSER),
        amounts=find_amounts(text),
        invoice_numbers=_found(_ids(_INVOICE, _URL.sub(" ", text)), Source.PARSER),
        order_numbers=_found(_ids(_ORDER, _URL.sub(" ", text)), Source.PARSER),
        phone_numbers=_found(find_phone_numbers(text, settings.get("phone_region")), Source.PARSER),
        links=_found(_links(message), Source.PARSER),
        unsubscribe=_found(unsubscribe, Source.HEADER),
    )

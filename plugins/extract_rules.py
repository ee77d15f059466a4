"""Deterministic extraction: what parsers find reliably (headers, dates, money, ids, links).

Runs before the model and needs none. Settings: ``[plugins.extract-rules] phone_region``, a
two-letter region for numbers written without a country code (default: only numbers in
international format are taken).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from agent.hookspecs import hookimpl
from agent.message import Message
from agent.results import Amount, Extraction, Found, Source

_MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<mon>{_MONTH})\.?,?\s+(?P<y>\d{{4}})\b", re.I
    ),
    re.compile(
        rf"\b(?P<mon>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I
    ),
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = re.compile(
    r"\b(?P<word>today|tonight|tomorrow|the day after tomorrow"
    rf"|(?:(?P<which>next|this|on|by|until|before)\s+)(?P<day>{'|'.join(_WEEKDAYS)})"
    r"|(?P<eow>end of (?:the |this )?week)|(?P<eom>end of (?:the |this )?month))\b",
    re.I,
)
_DEADLINE_CUE = re.compile(
    r"\b(?:by|before|due|deadline|no later than|until|latest)\b[^.\n]{0,30}$", re.I
)
_CURRENCIES = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY"}
_CODES = "EUR|USD|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN|CZK|INR|CNY"
_NUMBER = r"\d{1,3}(?:[ ,.\u00a0]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_AMOUNT_PATTERNS = (
    re.compile(rf"(?P<cur>{_CODES}|[€$£¥])\s?(?P<num>{_NUMBER})"),
    re.compile(rf"(?P<num>{_NUMBER})\s?(?P<cur>{_CODES}|[€$£¥])"),
)
_INVOICE = re.compile(
    r"\b(INV[-/]?[A-Z0-9][\w/-]*\d)\b|\binvoice\s+(?:no\.?|number|#)\s*:?\s*([A-Z0-9][\w/-]*\d)",
    re.I,
)
_ORDER = re.compile(
    r"\b(PO[-/]?\d[\w/-]*)\b"
    r"|\b(?:order|purchase order)\s+(?:no\.?|number|#)\s*:?\s*([A-Z0-9][\w/-]*\d)",
    re.I,
)
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


def _relative_day(match: re.Match[str], sent: date) -> date:
    word = (match["word"] or "").lower()
    if match["day"]:
        ahead = (_WEEKDAYS.index(match["day"].lower()) - sent.weekday()) % 7
        if (match["which"] or "").lower() == "next" and ahead == 0:
            ahead = 7
        return sent + timedelta(days=ahead)
    if match["eow"]:
        return sent + timedelta(days=(4 - sent.weekday()) % 7)
    if match["eom"]:
        following = date(sent.year + sent.month // 12, sent.month % 12 + 1, 1)
        return following - timedelta(days=1)
    offsets = {"today": 0, "tonight": 0, "tomorrow": 1, "the day after tomorrow": 2}
    return sent + timedelta(days=offsets[" ".join(word.split())])


def find_dates(text: str, sent: datetime | None = None) -> tuple[list[str], list[str]]:
    """ISO dates mentioned in ``text``, and the ones phrased as deadlines.

    With ``sent`` (the message's Date), relative days are resolved too: "tomorrow", "next
    Friday", "by Monday", "end of the week" (its Friday), "end of the month".
    """
    dates: list[str] = []
    deadlines: list[str] = []
    if sent is not None:
        for match in _RELATIVE.finditer(text):
            iso = _relative_day(match, sent.date()).isoformat()
            dates.append(iso)
            cue = text[max(0, match.start() - 12) : match.start()]
            if (match["which"] or "").lower() in ("by", "until", "before") or _DEADLINE_CUE.search(
                cue
            ):
                deadlines.append(iso)
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["m"]) if parts.get("m") else _MONTHS[parts["mon"].lower()]
            try:
                iso = date(int(parts["y"]), month, int(parts["d"])).isoformat()
            except ValueError:
                continue
            dates.append(iso)
            if _DEADLINE_CUE.search(text[max(0, match.start() - 45) : match.start()]):
                deadlines.append(iso)
    return list(dict.fromkeys(dates)), list(dict.fromkeys(deadlines))


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
        invoice_numbers=_found(_ids(_INVOICE, text), Source.PARSER),
        order_numbers=_found(_ids(_ORDER, text), Source.PARSER),
        phone_numbers=_found(find_phone_numbers(text, settings.get("phone_region")), Source.PARSER),
        links=_found(list(dict.fromkeys(_URL.findall(message.new_text))), Source.PARSER),
        unsubscribe=_found(unsubscribe, Source.HEADER),
    )

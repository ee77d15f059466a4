"""What a lure asks for and how it hurries: requests for credentials or payment, and urgency.

English phrasings only. Each pattern is bounded (no nested repetition), since the text is a
stranger's. A match is evidence, not a verdict: invoices ask for payment and real security
notices are urgent; how much each is worth is learned from examples (``plugins/evidence.py``).
"""

from __future__ import annotations

import re

_NEAR = r"[^.!?\n]{0,40}?"
CREDENTIALS = re.compile(
    rf"\b(?:verify|confirm|update|validate|re-?activate|unlock|restore|secure|re-?enter)\b{_NEAR}"
    r"\b(?:account|password|passcode|identity|log-?in|sign-?in|credentials|details|"
    r"information|mailbox|e-?mail|profile|access)\b"
    r"|\b(?:enter|provide|type)\b[^.!?\n]{0,20}?\b(?:password|pin|passcode|security code|"
    r"social security|card number)\b",
    re.I,
)
PAYMENT = re.compile(
    r"\b(?:wire transfer|bank (?:details|transfer)|bank account (?:details|numbers?|information)|"
    r"(?:provide|send|share|changed?|update|new)\W+(?:\w+\W+){0,3}?bank account|"
    r"bank account (?:has|have) (?:been )?changed|"
    r"gift ?cards?|card details|"
    r"credit card (?:number|details|information)|outstanding (?:balance|amount|invoice)|"
    r"overdue|unpaid|pay(?:ment)? (?:now|immediately|today|the fee)|redelivery fee|"
    r"billing (?:information|details|problem)|payment (?:details|information|method|failed|"
    r"declined)|new (?:bank|account) details)\b",
    re.I,
)
URGENCY = re.compile(
    r"\b(?:urgent(?:ly)?|immediately|as soon as possible|asap|within \d{1,3} ?(?:hours?|hrs|"
    r"days?)|\d{2} hours|suspend(?:ed|ion)?|terminat(?:e|ed|ion)|locked|deactivat(?:e|ed|ion)|"
    r"will be (?:closed|deleted|disabled|cancell?ed)|final (?:notice|warning|reminder)|"
    r"last (?:chance|warning)|action required|expires? (?:today|soon)|limited time)\b",
    re.I,
)


def first(pattern: re.Pattern[str], text: str) -> str:
    """The first phrase ``pattern`` finds in ``text``, whitespace collapsed ("" if none)."""
    match = pattern.search(text)
    return " ".join(match.group(0).split()) if match else ""

"""Sentence splitting for the checks that act on whole sentences of mail or draft text.

A stop inside a word or number ("$200.00", "example.com") does not end a sentence, nor does
the stop of a German ordinal date ("26. November") or of a title ("M. Garnier").
"""

from __future__ import annotations

import re

from agent.months import MONTH_NAMES

_TITLES = (
    "M",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Prof",
    "Sr",
    "Sra",
    "Srta",
    "Mme",
    "Mlle",
    "Hr",
    "Fr",
    "Co",
)
_AFTER_TITLE = "|".join(rf"(?<=\b{title})" for title in _TITLES)
_NO_END = rf"(?<=\d)\.(?=[ \t]+(?:[a-zäöüß]|(?i:{MONTH_NAMES})\b))|(?:{_AFTER_TITLE})\.(?=[ \t]+\S)"
"""Stops that end no sentence: a German ordinal date's ("am 26. November", "am 26.11. um 10
Uhr") and a title's or a firm's before a name ("M. Garnier", "Sra. Lee", "& Co. KG")."""

SENTENCE = re.compile(rf"(?:[^.!?\n]|{_NO_END}|[.!?](?![\s.!?]|$))*(?:[.!?]+|\n|$)")
"""One sentence with its end: stops, or a line break (for a draft, written line by line)."""

PROSE_SENTENCE = re.compile(
    rf"(?:[^.!?\n]|\n(?![ \t]*\n)|{_NO_END}|[.!?](?![\s.!?]|$))*(?:[.!?]+|\n[ \t]*\n|$)"
)
"""One sentence of mail prose with its end: stops, or a blank line. Hard-wrapped lines
(plain-text mail is wrapped at about 72 characters) stay in one sentence."""

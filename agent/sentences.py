"""Sentence splitting for the checks that act on whole sentences of mail or draft text.

A stop inside a word or number ("$200.00", "example.com") does not end a sentence, nor does
the stop of a German ordinal date ("26. November").
"""

from __future__ import annotations

import re

from agent.months import MONTH_NAMES

_ORDINAL = rf"(?<=\d)\.(?=[ \t]+(?:[a-zäöüß]|(?i:{MONTH_NAMES})\b))"
"""The stop of a German ordinal date ("am 26. November", "am 26.11. um 10 Uhr"): no end."""

SENTENCE = re.compile(rf"(?:[^.!?\n]|{_ORDINAL}|[.!?](?![\s.!?]|$))*(?:[.!?]+|\n|$)")
"""One sentence with its end: stops, or a line break (for a draft, written line by line)."""

PROSE_SENTENCE = re.compile(
    rf"(?:[^.!?\n]|\n(?![ \t]*\n)|{_ORDINAL}|[.!?](?![\s.!?]|$))*(?:[.!?]+|\n[ \t]*\n|$)"
)
"""One sentence of mail prose with its end: stops, or a blank line. Hard-wrapped lines
(plain-text mail is wrapped at about 72 characters) stay in one sentence."""

"""Sentence splitting for the checks that act on whole sentences of mail or draft text.

A stop inside a word or number ("$200.00", "example.com") does not end a sentence.
"""

from __future__ import annotations

import re

SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?![\s.!?]|$))*(?:[.!?]+|\n|$)")
"""One sentence with its end: stops, or a line break (for a draft, written line by line)."""

PROSE_SENTENCE = re.compile(
    r"(?:[^.!?\n]|\n(?![ \t]*\n)|[.!?](?![\s.!?]|$))*(?:[.!?]+|\n[ \t]*\n|$)"
)
"""One sentence of mail prose with its end: stops, or a blank line. Hard-wrapped lines
(plain-text mail is wrapped at about 72 characters) stay in one sentence."""

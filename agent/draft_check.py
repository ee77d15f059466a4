"""Checks a drafted reply for what a prompt injection would plant in it.

A reply is the user's own words, so it may only carry links and email addresses the user
wrote themselves (their signature, their own earlier messages in the thread). Anything else,
including links copied from the incoming mail, is taken out of the draft and named in its
review flags, so an attacker's link never reaches an approved reply unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TRAILING = ".,;:!?"


def _found(pattern: re.Pattern[str], texts: Iterable[str]) -> set[str]:
    return {m.rstrip(_TRAILING).lower() for text in texts for m in pattern.findall(text)}


def clean_draft(draft: str, own_texts: Iterable[str]) -> tuple[str, list[str]]:
    """``draft`` without links or addresses absent from ``own_texts``, and why each went."""
    own = list(own_texts)
    flags: list[str] = []
    for kind, pattern in (("link", _URL), ("address", _EMAIL)):
        allowed = _found(pattern, own)

        def strip(match: re.Match[str], kind: str = kind, allowed: set[str] = allowed) -> str:
            value = match.group(0)
            core = value.rstrip(_TRAILING)
            if core.lower() in allowed:
                return value
            flags.append(f"{kind} removed, not written by you: {core}")
            return f"[{kind} removed]{value[len(core) :]}"

        draft = pattern.sub(strip, draft)
    return draft, flags

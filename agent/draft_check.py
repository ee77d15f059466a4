"""Checks a drafted reply for what a prompt injection would plant in it.

A draft may only mention links and addresses that already appear in the thread it answers;
anything new is flagged so the reviewer looks twice before approving.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _found(pattern: re.Pattern[str], texts: Iterable[str]) -> set[str]:
    return {match.rstrip(".,;:!?").lower() for text in texts for match in pattern.findall(text)}


def draft_flags(draft: str, thread_texts: Iterable[str], own: Iterable[str] = ()) -> list[str]:
    """Reasons to review ``draft`` closely: links or addresses absent from the thread.

    ``own`` lists text the user wrote themselves (their signature), which is always allowed.
    """
    known_texts = [*thread_texts, *own]
    flags: list[str] = []
    for kind, pattern in (("link", _URL), ("address", _EMAIL)):
        new = sorted(_found(pattern, [draft]) - _found(pattern, known_texts))
        flags.extend(f"{kind} not in the thread: {item}" for item in new)
    return flags

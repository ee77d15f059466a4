"""The slots a reviewer settles with a key rather than in an editor.

``[choose: works for me. / doesn't work for me, I'm afraid.]`` keeps one of
its options; ``[check: I'll pay it.]`` keeps its text as written, or drops it. Slots the user
must write (``[your answer to: ...]``) are left for the editor, and so is a choice with no
option in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PICK = re.compile(r"\[(choose|check):\s*([^\]\n]*)\]", re.I)
_BETWEEN = re.compile(r"\s+/\s+|^\s*/\s*|\s*/\s*$")
"""What separates a choice's options: a slash with space around it (not "10:00/11:00")."""
DROP = "(leave it out)"
"""The second option of a ``check`` slot."""


@dataclass(frozen=True)
class Pick:
    """One slot settled by picking: its options, the first being the one written first."""

    slot: str
    options: tuple[str, ...]


def picks(body: str) -> list[Pick]:
    """The ``choose`` and ``check`` slots of ``body`` that hold options, in order."""
    found = []
    for match in _PICK.finditer(body):
        kind, inside = match.group(1).lower(), match.group(2).strip()
        if kind == "check":
            options: tuple[str, ...] = (inside, DROP) if inside else ()
        else:
            options = tuple(option.strip() for option in _BETWEEN.split(inside) if option.strip())
        if options:
            found.append(Pick(slot=match.group(0), options=options))
    return found


def settle(body: str, chosen: list[int]) -> str:
    """``body`` with its first ``len(chosen)`` picks settled: each number is the 1-based
    option kept (for a ``check`` slot, 1 keeps its text and 2 leaves it out). Only the slots
    change; a slot left out takes the space before it along."""
    found = picks(body)
    if len(chosen) > len(found):
        raise ValueError(
            f"the draft has {_count(len(found), 'slot')} to choose in, not {len(chosen)}"
        )
    for pick, number in zip(found, chosen, strict=False):
        if not 1 <= number <= len(pick.options):
            raise ValueError(f"choose 1 to {len(pick.options)} for {pick.slot}")
        kept = pick.options[number - 1]
        if kept == DROP:
            body = re.sub(r"[ \t]?" + re.escape(pick.slot), "", body, count=1)
        else:
            body = body.replace(pick.slot, kept, 1)
    return body


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"

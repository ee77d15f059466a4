"""The slots a reviewer settles with a key rather than in an editor.

``[choose: works for me. / doesn't work for me, could we find another time?]`` keeps one of
its options; ``[check: I'll pay it.]`` keeps its text as written, or drops it. Slots the user
must write (``[your answer to: ...]``) are left for the editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PICK = re.compile(r"\[(choose|check):\s*([^\]\n]*)\]", re.I)
DROP = "(leave it out)"
"""The second option of a ``check`` slot."""


@dataclass(frozen=True)
class Pick:
    """One slot settled by picking: its options, the first being the one written first."""

    slot: str
    options: tuple[str, ...]


def picks(body: str) -> list[Pick]:
    """The ``choose`` and ``check`` slots of ``body``, in order."""
    found = []
    for match in _PICK.finditer(body):
        kind, inside = match.group(1).lower(), match.group(2).strip()
        if kind == "check":
            options: tuple[str, ...] = (inside, DROP)
        else:
            options = tuple(option.strip() for option in inside.split(" / ") if option.strip())
        found.append(Pick(slot=match.group(0), options=options))
    return found


def settle(body: str, chosen: list[int]) -> str:
    """``body`` with its first ``len(chosen)`` picks settled: each number is the 1-based
    option kept (for a ``check`` slot, 1 keeps its text and 2 leaves it out)."""
    found = picks(body)
    if len(chosen) > len(found):
        raise ValueError(f"the draft has {len(found)} slots to choose in, not {len(chosen)}")
    for pick, number in zip(found, chosen, strict=False):
        if not 1 <= number <= len(pick.options):
            raise ValueError(f"choose 1 to {len(pick.options)} for {pick.slot}")
        kept = pick.options[number - 1]
        body = body.replace(pick.slot, "" if kept == DROP else kept, 1)
    return _tidy(body)


def _tidy(body: str) -> str:
    """No doubled spaces or space before punctuation where a slot was left out."""
    body = re.sub(r"[ \t]+([.,;:!?])", r"\1", body)
    body = re.sub(r"[ \t]{2,}", " ", body)
    return re.sub(r"[ \t]+$", "", body, flags=re.M)

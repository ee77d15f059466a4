"""The ``--since`` option: an ISO date, or a relative age like ``7d`` or ``12h``."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import click

from storage.tables import utcnow

_RELATIVE = re.compile(r"^(\d+)([dhw])$")


class SinceType(click.ParamType):
    """A point in time given as ``2026-11-01`` or as an age (``3d``, ``12h``, ``2w``)."""

    name = "since"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """Parse the option's value into a naive UTC datetime."""
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        match = _RELATIVE.match(text)
        if match:
            amount, unit = int(match[1]), match[2]
            hours = {"h": 1, "d": 24, "w": 24 * 7}[unit] * amount
            return utcnow() - timedelta(hours=hours)
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            self.fail(f"{text!r} is not a date (2026-11-01) or an age (7d, 12h, 2w)", param, ctx)
        return parsed.astimezone(UTC).replace(tzinfo=None) if parsed.tzinfo else parsed


def since_option(function: Any) -> Any:
    """Add ``--since``."""
    return click.option(
        "--since", type=SinceType(), default=None, help="Only since this date or age (7d, 12h)."
    )(function)

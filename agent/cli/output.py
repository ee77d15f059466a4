"""Shared output helpers: rich tables for people, JSON arrays for programs."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text


def console() -> Console:
    """A console on stdout; when piped, plain text at a width that keeps rows on one line."""
    piped = not sys.stdout.isatty()
    return Console(highlight=False, soft_wrap=False, width=160 if piped else None)


def progress_bar(disable: bool = False) -> Progress:
    """A transient progress bar: description, bar, done of total, time elapsed."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
        disable=disable,
    )


STARTER = "learning {total} starter examples (once)"
"""The line a first run shows while it learns the bundled examples."""


def stage(progress: Progress, description: str) -> Callable[[int], Callable[[], None]]:
    """A bar of its own for work about to start: called with its size (``{total}`` in
    ``description``), it returns the step to call after each item. Where no bar shows (not
    a terminal, or ``--json``), the description goes to stderr once instead."""

    def started(total: int) -> Callable[[], None]:
        line = description.format(total=total)
        if progress.disable or not progress.console.is_terminal:
            click.echo(f"{line} ...", err=True)  # no bar to watch: say what the wait is for
        task = progress.add_task(line, total=total)
        return lambda: progress.advance(task)

    return started


def local_time(stored: datetime | None) -> str:
    """A stored time (naive UTC) in the machine's time zone, with the zone: "2026-11-16
    09:12 CET"; empty for none."""
    if stored is None:
        return ""
    return stored.replace(tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M %Z")


def print_json(rows: Sequence[dict[str, Any]] | dict[str, Any]) -> None:
    """Print rows (or one object) as JSON, dates as ISO 8601."""
    click.echo(json.dumps(rows, indent=2, ensure_ascii=False, default=_default))


def _default(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Print a table; empty cells for None."""
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text("" if cell is None else str(cell)) for cell in row))
    console().print(table)


def short(text: str | None, width: int = 60) -> str:
    """``text`` on one line, cut to ``width`` characters."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def found_fields(extraction: dict[str, Any], names: Sequence[str] = ()) -> dict[str, str]:
    """An extraction's non-empty fields (``names`` only, in that order, when given) as a
    reviewer reads them: "invoice numbers" to "INV-2041, INV-2042", amounts with currency."""
    fields = {**extraction, **(extraction.get("fields") or {})}
    fields.pop("fields", None)
    found = {}
    for name in names or list(fields):
        items = fields.get(name) or []
        if items and isinstance(items, list):
            found[name.replace("_", " ")] = ", ".join(_value(item) for item in items)
    return found


def _value(item: Any) -> str:
    if not isinstance(item, dict):
        return str(item)
    currency = item.get("currency")
    return f"{currency} {item.get('value')}" if currency else str(item.get("value"))


def account_option(function: Any) -> Any:
    """The ``--account`` option of the commands that list mail or drafts."""
    return click.option(
        "--account", help='Only mail of this account ("local" for mailboxes on disk).'
    )(function)


def json_option(function: Any) -> Any:
    """The ``--json`` flag every list or show command has."""
    return click.option(
        "--json",
        "as_json",
        is_flag=True,
        help="Print JSON: an array of objects for a list, one object for a single item.",
    )(function)


def limit_option(function: Any) -> Any:
    """The ``--limit`` option every list command has."""
    return click.option(
        "--limit", type=click.IntRange(min=1), default=None, help="Show at most this many."
    )(function)

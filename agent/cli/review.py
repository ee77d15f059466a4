"""``mailagent review``: go through pending drafts, one key per action."""

from __future__ import annotations

import os
import sys
import termios
import tty

import click

from agent import drafts as lifecycle
from agent.app import App
from agent.cli.drafts import (
    draft_details,
    echo_draft,
    edit_in_editor,
    regenerate_draft,
    report_saved,
)
from agent.replies.choices import picks
from storage import queries
from storage.states import DraftStatus

KEYS = "[a]pprove  [e]dit  [c]hoose  [r]eject  [s]kip  [g] regenerate  [q]uit"


def read_key() -> str:
    """One key press (a line when stdin is not a terminal, so scripts can drive it too)."""
    if sys.stdin.isatty():
        return _key_press().lower()
    line = sys.stdin.readline()
    if not line:
        return "q"
    return line.strip()[:1].lower()


def _key_press() -> str:
    """One key from the terminal, keeping what was typed ahead.

    ``click.getchar`` switches the terminal with ``TCSAFLUSH``, which throws away a key
    pressed while the draft was still being printed; this switches it at once.
    """
    fd = sys.stdin.fileno()
    before = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd, termios.TCSANOW)
        key = os.read(fd, 32).decode(errors="replace")
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, before)
    if key in ("\x03", "\x04"):  # Ctrl-C or Ctrl-D typed in the key prompt
        raise click.Abort()
    return key


@click.command()
@click.pass_obj
def review(app: App) -> None:
    """Review pending drafts one by one: approve, edit, choose, reject, skip or regenerate.

    One key per action; 'c' settles the draft's [choose: ...] and [check: ...] slots with a
    number each.
    """
    with app.db.session() as session:
        ids = [draft.id for draft, _ in queries.list_drafts(session, status=DraftStatus.PENDING)]
    ids.reverse()  # oldest first
    if not ids:
        click.echo("No pending drafts.")
        return
    done = 0
    for position, draft_id in enumerate(ids, start=1):
        notice = ""  # what went wrong with the last key, shown under the draft again
        while True:
            if sys.stdout.isatty():
                click.clear()
            click.secho(f"[{position}/{len(ids)}]", dim=True)
            details = draft_details(app, draft_id)
            echo_draft(details)
            if notice:
                click.secho(f"\n{notice}", fg="red")
                notice = ""
            click.echo(f"\n{KEYS} > ", nl=False)
            key = read_key()
            click.echo(key)
            if key == "q":
                click.echo(f"{done} reviewed.")
                return
            if key == "s":
                break
            try:
                if key == "a":
                    lifecycle.approve(app.db, app.config, draft_id)
                    report_saved(lifecycle.save_approved(app.db, app.config, only={draft_id}))
                    done += 1
                    break
                if key == "r":
                    reason = click.prompt("reason (optional)", default="", show_default=False)
                    lifecycle.reject(app.db, draft_id, reason)
                    click.echo(f"draft {draft_id} rejected")
                    done += 1
                    break
                if key == "e":
                    edit_in_editor(app, draft_id)
                elif key == "c":
                    notice = _choose(app, draft_id, details["body"])
                elif key == "g":
                    if not details["edited"] or click.confirm("replace your edit?", default=False):
                        click.echo("drafting again...")
                        click.echo(regenerate_draft(app, draft_id, None, force=True))
                else:
                    notice = f"unknown key {key!r}: {KEYS}"
            except lifecycle.DraftError as error:  # unfinished, or changed by another process
                notice = f"Error: {error}"
            except click.ClickException as error:
                notice = f"Error: {error.message}"
    click.echo(f"{done} reviewed, no pending drafts left.")


def _choose(app: App, draft_id: int, body: str) -> str:
    """Settle each [choose: ...] and [check: ...] slot of the draft with one key (a line when
    there are more than nine options); a notice when there is none, or a key picks no option."""
    chosen = []
    for pick in picks(body):
        click.echo(f"\n{pick.slot}")
        for number, option in enumerate(pick.options, start=1):
            click.echo(f"  {number}  {option}")
        if len(pick.options) < 10:
            click.echo("> ", nl=False)
            key = read_key()
            click.echo(key)
        else:
            key = click.prompt(">", prompt_suffix=" ").strip()
        if not key.isdigit() or not 1 <= int(key) <= len(pick.options):
            return f"no option {key!r}; nothing was changed"
        chosen.append(int(key))
    if not chosen:
        return "nothing to choose in this draft: [e]dit it to fill its slots"
    lifecycle.choose(app.db, draft_id, chosen, shown=body)
    return ""


def register(cli: click.Group) -> None:
    """Add the ``review`` command."""
    cli.add_command(review)

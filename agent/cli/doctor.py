"""``mailagent doctor``: check the setup end to end and show every connection it made."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import click
from sqlalchemy.engine import make_url

from agent import egress
from agent.accounts import AccountConfig
from agent.app import App
from agent.cli.hardware import summary
from agent.egress_probe import probe
from agent.errors import MailAgentError
from agent.hardware import hardware
from agent.sources.imap import ImapConnection
from plugins.generative import answer_schema, instructions
from storage.db import StorageError
from storage.permissions import exposure_warnings

SAMPLE = "From: Jamie <jamie@example.org>\nSubject: lunch on Friday?\n\nAre you free at noon?"


@click.command()
@click.option(
    "--egress",
    "egress_only",
    is_flag=True,
    help="Only try each way out of the process (all on this machine) and show it refused.",
)
@click.pass_obj
def doctor(app: App, egress_only: bool) -> None:
    """Check config, database, models and accounts, and list every network connection.

    Each task's model is loaded and asked one question about a made-up message; each
    account is logged into and its folders looked up. No mail is read or changed.
    """
    if egress_only:
        _egress_probe()
        return
    problems = 0

    def check(what: str, action: Callable[[], str]) -> None:
        nonlocal problems
        try:
            click.echo(f"ok    {what}: {action()}")
        except (MailAgentError, OSError) as error:
            problems += 1
            click.secho(f"FAIL  {what}: {error}", fg="red")

    check("config", lambda: str(app.loaded[1] or "bundled defaults"))
    check("database", lambda: _database(app))
    check("hardware", lambda: _hardware(app))
    for task in ("classify", "extract", "draft"):
        check(f"model for {task}", partial(_model, app, task))
    for account in app.config.accounts:
        check(f"account {account.name}", partial(_account, account))

    seen = egress.guard().seen
    click.echo(f"\nnetwork connections these checks tried: {len(seen)}")
    for attempt in seen:
        verdict = "allowed" if attempt.allowed else "REFUSED"
        click.echo(f"  {verdict:8} {attempt.way} {attempt.target}")
    if any(not attempt.allowed for attempt in seen):
        problems += 1
    if problems:
        raise click.ClickException(f"{problems} problem(s) found")
    if not app.config.accounts:
        click.echo("no problems found; no IMAP account is configured yet (README: 'Running it")
        click.echo("on your mailbox'), so nothing was checked beyond this machine")
    else:
        click.echo("no problems found; no connection went anywhere but the configured servers")


def register(cli: click.Group) -> None:
    """Add the ``doctor`` command."""
    cli.add_command(doctor)


def _egress_probe() -> None:
    """Try each way out (all aimed at this machine) and fail unless the guard refused each."""
    results = probe()
    for result in results:
        verdict = "skipped" if result.skipped else "refused" if result.refused else "NOT REFUSED"
        colour = "red" if verdict == "NOT REFUSED" else None
        click.secho(f"{verdict:12} {result.way}: {result.detail}", fg=colour)
    leaks = [r for r in results if not (r.refused or r.skipped)]
    if leaks:
        raise click.ClickException(f"the egress guard let {len(leaks)} way(s) out through")
    click.echo("every way out was refused")


def _database(app: App) -> str:
    app.db  # noqa: B018 (opens and migrates)
    database = make_url(app.db.url).database
    if not database:
        return app.db.url
    exposed = exposure_warnings(Path(database))
    if exposed:
        raise StorageError("; ".join(exposed))
    return f"{database} (private)"


def _hardware(app: App) -> str:
    facts = hardware(app.registry)
    build = facts.llama_cpp
    if build.gpu_offload or not facts.gpus:
        return summary(facts)
    # A GPU is there and this build cannot use it: worth the way to a build that can.
    commands = "; ".join(f"{name}: {cmd}" for name, cmd in build.install_gpu_build.items())
    return f"{summary(facts)}. To use the GPU, install a GPU build ({commands})"


def _model(app: App, task: str) -> str:
    spec = app.registry.spec_for_task(task)
    handle = app.models.handle(task)
    started = time.perf_counter()
    categories = app.config.categories
    with handle.recording() as records:
        handle.structured(answer_schema(categories), instructions(categories), SAMPLE)
    record = records[-1]
    found = (
        f"{spec.name} ({record.quantization}, sha256 {record.sha256[:12]}…), "
        f"answered in {(time.perf_counter() - started) * 1000:.0f} ms"
    )
    writer = _FREE_TEXT.get(task)
    if writer and not handle.capable(app.config.plugins.settings_for(writer[0])):
        plugin, written, instead = writer
        found += f"; too small to write {written} (plugin {plugin}: min_parameters), so {instead}"
    return found


_FREE_TEXT = {
    "draft": (
        "draft",
        "replies",
        "drafts are written phrasings with [slots] for you to fill; register a larger GGUF "
        "for the draft task (mailagent models add, docs/configuration.md) for replies a model "
        "writes",
    ),
    "extract": ("extract-model", "free-text fields", "fields come from rules alone"),
}
"""The plugin of a task that asks its model for free text only when the model is capable,
what it would write, and what the user gets instead."""


def _account(account: AccountConfig) -> str:
    with ImapConnection(account) as connection:
        missing = []
        for folder in account.folders:
            try:
                connection.select(folder, readonly=True)
            except MailAgentError:
                missing.append(folder)
        if missing:
            raise MailAgentError(f"folders not found: {', '.join(missing)}")
        idle = "IDLE" if connection.has_idle else "no IDLE (polling)"
        drafts = connection.drafts_folder()
        return f"logged in as {account.username}, {len(account.folders)} folders, {idle}, {drafts}"

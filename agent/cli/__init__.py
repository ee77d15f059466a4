"""The ``mailagent`` command line: one module per command group."""

from __future__ import annotations

import contextlib
import logging
import sys
from typing import Any

import click

from agent import egress
from agent.app import App
from agent.cli import (
    bench,
    doctor,
    drafts,
    hardware,
    learn,
    messages,
    models,
    plugins,
    process,
    replay,
    report,
    review,
    run,
)
from agent.config import config_warnings
from agent.errors import MailAgentError
from models.errors import ModelError
from storage.db import StorageError

_USER_ERRORS = (MailAgentError, ModelError, StorageError)


class MailAgentGroup(click.Group):
    """A click group that reports mailagent's own errors as one clear line, no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, turning user-facing errors into click errors."""
        try:
            return super().invoke(ctx)
        except _USER_ERRORS as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=MailAgentGroup)
@click.version_option(package_name="mailagent")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    envvar="MAILAGENT_CONFIG",
    help="Config file (default: $MAILAGENT_CONFIG, then ~/.config/mailagent/config.toml).",
)
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, verbose: int) -> None:
    """mailagent: a local-first email agent. Nothing leaves this machine."""
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    # One line per event, no timestamp: journald and most log collectors add their own.
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    if not isinstance(ctx.obj, App) or str(ctx.obj.config_path) != str(config_path):
        ctx.obj = App(config_path)
    ctx.call_on_close(ctx.obj.close)
    for warning in config_warnings(*ctx.obj.loaded):
        logging.getLogger("agent").warning("%s", warning)
    # Nothing leaves the machine but to the configured servers, whatever a plugin tries.
    egress.arm(ctx.obj.endpoints(), ctx.obj.commands())
    ctx.call_on_close(egress.disarm)


for module in (
    process,
    run,
    review,
    learn,
    messages,
    drafts,
    report,
    models,
    plugins,
    bench,
    replay,
    hardware,
    doctor,
):
    module.register(cli)


def _config_option(argv: list[str]) -> str | None:
    """The ``--config`` value on the command line, read before click parses it."""
    for index, argument in enumerate(argv):
        if argument == "--config" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--config="):
            return argument.partition("=")[2]
    return None


def main() -> None:
    """Entry point of the ``mailagent`` script: adds plugins' commands, then runs the CLI."""
    import os

    app = App(_config_option(sys.argv[1:]) or os.environ.get("MAILAGENT_CONFIG") or None)
    # A broken config or plugin is reported by the command itself, with its own message.
    with contextlib.suppress(*_USER_ERRORS):
        app.pm.hook.register_commands(cli=cli)
    cli(obj=app)

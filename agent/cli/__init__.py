"""The ``mailagent`` command line: one module per command group, imported when it is used."""

from __future__ import annotations

import logging
import sys

import click

from agent.cli.group import HELP_ONLY, MailAgentGroup


class CurrentStderrHandler(logging.StreamHandler):
    """Logs to whatever ``sys.stderr`` is when a line is written, not when logging started.

    A progress bar on a terminal redirects ``sys.stderr`` while it is shown and prints what
    comes through above itself, so log lines no longer break into the bar.
    """

    @property
    def stream(self) -> object:
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        """Ignored: the stream is always the current ``sys.stderr``."""


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
    from agent import egress

    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    # One line per event, no timestamp: journald and most log collectors add their own.
    handler = CurrentStderrHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])
    if ctx.meta.get(HELP_ONLY):
        # Only a command's help is printed: no config is loaded, and nothing may leave.
        egress.arm(())
    else:
        _set_up(ctx, config_path)
    ctx.call_on_close(egress.disarm)


def _set_up(ctx: click.Context, config_path: str | None) -> None:
    """Load the config and plugins, and arm the egress guard for the command to run."""
    from agent import egress
    from agent.app import App
    from agent.config import config_warnings

    if not isinstance(ctx.obj, App) or str(ctx.obj.config_path) != str(config_path):
        ctx.obj = App(config_path)
    ctx.call_on_close(ctx.obj.close)
    for warning in config_warnings(*ctx.obj.loaded):
        logging.getLogger("agent").warning("%s", warning)
    # Nothing leaves the machine but to the configured servers, whatever a plugin tries.
    egress.arm(ctx.obj.endpoints(), ctx.obj.commands())


def main() -> None:
    """Entry point of the ``mailagent`` script."""
    cli()

"""The ``mailagent`` click group: lazy commands, help without setup, one-line errors."""

from __future__ import annotations

from typing import Any

import click

from agent.cli.commands import BUILTIN, builtin_command, plugin_commands
from agent.errors import MailAgentError

CONFIG = "mailagent.config"
"""``ctx.meta`` key: the ``--config`` value, read before click parses it."""

HELP_ONLY = "mailagent.help_only"
"""``ctx.meta`` key: the command line only asks a command for its help."""

_PLUGINS = "mailagent.plugin_commands"


class MailAgentGroup(click.Group):
    """A click group that imports a builtin command's module only when that command is used,
    adds the installed plugins' commands, and reports mailagent's own errors as one clear
    line, no traceback."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Keep ``--config`` for listing plugins' commands, which ``--help`` does first."""
        ctx.meta[CONFIG] = _config_option(args)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Builtin and plugins' commands, sorted."""
        return sorted({*super().list_commands(ctx), *BUILTIN, *_plugins(ctx)})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command ``cmd_name``; a builtin wins over a plugin's command of its name."""
        if cmd_name in BUILTIN:
            return builtin_command(cmd_name)
        return super().get_command(ctx, cmd_name) or _plugins(ctx).get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands, builtin ones from their table (none is imported for it)."""
        shown = {name: click.Command(name, help=entry.help) for name, entry in BUILTIN.items()}
        for name in self.list_commands(ctx):
            command = shown.get(name) or self.get_command(ctx, name)
            if command is not None and not command.hidden:
                shown[name] = command
        limit = formatter.width - 6 - max(map(len, shown))
        rows = [(name, shown[name].get_short_help_str(limit)) for name in sorted(shown)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Find the command, and note whether the rest of the line only asks a builtin command
        for its help (a plugin's group may need the App even then)."""
        name, command, rest = super().resolve_command(ctx, args)
        ctx.meta[HELP_ONLY] = (
            command is not None and name in BUILTIN and _asks_help(ctx, name, command, rest)
        )
        return name, command, rest

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command, turning user-facing errors into click errors."""
        try:
            return super().invoke(ctx)
        except MailAgentError as error:
            raise click.ClickException(str(error)) from None


def _plugins(ctx: click.Context) -> dict[str, click.Command]:
    """The plugins' commands, found once per invocation."""
    if _PLUGINS not in ctx.meta:
        ctx.meta[_PLUGINS] = plugin_commands(ctx.meta.get(CONFIG))
    commands: dict[str, click.Command] = ctx.meta[_PLUGINS]
    return commands


def _config_option(argv: list[str]) -> str | None:
    """The ``--config`` value on the command line, read before click parses it."""
    for index, argument in enumerate(argv):
        if argument == "--config" and index + 1 < len(argv):
            return argv[index + 1]
        if argument.startswith("--config="):
            return argument.partition("=")[2]
    return None


def _asks_help(
    ctx: click.Context, name: str | None, command: click.Command, args: list[str]
) -> bool:
    """Whether ``command``, or the subcommand of a group that ``args`` name, will print its
    help and exit on ``args``, parsed as click parses them."""
    sub = command.context_class(command, info_name=name, parent=ctx, **command.context_settings)
    if not args:
        return command.no_args_is_help
    option = command.get_help_option(sub)
    try:
        opts, rest, _ = command.make_parser(sub).parse_args(args=list(args))
    except click.UsageError:
        return False
    if option is not None and opts.get(option.name):
        return True
    child = command.get_command(sub, rest[0]) if isinstance(command, click.Group) and rest else None
    return child is not None and _asks_help(sub, rest[0], child, rest[1:])

"""``mailagent plugins``: what is loaded."""

from __future__ import annotations

import click

from agent.app import App
from agent.cli.output import json_option, print_json, print_table
from agent.plugins import describe_plugins


@click.group()
def plugins() -> None:
    """Installed plugins, builtin and external."""


@plugins.command("list")
@json_option
@click.pass_obj
def list_(app: App, as_json: bool) -> None:
    """Every loaded plugin with its hooks and version."""
    rows = [{"id": row["name"], **row} for row in describe_plugins(app.pm)]
    if as_json:
        print_json(rows)
        return
    print_table(
        "plugins",
        ["name", "distribution", "version", "hooks"],
        [(r["name"], r["distribution"], r["version"], ", ".join(r["hooks"])) for r in rows],
    )


def register(cli: click.Group) -> None:
    """Add the ``plugins`` group."""
    cli.add_command(plugins)

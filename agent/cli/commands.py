"""Where each command comes from, known without importing it.

Builtin commands are listed with their module and one-line help, so ``mailagent --help``
shows them and ``mailagent COMMAND`` imports only COMMAND's module. Plugins' commands come
from the ``register_commands`` hook of the installed plugins; mailagent's own plugins add
none (a test holds them to it), so only other distributions' plugins are imported for them.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import NamedTuple

import click


class Builtin(NamedTuple):
    """A builtin command: the module that registers it, and its help's first sentence."""

    module: str
    help: str


BUILTIN: dict[str, Builtin] = {
    "bench": Builtin(
        "agent.cli.bench",
        "Measure classification on a labelled folder: FOLDER/<category>/*.eml.",
    ),
    "digest": Builtin(
        "agent.cli.report",
        "What came in, what needs a reply, deadlines found and overdue (default: last day).",
    ),
    "doctor": Builtin(
        "agent.cli.doctor",
        "Check config, database, models and accounts, and list every network connection.",
    ),
    "drafts": Builtin("agent.cli.drafts", "Review drafted replies."),
    "hardware": Builtin(
        "agent.cli.hardware",
        "CPU features, cores, memory, GPUs, the llama.cpp build, and each model's context.",
    ),
    "learn": Builtin(
        "agent.cli.learn",
        "Learn from a labelled folder: FOLDER/<category>/*.eml become examples.",
    ),
    "log": Builtin(
        "agent.cli.report", "The audit log: model calls, actions, approvals; newest first."
    ),
    "messages": Builtin("agent.cli.messages", "List and inspect processed messages."),
    "models": Builtin(
        "agent.cli.models",
        "The model registry: what can run, on which backend, for which task.",
    ),
    "plugins": Builtin("agent.cli.plugins", "Installed plugins, builtin and external."),
    "process": Builtin(
        "agent.cli.process",
        "Process a local mailbox: a Maildir, an mbox, or a folder of .eml files.",
    ),
    "replay": Builtin(
        "agent.cli.replay",
        "Re-run TASK with a candidate MODEL on stored mail; show where verdicts differ.",
    ),
    "review": Builtin(
        "agent.cli.review",
        "Review pending drafts one by one: approve, edit, choose, reject, skip or regenerate.",
    ),
    "run": Builtin("agent.cli.run", "Process mail from every configured IMAP account."),
    "stats": Builtin(
        "agent.cli.report",
        "Counts per category and day, drafts by status, model latency, cost per message.",
    ),
    "status": Builtin(
        "agent.cli.status",
        "Per folder: last sync, backlog (messages not yet processed), last error.",
    ),
    "worker": Builtin(
        "agent.cli.worker",
        "Process queued mail in worker processes on this machine, fetching none (PostgreSQL).",
    ),
}


@cache
def commands_of(module: str) -> dict[str, click.Command]:
    """The commands that ``module``'s ``register`` adds, by name."""
    group = click.Group()
    importlib.import_module(module).register(group)
    return dict(group.commands)


def builtin_command(name: str) -> click.Command:
    """The builtin command ``name``, its module imported now."""
    return commands_of(BUILTIN[name].module)[name]


def plugin_commands(config_path: str | None) -> dict[str, click.Command]:
    """The commands of the installed plugins the config leaves enabled, by name.

    A config or plugin that cannot be read adds none: a command reports that error itself.
    """
    from importlib.metadata import entry_points

    from agent.config_file import disabled_plugins
    from agent.errors import MailAgentError
    from agent.plugins import GROUP, get_plugin_manager

    points = entry_points(group=GROUP)
    own = [point.name for point in points if point.dist and point.dist.name == "mailagent"]
    try:
        pm = get_plugin_manager([*disabled_plugins(config_path), *own])
    except MailAgentError:
        return {}
    group = click.Group()
    pm.hook.register_commands(cli=group)
    return dict(group.commands)

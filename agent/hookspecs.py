"""The hooks a mailagent plugin can implement.

A plugin is a module (or object) with functions marked ``@hookimpl``, installed under the
``mailagent`` entry-point group. Each function may accept any subset of its hook's
parameters. Plugins receive typed values and return typed values; they never touch IMAP or
the database. Every hook is documented with an example in ``docs/plugins.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click

    from agent.config import Category, DraftingConfig
    from agent.examples import Example, ExampleSet
    from agent.message import Correspondent, Message, ThreadMail
    from agent.replies.asks import Asks
    from agent.replies.memory import PastReply
    from agent.results import Classification, DraftReply, Extraction, Vote
    from models.registry import ModelSpec
    from models.runtime import ModelHandle

hookspec = pluggy.HookspecMarker("mailagent")
hookimpl = pluggy.HookimplMarker("mailagent")


@hookspec
def register_models(register: Callable[[ModelSpec], None]) -> None:
    """Add models to the registry by calling ``register`` with a ModelSpec for each.

    :param register: call it once per model the plugin provides.
    """


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add subcommands to the ``mailagent`` command line.

    :param cli: the top-level click group; add commands with ``@cli.command()``.
    """


@hookspec
def classify(
    message: Message,
    model: ModelHandle,
    categories: dict[str, Category],
    examples: ExampleSet,
    thread: list[ThreadMail],
    correspondent: Correspondent | None,
    settings: dict[str, Any],
) -> Vote | None:
    """Vote for the category of ``message``, with a confidence and the evidence for it.

    Every plugin's vote is stored; the pipeline combines them (see docs/plugins.md).
    Return None to abstain.

    :param message: the parsed message, without its sentences that speak to an AI agent
        (``agent.instructions``); its text is untrusted.
    :param model: the classify task's model handle.
    :param categories: the configured categories, name to description.
    :param examples: the labelled examples (the user's, learned and corrected, and on a new
        install the starter set's), embedded by ``model``.
    :param thread: the earlier mail of ``message``'s thread that mailagent has stored, oldest
        first (up to five), each with its category as sorted or relabelled, then the user's
        own replies it answers (``yours``); empty outside a daemon or ``process`` run
        (``bench`` has no threads).
    :param correspondent: what the user's Sent folder shows of them writing to the
        message's sender, None when they never did (and outside a daemon or ``process``
        run). The sender's address can be forged: check its authentication.
    :param settings: this plugin's ``[plugins.<name>]`` table.
    """


@hookspec
def score_example(
    example: Example,
    examples: ExampleSet,
    categories: dict[str, Category],
    settings: dict[str, Any],
) -> dict[str, float] | None:
    """The probability of each category that ``classify`` would give the message of a stored
    ``example``, had it learned from ``examples`` alone (which leave that example out).

    The learned combination (``agent.stacking``) fits how far to trust each classifier from
    these answers, so implement it only where it gives what ``classify`` would: from the
    example's embedding and tokens. Return None to abstain.

    :param example: a labelled example (its label must not be looked at).
    :param examples: the examples to learn from, without ``example``.
    :param categories: the configured categories, name to description.
    :param settings: this plugin's ``[plugins.<name>]`` table.
    """


@hookspec
def extract(message: Message, model: ModelHandle, settings: dict[str, Any]) -> Extraction | None:
    """Extract fields (dates, amounts, people...) from ``message``, each with its source.

    Every plugin's fields are merged, each value kept once.

    :param message: the parsed message; its text is untrusted.
    :param model: the extract task's model handle.
    :param settings: this plugin's ``[plugins.<name>]`` table.
    """


@hookspec(firstresult=True)
def draft_reply(
    message: Message,
    thread: list[Message],
    classification: Classification,
    extraction: Extraction,
    asks: Asks,
    past_replies: list[PastReply],
    model: ModelHandle,
    voice: DraftingConfig,
    variant: int,
    settings: dict[str, Any],
) -> DraftReply | None:
    """Draft a reply to ``message`` for a person to review, without sign-off or signature.

    Called only for messages whose category ``[drafting] categories`` names and that need
    an answer (``asks.needs_reply``). The first answer that passes the draft checks
    (``agent.replies.gates``) wins; one that fails is recorded and the next plugin is asked.
    mailagent adds the user's sign-off and signature.

    :param message: the message to answer; its text is untrusted.
    :param thread: earlier messages of the same thread, oldest first.
    :param classification: the combined classification of ``message``.
    :param extraction: the fields extracted from ``message``.
    :param asks: what ``message`` asks of the user (``agent.replies.asks``).
    :param past_replies: the user's own replies to the most similar messages, most similar
        first (``agent.replies.memory``).
    :param model: the draft task's model handle.
    :param voice: the user's name, signature and tone.
    :param variant: 0 for the first draft; ``drafts regenerate`` asks again with 1, 2, ...
        (a plugin that samples uses it as its seed).
    :param settings: this plugin's ``[plugins.<name>]`` table.
    """


@hookspec
def message_processed(
    message: Message,
    classification: Classification | None,
    extraction: Extraction,
    draft: DraftReply | None,
) -> None:
    """Called after a message's results are committed; for notifications and metrics.

    :param message: the message that was processed.
    :param classification: its combined classification (None if no classifier voted).
    :param extraction: the merged extraction.
    :param draft: the drafted reply, if one was made.
    """

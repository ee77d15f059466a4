"""mailagent: a local-first email agent on local quantized models.

This module is the plugin API, and the only stable one: everything a plugin may use, by
name (``from agent import hookimpl, Message, Vote``). Every other module is internal and may
change between releases. Names are imported on first use (PEP 562), so ``import agent``
stays cheap for the command line.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agent.config import Category, DraftingConfig
    from agent.errors import MailAgentError
    from agent.examples import EMBED_TOKENS, Example, ExampleSet, embedding_text, tokens
    from agent.hookspecs import hookimpl
    from agent.message import Address, Attachment, Correspondent, Link, Message, ThreadMail
    from agent.replies.asks import Ask, AskKind, Asks
    from agent.replies.memory import PastReply
    from agent.results import Amount, Classification, DraftReply, Extraction, Found, Source, Vote
    from models.errors import ModelUnavailableError
    from models.registry import ModelSpec, package_file
    from models.runtime import ModelHandle

__all__ = [
    "EMBED_TOKENS",
    "Address",
    "Amount",
    "Ask",
    "AskKind",
    "Asks",
    "Attachment",
    "Category",
    "Classification",
    "Correspondent",
    "DraftReply",
    "DraftingConfig",
    "Example",
    "ExampleSet",
    "Extraction",
    "Found",
    "Link",
    "MailAgentError",
    "Message",
    "ModelHandle",
    "ModelSpec",
    "ModelUnavailableError",
    "PastReply",
    "Source",
    "ThreadMail",
    "Vote",
    "embedding_text",
    "hookimpl",
    "package_file",
    "tokens",
]

_MODULES = {
    "agent.config": ("Category", "DraftingConfig"),
    "agent.errors": ("MailAgentError",),
    "agent.examples": ("EMBED_TOKENS", "Example", "ExampleSet", "embedding_text", "tokens"),
    "agent.hookspecs": ("hookimpl",),
    "agent.message": (
        "Address",
        "Attachment",
        "Correspondent",
        "Link",
        "Message",
        "ThreadMail",
    ),
    "agent.replies.asks": ("Ask", "AskKind", "Asks"),
    "agent.replies.memory": ("PastReply",),
    "agent.results": (
        "Amount",
        "Classification",
        "DraftReply",
        "Extraction",
        "Found",
        "Source",
        "Vote",
    ),
    "models.errors": ("ModelUnavailableError",),
    "models.registry": ("ModelSpec", "package_file"),
    "models.runtime": ("ModelHandle",),
}
_MODULE_OF = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use."""
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'agent' has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULE_OF[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names, for ``dir(agent)`` and completion."""
    return sorted([*globals(), *__all__])

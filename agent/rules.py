"""Rule actions: what the user's config allows the agent to do on the server, by category.

Only rules from ``[[accounts.rules]]`` can cause an action, and only on the message that was
classified; nothing a message says or a model writes adds to them. Every action, real or
dry-run, goes to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

from agent.accounts import AccountConfig
from agent.results import Classification


@dataclass(frozen=True)
class Action:
    """One server-side change to make to one message."""

    kind: str
    """``move``, ``flag`` or ``keyword``."""
    target: str


def actions_for(account: AccountConfig, classification: Classification | None) -> list[Action]:
    """The actions the account's config names for a message classified so.

    A rule acts on a message of its category whose confidence reaches its ``min_confidence``.
    """
    actions = [
        Action(rule.action, rule.target)
        for rule in account.rules
        if classification
        and rule.category == classification.category
        and classification.confidence >= rule.min_confidence
    ]
    if account.mark_processed:
        actions.insert(0, Action("keyword", account.mark_processed))
    # A move must come last: the message's UID is gone from this folder afterwards.
    return sorted(actions, key=lambda action: action.kind == "move")

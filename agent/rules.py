"""Rule actions: what the user's config allows the agent to do on the server, by category.

Only rules from ``[[accounts.rules]]`` can cause an action, and only on the message that was
classified; nothing a message says or a model writes adds to them. Every action, real or
dry-run, goes to the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

from agent.accounts import AccountConfig


@dataclass(frozen=True)
class Action:
    """One server-side change to make to one message."""

    kind: str
    """``move``, ``flag`` or ``keyword``."""
    target: str


def actions_for(account: AccountConfig, category: str | None) -> list[Action]:
    """The actions the account's config names for a message of ``category``."""
    actions = [
        Action(rule.action, rule.target) for rule in account.rules if rule.category == category
    ]
    if account.mark_processed:
        actions.insert(0, Action("keyword", account.mark_processed))
    # A move must come last: the message's UID is gone from this folder afterwards.
    return sorted(actions, key=lambda action: action.kind == "move")

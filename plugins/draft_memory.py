"""Drafts from the user's own replies: when a new message is very like one they answered,
their reply to it, fitted to the new sender and times, is the draft.

Settings: ``[plugins.draft-memory] min_similarity`` (default 0.5, a centred cosine), how
alike the two messages must be; below it the next drafting plugin is asked.
"""

from __future__ import annotations

from typing import Any

from agent.hookspecs import hookimpl
from agent.message import Message
from agent.replies.memory import ALIKE, PastReply, adapt
from agent.results import DraftReply


@hookimpl
def draft_reply(
    message: Message, past_replies: list[PastReply], settings: dict[str, Any]
) -> DraftReply | None:
    """The user's reply to the most similar message they answered, if it is close enough."""
    wanted = float(settings.get("min_similarity", ALIKE))
    if not past_replies or past_replies[0].similarity < wanted:
        return None
    body = adapt(past_replies[0], message)
    return DraftReply(body=body) if body else None

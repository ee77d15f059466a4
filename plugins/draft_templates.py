"""Drafts filled from what the mail asks: the user's greeting and sign-off where their past
replies show them, written phrasings otherwise, and a marked slot for what only the user
can answer. Registered ``trylast``: every other drafting plugin is asked first.
"""

from __future__ import annotations

from agent.hookspecs import hookimpl
from agent.message import Message
from agent.replies.asks import Asks
from agent.replies.memory import PastReply, voice_of
from agent.replies.templates import compose
from agent.results import Classification, DraftReply


@hookimpl(trylast=True)
def draft_reply(
    message: Message, classification: Classification, asks: Asks, past_replies: list[PastReply]
) -> DraftReply:
    """A short reply to each thing the mail asks, in the mail's language."""
    personal = classification.category == "personal"
    return DraftReply(body=compose(asks, message, voice_of(past_replies), personal))

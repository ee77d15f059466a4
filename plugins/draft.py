"""Drafts a reply with the draft task's model, in the user's voice, aware of the thread.

Registered ``trylast`` so an installed drafting plugin answers first. The thread and the
message are untrusted data: they go to the model fenced, after the fixed instructions.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field, field_validator

from agent.config import DraftingConfig
from agent.hookspecs import hookimpl
from agent.message import Message
from agent.prompt import message_for_model
from agent.results import DraftReply
from models.runtime import ModelHandle


class DraftBody(BaseModel):
    """The reply text the model writes, bounded so the JSON always closes within budget."""

    body: str = Field(min_length=1, max_length=600)

    @field_validator("body")
    @classmethod
    def _has_words(cls, value: str) -> str:
        if len(re.findall(r"[^\W\d_]{2,}", value)) < 3:
            raise ValueError("a reply needs at least three words")
        return value


def instructions(voice: DraftingConfig) -> str:
    """Fixed drafting instructions for the user's voice."""
    who = f"You are {voice.name}, replying" if voice.name else "You reply"
    return (
        f"{who} to the last email of a conversation. Write a short, polite reply in a "
        f"{voice.tone} tone that answers the sender's questions or acknowledges their "
        "request. Do not invent facts, links, phone numbers or addresses; do not sign off "
        'with a name.\nAnswer with JSON: {"body": "..."}.'
    )


def thread_context(thread: list[Message]) -> str:
    """A one-line summary of each earlier message of the thread."""
    return "\n".join(
        f"Earlier: {m.header('Date')} {m.sender or 'unknown'} wrote: {m.new_text[:200]}"
        for m in thread
    )


@hookimpl(trylast=True)
def draft_reply(
    message: Message,
    thread: list[Message],
    model: ModelHandle,
    voice: DraftingConfig,
) -> DraftReply:
    """A reply drafted by the model, signed with the signature (else the name) configured."""
    context = thread_context(thread)
    budget = model.budget.input_tokens
    data = message_for_model(message, model, budget // 2 if context else budget)
    if context:
        data = f"{model.fit(context, budget // 2)}\n\n{data}"
    answer = model.structured(DraftBody, instructions(voice), data)
    body = answer.body.strip()
    if voice.signature or voice.name:
        body = f"{body}\n\n{voice.signature or voice.name}"
    return DraftReply(body=body)

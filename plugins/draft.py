"""Drafts a reply with the draft task's model, in the user's voice, from their own replies.

Registered ``trylast`` so an installed drafting plugin answers first. Composing a reply
from nothing takes a capable model: below ``[plugins.draft] min_parameters`` (default one
billion weights, as the GGUF file states) the model is not asked and the written phrasings
of ``draft-templates`` answer instead. The user's replies to alike mail (at least
``[plugins.draft] min_similarity``, default 0.5, as ``draft-memory``) go to the model as
examples of how they write: a reply to unlike mail misleads a model into answering that
mail. An answer that is mostly one of the examples again is refused like invalid output,
so the model is asked again and, failing that, the next plugin answers. The thread, the
message and the examples are untrusted data: they go to the model fenced, after the fixed
instructions.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field, field_validator

from agent.config import DraftingConfig
from agent.draft_check import copied_share
from agent.hookspecs import hookimpl
from agent.message import Message
from agent.prompt import message_for_model
from agent.replies.memory import ALIKE, PastReply, without_sign_off
from agent.results import DraftReply
from models.runtime import ModelHandle

EXAMPLES = 2
"""How many of the user's past replies the prompt shows."""
MAX_COPIED = 0.5
"""The largest share of an answer that may repeat the examples shown (in runs of words)."""
MIN_COPY_WORDS = 12
"""Shorter answers are not checked for copies: a short reply may well recur word for word."""


class DraftBody(BaseModel):
    """The reply text the model writes, bounded so the JSON always closes within budget."""

    body: str = Field(min_length=1, max_length=600)

    @field_validator("body")
    @classmethod
    def _has_words(cls, value: str) -> str:
        if len(re.findall(r"[^\W\d_]{2,}", value)) < 3:
            raise ValueError("a reply needs at least three words")
        return value


_DraftBody = DraftBody


def reply_schema(examples: list[PastReply], message: Message) -> type[DraftBody]:
    """The answer's schema when ``examples`` are shown: a body of at least
    :data:`MIN_COPY_WORDS` words that is mostly one of them (or the mail it answered) again,
    beyond what ``message`` itself says, fails validation."""
    texts = [text for past in examples for text in (past.reply_text, past.answered_text)]
    current = [message.subject, message.new_text]

    class DraftBody(_DraftBody):  # the same name in the schema and in errors
        """The reply text the model writes, not a copy of a past reply shown to it."""

        @field_validator("body")
        @classmethod
        def _not_an_example(cls, value: str) -> str:
            body = without_sign_off(value)
            if len(body.split()) < MIN_COPY_WORDS:
                return value  # a short reply ("Thanks for letting me know.") may recur
            if copied_share(body, texts, current) > MAX_COPIED:
                raise ValueError("it repeats a past reply shown as an example")
            return value

    return DraftBody


def instructions(voice: DraftingConfig) -> str:
    """Fixed drafting instructions for the user's voice."""
    who = f"You are {voice.name}, replying" if voice.name else "You reply"
    return (
        f"{who} to the last email of a conversation. Write a short, polite reply in a "
        f"{voice.tone} tone that answers the sender's questions or acknowledges their "
        "request, in the sender's language, as plain text. Where earlier replies are shown, "
        "write the way they are written. Do not invent facts, dates, numbers, links, phone "
        "numbers or addresses; where only the user knows the answer, write [your answer]. "
        'Do not sign off.\nAnswer with JSON: {"body": "..."}.'
    )


def thread_context(thread: list[Message]) -> str:
    """A one-line summary of each earlier message of the thread."""
    return "\n".join(
        f"Earlier: {m.header('Date')} {m.sender or 'unknown'} wrote: {m.new_text[:200]}"
        for m in thread
    )


def examples_context(past_replies: list[PastReply]) -> str:
    """The user's replies shown as examples, each after the start of the mail it answered."""
    return "\n\n".join(
        f"Earlier mail: {' '.join(past.answered_text[:300].split())}\n"
        f"The user replied: {past.reply_text.strip()[:400]}"
        for past in past_replies
    )


@hookimpl(trylast=True)
def draft_reply(
    message: Message,
    thread: list[Message],
    past_replies: list[PastReply],
    model: ModelHandle,
    voice: DraftingConfig,
    variant: int,
    settings: dict[str, Any],
) -> DraftReply | None:
    """A reply composed by a capable model, with the user's replies to alike mail as
    examples."""
    if not model.capable(settings):
        return None
    alike = float(settings.get("min_similarity", ALIKE))
    examples = [past for past in past_replies if past.similarity >= alike][:EXAMPLES]
    context = "\n\n".join(
        part for part in (examples_context(examples), thread_context(thread)) if part
    )
    budget = model.budget.input_tokens
    data = message_for_model(message, model, budget // 2 if context else budget)
    if context:
        data = f"{model.fit(context, budget // 2)}\n\n{data}"
    schema = reply_schema(examples, message) if examples else DraftBody
    answer = model.structured(schema, instructions(voice), data, variant=variant)
    # mailagent signs the reply; a sign-off the model wrote anyway would sign it twice.
    return DraftReply(body=without_sign_off(answer.body))

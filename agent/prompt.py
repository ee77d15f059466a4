"""How a message is shown to a model: key headers first, then the new text, within a budget.

Quoted history and signatures are left out, since the new text is what the sender wrote
now; the result is still untrusted text and goes to the model only as fenced data.
"""

from __future__ import annotations

from agent.message import Message
from models.runtime import ModelHandle

_SHOWN_HEADERS = ("From", "To", "Subject", "Date")


def message_for_model(message: Message, model: ModelHandle, max_tokens: int | None = None) -> str:
    """``message`` as model input: headers, attachment names and the start of the new text."""
    lines = [f"{name}: {message.header(name)}" for name in _SHOWN_HEADERS if message.header(name)]
    if message.attachments:
        names = ", ".join(item.filename or item.content_type for item in message.attachments)
        lines.append(f"Attachments: {names}")
    head = "\n".join(lines)
    body = message.new_text or message.quoted_text
    return model.fit(f"{head}\n\n{body}", max_tokens)

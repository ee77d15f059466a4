"""A fast, deterministic plugin for the daemon's exactly-once trials.

It is found through the real entry-point path (the dist-info beside it is on the child
process's PYTHONPATH) and does nothing unless ``[plugins.fast-test] enabled = true``.
"""

from __future__ import annotations

import os
import time
from typing import Any

from agent import hookimpl
from agent.message import Message
from agent.results import DraftReply, Extraction, Found, Source, Vote


@hookimpl
def classify(message: Message, settings: dict[str, Any]) -> Vote | None:
    """Personal if the subject says so, else work; sleeps ``delay_s`` to widen kill windows.

    A subject holding ``crash_on`` ends the process at once, as a crash in native code would.
    """
    if not settings.get("enabled"):
        return None
    if settings.get("crash_on") and settings["crash_on"] in message.subject:
        os._exit(70)
    time.sleep(float(settings.get("delay_s", 0)))
    category = "personal" if "personal" in message.subject.lower() else "work"
    return Vote(category=category, confidence=0.9, evidence=["fast-test"])


@hookimpl
def extract(message: Message, settings: dict[str, Any]) -> Extraction | None:
    """The subject as the only action item."""
    if not settings.get("enabled"):
        return None
    return Extraction(action_items=[Found(value=message.subject, source=Source.PARSER)])


@hookimpl(tryfirst=True)
def draft_reply(message: Message, settings: dict[str, Any]) -> DraftReply | None:
    """A fixed reply naming the subject."""
    if not settings.get("enabled"):
        return None
    return DraftReply(body=f"Thanks, noted: {message.subject}. I will get back to you soon.")

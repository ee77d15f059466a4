"""The states a stored message, draft or outbox action moves through.

Each is a ``StrEnum``: stored as its plain value, and equal to it, so a row read back
compares equal to the member.
"""

from __future__ import annotations

from enum import StrEnum


class MessageState(StrEnum):
    """A message: stored as pending, then processed or failed (each move one transaction)."""

    PENDING = "pending"
    PROCESSED = "processed"
    FAILED = "failed"


class DraftStatus(StrEnum):
    """A drafted reply: pending review, then approved (and saved to Drafts) or rejected; or
    superseded, when a later message of its thread has a draft of its own or the user
    answered the mail from their own mail client."""

    PENDING = "pending"
    APPROVED = "approved"
    SAVED = "saved"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"


class ActionState(StrEnum):
    """A server action in the outbox: pending until applied (done) or given up (failed);
    under ``--dry-run`` only logged."""

    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
    DRY_RUN = "dry-run"

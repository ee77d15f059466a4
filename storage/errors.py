"""The storage error, in a module of its own so catching it imports no database code."""

from __future__ import annotations

from agent.errors import MailAgentError


class StorageError(MailAgentError):
    """The database cannot be opened, migrated or written."""

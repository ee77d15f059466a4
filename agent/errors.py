"""The exceptions mailagent raises, all rooted at :class:`MailAgentError`.

Each room has its own subclass: ``models.errors.ModelError`` and
``storage.errors.StorageError`` derive from the root here. This module imports nothing, so
``models`` and ``storage`` can share the root without depending on the agent.

Messages are written for the person who will read them in a terminal or a journal.
"""

from __future__ import annotations


class MailAgentError(Exception):
    """Root of every error mailagent reports to its user."""


class ConfigError(MailAgentError):
    """A configuration file is missing, unreadable or invalid."""


class PluginError(MailAgentError):
    """A plugin could not be loaded or broke the hook contract."""


class SourceError(MailAgentError):
    """A mail source (a local mailbox or an IMAP account) cannot be read."""


class FolderBusy(MailAgentError):
    """Another process is working the folder (it holds the folder's lock)."""

"""The ``[storage]`` section of the config file."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import BaseModel, ConfigDict


def default_database_url() -> str:
    """Return the default database: a SQLite file in the user data directory."""
    return f"sqlite:///{Path(user_data_dir('mailagent')) / 'mailagent.db'}"


class StorageConfig(BaseModel):
    """Where results, drafts and the audit log are kept."""

    model_config = ConfigDict(extra="forbid")

    url: str = ""
    """A SQLAlchemy URL; empty means a SQLite file in the user data directory."""
    busy_timeout_s: float = 30.0
    """How long to wait for another process holding the database lock."""

    @property
    def resolved_url(self) -> str:
        """The URL to connect to, with the default filled in."""
        return self.url or default_database_url()

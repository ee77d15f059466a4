"""IMAP accounts in the config, and where their passwords come from.

A password comes from an environment variable, a command's output, or the system keyring,
never from the config file itself, and it never reaches the database, a log line or an
error message.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from agent.errors import SourceError
from models.network import is_loopback

KEYRING_SERVICE = "mailagent"


def resolves_to_loopback(host: str) -> bool:
    """Whether ``host`` names this machine; an unresolvable name does not."""
    try:
        return is_loopback(host)
    except OSError:
        return False


class RuleConfig(BaseModel):
    """An action to take on the server for mail of one category (rules are off by default)."""

    model_config = ConfigDict(extra="forbid")

    category: str
    action: Literal["move", "flag", "keyword"]
    target: str = Field(min_length=1)
    """The folder to move to, the flag (e.g. ``\\Flagged``) or the keyword to set."""
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    """Act only on a classification at least this confident (0: on every one of the
    category). A verdict an attack or an odd message tipped is rarely a confident one."""


class AccountConfig(BaseModel):
    """One ``[[accounts]]`` entry."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    host: str = Field(min_length=1)
    port: int = Field(default=0, ge=0, le=65535)
    """0 picks the usual port for ``tls``: 993 for ssl, 143 otherwise."""
    username: str = Field(min_length=1)
    address: str = ""
    """The account's own email address, for approved drafts; defaults to ``username``."""
    tls: Literal["ssl", "starttls", "none"] = "ssl"
    folders: list[str] = ["INBOX"]
    password_env: str = ""
    password_command: str = ""
    password_keyring: bool = False
    """Read the password from the system keyring (service "mailagent", this username)."""
    max_message_mb: float = Field(default=25.0, gt=0)
    """Above this size only the headers and the first part are fetched (recorded as truncated)."""
    idle: bool = True
    """Wait for new mail with IDLE where the server has it; otherwise poll."""
    idle_renew_s: int = Field(default=25 * 60, ge=10, le=29 * 60)
    """Sync the folder at least this often even when the server reports nothing."""
    keepalive_s: int = Field(default=120, ge=10, le=29 * 60)
    """Leave IDLE and send a NOOP this often: a dead connection is found within this time."""
    poll_interval_s: int = Field(default=60, ge=1)
    timeout_s: float = Field(default=30.0, gt=0)
    mark_processed: str = ""
    """A keyword to set on the server once a message is processed, e.g. "$MailAgentProcessed"."""
    drafts_folder: str = "Drafts"
    """Where approved drafts go when the server names no ``\\Drafts`` special-use folder."""
    sent_folder: str = "Sent"
    """Where the user's sent mail is read from (read-only, for drafting in their words) when
    the server names no ``\\Sent`` special-use folder; empty: never read."""
    rules: list[RuleConfig] = []

    @model_validator(mode="before")
    @classmethod
    def _no_password_in_config(cls, data: object) -> object:
        if isinstance(data, dict) and "password" in data:
            raise ValueError(
                "a password never goes in the config file: "
                "use password_env, password_command or password_keyring"
            )
        return data

    @model_validator(mode="after")
    def _checked(self) -> AccountConfig:
        sources = [self.password_env, self.password_command, self.password_keyring]
        if sum(bool(source) for source in sources) != 1:
            raise ValueError(
                "set exactly one of password_env, password_command or password_keyring"
            )
        if self.tls == "none" and not resolves_to_loopback(self.host):
            raise ValueError(f'tls = "none" is only allowed for loopback hosts, not {self.host}')
        return self

    @property
    def email(self) -> str:
        """The address approved drafts are sent from."""
        return self.address or self.username

    @property
    def password_argv(self) -> list[str]:
        """``password_command`` split into the program and its arguments."""
        return shlex.split(self.password_command)

    @property
    def resolved_port(self) -> int:
        """The port to connect to."""
        return self.port or (993 if self.tls == "ssl" else 143)


def password(account: AccountConfig) -> str:
    """The account's password from its configured source; errors never contain it."""
    if account.password_env:
        value = os.environ.get(account.password_env)
        if not value:
            raise SourceError(
                f"account {account.name}: environment variable {account.password_env} is not set"
            )
        return value
    if account.password_command:
        try:
            result = subprocess.run(
                account.password_argv,
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SourceError(
                f"account {account.name}: password_command failed to run: {type(error).__name__}"
            ) from None
        if result.returncode != 0 or not result.stdout.strip():
            raise SourceError(
                f"account {account.name}: password_command exited {result.returncode} "
                "without printing a password"
            )
        return result.stdout.strip()
    import keyring

    value = keyring.get_password(KEYRING_SERVICE, account.username)
    if not value:
        raise SourceError(
            f"account {account.name}: no password in the keyring for service "
            f"{KEYRING_SERVICE!r}, user {account.username!r} "
            f"(store one with: keyring set {KEYRING_SERVICE} {account.username})"
        )
    return value


def own_addresses(accounts: Iterable[AccountConfig]) -> set[str]:
    """The user's own addresses (lower case): each account's address and its username where
    that is an address."""
    found = {a.email.lower() for a in accounts} | {a.username.lower() for a in accounts}
    return {address for address in found if "@" in address}

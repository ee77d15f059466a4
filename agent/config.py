"""The whole configuration: the bundled defaults with the user's file merged over them.

Lookup order: ``--config``, ``$MAILAGENT_CONFIG``, ``config.toml`` in the user config
directory, then the bundled defaults alone. A user's file holds only what differs.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from agent.accounts import AccountConfig
from agent.config_file import find_config_file, parse_toml, read_config_file
from agent.costs import CostsConfig
from agent.errors import ConfigError
from models.config import InferenceConfig, ModelEntry, TasksConfig
from storage.config import StorageConfig


class Category(BaseModel):
    """A category mail is sorted into."""

    model_config = ConfigDict(extra="forbid")

    description: str


class DraftingConfig(BaseModel):
    """Which mail gets a drafted reply, and in whose voice."""

    model_config = ConfigDict(extra="forbid")

    categories: list[str] = ["work", "personal"]
    name: str = ""
    sign_off: str = ""
    """The line above your name ("Kind regards,"); empty: the one your replies in Sent use,
    else the phrasebook's of the mail's language."""
    signature: str = ""
    tone: str = "friendly and concise"
    quote: bool = True
    """Whether the reply saved to Drafts quotes the message it answers below the draft."""


class ProcessingConfig(BaseModel):
    """Limits on the work done for one message."""

    model_config = ConfigDict(extra="forbid")

    message_timeout_s: float = Field(default=300.0, ge=0)
    """A message taking longer (parse and every task) is marked failed; 0: no limit."""
    max_attempts: int = Field(default=3, ge=1)
    """A message whose processing started this many times and never finished (the process
    crashed or was killed each time) is marked failed, and the rest of the mail goes on."""


class QueueConfig(BaseModel):
    """The job queue of ``run --workers`` and ``worker`` (PostgreSQL only)."""

    model_config = ConfigDict(extra="forbid")

    heartbeat_s: float = Field(default=10.0, gt=0)
    """How often each worker tells the database it is alive."""
    stalled_after_s: float = Field(default=60.0, gt=0)
    """A worker silent this long is taken for dead: its running job goes to another worker."""


class LearningConfig(BaseModel):
    """What the classifiers learn from before the user's own examples."""

    model_config = ConfigDict(extra="forbid")

    starter_examples: bool = True
    """Learn the bundled starter examples (``agent/starter``) while a model has none of yours."""


class CombinationConfig(BaseModel):
    """How the classifiers' votes become one verdict (``agent.stacking``, ``agent.combine``)."""

    model_config = ConfigDict(extra="forbid")

    learned: bool = True
    """Fit the combination on the examples; false: the hand weights always decide."""
    min_examples: int = Field(default=30, ge=2)
    """Fewer of the user's own examples than this (the starter set does not count): the
    hand weights decide."""
    folds: int = Field(default=5, ge=2)
    """The cross-fitting folds: each example is scored by classifiers trained without it."""
    l2: float = Field(default=1e-2, gt=0)
    """The regularisation of the combination's regression."""
    settle_at: float = Field(default=0.9, gt=0, le=1)
    """A verdict the classifiers that need no model reach at this confidence, through the
    learned combination, is final: the model is not asked. 1 asks it about every message."""


class PluginsConfig(BaseModel):
    """Which plugins load; each plugin's own settings live in ``[plugins.<name>]``."""

    model_config = ConfigDict(extra="allow")

    disabled: list[str] = []

    def settings_for(self, name: str) -> dict[str, Any]:
        """The settings table of plugin ``name`` (empty when it has none)."""
        extra = self.model_extra or {}
        section = extra.get(name, {})
        return dict(section) if isinstance(section, dict) else {}


class Config(BaseModel):
    """Everything mailagent reads from its config file."""

    model_config = ConfigDict(extra="forbid")

    storage: StorageConfig = StorageConfig()
    models: dict[str, ModelEntry] = {}
    tasks: TasksConfig = TasksConfig()
    inference: InferenceConfig = InferenceConfig()
    categories: dict[str, Category] = Field(default_factory=dict)
    drafting: DraftingConfig = DraftingConfig()
    processing: ProcessingConfig = ProcessingConfig()
    queue: QueueConfig = QueueConfig()
    learning: LearningConfig = LearningConfig()
    combination: CombinationConfig = CombinationConfig()
    plugins: PluginsConfig = PluginsConfig()
    costs: CostsConfig = CostsConfig()
    accounts: list[AccountConfig] = []

    @model_validator(mode="after")
    def _names_known_categories(self) -> Config:
        known = ", ".join(self.categories) or "none"
        unknown = [name for name in self.drafting.categories if name not in self.categories]
        if unknown:
            raise ValueError(
                f"drafting.categories names unknown categories {unknown}; known: {known}"
            )
        for account in self.accounts:
            for rule in account.rules:
                if rule.category not in self.categories:
                    raise ValueError(
                        f"account {account.name}: a rule names unknown category "
                        f"{rule.category!r}; known: {known}"
                    )
        names = [account.name for account in self.accounts]
        if len(set(names)) != len(names):
            raise ValueError("two accounts share a name; names must be unique")
        return self


def bundled_defaults_text() -> str:
    """The text of the bundled default config (the repository's ``config.toml``)."""
    return files("agent").joinpath("default_config.toml").read_text(encoding="utf-8")


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Merge ``override`` over ``base``: tables merge key by key, anything else replaces."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _describe(error: ValidationError, origin: str) -> str:
    lines = [f"{origin}: invalid configuration"]
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"]) or "(top level)"
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown key"
        lines.append(f"  {key}: {message}")
    return "\n".join(lines)


def config_warnings(config: Config, path: Path | None) -> list[str]:
    """Problems worth a warning but not an error: a secret-bearing file others can read."""
    if path is None or not config.accounts:
        return []
    try:
        mode = path.stat().st_mode
    except OSError:
        return []
    if mode & 0o044 and any(account.password_command for account in config.accounts):
        return [
            f"{path} is readable by other users and holds a password_command, which may "
            f"reveal how to get your password: chmod 600 {path}"
        ]
    return []


def load_config(explicit: str | Path | None = None) -> tuple[Config, Path | None]:
    """Load the config by the lookup order; return it with the user file it came from."""
    data = parse_toml(bundled_defaults_text(), "bundled default config")
    path = find_config_file(explicit)
    origin = "bundled default config"
    if path is not None:
        origin = str(path)
        data = merge(data, read_config_file(path))
    try:
        return Config.model_validate(data), path
    except ValidationError as error:
        raise ConfigError(_describe(error, origin)) from None

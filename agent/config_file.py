"""Finding and reading the user's config file, without validating it (no pydantic).

Lookup order: ``--config``, ``$MAILAGENT_CONFIG``, ``config.toml`` in the user config
directory, then none (the bundled defaults alone). The command line reads ``[plugins]
disabled`` from here to list plugins' commands without loading the whole config.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

from agent.errors import ConfigError

ENV_VAR = "MAILAGENT_CONFIG"


def find_config_file(explicit: str | Path | None = None) -> Path | None:
    """The user's config file by the lookup order, or None to run on the defaults."""
    if explicit:
        return Path(explicit)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    candidate = Path(user_config_dir("mailagent")) / "config.toml"
    return candidate if candidate.is_file() else None


def parse_toml(text: str, origin: str) -> dict[str, Any]:
    """The TOML ``text``; ``origin`` names it in the error."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{origin}: not valid TOML: {error}") from None


def read_config_file(path: Path) -> dict[str, Any]:
    """The parsed user file at ``path``, unvalidated."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config file: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config file is not UTF-8 text") from None
    return parse_toml(text, str(path))


def disabled_plugins(explicit: str | Path | None = None) -> list[str]:
    """``[plugins] disabled`` of the user's file (the bundled defaults disable none)."""
    path = find_config_file(explicit)
    plugins = read_config_file(path).get("plugins", {}) if path else {}
    disabled = plugins.get("disabled", []) if isinstance(plugins, dict) else None
    if not isinstance(disabled, list) or not all(isinstance(name, str) for name in disabled):
        raise ConfigError(f"{path}: [plugins] disabled must be a list of plugin names")
    return disabled

"""Edits to the user's config file that keep everything else in it, comments included."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import tomlkit
from platformdirs import user_config_dir
from pydantic import ValidationError
from tomlkit.exceptions import TOMLKitError

from agent.errors import ConfigError
from models.config import ModelEntry

_NEW_FILE_HEADER = (
    "mailagent configuration: only what differs from the bundled defaults.\n"
    "Every key is described in the default config.toml; see `mailagent --help`."
)


def file_to_edit(in_use: Path | None) -> Path:
    """The config file in use, else ``config.toml`` in the user config directory."""
    return in_use or Path(user_config_dir("mailagent")) / "config.toml"


def add_model_entry(path: Path, name: str, values: dict[str, Any]) -> None:
    """Add ``[models.<name>]`` with ``values`` to the TOML file at ``path`` (created if needed)."""
    try:
        ModelEntry.model_validate(values)
    except ValidationError as error:
        raise ConfigError(f"model {name}: {error.errors()[0]['msg']}") from None
    try:
        document = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else None
    except (OSError, TOMLKitError) as error:
        raise ConfigError(f"{path}: cannot update the config file: {error}") from None
    if document is None:
        document = tomlkit.document()
        for line in _NEW_FILE_HEADER.splitlines():
            document.add(tomlkit.comment(line))
    models = document.get("models")
    if models is None:
        models = document["models"] = tomlkit.table(is_super_table=True)
    if name in models:
        raise ConfigError(f"{path} already has [models.{name}]; choose another name")
    entry = tomlkit.table()
    entry.update(values)
    models[name] = entry
    _replace(path, tomlkit.dumps(document))


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, keeping the file's permissions.

    A symlinked config (a dotfiles repository) is written through, not replaced.
    """
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    if path.exists():
        shutil.copymode(path, temporary)
    temporary.replace(path)

"""The objects a command needs, built on first use: config, plugins, database, model registry."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

from agent.config import Config, load_config
from agent.errors import ConfigError
from agent.plugins import get_plugin_manager
from models.backends.ollama import endpoint
from models.errors import UnknownModelError
from models.registry import ModelSpec, Registry, spec_from_entry
from models.runtime import ModelPool
from models.tasks import TaskModels
from storage.db import Database

if TYPE_CHECKING:
    from agent.pipeline import Pipeline


class App:
    """Everything mailagent runs on, for one command invocation."""

    def __init__(
        self, config_path: str | Path | None = None, pool: ModelPool | None = None
    ) -> None:
        self.config_path = config_path
        self._shared_pool = pool

    @cached_property
    def loaded(self) -> tuple[Config, Path | None]:
        """The config and the user file it came from."""
        return load_config(self.config_path)

    @property
    def config(self) -> Config:
        """The merged configuration."""
        return self.loaded[0]

    @cached_property
    def pm(self) -> pluggy.PluginManager:
        """The plugin manager with every enabled plugin loaded."""
        return get_plugin_manager(self.config.plugins.disabled)

    @cached_property
    def db(self) -> Database:
        """The opened and migrated database."""
        return Database(self.config.storage)

    @cached_property
    def registry(self) -> Registry:
        """Every model from the config and from plugins; tasks checked against it."""
        specs: list[ModelSpec] = []
        self.pm.hook.register_models(register=specs.append)
        specs.extend(spec_from_entry(name, entry) for name, entry in self.config.models.items())
        registry = Registry(specs, self.config.tasks, self.config.inference)
        try:
            registry.check_tasks()
        except UnknownModelError as error:
            where = self.loaded[1] or "bundled default config"
            raise ConfigError(f"{where}: [tasks] {error}") from None
        return registry

    @cached_property
    def pool(self) -> ModelPool:
        """The loaded models, shared by every task (or a pool the caller shares with others)."""
        return self._shared_pool or ModelPool(self.config.inference)

    @cached_property
    def models(self) -> TaskModels:
        """Each task's model handle (nothing is loaded until a plugin calls it)."""
        return TaskModels(self.registry, self.pool, self.config.inference)

    def pipeline(self) -> Pipeline:
        """A pipeline on this App's config, plugins, database and model handles."""
        from agent.pipeline import Pipeline

        return Pipeline(self.config, self.pm, self.db, self.models)

    def endpoints(self) -> list[tuple[str, int]]:
        """Every host and port mailagent may connect to: the IMAP servers, and the model
        servers it may use (on this machine, or ``allow_remote``; not a refused one)."""
        found = [(account.host, account.resolved_port) for account in self.config.accounts]
        for spec in self.registry.specs.values():
            allowed = endpoint(spec) if spec.backend == "ollama" else None
            if allowed:
                found.append(allowed)
        return found

    def commands(self) -> list[list[str]]:
        """Every command mailagent may run: the accounts' password commands."""
        return [
            account.password_argv for account in self.config.accounts if account.password_command
        ]

    def close(self) -> None:
        """Unload the models this App loaded and close the database."""
        if "pool" in self.__dict__ and self._shared_pool is None:
            self.pool.close()
        if "db" in self.__dict__:
            self.db.close()

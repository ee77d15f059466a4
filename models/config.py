"""The ``[models.*]``, ``[tasks]`` and ``[inference]`` sections of the config file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TASKS = ("classify", "extract", "draft")

SplitMode = Literal["none", "layer", "row"]
"""How llama.cpp spreads a model over several GPUs: not at all, by layer, or by rows."""


@dataclass(frozen=True)
class Offload:
    """What of a llama.cpp model goes to the GPU, as it is loaded."""

    n_gpu_layers: int = 0
    main_gpu: int = 0
    split_mode: SplitMode = "layer"


class ModelEntry(BaseModel):
    """A model the user registers: a GGUF file, a file inside a package, or an Ollama tag."""

    model_config = ConfigDict(extra="forbid")

    backend: Literal["llama_cpp", "ollama"] = "llama_cpp"
    path: str = ""
    package: str = ""
    file: str = ""
    """With ``package``: the file's path inside the installed package."""
    tag: str = ""
    host: str = "http://127.0.0.1:11434"
    allow_remote: bool = False
    sha256: str = ""
    n_ctx: int = Field(default=0, ge=0)
    """Context length; 0 takes each task's own budget."""
    n_gpu_layers: int | None = Field(default=None, ge=-1)
    """Layers offloaded to the GPU (-1: all); unset takes ``[inference]``'s."""
    main_gpu: int | None = Field(default=None, ge=0)
    split_mode: SplitMode | None = None
    lora: str = ""
    """A GGUF LoRA adapter llama.cpp applies to the model as it loads it."""
    lora_scale: float = 1.0
    """How strongly the adapter applies: 0 not at all, 1 as trained."""
    lora_sha256: str = ""

    @model_validator(mode="after")
    def _one_source(self) -> ModelEntry:
        sources = [name for name in ("path", "package", "tag") if getattr(self, name)]
        if len(sources) != 1:
            raise ValueError("set exactly one of 'path', 'package' or 'tag'")
        if self.backend == "ollama" and not self.tag:
            raise ValueError("an ollama model needs 'tag'")
        if self.backend == "llama_cpp" and self.tag:
            raise ValueError("'tag' is for backend = \"ollama\"; a llama_cpp model needs 'path'")
        if self.package and not self.file:
            raise ValueError("'package' needs 'file', the GGUF's path inside the package")
        offload = [
            k for k in ("n_gpu_layers", "main_gpu", "split_mode") if getattr(self, k) is not None
        ]
        if self.backend == "ollama" and offload:
            raise ValueError(
                f"{', '.join(offload)}: for llama_cpp models; the Ollama server decides offload"
            )
        return self

    @model_validator(mode="after")
    def _adapter(self) -> ModelEntry:
        if self.backend == "ollama" and self.lora:
            raise ValueError(
                "'lora' is for llama_cpp models; an Ollama model takes its adapter from its "
                "Modelfile (ADAPTER), so create a tag with it and name that tag"
            )
        stray = [k for k in ("lora_sha256", "lora_scale") if k in self.model_fields_set]
        if stray and not self.lora:
            raise ValueError(f"{', '.join(stray)} without 'lora', the adapter's path")
        return self

    @field_validator("sha256", "lora_sha256")
    @classmethod
    def _hex_digest(cls, value: str) -> str:
        value = value.strip().lower()
        if value and (len(value) != 64 or any(c not in "0123456789abcdef" for c in value)):
            raise ValueError("sha256 must be 64 hexadecimal digits")
        return value


class TasksConfig(BaseModel):
    """Which model each task runs on, as an ordered list: the first available one is used."""

    model_config = ConfigDict(extra="forbid")

    classify: list[str] = ["gemma3-270m"]
    extract: list[str] = ["gemma3-270m"]
    draft: list[str] = ["smollm2-135m", "gemma3-270m"]

    @field_validator("classify", "extract", "draft", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("classify", "extract", "draft")
    @classmethod
    def _not_empty(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("name at least one model")
        return value

    def models_for(self, task: str) -> list[str]:
        """The ordered model names configured for ``task``."""
        names: list[str] = getattr(self, task)
        return names


class TaskBudget(BaseModel):
    """How much of a message a task reads and how much it may write."""

    model_config = ConfigDict(extra="forbid")

    n_ctx: int = Field(default=2048, ge=256)
    input_tokens: int = Field(default=512, ge=32)
    max_tokens: int = Field(default=256, ge=8)


class InferenceConfig(BaseModel):
    """How models run on this machine."""

    model_config = ConfigDict(extra="forbid")

    threads: int = Field(default=0, ge=0)
    """CPU threads for inference; 0 means the number of physical cores."""
    retries: int = Field(default=2, ge=0, le=10)
    """Extra attempts when a model's output does not validate."""
    memory_budget_mb: int = Field(default=0, ge=0)
    """Memory the loaded models may take together; 0 means no limit. Past it, the least
    recently used model is unloaded before another one loads."""
    n_gpu_layers: int = Field(default=0, ge=-1)
    """Layers of each llama.cpp model offloaded to the GPU: 0 none, -1 all. A model entry's
    own value wins. A build that cannot offload warns once per model and runs on the CPU."""
    main_gpu: int = Field(default=0, ge=0)
    """The GPU that holds the whole model (``split_mode = "none"``) or its scratch buffers."""
    split_mode: SplitMode = "layer"
    classify: TaskBudget = TaskBudget(n_ctx=1024, input_tokens=384, max_tokens=64)
    extract: TaskBudget = TaskBudget(n_ctx=2048, input_tokens=768, max_tokens=256)
    draft: TaskBudget = TaskBudget(n_ctx=2048, input_tokens=768, max_tokens=256)

    def offload(
        self,
        n_gpu_layers: int | None = None,
        main_gpu: int | None = None,
        split_mode: SplitMode | None = None,
    ) -> Offload:
        """The offload of a model whose entry sets the given values (None: these)."""
        return Offload(
            n_gpu_layers=self.n_gpu_layers if n_gpu_layers is None else n_gpu_layers,
            main_gpu=self.main_gpu if main_gpu is None else main_gpu,
            split_mode=self.split_mode if split_mode is None else split_mode,
        )

    def budget(self, task: str) -> TaskBudget:
        """The token budget of ``task``."""
        budget: TaskBudget = getattr(self, task)
        return budget

"""The ``[models.*]``, ``[tasks]`` and ``[inference]`` sections of the config file."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TASKS = ("classify", "extract", "draft")


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
        return self

    @field_validator("sha256")
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
    classify: TaskBudget = TaskBudget(n_ctx=1024, input_tokens=384, max_tokens=64)
    extract: TaskBudget = TaskBudget(n_ctx=2048, input_tokens=768, max_tokens=256)
    draft: TaskBudget = TaskBudget(n_ctx=2048, input_tokens=768, max_tokens=256)

    def budget(self, task: str) -> TaskBudget:
        """The token budget of ``task``."""
        budget: TaskBudget = getattr(self, task)
        return budget

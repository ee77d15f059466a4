"""Errors raised by the model registry and backends."""

from __future__ import annotations

from agent.errors import MailAgentError


class ModelError(MailAgentError):
    """Root of the model errors; the agent reports them to the user as they are."""


class UnknownModelError(ModelError, KeyError):
    """A model name that no config entry or plugin registered."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown model"


class ModelUnavailableError(ModelError):
    """A registered model whose file or package is not installed here."""


class IntegrityError(ModelError):
    """A model file whose sha256 differs from the pinned one."""


class ModelLoadError(ModelError):
    """A model file that exists but cannot be loaded (corrupt, or not GGUF)."""


class StructuredOutputError(ModelError):
    """A model whose output did not validate against the task's schema after every retry."""


class RemoteHostError(ModelError):
    """A model server outside this machine, refused because allow_remote is off."""


class QuantizationError(ModelError):
    """A GGUF that llama.cpp's quantizer cannot turn into the requested precision."""

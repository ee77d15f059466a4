"""Quantized copies of a model, kept under the data directory and made once.

A copy is named after its source file's sha256 and its type, so a copy made from a file is
reused for as long as that file is the same, whatever the model is called, and a new
version of the file gets copies of its own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from models.quantize import is_quantized, quantize


def cache_dir() -> Path:
    """Where the quantized copies live: ``quantized/`` in the user data directory."""
    return Path(user_data_dir("mailagent")) / "quantized"


@dataclass(frozen=True)
class Copy:
    """A quantized copy of a model file."""

    quant_type: str
    path: Path
    quantize_s: float | None
    """How long quantizing took; None when the copy was already there."""


def quantized_copy(source: Path, source_sha256: str, quant_type: str, threads: int) -> Copy:
    """The copy of ``source`` (whose sha256 is ``source_sha256``) at ``quant_type``.

    Made on first use, requantizing when ``source`` is itself quantized.
    """
    target = cache_dir() / f"{source_sha256}-{quant_type}.gguf"
    if target.is_file():
        return Copy(quant_type, target, None)
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    quantize(source, target, quant_type, threads, requantize=is_quantized(source))
    return Copy(quant_type, target, round(time.perf_counter() - started, 1))

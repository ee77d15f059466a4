"""Quantize a GGUF with llama.cpp's own quantizer (via llama-cpp-python).

From an F32/F16/BF16 file; from an already quantized one only when asked (``requantize``),
since llama.cpp then works from the quantized weights and cannot recover what they lost.
"""

from __future__ import annotations

import ctypes
import os
import re
from pathlib import Path

from models.errors import QuantizationError
from models.gguf_meta import read_info

QUANT_TYPES = {"Q2_K": 10, "Q3_K_M": 12, "Q4_K_M": 15, "Q5_K_M": 17, "Q8_0": 7, "F16": 1}
"""The precisions offered, smallest first, by their llama_ftype (LLAMA_FTYPE_MOSTLY_*).

F16 writes the token embedding table as Q8_0 (it is looked up, not multiplied, and is most of
a small model's file). From a quantized file it *unpacks* it: the same weights up to F16
rounding, which llama.cpp's CPU matrix kernels may read faster than K-quants
(docs/benchmarks.md, "Unpacked weights"). It is left out of sweeps unless asked for.
"""

UNPACKED = "F16"
_GGML_TYPE_Q8_0 = 8

SOURCE_TYPES = ("F32", "F16", "BF16")
_PRECISION_SUFFIX = re.compile(r"[-._](f32|f16|bf16)$", re.IGNORECASE)


def default_output(source: Path, quant_type: str) -> Path:
    """``model-F16.gguf`` -> ``model-Q8_0.gguf`` next to it; otherwise the type is appended."""
    stem = _PRECISION_SUFFIX.sub("", source.stem)
    return source.with_name(f"{stem}-{quant_type}.gguf")


def is_quantized(path: Path) -> bool:
    """Whether the GGUF at ``path`` is already quantized (not F32, F16 or BF16)."""
    return read_info(path).quantization not in SOURCE_TYPES


def quantize(
    source: Path, target: Path, quant_type: str, threads: int, requantize: bool = False
) -> Path:
    """Write ``source`` quantized to ``quant_type`` at ``target`` and return ``target``.

    An already quantized ``source`` is refused unless ``requantize`` is given: llama.cpp
    then dequantizes its weights and quantizes them again (``allow_requantize``), so the
    result is never more precise than ``source``. Unpacking to F16 loses only F16 rounding
    and needs no ``requantize``.

    The file is written under a temporary name and renamed when complete, so an interrupted
    run never leaves a truncated GGUF under the final name.
    """
    import llama_cpp

    from models.backends.llama_cpp import route_llama_logs

    if quant_type not in QUANT_TYPES:
        raise QuantizationError(
            f"unknown quantization {quant_type!r}; choose one of {', '.join(QUANT_TYPES)}"
        )
    requantize = requantize or quant_type == UNPACKED
    if is_quantized(source) and not requantize:
        raise QuantizationError(
            f"{source} is already quantized ({read_info(source).quantization}); quantize from "
            "an F32, F16 or BF16 GGUF, since requantizing loses precision twice"
        )
    if target.exists():
        raise QuantizationError(f"{target} exists; remove it or choose another output")
    route_llama_logs()
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = QUANT_TYPES[quant_type]
    params.nthread = threads
    params.allow_requantize = requantize
    if quant_type == UNPACKED:
        params.token_embedding_type = _GGML_TYPE_Q8_0
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        failed = llama_cpp.llama_model_quantize(
            str(source).encode(), str(partial).encode(), ctypes.byref(params)
        )
        if failed:
            raise QuantizationError(
                f"llama.cpp could not quantize {source} to {quant_type} (run with -vv for its log)"
            )
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target

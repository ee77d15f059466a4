"""A tiny LoRA adapter for a llama.cpp model, written with the gguf package, for the tests.

llama.cpp's adapter loader (``llama-adapter.cpp``) wants ``general.type = "adapter"``,
``adapter.type = "lora"``, ``adapter.lora.alpha`` and the base model's
``general.architecture``, and for each adapted weight ``W`` (ggml shape ``[n_in, n_out]``)
the pair ``W.lora_a`` (``[n_in, rank]``) and ``W.lora_b`` (``[rank, n_out]``). It then adds
``scale * alpha / rank * B @ A @ x`` to ``W @ x``. A zero ``B`` adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np

TARGETS = ("blk.0.attn_q.weight", "blk.0.attn_v.weight", "blk.1.attn_q.weight")
"""The weights adapted: a few attention projections of the first layers."""


def write_lora(
    path: Path,
    base: Path,
    rank: int = 2,
    zero: bool = False,
    targets: Iterable[str] = TARGETS,
) -> Path:
    """Write an adapter of ``base``'s weights ``targets`` at ``path`` and return ``path``.

    Its weights are random (seeded) unless ``zero``, which makes ``B`` all zeros.
    """
    import gguf

    reader = gguf.GGUFReader(str(base))
    architecture = str(reader.fields["general.architecture"].contents())
    shapes = {tensor.name: [int(n) for n in tensor.shape] for tensor in reader.tensors}
    writer = gguf.GGUFWriter(str(path), architecture)
    writer.add_type(gguf.GGUFType.ADAPTER)
    writer.add_string(gguf.Keys.Adapter.TYPE, "lora")
    writer.add_float32(gguf.Keys.Adapter.LORA_ALPHA, float(rank))
    random = np.random.default_rng(0)
    for name in targets:
        n_in, n_out = shapes[name]
        lora_a = random.standard_normal((rank, n_in), dtype=np.float32) * 0.1
        lora_b = random.standard_normal((n_out, rank), dtype=np.float32) * 0.1
        writer.add_tensor(f"{name}.lora_a", lora_a)
        writer.add_tensor(f"{name}.lora_b", np.zeros_like(lora_b) if zero else lora_b)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path

"""A tiny F32 llama-architecture GGUF with random weights, for the quantizer tests.

llama.cpp's quantizer reads the architecture's hyperparameters and expects the usual
tensors, one attention value matrix per block; it never runs the model, so the weights
and the vocabulary can be anything. Every matrix row is 256 wide, the K-quant block size,
so the K-quants apply to every tensor instead of falling back to another type.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

WIDTH = 256
VOCAB = 64
LAYERS = 2


def write_tiny_llama(path: Path) -> Path:
    """Write the model at ``path`` (about 2.6 MB) and return ``path``."""
    import gguf

    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("tiny-llama")
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    writer.add_context_length(256)
    writer.add_embedding_length(WIDTH)
    writer.add_block_count(LAYERS)
    writer.add_feed_forward_length(WIDTH)
    writer.add_head_count(4)
    writer.add_head_count_kv(4)
    writer.add_rope_dimension_count(WIDTH // 4)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(["<unk>", "<s>", "</s>"] + [f"t{i}" for i in range(VOCAB - 3)])
    writer.add_token_scores([0.0] * VOCAB)
    writer.add_token_types([2, 3, 3] + [1] * (VOCAB - 3))
    random = np.random.default_rng(0)

    def matrix(name: str, rows: int) -> None:
        writer.add_tensor(name, random.standard_normal((rows, WIDTH), dtype=np.float32) * 0.02)

    def norm(name: str) -> None:
        writer.add_tensor(name, np.ones(WIDTH, dtype=np.float32))

    matrix("token_embd.weight", VOCAB)
    norm("output_norm.weight")
    matrix("output.weight", VOCAB)
    for block in range(LAYERS):
        norm(f"blk.{block}.attn_norm.weight")
        norm(f"blk.{block}.ffn_norm.weight")
        for name in ("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"):
            matrix(f"blk.{block}.{name}.weight", WIDTH)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path

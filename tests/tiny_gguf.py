"""A tiny F32 llama-architecture GGUF with random weights, for the quantizer tests.

llama.cpp's quantizer reads the architecture's hyperparameters and expects the usual
tensors, one attention value matrix per block; it never runs the model, so the weights
can be anything. Every matrix row is 256 wide, the K-quant block size, so the K-quants
apply to every tensor instead of falling back to another type.

The vocabulary holds the 256 byte tokens, so llama.cpp can also read any text with it;
with six layers or more, the layers the embedding reads lie below the last one, which
llama.cpp computes for the output token only, and the model embeds mail.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

WIDTH = 256
TOKENS = ["<unk>", "<s>", "</s>", *(f"<0x{byte:02X}>" for byte in range(256)), "\u2581"]
TYPES = [2, 3, 3, *[6] * 256, 1]  # unknown, control, byte, normal
VOCAB = len(TOKENS)
LAYERS = 2


def write_tiny_llama(path: Path, layers: int = LAYERS) -> Path:
    """Write the model at ``path`` (4.2 MB, 1.8 MB more per layer beyond two); return it."""
    import gguf

    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("tiny-llama")
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    writer.add_context_length(256)
    writer.add_embedding_length(WIDTH)
    writer.add_block_count(layers)
    writer.add_feed_forward_length(WIDTH)
    writer.add_head_count(4)
    writer.add_head_count_kv(4)
    writer.add_rope_dimension_count(WIDTH // 4)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(TOKENS)
    writer.add_token_scores([0.0] * VOCAB)
    writer.add_token_types(TYPES)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_unk_token_id(0)
    random = np.random.default_rng(0)

    def matrix(name: str, rows: int) -> None:
        writer.add_tensor(name, random.standard_normal((rows, WIDTH), dtype=np.float32) * 0.02)

    def norm(name: str) -> None:
        writer.add_tensor(name, np.ones(WIDTH, dtype=np.float32))

    matrix("token_embd.weight", VOCAB)
    norm("output_norm.weight")
    matrix("output.weight", VOCAB)
    for block in range(layers):
        norm(f"blk.{block}.attn_norm.weight")
        norm(f"blk.{block}.ffn_norm.weight")
        for name in ("attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"):
            matrix(f"blk.{block}.{name}.weight", WIDTH)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path

"""Metadata read from a GGUF file's own header: architecture, size, quantization, context."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from models.errors import ModelLoadError
from models.filecache import cached_fact

_FACT = "gguf-2"
"""The cache key of the metadata; a new one when GGUFInfo gains fields."""


@dataclass(frozen=True)
class GGUFInfo:
    """What a GGUF file says about itself."""

    architecture: str
    name: str
    quantization: str
    parameters: int
    context_length: int
    chat_template: str
    layers: int
    kv_width: int
    """Values the KV cache holds per token and layer (keys plus values, all KV heads)."""

    def kv_cache_bytes(self, n_ctx: int) -> int:
        """The size of an f16 KV cache holding ``n_ctx`` tokens."""
        return n_ctx * self.layers * self.kv_width * 2


def _quantization(file_type: int | None) -> str:
    from gguf import LlamaFileType

    if file_type is None:
        return "unknown"
    try:
        return LlamaFileType(file_type).name.removeprefix("MOSTLY_").removeprefix("ALL_")
    except ValueError:
        return f"type {file_type}"


def _read(path: Path) -> dict[str, Any]:
    from gguf import GGUFReader

    try:
        reader = GGUFReader(path)
    except Exception as error:  # gguf raises ValueError, struct.error, IndexError...
        raise ModelLoadError(f"{path} is not a readable GGUF file: {error}") from None

    def field(key: str) -> Any:
        item = reader.fields.get(key)
        return item.contents() if item is not None else None

    architecture = str(field("general.architecture") or "unknown")

    def number(key: str) -> int:
        value = field(f"{architecture}.{key}") or 0
        # Some architectures give a value per layer; the largest one bounds the cache.
        return int(max(value) if isinstance(value, list) else value)

    heads = number("attention.head_count")
    key_length = number("attention.key_length") or number("embedding_length") // max(heads, 1)
    value_length = number("attention.value_length") or key_length
    kv_heads = number("attention.head_count_kv") or heads
    return asdict(
        GGUFInfo(
            architecture=architecture,
            name=str(field("general.name") or path.stem),
            quantization=_quantization(field("general.file_type")),
            parameters=sum(int(tensor.n_elements) for tensor in reader.tensors),
            context_length=int(field(f"{architecture}.context_length") or 0),
            chat_template=str(field("tokenizer.chat_template") or ""),
            layers=number("block_count"),
            kv_width=kv_heads * (key_length + value_length),
        )
    )


def read_info(path: Path) -> GGUFInfo:
    """The metadata of the GGUF at ``path``, read once per version of the file."""
    return GGUFInfo(**cached_fact(path, _FACT, _read))

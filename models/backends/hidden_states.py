"""Hidden states from inside a llama.cpp model: what the llama.cpp backend embeds with.

A causal model's last layer is shaped to predict the next token; its middle layers describe
the text better. llama.cpp returns only the last layer's states, so this module reads the
outputs of chosen layers while the model runs, through the scheduler's evaluation callback
(``cb_eval``), and stops the computation once the deepest one is read: the layers above it
and the output head, the costliest single product of a model with a large vocabulary, are
never computed. The context is made from the backend's loaded model, so no second copy of
the weights is mapped, and carries the model's LoRA adapter, if it has one.
"""

from __future__ import annotations

import ctypes
from typing import TYPE_CHECKING, Any

from models.errors import ModelLoadError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from llama_cpp import Llama

DEPTHS = (0.4, 0.7)
"""Where the embedding reads, as fractions of the model's layers: layers 7 and 13 of Gemma 3
270M's 18, 12 and 21 of SmolLM2 135M's 30. On ../shared/eval/dev (softmax regression over
the mean states, 5-fold, five fold seeds), macro-F1 / junk accuracy went from 0.835 / 0.957
with the last layer to 0.852 / 0.974 for Gemma, and from 0.822 / 0.962 to 0.844 / 0.962 for
SmolLM2; the same two fractions were best or near best for both models."""


def layers_at(n_layer: int, depths: tuple[float, ...] = DEPTHS) -> list[int]:
    """The indices of the layers at ``depths`` of a model with ``n_layer`` layers."""
    return sorted({min(n_layer - 1, max(0, round(depth * n_layer))) for depth in depths})


class _Ggml:
    """The few ggml functions the callback needs, from llama-cpp-python's own libggml."""

    def __init__(self) -> None:
        from llama_cpp._ggml import libggml

        self.get_name = libggml.ggml_get_name
        self.get_name.restype = ctypes.c_char_p
        self.get_name.argtypes = [ctypes.c_void_p]
        self.nbytes = libggml.ggml_nbytes
        self.nbytes.restype = ctypes.c_size_t
        self.nbytes.argtypes = [ctypes.c_void_p]
        self.tensor_get = libggml.ggml_backend_tensor_get
        self.tensor_get.restype = None
        self.tensor_get.argtypes = [
            ctypes.c_void_p,  # tensor
            ctypes.c_void_p,  # destination
            ctypes.c_size_t,  # offset
            ctypes.c_size_t,  # size
        ]


class HiddenStates:
    """A context on ``llm``'s model that returns the states of :data:`DEPTHS`' layers.

    Not thread-safe: the backend calls it under its own lock.
    """

    def __init__(self, llm: Llama, n_ctx: int, threads: int) -> None:
        import llama_cpp

        self._ggml = _Ggml()
        self.n_embd = llm.n_embd()
        self.n_ctx = n_ctx
        self.layers = layers_at(llama_cpp.llama_model_n_layer(llm.model))
        self._wanted = {f"l_out-{layer}".encode(): layer for layer in self.layers}
        self._last = f"l_out-{self.layers[-1]}".encode()
        self._captured: dict[int, npt.NDArray[np.float32]] = {}
        # A reference is kept, or ctypes frees the callback while llama.cpp still calls it.
        self._callback = llama_cpp.ggml_backend_sched_eval_callback(self._observe)
        params = llama_cpp.llama_context_default_params()
        params.n_ctx = params.n_batch = params.n_ubatch = n_ctx
        params.n_threads = params.n_threads_batch = threads
        params.cb_eval = self._callback
        self._ctx = llama_cpp.llama_init_from_model(llm.model, params)
        if not self._ctx:
            raise ModelLoadError(f"llama.cpp cannot make an embedding context for {llm.model_path}")
        adapter = llm._lora_adapter  # what Llama loaded for its own context, or None
        if adapter is not None:
            # A c_void_p where ctypes wants a pointer type, as llama-cpp-python passes it too.
            adapters = (llama_cpp.llama_adapter_lora_p_ctypes * 1)(adapter)  # type: ignore[misc]
            scales = (ctypes.c_float * 1)(llm.lora_scale)
            if llama_cpp.llama_set_adapters_lora(self._ctx, adapters, 1, scales):
                self.close()
                raise ModelLoadError(f"llama.cpp cannot apply {llm.lora_path} to its embeddings")

    def _observe(self, tensor: int, ask: bool, user_data: Any) -> bool:
        """The scheduler's callback: ask for the wanted layers' outputs, copy them, stop."""
        import numpy as np

        name = self._ggml.get_name(tensor)
        if ask:
            return name in self._wanted
        size = self._ggml.nbytes(tensor)
        states = np.empty(size // 4, dtype=np.float32)
        self._ggml.tensor_get(tensor, states.ctypes.data, 0, size)
        self._captured[self._wanted[name]] = states.reshape(-1, self.n_embd)
        return name != self._last  # false ends the computation: nothing above is needed

    def __call__(self, tokens: list[int]) -> list[npt.NDArray[np.float32]]:
        """Each chosen layer's output states, one row per token (at most ``n_ctx`` tokens)."""
        import llama_cpp

        tokens = tokens[: self.n_ctx]
        llama_cpp.llama_memory_clear(llama_cpp.llama_get_memory(self._ctx), True)
        batch = llama_cpp.llama_batch_init(len(tokens), 0, 1)
        try:
            for position, token in enumerate(tokens):
                batch.token[position] = token
                batch.pos[position] = position
                batch.n_seq_id[position] = 1
                batch.seq_id[position][0] = 0
                batch.logits[position] = position == len(tokens) - 1
            batch.n_tokens = len(tokens)
            self._captured.clear()
            status = llama_cpp.llama_decode(self._ctx, batch)
        finally:
            llama_cpp.llama_batch_free(batch)
        missing = [layer for layer in self.layers if layer not in self._captured]
        if status != 0 or missing:
            raise ModelLoadError(
                f"llama.cpp gave no hidden states of layers {missing or self.layers} "
                f"(decode status {status})"
            )
        return [self._captured[layer] for layer in self.layers]

    def close(self) -> None:
        """Free the context (the model belongs to the backend)."""
        import llama_cpp

        if self._ctx:
            llama_cpp.llama_free(self._ctx)
            self._ctx = None

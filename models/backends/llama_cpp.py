"""The in-process llama.cpp backend (llama-cpp-python).

Prompts are laid out instruction-first and message-last, and one Llama instance serves
every call, so llama.cpp's prefix match (``Llama.generate`` compares the new prompt's
tokens with the ones in the context) reuses the KV cache of the fixed instructions from
one message to the next and only the message itself is evaluated. When tasks with
different instructions share a model, each one's context is kept aside while another
task runs, so the alternation does not throw the instructions' cache away.
"""

from __future__ import annotations

import ctypes
import json
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.backends.grammar import GreedyGrammar, json_schema_grammar
from models.backends.hidden_states import HiddenStates
from models.config import Offload
from models.errors import ModelLoadError
from models.lora import Lora

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from llama_cpp import Llama, LlamaGrammar

logger = logging.getLogger(__name__)


@lru_cache(maxsize=64)
def _grammar(schema_json: str) -> LlamaGrammar:
    """The llama-cpp-python grammar of a JSON schema, built once per schema.

    Built here rather than through ``response_format`` because llama-cpp-python silently
    falls back to unconstrained JSON when a schema fails to convert.
    """
    from llama_cpp import LlamaGrammar

    return LlamaGrammar.from_string(json_schema_grammar(schema_json), verbose=False)


_LOG_CALLBACK: Any = None
llama_logger = logging.getLogger("llama.cpp")


def route_llama_logs() -> None:
    """Send llama.cpp's own messages to the ``llama.cpp`` logger at debug level.

    llama.cpp writes load-time notes straight to stderr whatever llama-cpp-python's verbose
    flag says; a service's log should carry them only when asked for.
    """
    global _LOG_CALLBACK
    if _LOG_CALLBACK is not None:
        return
    import llama_cpp

    @llama_cpp.llama_log_callback
    def forward(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
        llama_logger.debug("%s", text.decode("utf-8", errors="replace").rstrip())

    _LOG_CALLBACK = forward  # a reference, or ctypes frees the callback under llama.cpp
    llama_cpp.llama_log_set(forward, ctypes.c_void_p(0))


GPU_BUILDS = {
    "CUDA (NVIDIA)": "-DGGML_CUDA=on",
    "Metal (Apple)": "-DGGML_METAL=on",
    "Vulkan (AMD, Intel, NVIDIA)": "-DGGML_VULKAN=on",
}
"""The ``CMAKE_ARGS`` that build llama-cpp-python with a GPU backend."""

INSTALL_GPU_BUILD = (
    'CMAKE_ARGS="{flag}" pip install --force-reinstall --no-cache-dir llama-cpp-python'
)

_SPLIT_MODES = {"none": 0, "layer": 1, "row": 2}
"""llama.cpp's ``LLAMA_SPLIT_MODE_*`` values."""

_warned_cpu_only: set[str] = set()
"""Models already warned that their offload was asked of a CPU-only build."""


def usable_offload(offload: Offload, name: str) -> Offload:
    """``offload`` where this build can offload; else none, with one warning per model."""
    import llama_cpp

    if offload.n_gpu_layers == 0 or llama_cpp.llama_supports_gpu_offload():
        return offload
    if name not in _warned_cpu_only:
        _warned_cpu_only.add(name)
        builds = ", ".join(f'CMAKE_ARGS="{flag}" ({gpu})' for gpu, flag in GPU_BUILDS.items())
        logger.warning(
            "model %s asks for n_gpu_layers = %d, but this build of llama-cpp-python cannot "
            "offload to a GPU, so it runs on the CPU. To offload, reinstall llama-cpp-python "
            "with %s (`mailagent hardware` gives the commands); or set n_gpu_layers = 0",
            name,
            offload.n_gpu_layers,
            builds,
        )
    return Offload()


EMBED_CTX = 512
"""Tokens an embedding reads at most: mean pooling needs the whole text in one batch."""

REPEAT_PENALTY = 1.15
"""Keeps small models from looping inside a JSON string."""

KEPT_CONTEXTS = 4
"""Contexts kept aside per model: one per other task is enough, and a plugin that changes
its instructions at every call must not make them pile up."""


@dataclass
class _Snapshot:
    """The KV cache of a context's sequence and the tokens it holds."""

    tokens: npt.NDArray[np.intc]
    data: Any
    size: int

    @classmethod
    def take(cls, llm: Llama) -> _Snapshot:
        """Copy ``llm``'s current sequence (only the KV cells in use, no logits)."""
        import llama_cpp

        size = llama_cpp.llama_state_seq_get_size(llm.ctx, 0)
        data = (ctypes.c_uint8 * size)()
        written = llama_cpp.llama_state_seq_get_data(llm.ctx, data, size, 0)
        return cls(tokens=llm.input_ids[: llm.n_tokens].copy(), data=data, size=written)

    def restore(self, llm: Llama) -> None:
        """Put the sequence back; the next prompt then matches its tokens as a prefix."""
        import llama_cpp

        if not llama_cpp.llama_state_seq_set_data(llm.ctx, self.data, self.size, 0):
            llm.reset()
            return
        llm.input_ids[: len(self.tokens)] = self.tokens
        llm.n_tokens = len(self.tokens)
        # No logits were kept: an identical prompt must replay its last token, not sample.
        llm._requires_eval = True


class LlamaCppBackend:
    """A GGUF model loaded in this process.

    Embeddings come from a second context on the same loaded model, made on the first
    ``embed`` call (:class:`~models.backends.hidden_states.HiddenStates`): it reads the
    states of two middle layers and stops there, so one pass that skips the upper layers and
    the output head gives both the text's and a following question's means. It adds a KV
    cache and compute buffers, not a second copy of the weights. A LoRA adapter applies to
    both contexts.
    """

    def __init__(
        self,
        path: Path,
        n_ctx: int,
        threads: int,
        offload: Offload,
        name: str,
        lora: Lora | None = None,
    ) -> None:
        from llama_cpp import Llama

        route_llama_logs()
        self.path = path
        self.threads = threads
        self.offload = usable_offload(offload, name)
        """The offload the model was loaded with (none where the build cannot offload)."""
        self._hidden: HiddenStates | None = None

        try:
            self.llm = Llama(
                model_path=str(path),
                n_ctx=n_ctx,
                n_threads=threads,
                n_threads_batch=threads,
                n_batch=512,
                n_gpu_layers=self.offload.n_gpu_layers,
                main_gpu=self.offload.main_gpu,
                split_mode=_SPLIT_MODES[self.offload.split_mode],
                lora_path=str(lora.path) if lora else None,
                lora_scale=lora.scale if lora else 1.0,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as error:
            what = f"{path} with the LoRA adapter {lora.path}" if lora else str(path)
            raise ModelLoadError(
                f"llama.cpp cannot load {what}: {error}. Is it a complete GGUF file"
                f"{', and the adapter made for this model' if lora else ''}?"
            ) from None
        self._lock = threading.Lock()
        self.usage: tuple[int, int] = (0, 0)
        self._instructions = ""
        """The instructions of the prompt the context holds now."""
        self._kept: OrderedDict[str, _Snapshot] = OrderedDict()
        """Other instructions' contexts, kept while they wait for their next message."""

    def _switch_to(self, instructions: str) -> None:
        """Put the context of ``instructions``' last prompt in place, keeping the current one."""
        if instructions == self._instructions:
            return
        if self._instructions:
            self._kept[self._instructions] = _Snapshot.take(self.llm)
            while len(self._kept) > KEPT_CONTEXTS:
                self._kept.popitem(last=False)
        kept = self._kept.pop(instructions, None)
        if kept is not None:
            kept.restore(self.llm)
        self._instructions = instructions

    def chat_json(
        self,
        system: str,
        user: str,
        schema: dict[str, Any],
        max_tokens: int,
        temperature: float = 0.0,
        seed: int = 0,
    ) -> str:
        """One chat turn constrained by ``schema``'s grammar; returns the raw reply text."""
        from llama_cpp import LogitsProcessorList

        # Not sort_keys: the grammar writes properties in the schema's order, which the
        # task's instructions show to the model.
        schema_json = json.dumps(schema)
        constraint: dict[str, Any] = {}
        greedy = None
        if temperature == 0.0:
            greedy = GreedyGrammar(
                self.llm,
                json_schema_grammar(schema_json),
                REPEAT_PENALTY,
                self.llm.last_n_tokens_size,
            )
            constraint["logits_processor"] = LogitsProcessorList([greedy])
        else:
            constraint["grammar"] = _grammar(schema_json)
        with self._lock:
            self._switch_to(system)
            try:
                reply: Any = self.llm.create_chat_completion(
                    messages=[
                        {"role": "system", "content": system},
                        {"role": "user", "content": user},
                    ],
                    max_tokens=max_tokens,
                    temperature=temperature,
                    seed=seed,
                    repeat_penalty=REPEAT_PENALTY,
                    **constraint,
                )
            finally:
                if greedy is not None:
                    greedy.close()
            used = reply.get("usage") or {}
            self.usage = (int(used.get("prompt_tokens", 0)), int(used.get("completion_tokens", 0)))
        return str(reply["choices"][0]["message"]["content"] or "")

    def truncate(self, text: str, max_tokens: int) -> str:
        """``text`` cut to at most ``max_tokens`` tokens."""
        tokens = self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)
        if len(tokens) <= max_tokens:
            return text
        return self.llm.detokenize(tokens[:max_tokens]).decode("utf-8", errors="ignore")

    def embed(self, text: str, max_tokens: int, question: str = "") -> list[float]:
        """The normalised mean states over ``text`` (and over ``question`` after it).

        Read from the layers :mod:`models.backends.hidden_states` chooses, each layer's
        means normalised and concatenated. The first token is left out of the text's mean,
        whether it is a beginning-of-text token (Gemma) or the text's own (SmolLM2 adds
        none): causal models park attention there, and its state, many times the norm of
        the others in middle layers, would swamp the mean (SmolLM2 on the dev set: macro-F1
        0.81 with it, 0.84 without).
        """
        import numpy as np

        with self._lock:
            if self._hidden is None:
                self._hidden = HiddenStates(self.llm, EMBED_CTX, self.threads)
            asked = self.llm.tokenize(f"\n\n{question}".encode(), add_bos=False) if question else []
            limit = min(max_tokens, EMBED_CTX - 2 - len(asked))
            tokens = self.llm.tokenize(text.encode("utf-8"), add_bos=True, special=False)
            start = 1 if len(tokens) > 1 else 0
            tokens = tokens[: start + limit]
            layers = self._hidden(tokens + asked)
            self.usage = (len(tokens) + len(asked), 0)
        parts = []
        for states in layers:
            parts.append(states[start : len(tokens)].mean(axis=0))
            if asked:
                parts.append(states[len(tokens) :].mean(axis=0))
        vector = np.concatenate([part / (np.linalg.norm(part) or 1.0) for part in parts])
        return [float(value) for value in vector]

    def close(self) -> None:
        """Free the contexts (the embedding one first) and the model."""
        with self._lock:
            if self._hidden is not None:
                self._hidden.close()
                self._hidden = None
            self._kept.clear()
            self.llm.close()

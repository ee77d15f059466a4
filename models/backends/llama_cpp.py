"""The in-process llama.cpp backend (llama-cpp-python).

Prompts are laid out instruction-first and message-last, and one Llama instance serves
every call, so llama.cpp's prefix match reuses the KV cache of the fixed instructions from
one message to the next and only the message itself is evaluated.
"""

from __future__ import annotations

import ctypes
import json
import logging
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.errors import ModelLoadError

if TYPE_CHECKING:
    from llama_cpp import LlamaGrammar

logger = logging.getLogger(__name__)


@lru_cache(maxsize=64)
def _grammar(schema_json: str) -> LlamaGrammar:
    """The GBNF grammar of a JSON schema, built once per schema.

    Built here rather than through ``response_format`` because llama-cpp-python silently
    falls back to unconstrained JSON when a schema fails to convert.
    """
    from llama_cpp import LlamaGrammar

    return LlamaGrammar.from_json_schema(schema_json, verbose=False)


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


class LlamaCppBackend:
    """A GGUF model loaded in this process."""

    def __init__(self, path: Path, n_ctx: int, threads: int) -> None:
        from llama_cpp import Llama

        route_llama_logs()

        try:
            self.llm = Llama(
                model_path=str(path),
                n_ctx=n_ctx,
                n_threads=threads,
                n_threads_batch=threads,
                n_batch=512,
                verbose=False,
            )
        except (ValueError, RuntimeError, OSError) as error:
            raise ModelLoadError(
                f"llama.cpp cannot load {path}: {error}. Is it a complete GGUF file?"
            ) from None
        self._lock = threading.Lock()

    def chat_json(
        self,
        system: str,
        user: str,
        schema: dict[str, Any],
        max_tokens: int,
        temperature: float = 0.0,
    ) -> str:
        """One chat turn constrained by ``schema``'s grammar; returns the raw reply text."""
        grammar = _grammar(json.dumps(schema, sort_keys=True))
        with self._lock:
            reply: Any = self.llm.create_chat_completion(
                messages=[
                    {"role": "system", "content": system},
                    {"role": "user", "content": user},
                ],
                grammar=grammar,
                max_tokens=max_tokens,
                temperature=temperature,
                repeat_penalty=1.15,
            )
        return str(reply["choices"][0]["message"]["content"] or "")

    def truncate(self, text: str, max_tokens: int) -> str:
        """``text`` cut to at most ``max_tokens`` tokens."""
        tokens = self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)
        if len(tokens) <= max_tokens:
            return text
        return self.llm.detokenize(tokens[:max_tokens]).decode("utf-8", errors="ignore")

    def close(self) -> None:
        """Free the model and its context."""
        self.llm.close()

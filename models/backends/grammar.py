"""Greedy decoding under a JSON-schema grammar that checks the model's favourite tokens first.

Given a grammar, llama-cpp-python puts it in llama.cpp's sampler chain, which checks every
token of the vocabulary against it at every step: 262,144 tokens for Gemma 3, most of the
time a step takes. Greedy decoding picks the best-scoring token the grammar allows, so it is
enough to offer the grammar the best-scoring tokens in order and stop at the first one it
accepts; only when none of them fits is the whole vocabulary checked. llama.cpp's own tools
do the same (``common/sampling.cpp``). The choice is identical to the full check.
"""

from __future__ import annotations

import ctypes
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from llama_cpp import Llama

SHORTLISTS = (1, 64, 4096)
"""How many of the best-scoring tokens are offered to the grammar, in turn, before the whole
vocabulary: a model that follows its instructions mostly picks an allowed token itself."""

_CANDIDATE = np.dtype([("id", np.intc), ("logit", np.single), ("p", np.single)], align=True)


@lru_cache(maxsize=64)
def json_schema_grammar(schema_json: str) -> str:
    """The GBNF grammar of a JSON schema, converted once per schema."""
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    return json_schema_to_gbnf(schema_json)


class GreedyGrammar:
    """A llama-cpp-python logits processor: the grammar-allowed greedy choice, and only it.

    One instance serves one completion. ``repeat_penalty`` applies to the tokens generated
    so far, as llama.cpp's penalty sampler does, before the choice.
    """

    def __init__(self, llm: Llama, grammar: str, repeat_penalty: float, last_n: int) -> None:
        import llama_cpp

        vocab = llama_cpp.llama_model_get_vocab(llm.model)
        self._sampler = llama_cpp.llama_sampler_init_grammar(vocab, grammar.encode(), b"root")
        if not self._sampler:
            raise ValueError("llama.cpp rejected the grammar")
        self._end = llm.token_eos()
        self.repeat_penalty = repeat_penalty
        self.last_n = last_n
        self.generated: list[int] = []
        self._prompt_length = -1

    def __call__(
        self, input_ids: npt.NDArray[np.intc], logits: npt.NDArray[np.single]
    ) -> npt.NDArray[np.single]:
        """Every logit but the chosen token's set to -inf, so the sampler chain takes it."""
        self._accept_new(input_ids)
        scores = self._penalised(logits)
        token = self._best_allowed(scores)
        chosen = np.full_like(logits, -np.inf)
        chosen[token] = logits[token]
        return chosen

    def close(self) -> None:
        """Free the grammar."""
        import llama_cpp

        llama_cpp.llama_sampler_free(self._sampler)

    def _accept_new(self, input_ids: npt.NDArray[np.intc]) -> None:
        """Advance the grammar over the tokens generated since the last step."""
        import llama_cpp

        if self._prompt_length < 0:
            self._prompt_length = len(input_ids)
        for token in input_ids[self._prompt_length + len(self.generated) :]:
            llama_cpp.llama_sampler_accept(self._sampler, int(token))
            self.generated.append(int(token))

    def _penalised(self, logits: npt.NDArray[np.single]) -> npt.NDArray[np.single]:
        scores = np.array(logits, dtype=np.single)
        recent = np.unique(np.asarray(self.generated[-self.last_n :], dtype=np.intc))
        if recent.size and self.repeat_penalty != 1.0:
            values = scores[recent]
            penalty = self.repeat_penalty
            scores[recent] = np.where(values <= 0, values * penalty, values / penalty)
        return scores

    def _best_allowed(self, scores: npt.NDArray[np.single]) -> int:
        longest = min(SHORTLISTS[-1], scores.size)
        best = np.argpartition(scores, -longest)[-longest:]
        best = best[np.argsort(scores[best])[::-1]]
        for size in SHORTLISTS:
            allowed = self._filter(best[:size], scores[best[:size]])
            if np.isfinite(allowed).any():
                return int(best[int(np.argmax(allowed))])
        allowed = self._filter(np.arange(scores.size, dtype=np.intc), scores)
        if not np.isfinite(allowed).any():
            # Nothing fits (a grammar at a dead end): stop here rather than feed the grammar
            # a token it refuses, which aborts llama.cpp. The reply then fails validation.
            return self._end
        return int(np.argmax(allowed))

    def _filter(
        self, tokens: npt.NDArray[Any], scores: npt.NDArray[np.single]
    ) -> npt.NDArray[np.single]:
        """``scores`` with -inf for each of ``tokens`` the grammar refuses now."""
        import llama_cpp

        candidates = np.empty(tokens.size, dtype=_CANDIDATE)
        candidates["id"] = tokens
        candidates["logit"] = scores
        candidates["p"] = 0.0
        array = llama_cpp.llama_token_data_array(
            data=candidates.ctypes.data_as(llama_cpp.llama_token_data_p),
            size=tokens.size,
            selected=-1,
            sorted=False,
        )
        llama_cpp.llama_sampler_apply(self._sampler, ctypes.byref(array))
        return candidates["logit"]

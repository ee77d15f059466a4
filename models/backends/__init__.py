"""Inference backends: llama.cpp in-process, or an Ollama server on loopback."""

from __future__ import annotations

from typing import Protocol


class Backend(Protocol):
    """What the model handle needs from a loaded model."""

    usage: tuple[int, int]
    """Tokens the last ``chat_json`` or ``embed`` call read and wrote."""

    def chat_json(
        self,
        system: str,
        user: str,
        schema: dict[str, object],
        max_tokens: int,
        temperature: float = 0.0,
        seed: int = 0,
    ) -> str:
        """One chat turn whose reply is constrained to JSON matching ``schema``.

        Above temperature 0 the reply is sampled with ``seed``, so it can be repeated.
        """
        ...

    def truncate(self, text: str, max_tokens: int) -> str:
        """``text`` cut to at most ``max_tokens`` tokens of this model."""
        ...

    def embed(self, text: str, max_tokens: int, question: str = "") -> list[float]:
        """An embedding of ``text``'s first ``max_tokens`` tokens.

        The mean of the model's hidden states over the text, L2-normalised; with a
        ``question``, the text is followed by it and the normalised mean of the states over
        the question's tokens (which have read the whole text) is appended.
        """
        ...

    def close(self) -> None:
        """Release the model's memory."""
        ...

"""The Ollama backend: a model served by an Ollama server, on this machine unless allowed.

mailagent promises that no mail leaves the machine, so the server's host must resolve to
loopback addresses only; ``allow_remote = true`` lifts that for one model entry and says so
in the log every time the model is loaded.
"""

from __future__ import annotations

import logging
import os
from typing import Any
from urllib.parse import urlsplit

from models.errors import IntegrityError, ModelError, ModelUnavailableError, RemoteHostError
from models.network import is_loopback
from models.registry import ModelSpec

logger = logging.getLogger(__name__)

CHARS_PER_TOKEN = 4
"""Ollama's client has no tokenizer endpoint; English text averages about 4 characters."""


def server_url(spec: ModelSpec) -> str:
    """The URL the Ollama client will contact for ``spec``, parsed the way the client does."""
    from ollama._client import _parse_host

    return _parse_host(spec.host or os.environ.get("OLLAMA_HOST"))


def endpoint(spec: ModelSpec) -> tuple[str, int] | None:
    """The host and port of ``spec``'s server if mailagent may contact it, else None.

    It may when the host resolves to this machine only, or with ``allow_remote``; a host
    that cannot be resolved is not allowed.
    """
    url = urlsplit(server_url(spec))
    host = url.hostname or "127.0.0.1"
    try:
        allowed = spec.allow_remote or is_loopback(host)
    except OSError:
        return None
    return (host, url.port or 11434) if allowed else None


def checked_url(spec: ModelSpec) -> str:
    """The server URL of ``spec``, refused with RemoteHostError when it leaves the machine."""
    url = server_url(spec)
    host = urlsplit(url).hostname or ""
    try:
        local = is_loopback(host)
    except OSError as error:
        raise ModelUnavailableError(f"cannot resolve Ollama host {host!r}: {error}") from None
    if local:
        return url
    if not spec.allow_remote:
        raise RemoteHostError(
            f"model {spec.name}: Ollama host {host} is not on this machine, and mail must not "
            "leave it; use a loopback host, or set allow_remote = true in its [models] entry"
        )
    logger.warning(
        "model %s: sending mail to the Ollama server at %s, outside this machine "
        "(allow_remote = true)",
        spec.name,
        url,
    )
    return url


class OllamaBackend:
    """A model served by Ollama, reached through the ``ollama`` client."""

    def __init__(self, spec: ModelSpec, n_ctx: int = 0) -> None:
        import httpx
        import ollama

        self.spec = spec
        self.n_ctx = n_ctx
        self.url = checked_url(spec)
        # trust_env=False: a proxy from the environment would carry the mail off the machine.
        self.client = ollama.Client(
            host=self.url, trust_env=False, timeout=httpx.Timeout(600.0, connect=5.0)
        )
        self.digest = self._installed_digest()
        self.usage: tuple[int, int] = (0, 0)

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        import httpx
        import ollama

        try:
            return getattr(self.client, method)(*args, **kwargs)
        except (httpx.HTTPError, ConnectionError) as error:
            raise ModelUnavailableError(
                f"cannot reach Ollama at {self.url} for model {self.spec.name}: {error}"
            ) from None
        except ollama.ResponseError as error:
            raise ModelError(
                f"Ollama at {self.url} refused {method} for {self.spec.tag}: {error.error}"
            ) from None

    def _installed_digest(self) -> str:
        """The digest of the tag on the server, checked against the pinned sha256."""
        tags = self._call("list").models
        # Ollama lists a tag given without a version as "<name>:latest".
        wanted = {self.spec.tag, f"{self.spec.tag}:latest"}
        found = next((item for item in tags if item.model in wanted), None)
        if found is None:
            raise ModelUnavailableError(
                f"Ollama at {self.url} has no model {self.spec.tag!r} (ollama pull {self.spec.tag})"
            )
        digest = str(found.digest or "").removeprefix("sha256:")
        if self.spec.sha256 and digest != self.spec.sha256:
            raise IntegrityError(
                f"refusing Ollama model {self.spec.tag}: its digest is {digest}, "
                f"expected {self.spec.sha256}"
            )
        return digest

    def show(self) -> dict[str, Any]:
        """What the server says about the model: family, size, quantization, template."""
        shown = self._call("show", self.spec.tag)
        details = shown.details
        info = dict(shown.modelinfo or {})
        architecture = str(info.get("general.architecture", details.family if details else ""))
        return {
            "architecture": architecture or None,
            "parameters": info.get("general.parameter_count"),
            "parameter_size": details.parameter_size if details else None,
            "quantization": details.quantization_level if details else None,
            "context": info.get(f"{architecture}.context_length"),
            "chat_template": bool(shown.template),
        }

    def chat_json(
        self,
        system: str,
        user: str,
        schema: dict[str, Any],
        max_tokens: int,
        temperature: float = 0.0,
        seed: int = 0,
    ) -> str:
        """One chat turn whose reply Ollama constrains to ``schema`` (its ``format``)."""
        options: dict[str, Any] = {
            "temperature": temperature,
            "num_predict": max_tokens,
            "seed": seed,
        }
        if self.n_ctx:
            options["num_ctx"] = self.n_ctx
        reply = self._call(
            "chat",
            model=self.spec.tag,
            messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
            format=schema,
            options=options,
            stream=False,
        )
        self.usage = (reply.prompt_eval_count or 0, reply.eval_count or 0)
        return str(reply.message.content or "")

    def truncate(self, text: str, max_tokens: int) -> str:
        """``text`` cut to about ``max_tokens`` tokens (Ollama cannot count them for us)."""
        return text[: max_tokens * CHARS_PER_TOKEN]

    def embed(self, text: str, max_tokens: int, question: str = "") -> list[float]:
        """The server's embedding of ``text`` (and ``question`` after it), L2-normalised.

        Ollama returns one pooled vector, so the question is read with the text rather than
        pooled on its own as the llama.cpp backend does.
        """
        prompt = self.truncate(text, max_tokens)
        if question:
            prompt = f"{prompt}\n\n{question}"
        response = self._call("embed", model=self.spec.tag, input=prompt)
        self.usage = (response.prompt_eval_count or 0, 0)
        vector = list(response.embeddings[0])
        norm = sum(value * value for value in vector) ** 0.5 or 1.0
        return [float(value) / norm for value in vector]

    def close(self) -> None:
        """Close the HTTP connection; the server keeps the model."""
        self.client.close()

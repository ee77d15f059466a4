"""A small Ollama-compatible server on 127.0.0.1, backed by a real GGUF through llama.cpp.

No Ollama can be installed where the tests run, so this stands in for it. It answers what
mailagent's Ollama backend calls: ``GET /api/tags``, ``POST /api/show`` and non-streaming
``POST /api/chat`` with ``format`` (a JSON schema, enforced as a llama.cpp grammar the way
Ollama does it). Every request body is kept in ``requests`` for the tests to inspect.
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from llama_cpp import Llama, LlamaGrammar

from models.gguf_meta import read_info
from models.integrity import file_digest


class OllamaServer:
    """Serves one model under ``tag`` until :meth:`stop`."""

    def __init__(self, llm: Llama, path: Path, tag: str) -> None:
        self.llm = llm
        self.tag = tag
        self.info = read_info(path)
        self.size = path.stat().st_size
        self.digest = file_digest(path)
        self.requests: list[tuple[str, dict[str, Any]]] = []
        self._lock = threading.Lock()
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The server's base URL, on a free port."""
        host, port = self._http.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> OllamaServer:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        self._http.shutdown()
        self._http.server_close()

    def details(self) -> dict[str, Any]:
        """The ``details`` object Ollama gives for a model."""
        return {
            "format": "gguf",
            "family": self.info.architecture,
            "families": [self.info.architecture],
            "parameter_size": f"{self.info.parameters / 1e6:.0f}M",
            "quantization_level": self.info.quantization,
        }

    def tags(self) -> dict[str, Any]:
        """``GET /api/tags``."""
        return {
            "models": [
                {
                    "name": self.tag,
                    "model": self.tag,
                    "modified_at": datetime.now(UTC).isoformat(),
                    "size": self.size,
                    "digest": self.digest,
                    "details": self.details(),
                }
            ]
        }

    def show(self, body: dict[str, Any]) -> dict[str, Any]:
        """``POST /api/show``."""
        self._known(body)
        architecture = self.info.architecture
        return {
            "modelfile": f"FROM {self.tag}",
            "parameters": "",
            "template": self.info.chat_template,
            "details": self.details(),
            "model_info": {
                "general.architecture": architecture,
                "general.parameter_count": self.info.parameters,
                f"{architecture}.context_length": self.info.context_length,
            },
            "capabilities": ["completion"],
        }

    def chat(self, body: dict[str, Any]) -> dict[str, Any]:
        """``POST /api/chat``, non-streaming; ``format`` may be ``"json"`` or a JSON schema."""
        self._known(body)
        if body.get("stream", True):
            raise _Refused(400, "this test server only answers stream=false")
        options = body.get("options") or {}
        schema = body.get("format")
        grammar = None
        if isinstance(schema, dict):
            grammar = LlamaGrammar.from_json_schema(json.dumps(schema), verbose=False)
        elif schema == "json":
            grammar = LlamaGrammar.from_json_schema("{}", verbose=False)
        with self._lock:
            reply: Any = self.llm.create_chat_completion(
                messages=body["messages"],
                grammar=grammar,
                temperature=float(options.get("temperature", 0.8)),
                seed=int(options.get("seed", 0)),
                max_tokens=int(options.get("num_predict", 128)),
            )
        usage = reply["usage"]
        return {
            "model": self.tag,
            "created_at": datetime.now(UTC).isoformat(),
            "message": {"role": "assistant", "content": reply["choices"][0]["message"]["content"]},
            "done": True,
            "done_reason": reply["choices"][0]["finish_reason"],
            "prompt_eval_count": usage["prompt_tokens"],
            "eval_count": usage["completion_tokens"],
        }

    def _known(self, body: dict[str, Any]) -> None:
        if body.get("model") not in (self.tag, f"{self.tag}:latest"):
            raise _Refused(404, f"model '{body.get('model')}' not found")


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _handler(server: OllamaServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/api/tags":
                self._answer(200, server.tags())
            else:
                self._answer(404, {"error": "not found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            server.requests.append((self.path, body))
            routes = {"/api/chat": server.chat, "/api/show": server.show}
            if self.path not in routes:
                self._answer(404, {"error": "not found"})
                return
            try:
                self._answer(200, routes[self.path](body))
            except _Refused as refused:
                self._answer(refused.status, {"error": str(refused)})

        def _answer(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Keep the test output quiet."""

    return Handler

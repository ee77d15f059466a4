"""The Ollama backend against a loopback Ollama-compatible server, and the loopback rule."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent import egress
from agent.app import App
from models.backends.ollama import checked_url
from models.config import InferenceConfig, TaskBudget
from models.errors import IntegrityError, ModelUnavailableError, RemoteHostError
from models.network import is_loopback
from models.registry import ModelSpec
from models.runtime import ModelHandle, ModelPool
from plugins import generative
from plugins.pypi_models import _smollm2_path
from tests.conftest import NO_STARTER
from tests.ollama_server import OllamaServer

TAG = "smollm2:135m"


@pytest.fixture(scope="module")
def server(model_pool: ModelPool) -> Iterator[OllamaServer]:
    """The test Ollama server, answering with the session's SmolLM2."""
    spec = ModelSpec(name="smollm2-135m", locate=_smollm2_path)
    backend = model_pool.backend(spec)
    instance = OllamaServer(backend.llm, _smollm2_path(), TAG).start()  # type: ignore[attr-defined]
    yield instance
    instance.stop()


def ollama_config(tmp_path: Path, host: str, extra: str = "") -> Path:
    path = tmp_path / "c.toml"
    path.write_text(
        f'[storage]\nurl = "sqlite:///{tmp_path}/db"\n{NO_STARTER}'
        f'[models.smol-ollama]\nbackend = "ollama"\ntag = "{TAG}"\nhost = "{host}"\n{extra}'
    )
    return path


@pytest.mark.model
def test_schema_constrained_answer_through_ollama(tmp_path: Path, server: OllamaServer) -> None:
    app = App(ollama_config(tmp_path, server.url))
    spec = app.registry.get("smol-ollama")
    pool = ModelPool(InferenceConfig())
    handle = ModelHandle(
        spec=spec, task="classify", pool=pool, budget=TaskBudget(max_tokens=48), retries=2
    )
    categories = app.config.categories
    schema = generative.answer_schema(categories)
    data = "From: Jamie <jamie@example.org>\nSubject: hike on Saturday?\n\nShall we go at 9?"
    answer = handle.structured(schema, generative.instructions(categories), data)
    assert answer.category in categories  # type: ignore[attr-defined]
    chats = [body for path, body in server.requests if path == "/api/chat"]
    assert chats[-1]["format"] == schema.model_json_schema()
    assert chats[-1]["options"]["num_predict"] == 48
    assert chats[-1]["stream"] is False
    assert handle.last_call is not None and handle.last_call.sha256 == server.digest
    pool.close()


@pytest.mark.model
def test_models_info_shows_what_the_server_says(tmp_path: Path, server: OllamaServer) -> None:
    from click.testing import CliRunner

    from agent.cli import cli

    config = ollama_config(tmp_path, server.url)
    result = CliRunner().invoke(cli, ["--config", str(config), "models", "info", "smol-ollama"])
    assert result.exit_code == 0, result.output
    assert "Q4_1" in result.output and TAG in result.output


@pytest.mark.model
def test_a_missing_tag_and_a_wrong_digest_are_refused(server: OllamaServer) -> None:
    pool = ModelPool(InferenceConfig())
    missing = ModelSpec(name="m", backend="ollama", tag="llama3:70b", host=server.url)
    with pytest.raises(ModelUnavailableError, match="ollama pull llama3:70b"):
        pool.backend(missing)
    pinned = ModelSpec(name="p", backend="ollama", tag=TAG, host=server.url, sha256="0" * 64)
    with pytest.raises(IntegrityError, match="0000"):
        pool.backend(pinned)


def test_a_remote_host_is_refused_without_allow_remote(tmp_path: Path) -> None:
    app = App(ollama_config(tmp_path, "http://192.0.2.10:11434"))
    with pytest.raises(RemoteHostError, match=r"192\.0\.2\.10 is not on this machine"):
        ModelPool(InferenceConfig()).backend(app.registry.get("smol-ollama"))
    assert ("192.0.2.10", 11434) not in app.endpoints(), "a refused server is not allow-listed"


def test_a_remote_host_is_allowed_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = App(ollama_config(tmp_path, "http://192.0.2.10:11434", "allow_remote = true\n"))
    with caplog.at_level(logging.WARNING):
        assert checked_url(app.registry.get("smol-ollama")) == "http://192.0.2.10:11434"
    assert "outside this machine" in caplog.text
    assert ("192.0.2.10", 11434) in app.endpoints()


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "127.3.2.1", "::1"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


def test_remote_hosts_are_not_loopback() -> None:
    assert not is_loopback("192.0.2.10")
    assert not is_loopback("2001:db8::1")


def test_ollama_entries_are_listed_without_contacting_the_server(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from agent.cli import cli

    config = ollama_config(tmp_path, "http://192.0.2.10:11434")
    seen = egress.guard().seen
    seen.clear()
    try:
        result = CliRunner().invoke(cli, ["--config", str(config), "models", "list", "--json"])
    finally:
        egress.disarm()
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert rows["smol-ollama"]["backend"] == "ollama"
    # the guard records every attempt, armed or not: none went to the server, not even a lookup
    assert not [attempt for attempt in seen if "192.0.2.10" in attempt.target]

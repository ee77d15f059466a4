"""LoRA adapters per model entry: configured, verified like models, applied by llama.cpp.

The adapters are written for SmolLM2-135M by :mod:`tests.tiny_lora`: a random one, which
must change what the model computes, and a zero one, which must not.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from agent.app import App
from agent.sources.local import read_mailbox, sample_mailbox
from models.config import InferenceConfig, ModelEntry
from models.errors import IntegrityError, ModelUnavailableError
from models.integrity import sha256_file
from models.lora import Lora, identity
from models.registry import ModelSpec, spec_from_entry
from models.runtime import ModelPool
from plugins.pypi_models import SMOLLM2_SHA256, _smollm2_path
from storage import queries
from tests.conftest import NO_STARTER
from tests.tiny_lora import write_lora

PROMPT = b"Shall we go hiking on Saturday at nine?"


@pytest.fixture(scope="session")
def adapters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A random and a zero adapter for SmolLM2-135M, written once per session."""
    folder = tmp_path_factory.mktemp("lora")
    base = _smollm2_path()
    return {
        "random": write_lora(folder / "random.gguf", base),
        "zero": write_lora(folder / "zero.gguf", base, zero=True),
    }


@pytest.fixture(scope="module")
def pool() -> Iterator[ModelPool]:
    """This module's own pool, so the adapted models are unloaded when its tests end."""
    models = ModelPool(InferenceConfig())
    yield models
    models.close()


def smollm2(lora: Lora | None = None) -> ModelSpec:
    return ModelSpec(name="smollm2-135m", locate=_smollm2_path, sha256=SMOLLM2_SHA256, lora=lora)


def last_logits(pool: ModelPool, spec: ModelSpec) -> np.ndarray:
    """The logits after :data:`PROMPT`, evaluated from an empty context."""
    import llama_cpp

    llm = pool.backend(spec).llm  # type: ignore[attr-defined]
    llm.reset()
    llm.eval(llm.tokenize(PROMPT))
    logits = llama_cpp.llama_get_logits_ith(llm.ctx, -1)
    return np.ctypeslib.as_array(logits, shape=(llm.n_vocab(),)).copy()


def test_an_ollama_model_with_an_adapter_is_refused() -> None:
    with pytest.raises(ValidationError, match="Modelfile"):
        ModelEntry(backend="ollama", tag="llama3.2:3b", lora="/srv/adapter.gguf")
    with pytest.raises(ValidationError, match="without 'lora'"):
        ModelEntry(path="/srv/model.gguf", lora_sha256="0" * 64)
    with pytest.raises(ValidationError, match="64 hexadecimal"):
        ModelEntry(path="/srv/model.gguf", lora="/srv/adapter.gguf", lora_sha256="abc")


def test_the_adapter_is_part_of_the_pinned_identity() -> None:
    entry = ModelEntry(
        path="~/model.gguf", sha256="a" * 64, lora="~/adapter.gguf", lora_sha256="b" * 64
    )
    spec = spec_from_entry("tuned", entry)
    assert spec.lora == Lora(Path("~/adapter.gguf").expanduser(), 1.0, "b" * 64)
    assert spec.pinned_identity == identity("a" * 64, spec.lora, "b" * 64)
    assert len(spec.pinned_identity) == 64 and spec.pinned_identity != "a" * 64
    halved = spec_from_entry("tuned", entry.model_copy(update={"lora_scale": 0.5}))
    assert halved.pinned_identity not in ("", spec.pinned_identity)
    unpinned = spec_from_entry("tuned", entry.model_copy(update={"lora_sha256": ""}))
    assert unpinned.pinned_identity == ""  # known once the adapter is hashed
    assert spec_from_entry("plain", ModelEntry(path="/m.gguf", sha256="a" * 64)).pinned_identity


@pytest.mark.model
def test_the_footprint_counts_the_adapter(adapters: dict[str, Path]) -> None:
    sizing = ModelPool(InferenceConfig())
    adapted = smollm2(Lora(adapters["random"]))
    assert (
        sizing.footprint(adapted) - sizing.footprint(smollm2()) == adapters["random"].stat().st_size
    )


@pytest.mark.model
def test_an_adapter_changes_the_logits_and_a_zero_or_unscaled_one_does_not(
    pool: ModelPool, adapters: dict[str, Path]
) -> None:
    base = last_logits(pool, smollm2())
    adapted = last_logits(pool, smollm2(Lora(adapters["random"])))
    assert np.abs(adapted - base).max() > 0.1
    assert np.array_equal(last_logits(pool, smollm2(Lora(adapters["random"], scale=0.0))), base)
    assert np.array_equal(last_logits(pool, smollm2(Lora(adapters["zero"]))), base)
    assert pool.loaded() == ["smollm2-135m"] * 4  # one load per adapter and scale


@pytest.mark.model
def test_the_embeddings_carry_the_adapter(pool: ModelPool, adapters: dict[str, Path]) -> None:
    text = PROMPT.decode()
    base = np.array(pool.backend(smollm2()).embed(text, 64))
    adapted = np.array(pool.backend(smollm2(Lora(adapters["random"]))).embed(text, 64))
    zero = np.array(pool.backend(smollm2(Lora(adapters["zero"]))).embed(text, 64))
    assert np.abs(adapted - base).max() > 1e-3
    assert np.array_equal(zero, base)


@pytest.mark.model
def test_a_tampered_adapter_is_refused_naming_it_and_both_hashes(
    tmp_path: Path, adapters: dict[str, Path]
) -> None:
    pinned = sha256_file(adapters["random"])
    tampered = tmp_path / "tampered.gguf"
    shutil.copyfile(adapters["random"], tampered)
    with tampered.open("r+b") as handle:
        handle.seek(-100, 2)
        byte = handle.read(1)
        handle.seek(-100, 2)
        handle.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(IntegrityError) as raised:
        ModelPool(InferenceConfig()).backend(smollm2(Lora(tampered, sha256=pinned)))
    message = str(raised.value)
    assert str(tampered) in message and pinned in message and sha256_file(tampered) in message

    missing = tmp_path / "absent.gguf"
    with pytest.raises(ModelUnavailableError, match=f"LoRA adapter {missing} is missing"):
        ModelPool(InferenceConfig()).backend(smollm2(Lora(missing)))


@pytest.mark.model
def test_results_and_the_audit_log_name_the_adapter(
    tmp_path: Path, pool: ModelPool, adapters: dict[str, Path]
) -> None:
    adapter = sha256_file(adapters["random"])
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\nurl = "sqlite:///{tmp_path}/db"\n{NO_STARTER}'
        '[plugins]\ndisabled = ["extract-model", "draft"]\n'
        f'[models.tuned]\npath = "{_smollm2_path()}"\nsha256 = "{SMOLLM2_SHA256}"\n'
        f'lora = "{adapters["random"]}"\nlora_sha256 = "{adapter}"\n'
        '[tasks]\nclassify = ["tuned"]\n'
    )
    app = App(config, pool=pool)
    try:
        expected = app.registry.get("tuned").pinned_identity
        raw = next(iter(read_mailbox(sample_mailbox())))
        app.pipeline().process(raw)
        with app.db.session() as session:
            calls = [event.detail for event in queries.list_events(session, kind="model_call")]
            results = [
                r.model_sha256 for r in queries.results_of(session, 1) if r.plugin == "generative"
            ]
    finally:
        app.close()
    assert calls and all(call["model"] == "tuned" for call in calls)
    assert all(call["lora_sha256"] == adapter for call in calls)
    assert all(call["sha256"] == expected for call in calls)
    assert results == [expected]

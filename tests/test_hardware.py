"""``mailagent hardware``: the facts of this machine, by type and presence (values vary)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from agent.hardware import gpus
from models.backends.llama_cpp import GPU_BUILDS


def test_hardware_json_has_every_field_on_this_machine(run_cli: Any) -> None:
    result = run_cli("hardware", "--json")
    assert result.exit_code == 0, result.output
    facts = json.loads(result.output)

    cpu = facts["cpu"]
    assert isinstance(cpu["model"], str) and cpu["model"]
    assert isinstance(cpu["architecture"], str)
    assert all(isinstance(name, str) and name.isupper() for name in cpu["features"])
    assert 1 <= cpu["physical_cores"] <= cpu["logical_cores"]
    assert 0 < facts["memory_available_mb"] <= facts["memory_total_mb"]

    build = facts["llama_cpp"]
    assert isinstance(build["version"], str) and "CPU" in build["system_info"]
    assert isinstance(build["gpu_offload"], bool)
    assert set(build["cpu_features_unused"]) <= set(cpu["features"])
    if not build["gpu_offload"]:
        commands = build["install_gpu_build"].values()
        assert all(any(flag in c for c in commands) for flag in GPU_BUILDS.values())

    assert isinstance(facts["gpus"], list)
    names = {fit["name"] for fit in facts["models"]}
    assert "gemma3-270m" in names
    for fit in facts["models"]:
        assert fit["kv_bytes_per_token"] > 0
        assert fit["loaded_mb"] >= fit["file_mb"] > 0
        assert 0 <= fit["largest_context"] <= fit["trained_context"]


def test_gemma_kv_cache_per_token_is_from_its_gguf_header(run_cli: Any) -> None:
    facts = json.loads(run_cli("hardware", "--json").output)
    gemma = next(fit for fit in facts["models"] if fit["name"] == "gemma3-270m")
    # 18 layers, 1 KV head of 256 wide keys and values, f16: 18 * 1 * (256 + 256) * 2.
    assert gemma["kv_bytes_per_token"] == 18 * 1 * 512 * 2


def test_hardware_prints_the_build_and_the_models(run_cli: Any) -> None:
    result = run_cli("hardware")
    assert result.exit_code == 0, result.output
    assert "llama-cpp-python" in result.output
    assert "gemma3-270m" in result.output


def test_gpus_are_read_from_the_kernels_files(tmp_path: Path) -> None:
    proc = tmp_path / "proc"
    information = proc / "gpus" / "0000:01:00.0" / "information"
    information.parent.mkdir(parents=True)
    information.write_text("Model: \t\t NVIDIA GeForce RTX 4090\nIRQ:   \t 130\n")
    drm = tmp_path / "drm"
    for card, vendor, vram in (("card0", "0x10de", None), ("card1", "0x1002", "17163091968")):
        device = drm / card / "device"
        device.mkdir(parents=True)
        (device / "vendor").write_text(f"{vendor}\n")
        (device / "device").write_text("0x744c\n")
        if vram:
            (device / "mem_info_vram_total").write_text(vram)
    (drm / "card1-DP-1").mkdir()

    found = gpus(proc, drm)

    assert [(gpu.name, gpu.memory_mb) for gpu in found] == [
        ("NVIDIA GeForce RTX 4090", None),
        ("AMD GPU 0x744c", 17163),
    ]
    assert gpus(tmp_path / "none", tmp_path / "none") == []


def test_doctor_includes_the_hardware(run_cli: Any) -> None:
    result = run_cli("doctor")
    line = next(line for line in result.output.splitlines() if "hardware:" in line)
    assert line.startswith("ok") and "cores" in line and "MB available" in line
    # the PyPI draft model answers, but is said to be too small to compose replies
    draft = next(line for line in result.output.splitlines() if "model for draft:" in line)
    assert "too small to write replies (plugin draft: min_parameters), so drafts are " in draft
    assert draft.endswith("for replies a model writes")
    assert "no IMAP account is configured yet" in result.output

"""``mailagent bench --sweep``: a real tiny GGUF quantized to two types and benched on a tiny
labelled folder, each type in a process of its own; the choice saved for ``models list``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from agent.app import App
from agent.cli import cli
from agent.sweep import choose, fastest, requantize_note, saved_choice
from models.gguf_meta import read_info
from models.integrity import sha256_file
from models.quant_cache import cache_dir, quantized_copy
from models.quantize import quantize
from models.runtime import ModelPool
from tests.conftest import NO_MODEL_PLUGINS
from tests.tiny_gguf import write_tiny_llama

Invoke = Callable[..., Result]

MAIL = {
    "spam": ["Cheap pills, best price", "You won a lottery prize", "Viagra discount today"],
    "work": ["Budget review on Monday", "Minutes of the board meeting", "Q3 forecast draft"],
    "personal": ["Dinner at mum's on Sunday?", "Photos from the hike", "Happy birthday, Sam!"],
}


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A tiny F32 llama deep enough to embed mail (see :mod:`tests.tiny_gguf`)."""
    return write_tiny_llama(tmp_path / "tiny-F32.gguf", layers=6)


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    """Nine messages in three labelled folders."""
    root = tmp_path / "labelled"
    for label, subjects in MAIL.items():
        (root / label).mkdir(parents=True)
        for index, subject in enumerate(subjects):
            text = f"From: someone{index}@example.org\nSubject: {subject}\n\n{subject}, as said.\n"
            (root / label / f"{index}.eml").write_text(text)
    return root


@pytest.fixture
def invoke(tmp_path: Path, tiny: Path, model_pool: ModelPool) -> Invoke:
    """The CLI on a config that registers the tiny model and asks no model for text."""
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\nurl = "sqlite:///{tmp_path / "mailagent.db"}"\n{NO_MODEL_PLUGINS}'
        f'[models.tiny]\npath = "{tiny}"\n'
    )
    runner = CliRunner()

    def run(*args: str) -> Result:
        app = App(config, pool=model_pool)
        try:
            return runner.invoke(cli, ["--config", str(config), *args], obj=app)
        finally:
            app.close()

    return run


def test_sweep_two_types_of_a_tiny_model(
    invoke: Invoke, tiny: Path, labelled: Path, tmp_path: Path
) -> None:
    sweep = ("bench", str(labelled), "--train", str(labelled), "--sweep", "tiny")
    result = invoke(*sweep, "--types", "Q8_0,q4_k_m", "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["model"] == "tiny" and figures["messages"] == 9
    assert figures["source"] == {
        "path": str(tiny),
        "sha256": sha256_file(tiny),
        "quantization": "F32",
    }
    assert not figures["requantized"] and figures["note"] == ""
    assert "not measured" in figures["tasks"]["draft"]
    rows = {row["type"]: row for row in figures["types"]}
    assert list(rows) == ["Q8_0", "Q4_K_M"]
    for quant_type, row in rows.items():
        copy = Path(row["file"])
        assert copy == cache_dir() / f"{sha256_file(tiny)}-{quant_type}.gguf"
        assert copy.is_relative_to(tmp_path / "xdg-data")
        assert read_info(copy).quantization == quant_type
        assert row["size_mb"] == round(copy.stat().st_size / 1e6, 1)
        assert row["quantize_s"] is not None and row["load_s"] > 0
        assert row["tokens_per_second"] > 0 and row["peak_rss_mb"] > 0
        # the row's figures are bench's own, for the copy under a name of its own
        bench = row["bench"]
        assert bench["model"] == f"tiny-{quant_type.lower()}" and bench["messages"] == 9
        assert row["classify"] == {
            "macro_f1": bench["macro_f1"],
            "junk_accuracy": bench["junk_accuracy"],
            "accuracy": bench["accuracy"],
        }
    assert rows["Q4_K_M"]["size_mb"] < rows["Q8_0"]["size_mb"]
    assert figures["tolerance"] == 0.02
    assert figures["choice"] == choose(figures["types"], 0.02)
    assert figures["fastest"] == fastest(figures["types"], 0.02)

    # Again, any tolerance: the copies are reused, and the smallest file is chosen.
    again = invoke(*sweep, "--types", "Q8_0,Q4_K_M", "--tolerance", "1")
    assert again.exit_code == 0, again.output
    table = again.stdout
    assert table.count("cached") == 2 and "chosen: Q4_K_M, the smallest file within 1" in table
    assert f"{rows['Q8_0']['size_mb']:.1f}" in table and f"{rows['Q4_K_M']['size_mb']:.1f}" in table

    listed = json.loads(invoke("models", "list", "--json").output)
    tiny_row = next(row for row in listed if row["name"] == "tiny")
    assert tiny_row["measured_choice"]["type"] == "Q4_K_M"
    assert tiny_row["measured_choice"]["tolerance"] == 1 and tiny_row["measured_choice"]["current"]
    assert "Q4_K_M (±1)" in invoke("models", "list").output
    assert saved_choice("tiny", "0" * 64)["current"] is False  # type: ignore[index]


def test_a_quantized_source_is_requantized_and_said_so(tiny: Path, tmp_path: Path) -> None:
    q8 = quantize(tiny, tmp_path / "tiny-Q8_0.gguf", "Q8_0", threads=1)
    copy = quantized_copy(q8, sha256_file(q8), "Q4_K_M", threads=1)
    assert read_info(copy.path).quantization == "Q4_K_M" and copy.quantize_s is not None
    assert quantized_copy(q8, sha256_file(q8), "Q4_K_M", threads=1).quantize_s is None
    assert "cannot recover precision" in requantize_note("tiny", "Q8_0")


def test_the_choice_keeps_both_figures_within_the_tolerance() -> None:
    def row(quant_type: str, size: float, f1: float, junk: float) -> dict[str, object]:
        return {
            "type": quant_type,
            "size_mb": size,
            "classify": {"macro_f1": f1, "junk_accuracy": junk},
        }

    rows = [row("Q2_K", 1, 0.75, 0.97), row("Q3_K_M", 2, 0.83, 0.90), row("Q8_0", 4, 0.84, 0.97)]
    assert choose(rows, 0.02) == "Q8_0"
    assert choose(rows, 0.07) == "Q3_K_M"  # within 0.07 of both bests, not Q2_K's macro-F1
    assert choose(rows, 0.1) == "Q2_K"
    speeds = {"Q2_K": 1.0, "Q3_K_M": 5.0, "Q8_0": 4.0}
    timed = [row | {"messages_per_second": speeds[str(row["type"])]} for row in rows]
    assert fastest(timed, 0.02) == "Q8_0"  # the only type within 0.02
    assert fastest(timed, 0.1) == "Q3_K_M"  # all within: the most messages per second

"""``mailagent bench --sweep``: which quantization of a model each task can afford.

The figures of each type come from ``bench`` (``agent.cli.sweep`` runs it, one type per
process). This module chooses among them and keeps the result, one JSON file per model in
the data directory, for ``mailagent models list``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

QUALITY = ("macro_f1", "junk_accuracy")
"""The classification figures a type must keep within the tolerance of the best."""

TASKS = {
    "classify": "macro-F1 and junk-vs-legit accuracy, as bench computes them",
    "draft": "not measured: bench has no drafting benchmark (benchmarks/drafts.py is a script "
    "over one corpus)",
}
"""What the sweep measures for each task."""


def requantize_note(model: str, precision: str) -> str:
    """What requantizing from a ``precision`` file means, said plainly."""
    return (
        f"{model} is {precision}, not F32, F16 or BF16: every type is requantized from those "
        f"{precision} weights (llama.cpp allow_requantize). That cannot recover precision: no "
        f"type can be more precise than {precision} itself, larger types only cost more, "
        "and smaller ones lose precision twice. Sweep an F16 or F32 file for the real trade."
    )


def _within(rows: list[dict[str, Any]], tolerance: float) -> list[dict[str, Any]]:
    """The rows whose :data:`QUALITY` figures are each within ``tolerance`` of the best."""
    best = {figure: max(row["classify"][figure] for row in rows) for figure in QUALITY}
    return [
        row
        for row in rows
        if all(row["classify"][figure] >= best[figure] - tolerance - 1e-9 for figure in QUALITY)
    ]


def choose(rows: list[dict[str, Any]], tolerance: float) -> str:
    """The type of the smallest file whose :data:`QUALITY` figures are each within
    ``tolerance`` of the best type's."""
    return str(min(_within(rows, tolerance), key=lambda row: row["size_mb"])["type"])


def fastest(rows: list[dict[str, Any]], tolerance: float) -> str:
    """The type with the most messages per second among those within ``tolerance``: the
    cheapest to run, which on CPUs is often not the smallest (Q2_K and Q3_K unpack slowly).
    A timing, so it moves with the machine's load; the size-based choice does not."""
    return str(max(_within(rows, tolerance), key=lambda row: row["messages_per_second"])["type"])


def sweeps_dir() -> Path:
    """Where sweep results are kept: ``sweeps/`` in the user data directory."""
    return Path(user_data_dir("mailagent")) / "sweeps"


def _path(model: str) -> Path:
    return sweeps_dir() / f"{model}.json"


def save(result: dict[str, Any]) -> Path:
    """Keep ``result`` as its model's latest sweep; the file's path."""
    path = _path(result["model"])
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(result, indent=1), encoding="utf-8")
    temporary.replace(path)
    return path


def saved_choice(model: str, sha256: str | None) -> dict[str, Any] | None:
    """What the latest sweep of ``model`` chose, and whether it measured the file whose
    sha256 is ``sha256`` (None: not known here); None when it was never swept."""
    try:
        result = json.loads(_path(model).read_text(encoding="utf-8"))
        return {
            "type": result["choice"],
            "tolerance": result["tolerance"],
            "measured_at": result["measured_at"],
            "current": sha256 is None or result["source"]["sha256"] == sha256,
            "results": str(_path(model)),
        }
    except (OSError, ValueError, KeyError, TypeError):
        return None

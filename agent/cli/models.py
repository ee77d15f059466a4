"""``mailagent models``: the model registry."""

from __future__ import annotations

from typing import Any

import click

from agent.app import App
from agent.cli.output import json_option, print_json, print_table
from models.errors import ModelError
from models.gguf_meta import read_info
from models.integrity import file_digest
from models.registry import ModelSpec, Registry


def describe(spec: ModelSpec, registry: Registry) -> dict[str, Any]:
    """What the registry knows of one model, reading the GGUF header when it is installed."""
    row: dict[str, Any] = {
        "id": spec.name,
        "name": spec.name,
        "backend": spec.backend,
        "source": spec.source,
        "installed": spec.is_available(),
        "quantization": None,
        "size_mb": None,
        "parameters": None,
        "context": None,
        "architecture": None,
        "sha256": spec.sha256 or None,
        "sha256_status": "unpinned" if not spec.sha256 else "not checked",
        "tasks": registry.tasks_using(spec.name),
        "description": spec.description,
    }
    if spec.backend != "llama_cpp" or not row["installed"]:
        return row
    try:
        path = spec.path()
        info = read_info(path)
        actual = file_digest(path)
    except (ModelError, OSError) as error:
        row["sha256_status"] = f"error: {error}"
        return row
    row.update(
        quantization=info.quantization,
        size_mb=round(path.stat().st_size / 1e6, 1),
        parameters=info.parameters,
        context=info.context_length,
        architecture=info.architecture,
        path=str(path),
    )
    if spec.sha256:
        row["sha256_status"] = "ok" if actual == spec.sha256 else "MISMATCH"
    else:
        row["sha256"] = actual
    return row


def _millions(count: int | None) -> str:
    return f"{count / 1e6:.0f}M" if count else ""


def register(cli: click.Group) -> None:
    """Add the ``models`` group."""

    @cli.group()
    def models() -> None:
        """The model registry: what can run, on which backend, for which task."""

    @models.command("list")
    @json_option
    @click.pass_obj
    def list_(app: App, as_json: bool) -> None:
        """Every registered model with its quantization, size and integrity."""
        registry = app.registry
        rows = [describe(spec, registry) for spec in registry.specs.values()]
        if as_json:
            print_json(rows)
            return
        print_table(
            "models",
            ["name", "backend", "quant", "size MB", "params", "context", "sha256", "tasks"],
            [
                (
                    row["name"],
                    row["backend"],
                    row["quantization"] or ("" if row["installed"] else "not installed"),
                    row["size_mb"],
                    _millions(row["parameters"]),
                    row["context"],
                    row["sha256_status"],
                    ", ".join(row["tasks"]),
                )
                for row in rows
            ],
        )

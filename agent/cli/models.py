"""``mailagent models``: the model registry, integrity checks, adding and quantizing models."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from agent.app import App
from agent.cli.output import json_option, print_json, print_table
from agent.config_write import add_model_entry, file_to_edit
from agent.sweep import saved_choice
from models.errors import IntegrityError, ModelError, ModelUnavailableError
from models.gguf_meta import read_info
from models.integrity import file_digest
from models.lora import entry_keys
from models.quantize import QUANT_TYPES, default_output, is_quantized, quantize
from models.registry import ModelSpec, Registry
from models.runtime import physical_cores


def describe(spec: ModelSpec, registry: Registry) -> dict[str, Any]:
    """What the registry knows of one model and its adapter, reading what is installed,
    and the quantization its latest ``bench --sweep`` chose."""
    row = describe_file(spec, registry)
    if spec.lora:
        row.update(spec.lora.described(row["sha256"]))
    row["measured_choice"] = saved_choice(spec.name, row["sha256"])
    return row


def _measured(choice: dict[str, Any] | None) -> str:
    """The sweep's choice as the models table shows it."""
    if choice is None:
        return ""
    return f"{choice['type']} (±{choice['tolerance']:g})" + (
        "" if choice["current"] else ", of another file"
    )


def describe_file(spec: ModelSpec, registry: Registry) -> dict[str, Any]:
    """What the registry knows of one model, reading the GGUF header when it is installed."""
    row: dict[str, Any] = {
        "id": spec.name,
        "name": spec.name,
        "backend": spec.backend,
        "source": spec.source,
        "path": None,
        "installed": spec.is_available(),
        "quantization": None,
        "size_mb": None,
        "parameters": None,
        "context": None,
        "architecture": None,
        "chat_template": None,
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
        chat_template=bool(info.chat_template),
        path=str(path),
    )
    if spec.sha256:
        row["sha256_status"] = "ok" if actual == spec.sha256 else "MISMATCH"
    else:
        row["sha256"] = actual
    return row


def describe_served(spec: ModelSpec, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` completed with what the Ollama server says about the model."""
    from models.backends.ollama import OllamaBackend

    row.update(host=spec.host, tag=spec.tag, allow_remote=spec.allow_remote)
    try:
        backend = OllamaBackend(spec)
    except IntegrityError as error:
        return {**row, "sha256_status": f"MISMATCH: {error}"}
    except ModelError as error:
        return {**row, "installed": False, "sha256_status": f"error: {error}"}
    try:
        row.update(backend.show(), installed=True, sha256=backend.digest)
    finally:
        backend.close()
    row["sha256_status"] = "ok" if spec.sha256 else "unpinned"
    return row


def check(spec: ModelSpec) -> dict[str, Any]:
    """Hash a model's file again (never from the cache) and compare it with its pin."""
    row: dict[str, Any] = {"name": spec.name, "source": spec.source, "expected": spec.sha256}
    try:
        if spec.backend == "ollama":
            from models.backends.ollama import OllamaBackend

            backend = OllamaBackend(spec)
            backend.close()
            actual = backend.digest
        else:
            actual = file_digest(spec.path(), refresh=True)
            if spec.lora:
                spec.lora.verify(refresh=True)
    except IntegrityError as error:
        return {**row, "status": "MISMATCH", "detail": str(error)}
    except ModelUnavailableError as error:
        return {**row, "status": "not installed", "detail": str(error)}
    except (ModelError, OSError) as error:
        return {**row, "status": "error", "detail": str(error)}
    status = ("ok" if actual == spec.sha256 else "MISMATCH") if spec.sha256 else "unpinned"
    detail = f"expected {spec.sha256}, found {actual}" if status == "MISMATCH" else ""
    return {**row, "status": status, "actual": actual, "detail": detail}


def register_file(app: App, path: Path, name: str, lora: dict[str, Any] | None = None) -> None:
    """Pin the GGUF at ``path`` (and ``lora``'s keys) under ``name`` in the user's config file."""
    info = read_info(path)
    digest = file_digest(path)
    target = file_to_edit(app.loaded[1])
    add_model_entry(target, name, {"path": str(path), "sha256": digest, **(lora or {})})
    size = path.stat().st_size / 1e6
    click.echo(
        f"registered {name} in {target}: {info.architecture}, {info.quantization}, "
        f"{size:.1f} MB, sha256 {digest}"
    )
    if lora:
        click.echo(f"with the LoRA adapter {lora['lora']}, sha256 {lora['lora_sha256']}")
    click.echo(f'Name it in [tasks] to use it, e.g. classify = ["{name}"]')


def _unused_name(app: App, name: str) -> str:
    if name in app.registry.specs:
        raise click.ClickException(f"a model named {name!r} is registered already; use --name")
    return name


def _millions(count: int | None) -> str:
    return f"{count / 1e6:.0f}M" if count else ""


@click.group()
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
        [
            *("name", "backend", "quant", "size MB", "params", "context", "sha256", "tasks"),
            "measured choice",
        ],
        [
            (
                row["name"],
                row["backend"],
                row["quantization"] or ("" if row["installed"] else "not installed"),
                row["size_mb"],
                _millions(row["parameters"]),
                row["context"],
                row["sha256_status"]
                + (f", lora {row['lora_sha256_status']}" if "lora" in row else ""),
                ", ".join(row["tasks"]),
                _measured(row["measured_choice"]),
            )
            for row in rows
        ],
    )


@models.command()
@click.argument("name")
@json_option
@click.pass_obj
def info(app: App, name: str, as_json: bool) -> None:
    """Everything about one model: source, metadata, integrity, tasks."""
    spec = app.registry.get(name)
    row = describe(spec, app.registry)
    if spec.backend == "ollama":
        row = describe_served(spec, row)
    row["n_ctx"] = app.pool.n_ctx_for(spec)
    if as_json:
        print_json(row)
        return
    for key, value in row.items():
        if key != "id":
            shown = ", ".join(value) if isinstance(value, list) else value
            click.echo(f"{key + ':':<15}{'' if shown is None else shown}")


@models.command()
@json_option
@click.pass_obj
def verify(app: App, as_json: bool) -> None:
    """Hash every registered model again; exit 1 if any differs from its pinned sha256."""
    rows = [check(spec) for spec in app.registry.specs.values()]
    if as_json:
        print_json(rows)
    else:
        print_table(
            "verify",
            ["name", "status", "source", "detail"],
            [(row["name"], row["status"], row["source"], row["detail"]) for row in rows],
        )
    failed = [row["name"] for row in rows if row["status"] in ("MISMATCH", "error")]
    if failed:
        raise click.ClickException(f"verification failed for {', '.join(failed)}")


@models.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", help="Registry name (default: the file name).")
@click.option(
    "--lora",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A GGUF LoRA adapter to apply as the model loads (its sha256 is pinned too).",
)
@click.option("--lora-scale", type=float, default=1.0, show_default=True)
@click.pass_obj
def add(app: App, path: Path, name: str | None, lora: Path | None, lora_scale: float) -> None:
    """Register a GGUF file (with a LoRA adapter): pin its sha256, add [models.NAME]."""
    keys = entry_keys(lora.resolve(), lora_scale) if lora else None
    register_file(app, path.resolve(), _unused_name(app, name or path.stem.lower()), keys)


@models.command("quantize")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--type",
    "quant_type",
    type=click.Choice(list(QUANT_TYPES)),
    required=True,
    help="The precision to quantize to.",
)
@click.option("--name", help="Registry name (default: the output file name).")
@click.option(
    "--requantize",
    is_flag=True,
    help="Allow an already quantized SOURCE: llama.cpp requantizes its weights, which "
    "cannot recover the precision they lost.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write it (default: next to SOURCE, named after the type).",
)
@click.pass_obj
def quantize_(
    app: App,
    source: Path,
    quant_type: str,
    name: str | None,
    requantize: bool,
    output: Path | None,
) -> None:
    """Quantize an F32/F16/BF16 GGUF (or, with --requantize, a quantized one) with
    llama.cpp's quantizer and register the result. --type F16 unpacks a quantized file:
    the same weights up to F16 rounding, larger, and on some CPUs faster."""
    target = (output or default_output(source, quant_type)).resolve()
    name = _unused_name(app, name or target.stem.lower())
    threads = app.config.inference.threads or physical_cores()
    click.echo(f"quantizing {source} to {quant_type} ...")
    if requantize and is_quantized(source):
        click.echo(
            f"{source} is {read_info(source).quantization}: requantizing cannot recover the "
            "precision it lost"
        )
    written = quantize(source.resolve(), target, quant_type, threads, requantize)
    register_file(app, written, name)


def register(cli: click.Group) -> None:
    """Add the ``models`` group."""
    cli.add_command(models)

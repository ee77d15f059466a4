"""``mailagent bench --sweep``: one model at several quantization types, on labelled mail.

Each type is quantized once into the data directory (``models.quant_cache``) and benched in
a child process of its own, as ``bench --models`` does with several models: its load time
and peak RSS are then that type's alone, not what earlier types left in the process.
"""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from agent.app import App
from agent.cli.bench import run_in_app
from agent.cli.output import print_json, print_table
from agent.sweep import TASKS, choose, fastest, requantize_note, save
from models.gguf_meta import read_info
from models.integrity import file_digest, verify
from models.quant_cache import Copy, quantized_copy
from models.quantize import is_quantized
from models.runtime import physical_cores


def measure_type(
    config_path: str | None, model: str, copy: Copy, sha256: str, bench_args: tuple[Any, ...]
) -> dict[str, Any]:
    """Bench ``copy`` of ``model`` in a fresh App: its load time and ``bench``'s figures.

    ``bench_args`` are :func:`agent.cli.bench.run_in_app`'s from the folder to the split. The
    copy runs as ``model`` is configured (context, offload, adapter), under a name of its
    own, pinned to ``sha256``.
    """
    app = App(config_path)
    try:
        name = f"{model}-{copy.quant_type.lower()}"
        spec = replace(
            app.registry.get(model),
            name=name,
            locate=lambda: copy.path,
            sha256=sha256,
            source=str(copy.path),
            installed=None,
        )
        app.registry.specs[name] = spec
        started = time.perf_counter()
        app.pool.backend(spec)
        load_s = round(time.perf_counter() - started, 2)
        folder, train_dir, folds, seed, classifiers, split = bench_args
        figures = run_in_app(None, name, folder, train_dir, folds, seed, classifiers, split, app)
        return {"load_s": load_s, "bench": figures}
    finally:
        app.close()


def _in_child_process(app: App, *args: Any) -> dict[str, Any]:
    """:func:`measure_type` in a child process of its own; ``args`` after the config path."""
    config_path = str(app.config_path) if app.config_path else None
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as executor:
        return executor.submit(measure_type, config_path, *args).result()


def _row(copy: Copy, measured: dict[str, Any]) -> dict[str, Any]:
    """One type's line of the sweep."""
    figures = measured["bench"]
    return {
        "type": copy.quant_type,
        "file": str(copy.path),
        "size_mb": round(copy.path.stat().st_size / 1e6, 1),
        "quantize_s": copy.quantize_s,
        "load_s": measured["load_s"],
        "tokens_per_second": figures["tokens_per_second"],
        "messages_per_second": figures["messages_per_second"],
        "peak_rss_mb": figures["peak_rss_mb"],
        "classify": {
            "macro_f1": figures["macro_f1"],
            "junk_accuracy": figures["junk_accuracy"],
            "accuracy": figures["accuracy"],
        },
        "bench": figures,
    }


def run_sweep(
    app: App,
    model: str,
    types: list[str],
    tolerance: float,
    bench_args: tuple[Any, ...],
    as_json: bool,
) -> None:
    """Quantize ``model`` to each of ``types``, bench each, print, choose and save."""
    started = time.perf_counter()
    spec = app.registry.get(model)
    if spec.backend != "llama_cpp":
        raise click.UsageError(f"--sweep quantizes a GGUF file; {model} runs on {spec.backend}")
    source = spec.path()
    sha256 = verify(source, spec.sha256)
    precision = read_info(source).quantization
    note = requantize_note(model, precision) if is_quantized(source) else ""
    verb = "requantizing" if note else "quantizing"
    threads = app.config.inference.threads or physical_cores()
    rows = []
    for quant_type in types:
        click.echo(f"{quant_type}: {verb} {model} ({precision}) ...", err=True)
        copy = quantized_copy(source, sha256, quant_type, threads)
        read_info(copy.path)  # as bench.metadata_read_here does, for the child's peak RSS
        click.echo(f"{quant_type}: benching {copy.path.name} ...", err=True)
        measured = _in_child_process(app, model, copy, file_digest(copy.path), bench_args)
        rows.append(_row(copy, measured))
    first = rows[0]["bench"]
    result: dict[str, Any] = {
        "model": model,
        "source": {"path": str(source), "sha256": sha256, "quantization": precision},
        "requantized": bool(note),
        "note": note,
        "folder": str(bench_args[0]),
        "mode": first["mode"],
        "messages": first["messages"],
        "tasks": TASKS,
        "tolerance": tolerance,
        "types": rows,
        "choice": choose(rows, tolerance),
        "fastest": fastest(rows, tolerance),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 1),
    }
    result["saved"] = str(save(result))
    if as_json:
        print_json(result)
    else:
        show(result)


def show(result: dict[str, Any]) -> None:
    """The sweep as one table, with the choice and what was not measured."""
    choice = result["choice"]
    print_table(
        f"{result['model']} ({result['source']['quantization']}): {result['messages']} "
        f"messages, {result['mode']}",
        [
            *("type", "size MB", "quantize s", "load s", "tokens/s", "msg/s", "peak RSS MB"),
            *("classify macro-F1", "junk-vs-legit", "choice"),
        ],
        [
            (
                row["type"],
                f"{row['size_mb']:.1f}",
                "cached" if row["quantize_s"] is None else f"{row['quantize_s']:.1f}",
                f"{row['load_s']:.2f}",
                f"{row['tokens_per_second']:.0f}",
                f"{row['messages_per_second']:.2f}",
                f"{row['peak_rss_mb']:.0f}",
                f"{row['classify']['macro_f1']:.3f}",
                f"{row['classify']['junk_accuracy']:.3f}",
                "chosen" if row["type"] == choice else "",
            )
            for row in result["types"]
        ],
    )
    chosen = next(row for row in result["types"] if row["type"] == choice)
    click.echo(
        f"chosen: {choice}, the smallest file within {result['tolerance']:g} of the best "
        f"macro-F1 and of the best junk-vs-legit accuracy ({Path(chosen['file'])}).\n"
        f"fastest within the same tolerance: {result['fastest']} (the cheapest per message "
        "on this machine, measured under its current load).\n"
        f"drafting: {result['tasks']['draft']}.\n"
        f"{result['seconds']:.0f} s in all; saved to {result['saved']} "
        "(mailagent models list shows the choice)."
    )
    if result["note"]:
        click.echo(result["note"])

"""``mailagent bench``: classification quality and speed on a labelled folder."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import click

from agent.app import App
from agent.bench import bench_model, from_starter, read_labelled, shifted
from agent.cli.output import print_json, print_table, progress_bar
from agent.splits import SPLITS
from models.gguf_meta import read_info
from models.quantize import QUANT_TYPES, UNPACKED


def run_in_app(
    config_path: str | None,
    model_name: str,
    test_dir: Path,
    train_dir: Path | None,
    folds: int,
    seed: int,
    classifiers: list[str] | None,
    split: str = "k-fold",
    app: App | None = None,
    show_progress: bool = False,
) -> dict[str, Any]:
    """Bench one model; with no ``app``, in a fresh one (in a child process, for its RSS)."""
    own = app is None
    app = app or App(config_path)
    try:
        config = app.config
        categories = list(config.categories)
        test = read_labelled(test_dir, categories)
        train = read_labelled(train_dir, categories) if train_dir else None
        mode, per_label = "train/test", None
        if split == "starter":
            train, test, per_label = from_starter(test, categories)
            mode = split
        elif split != "k-fold":
            train, test, per_label = shifted(test_dir, test, split)
            mode = split
        pm = app.pm
        blocked = []
        if classifiers is not None:
            for impl in pm.hook.classify.get_hookimpls():
                if impl.plugin_name not in classifiers:
                    blocked.append((impl.plugin_name, pm.unregister(name=impl.plugin_name)))
        try:
            with progress_bar(not show_progress) as progress:
                task = progress.add_task(model_name, total=None)

                def stage(name: str, total: int) -> None:
                    progress.reset(task, total=total, description=f"{model_name}: {name}")

                result = bench_model(
                    config,
                    pm,
                    app.registry,
                    model_name,
                    test,
                    train,
                    folds=folds,
                    seed=seed,
                    mode=mode,
                    pool=None if own else app.pool,
                    progress=stage,
                    step=lambda: progress.advance(task),
                )
                if per_label is not None:
                    result["split"] = {"train": len(train or []), "per_label": per_label}
                return result
        finally:
            for name, plugin in blocked:
                pm.register(plugin, name=name)
    finally:
        if own:
            app.close()


@click.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--train",
    "train_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Learn examples from this labelled folder and measure on FOLDER.",
)
@click.option(
    "--split",
    type=click.Choice(SPLITS),
    default="k-fold",
    show_default=True,
    help="k-fold inside FOLDER; by-source: train on one source or period of each label, "
    "test on another (the figure to report); validation: a frozen split of by-source's "
    "training side, for design choices (never the result); starter: learn only the bundled "
    "starter set and test on all of FOLDER, as a new install. See agent/splits.py.",
)
@click.option("--models", help="Comma-separated classify models (default: the task's).")
@click.option(
    "--classifiers", help="Comma-separated classify plugins to run (default: all enabled)."
)
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Shuffles the k-fold split; other seeds show how much the figures vary by split.",
)
@click.option(
    "--sweep",
    metavar="MODEL",
    help="Quantize the registered GGUF MODEL to each of --types and bench each type in a "
    "process of its own: one table, and the cheapest type within --tolerance of the best, "
    "saved for `mailagent models list`. See docs/benchmarks.md.",
)
@click.option(
    "--types",
    default=",".join(name for name in QUANT_TYPES if name != UNPACKED),
    show_default=True,
    help=f"Comma-separated quantization types for --sweep ({UNPACKED} too when named).",
)
@click.option(
    "--tolerance",
    type=click.FloatRange(min=0),
    default=0.02,
    show_default=True,
    help="--sweep chooses the smallest type within this much of the best macro-F1 and "
    "of the best junk-vs-legit accuracy.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.pass_obj
def bench(
    app: App,
    folder: Path,
    train_dir: Path | None,
    split: str,
    models: str | None,
    classifiers: str | None,
    folds: int,
    seed: int,
    sweep: str | None,
    types: str,
    tolerance: float,
    as_json: bool,
) -> None:
    """Measure classification on a labelled folder: FOLDER/<category>/*.eml.

    Prints accuracy, macro-F1, per-label precision and recall, the confusion matrix,
    junk (spam + phishing) versus legitimate accuracy, latency, throughput, peak
    memory, the cost per message (CPU and wall time, energy where the platform reports
    it, the price of 1,000 messages at [costs] cpu_hour), and each classifier's own
    figures. With --train, examples are learned from
    that folder; without it, by --split inside FOLDER: k-fold cross-validation, or a
    split by source or time (read from FOLDER/MANIFEST.txt, else the Date headers),
    or from the bundled starter set alone (--split starter: what a new install gets).
    Your database is not touched. With --sweep MODEL, the same figures for MODEL at
    each quantization type of --types, in one table.
    """
    if train_dir and split != "k-fold":
        raise click.UsageError("--train and --split exclude each other")
    only = _listed(classifiers)
    if sweep:
        from agent.cli.sweep import run_sweep  # it runs each type through run_in_app

        if models:
            raise click.UsageError("--sweep and --models exclude each other")
        bench_args = (folder, train_dir, folds, seed, only, split)
        run_sweep(app, sweep, _quant_types(types), tolerance, bench_args, as_json)
        return
    names = _listed(models) or [app.registry.spec_for_task("classify").name]
    for name in names:
        app.registry.get(name)
    if len(names) == 1:
        results = [
            run_in_app(
                None, names[0], folder, train_dir, folds, seed, only, split, app, not as_json
            )
        ]
    else:
        results = _in_child_processes(app, names, folder, train_dir, folds, seed, only, split)
    if as_json:
        print_json(results[0] if len(results) == 1 else {"models": results})
        return
    for result in results:
        show(result)


def _listed(names: str | None) -> list[str] | None:
    """The names of a comma-separated option, or None when it is not given."""
    return [name.strip() for name in names.split(",")] if names else None


def _quant_types(listed: str) -> list[str]:
    """The types of ``--types``, each one :func:`models.quantize.quantize` offers."""
    types = [name.strip().upper() for name in listed.split(",") if name.strip()]
    unknown = [name for name in types if name not in QUANT_TYPES]
    if unknown or not types:
        raise click.BadParameter(
            f"{', '.join(unknown) or 'none given'}; choose among {', '.join(QUANT_TYPES)}",
            param_hint="--types",
        )
    return types


def _in_child_processes(app: App, names: list[str], *bench_args: Any) -> list[dict[str, Any]]:
    """Bench each model of ``names`` in a child process of its own, so each one's peak RSS
    is its own; ``bench_args`` are :func:`run_in_app`'s after the model's name."""
    context = multiprocessing.get_context("spawn")
    config_path = str(app.config_path) if app.config_path else None
    results = []
    for name in names:
        metadata_read_here(app, name)
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as executor:
            results.append(executor.submit(run_in_app, config_path, name, *bench_args).result())
    return results


def metadata_read_here(app: App, name: str) -> None:
    """Read model ``name``'s GGUF metadata in this process, so the child that benches it
    finds it cached: a file's first reading (its tokenizer tables: Gemma's 262k tokens)
    takes some 0.6 GB for a moment, which is not what running the model costs."""
    spec = app.registry.get(name)
    if spec.backend == "llama_cpp":
        read_info(spec.path())


def register(cli: click.Group) -> None:
    """Add the ``bench`` command."""
    cli.add_command(bench)


def show(result: dict[str, Any]) -> None:
    """One model's figures as tables."""
    _show_summary(result)
    _show_tables(result)


def _show_summary(result: dict[str, Any]) -> None:
    """The headline figures and the cost per message, as lines."""
    click.echo(
        f"\n{result['model']}: {result['messages']} messages, {result['mode']}"
        + (f", trained on {result['split']['train']}" if "split" in result else "")
        + "\n"
        f"accuracy {result['accuracy']:.3f}  macro-F1 {result['macro_f1']:.3f}  "
        f"junk-vs-legit {result['junk_accuracy']:.3f}  "
        f"latency p50 {result['latency_ms']['p50']:.0f} ms p95 "
        f"{result['latency_ms']['p95']:.0f} ms  {result['messages_per_second']:.2f} msg/s  "
        f"{result['tokens_per_second']:.0f} tokens/s embedding  "
        f"peak RSS {result['peak_rss_mb']:.0f} MB  "
        f"learned combination on {result['learned_combination']:.0%} of verdicts, "
        f"{result['settled_without_model']:.0%} settled without the model"
    )
    cost = result["cost"]
    energy = cost["energy_j_per_message"]
    click.echo(
        f"cost per message: {cost['cpu_s_per_message']:.3f} CPU s, "
        f"{cost['wall_s_per_message']:.3f} s wall, "
        f"energy {'none reported' if energy is None else f'{energy} J'}; "
        f"{cost['cost_per_1000']:.4f} per 1,000 messages at {cost['cpu_hour']:g} per CPU-hour"
    )


def _show_tables(result: dict[str, Any]) -> None:
    """Per label, the confusion matrix, by confidence, and each classifier alone."""
    print_table(
        "per label",
        ["label", "precision", "recall", "F1", "support"],
        [
            (label, f"{v['precision']:.2f}", f"{v['recall']:.2f}", f"{v['f1']:.2f}", v["support"])
            for label, v in result["per_label"].items()
        ],
    )
    labels = list(result["confusion"])
    columns = [*labels, "none"]
    print_table(
        "confusion (rows: true label, columns: verdict)",
        ["", *columns],
        [(label, *(result["confusion"][label][c] for c in columns)) for label in labels],
    )
    print_table(
        "verdicts at or above a confidence (what a rule's min_confidence acts on)",
        ["min_confidence", "messages", "of them right", "legitimate called junk"],
        [
            (
                f"{row['min_confidence']:.1f}",
                f"{row['share']:.0%}",
                f"{row['accuracy']:.1%}",
                row["legit_as_junk"],
            )
            for row in result["by_confidence"]
        ],
    )
    print_table(
        "each classifier alone",
        ["classifier", "accuracy", "macro-F1", "junk-vs-legit", "voted"],
        [
            (
                name,
                f"{v['accuracy']:.3f}",
                f"{v['macro_f1']:.3f}",
                f"{v['junk_accuracy']:.3f}",
                f"{v['voted']:.0%}",
            )
            for name, v in result["classifiers"].items()
        ],
    )

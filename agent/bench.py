"""``mailagent bench``: how well, and how fast, mail is classified on a labelled folder.

Each message of ``DIR/<category>/*.eml`` is classified by every enabled classifier and their
votes combined, exactly as the pipeline does, against examples learned from ``--train`` or,
without it, from the other folds of a stratified k-fold split of ``DIR``, or from the other
side of a split by source or time (``--split``, ``agent.splits``). Nothing touches the
user's database: examples live in memory and the pipeline gets a temporary database.

Each message is embedded once. Its latency is what classifying it costs from scratch: the
embedding plus every classifier's vote and the combination; its CPU time and energy
(``agent.costs``) are measured over the same work. Tokens per second are those the
model read while embedding (up to the embedding's layer). Peak RSS is the process's.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pluggy

from agent.combine import JUNK
from agent.config import Config
from agent.costs import TaskCost, Usage, metered, peak_rss_mb
from agent.examples import Example, ExampleSet
from agent.learning import STARTER, labelled_files, make_example
from agent.message import Message, Origin, RawMessage
from agent.parse import parse
from agent.pipeline import Pipeline
from agent.splits import Item, read_origins, split, stratified_folds
from models.registry import Registry
from models.runtime import ModelHandle, ModelPool
from models.tasks import TaskModels
from storage.config import StorageConfig
from storage.db import Database


@dataclass
class Labelled:
    """A message of the benchmark folder with its true label."""

    label: str
    message: Message
    path: Path
    source: str = "learned"
    """What the pipeline would take it for as an example (``agent.examples.Example``)."""


def read_labelled(root: Path, categories: Sequence[str], source: str = "learned") -> list[Labelled]:
    """Every ``root/<category>/*.eml``, parsed; as examples, of ``source``."""
    return [
        Labelled(
            label, parse(RawMessage(path.read_bytes(), Origin("bench", str(root)))), path, source
        )
        for label, path in labelled_files(root, categories)
    ]


def shifted(
    root: Path, items: list[Labelled], name: str
) -> tuple[list[Labelled], list[Labelled], dict[str, Any]]:
    """The train and test messages of ``items`` (read from ``root``) for a ``--split`` of
    ``agent.splits`` other than k-fold, and what each label trained and tested on."""
    described = [Item(item.label, item.path, item.message.date) for item in items]
    train, test, per_label = split(described, read_origins(root), name)
    return [items[i] for i in train], [items[i] for i in test], per_label


def from_starter(
    test: list[Labelled], categories: Sequence[str]
) -> tuple[list[Labelled], list[Labelled], dict[str, Any]]:
    """``--split starter``: the bundled starter set to learn (as a new install does) and all
    of ``test`` to test, with what each label trained and tested on."""
    train = read_labelled(STARTER, categories, source="starter")
    per_label: dict[str, Any] = {
        label: {
            "by": "starter",
            "train": sum(item.label == label for item in train),
            "test": sum(item.label == label for item in test),
        }
        for label in categories
    }
    return train, test, per_label


def scores(truth: Sequence[str], predicted: Sequence[str | None], labels: Sequence[str]) -> dict:
    """Accuracy, macro-F1, per-label precision/recall/F1, confusion, junk accuracy.

    A missing prediction (no classifier voted) counts as wrong everywhere.
    """
    n = len(truth)
    confusion = {t: {p: 0 for p in [*labels, "none"]} for t in labels}
    for t, p in zip(truth, predicted, strict=True):
        confusion[t][p if p is not None and p in labels else "none"] += 1
    per_label = {}
    for label in labels:
        tp = confusion[label][label]
        fp = sum(confusion[t][label] for t in labels if t != label)
        fn = sum(confusion[label].values()) - tp
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": tp + fn,
        }
    present = [label for label in labels if per_label[label]["support"]]
    junk_right = sum(
        p is not None and (t in JUNK) == (p in JUNK) for t, p in zip(truth, predicted, strict=True)
    )
    return {
        "accuracy": round(sum(t == p for t, p in zip(truth, predicted, strict=True)) / n, 4),
        "macro_f1": round(float(np.mean([per_label[x]["f1"] for x in present])), 4),
        "junk_accuracy": round(junk_right / n, 4),
        "per_label": per_label,
        "confusion": confusion,
    }


CONFIDENCE_LEVELS = (0.5, 0.7, 0.8, 0.9)
"""Where :func:`by_confidence` reports, to help choose a rule's ``min_confidence``."""


def by_confidence(
    truth: Sequence[str], predicted: Sequence[str | None], confidence: Sequence[float]
) -> list[dict[str, float]]:
    """At each of :data:`CONFIDENCE_LEVELS`: the share of messages classified at least that
    confidently (what a rule with that ``min_confidence`` acts on), how many of those
    verdicts are right, and how many legitimate messages they call junk."""
    rows = []
    for level in CONFIDENCE_LEVELS:
        chosen = [
            (t, p) for t, p, c in zip(truth, predicted, confidence, strict=True) if c >= level
        ]
        rows.append(
            {
                "min_confidence": level,
                "share": round(len(chosen) / len(truth), 4) if truth else 0.0,
                "accuracy": round(sum(t == p for t, p in chosen) / len(chosen), 4)
                if chosen
                else 0.0,
                "legit_as_junk": sum(t not in JUNK and p in JUNK for t, p in chosen),
            }
        )
    return rows


def bench_model(
    config: Config,
    pm: pluggy.PluginManager,
    registry: Registry,
    model_name: str,
    test: list[Labelled],
    train: list[Labelled] | None,
    *,
    folds: int = 5,
    seed: int = 0,
    mode: str = "train/test",
    pool: ModelPool | None = None,
    progress: Callable[[str, int], None] = lambda stage, total: None,
    step: Callable[[], None] = lambda: None,
) -> dict[str, Any]:
    """The figures of one classify model on ``test`` (k-fold when ``train`` is None).

    ``mode`` names how ``train`` was chosen, for the report.
    """
    with tempfile.TemporaryDirectory(prefix="mailagent-bench-") as scratch:
        db = Database(StorageConfig(url=f"sqlite:///{Path(scratch) / 'bench.db'}"))
        own_pool = pool is None
        pool = pool or ModelPool(config.inference)
        try:
            models = TaskModels(registry, pool, config.inference)
            models.pin("classify", model_name)
            pipeline = Pipeline(config, pm, db, models)
            return measure(
                pipeline,
                test,
                train,
                folds=folds,
                seed=seed,
                mode=mode,
                progress=progress,
                step=step,
            )
        finally:
            db.close()
            if own_pool:
                pool.close()


def measure(
    pipeline: Pipeline,
    test: list[Labelled],
    train: list[Labelled] | None,
    *,
    folds: int = 5,
    seed: int = 0,
    mode: str = "train/test",
    progress: Callable[[str, int], None] = lambda stage, total: None,
    step: Callable[[], None] = lambda: None,
) -> dict[str, Any]:
    """:func:`bench_model`'s figures, with ``pipeline`` (on a scratch database).

    The classify model's handle keeps the embeddings it made, so measuring again with the
    same pipeline (another split, another ``pipeline.config``) embeds nothing twice; its
    latency figures are then not a message's cost from scratch.
    """
    model = pipeline.models.handle("classify")
    model.embed("warm up")  # load both instances before timing anything

    items = (train or []) + test
    progress("embedding", len(items))
    examples, embedding, tokens_per_second = _embed(model, items, step)
    if train is not None:
        train_examples = examples[: len(train)]
        sets = [ExampleSet.of(train_examples, model.name, model.sha256)] * len(test)
    else:
        sets = _fold_sets(model, test, examples, folds, seed)

    progress("classifying", len(test))
    run = _classify(pipeline, test, sets, embedding[len(train or []) :], step)

    labels = list(pipeline.config.categories)
    truth = [item.label for item in test]
    result: dict[str, Any] = {"model": model.name, "messages": len(test)}
    result["mode"] = mode if train is not None else f"{folds}-fold, seed {seed}"
    result.update(scores(truth, run.predicted, labels))
    result["by_confidence"] = by_confidence(truth, run.predicted, run.confidence)
    result["learned_combination"] = round(run.learned / len(test), 4)
    result["settled_without_model"] = round(run.settled / len(test), 4)
    result.update(_speed(run, pipeline.config.costs.cpu_hour))
    result["tokens_per_second"] = tokens_per_second
    result["classifiers"] = _each_classifier(truth, run.per_plugin, labels)
    return result


@dataclass
class _Run:
    """What classifying the test messages gave: each verdict, and what it cost."""

    predicted: list[str | None]
    confidence: list[float]
    per_plugin: dict[str, list[str | None]]
    latency: list[float]
    spent: Usage
    learned: int = 0
    settled: int = 0


def _embed(
    model: ModelHandle, items: list[Labelled], step: Callable[[], None]
) -> tuple[list[Example], list[Usage], float]:
    """Each item as an example, with what embedding it cost, and the tokens per second
    the model read while embedding them (cached embeddings are no call, and not counted)."""
    examples: list[Example] = []
    embedding: list[Usage] = []
    with model.recording() as calls:
        for item in items:
            with metered() as usage:
                examples.append(make_example(item.message, item.label, model, item.source))
            embedding.append(usage)
            step()
    embedded = [call for call in calls if call.kind == "embed"]
    seconds = sum(call.latency_ms for call in embedded) / 1000
    tokens = sum(call.tokens_in for call in embedded)
    return examples, embedding, round(tokens / seconds, 1) if seconds else 0.0


def _fold_sets(
    model: ModelHandle, test: list[Labelled], examples: list[Example], folds: int, seed: int
) -> list[ExampleSet]:
    """For each test message, the examples of the other folds of a stratified split."""
    fold_of = stratified_folds([item.label for item in test], folds, seed)
    by_fold = {
        fold: ExampleSet.of(
            [e for e, f in zip(examples, fold_of, strict=True) if f != fold],
            model.name,
            model.sha256,
        )
        for fold in range(folds)
    }
    return [by_fold[fold] for fold in fold_of]


def _classify(
    pipeline: Pipeline,
    test: list[Labelled],
    sets: list[ExampleSet],
    embedding: list[Usage],
    step: Callable[[], None],
) -> _Run:
    """Classify each test message against its example set, timing it from scratch."""
    run = _Run(
        predicted=[],
        confidence=[],
        per_plugin=defaultdict(lambda: [None] * len(test)),
        latency=[],
        spent=Usage(energy_uj=0),
    )
    for index, (item, example_set) in enumerate(zip(test, sets, strict=True)):
        with metered() as usage:
            calls, classification = pipeline.classifying.classify(item.message, example_set)
        # A message settled without the model costs no embedding.
        settled_now = bool(classification and classification.settled)
        embedded = Usage(energy_uj=0) if settled_now else embedding[index]
        run.latency.append(embedded.wall_ms + usage.wall_ms)
        run.spent = run.spent.plus(usage).plus(embedded)
        run.settled += settled_now
        run.predicted.append(classification.category if classification else None)
        run.confidence.append(classification.confidence if classification else 0.0)
        run.learned += bool(classification and pipeline.classifying.combiner(example_set))
        for call in calls:
            vote = call.output
            run.per_plugin[call.plugin][index] = vote.category if vote else None
        step()
    return run


def _speed(run: _Run, cpu_hour: float) -> dict[str, Any]:
    """Latency, throughput, peak memory and the cost per message of ``run``."""
    count = len(run.predicted)
    latency = run.latency
    cost = TaskCost.of(
        "classify", count, run.spent.cpu_ms, sum(latency), run.spent.energy_uj, cpu_hour
    )
    return {
        "latency_ms": {
            "p50": round(float(np.percentile(latency, 50)), 1),
            "p95": round(float(np.percentile(latency, 95)), 1),
        },
        "messages_per_second": round(count / (sum(latency) / 1000), 2),
        "peak_rss_mb": peak_rss_mb(),
        "cost": {"cpu_hour": cpu_hour, **asdict(cost)},
    }


def _each_classifier(
    truth: list[str], per_plugin: dict[str, list[str | None]], labels: list[str]
) -> dict[str, dict[str, float]]:
    """Each classifier's own figures, as if it alone decided."""
    figures = {}
    for plugin, votes in sorted(per_plugin.items()):
        alone = scores(truth, votes, labels)
        figures[plugin] = {
            "accuracy": alone["accuracy"],
            "macro_f1": alone["macro_f1"],
            "junk_accuracy": alone["junk_accuracy"],
            "voted": round(sum(v is not None for v in votes) / len(votes), 4),
        }
    return figures

"""Classifies by comparing the classify model's embedding of a message with labelled examples.

The message (key headers and the start of its new text, followed by a fixed question about
what kind of email it is) is embedded by the task's GGUF model: the mean of its hidden
states over the message and over the question (``agent.examples.embed_message``). A softmax
regression learned from the examples' embeddings gives a
probability for each category; until 30 of the examples are the user's own, it is held close
to the examples' category means (``penalty``). The regression is refit whenever the example
set changes (a few hundred milliseconds for a few thousand examples), so a correction counts
from the next message on. With fewer than ``[plugins.examples] min_examples`` examples (default 2 of
at least 2 categories) it abstains. The evidence names the nearest examples' labels.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from agent.config import Category
from agent.examples import Example, ExampleSet, embed_message
from agent.hookspecs import hookimpl
from agent.message import Message
from agent.regression import SoftmaxRegression, restricted
from agent.results import Vote
from models.runtime import ModelHandle


def _centred(rows: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """``rows`` less ``mean``, each scaled to unit length."""
    shifted = rows - mean
    norms = np.linalg.norm(shifted, axis=-1, keepdims=True)
    return np.asarray(shifted / np.where(norms > 0, norms, 1.0), dtype=np.float32)


def nearest(examples: ExampleSet, vector: np.ndarray, count: int = 3) -> list[tuple[str, float]]:
    """The labels and cosine similarities of the ``count`` most similar examples.

    Similarity is measured around the examples' mean: the raw embeddings share a large common
    part (every pair of them has a cosine near 1), so only what sets a message apart is
    compared.
    """

    def build() -> tuple[np.ndarray, np.ndarray]:
        matrix = examples.matrix()
        mean = matrix.mean(axis=0)
        return mean, _centred(matrix, mean)

    centred = examples.cached("examples.centred", build)
    assert isinstance(centred, tuple)
    mean, matrix = centred
    similarity = matrix @ _centred(vector, mean)
    best = np.argsort(-similarity)[:count]
    return [(examples.examples[i].label, float(similarity[i])) for i in best]


def penalty(examples: ExampleSet, settings: dict[str, Any]) -> float:
    """The regression's L2 penalty: ``l2`` once ``own_examples`` of the examples are the
    user's own, else ``new_install_l2``.

    The starter set is mail written to be clear; fitted closely, the regression trusts its
    every detail and is sure and wrong on real mail. A strong penalty keeps it near the
    examples' category means, and its confidence modest, until the user's own examples
    say more.
    """
    if examples.own >= int(settings.get("own_examples", 30)):
        return float(settings.get("l2", 1e-2))
    return float(settings.get("new_install_l2", 10.0))


def _regression(
    examples: ExampleSet, categories: dict[str, Category], settings: dict[str, Any]
) -> SoftmaxRegression | None:
    """The regression learned from ``examples`` (once per set), or None with too few."""
    usable = [e for e in examples.examples if e.label in categories]
    if len(usable) < int(settings.get("min_examples", 2)) or len({e.label for e in usable}) < 2:
        return None
    regression = examples.cached(
        "examples.regression",
        lambda: SoftmaxRegression(examples.labels, examples.matrix(), penalty(examples, settings)),
    )
    assert isinstance(regression, SoftmaxRegression)
    return regression


@hookimpl
def score_example(
    example: Example,
    examples: ExampleSet,
    categories: dict[str, Category],
    settings: dict[str, Any],
) -> dict[str, float] | None:
    """The regression's probabilities for the example's stored embedding."""
    regression = _regression(examples, categories, settings)
    if regression is None:
        return None
    return restricted(regression.probabilities(example.vector), categories)


@hookimpl
def classify(
    message: Message,
    model: ModelHandle,
    categories: dict[str, Category],
    examples: ExampleSet,
    settings: dict[str, Any],
) -> Vote | None:
    """The category the example embeddings point to, with the regression's probability."""
    regression = _regression(examples, categories, settings)
    if regression is None:
        return None  # too few examples: abstain without loading the model
    if examples.model_sha256 and examples.model_sha256 != model.sha256:
        return None  # embeddings of another model file are not comparable
    vector = embed_message(message, model)
    probabilities = restricted(regression.probabilities(vector), categories)
    category = max(probabilities, key=lambda c: probabilities[c])
    neighbours = ", ".join(
        f"{label} ({similarity:.2f})" for label, similarity in nearest(examples, vector)
    )
    return Vote(
        category=category,
        confidence=round(probabilities[category], 4),
        scores={c: round(p, 4) for c, p in probabilities.items()},
        evidence=[
            f"embedding of {model.name} vs {len(examples)} examples: {category} "
            f"{probabilities[category]:.2f}",
            f"nearest examples: {neighbours}",
        ],
    )

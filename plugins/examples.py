"""Classifies by comparing the classify model's embedding of a message with labelled examples.

The message (key headers and the start of its new text, followed by a fixed question about
what kind of email it is) is embedded by the task's GGUF model: the mean of its hidden
states over the message and over the question (``agent.examples.embed_message``). A softmax
regression learned from the examples' embeddings gives a
probability for each category. The regression is refit whenever the example set changes
(a few hundred milliseconds for a few thousand examples), so a correction counts from the
next message on. With fewer than ``[plugins.examples] min_examples`` examples (default 2 of
at least 2 categories) it abstains. The evidence names the nearest examples' labels.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from agent.config import Category
from agent.examples import ExampleSet, embed_message
from agent.hookspecs import hookimpl
from agent.message import Message
from agent.results import Vote
from models.runtime import ModelHandle


class SoftmaxRegression:
    """A multinomial logistic regression on standardised vectors, with an L2 penalty.

    Fit by accelerated gradient descent (Nesterov's momentum) with the step set from the
    data: one over the gradient's Lipschitz constant, from the largest singular value of
    the standardised examples. A fixed step overshoots on the wide vectors of the embedding
    (2,560 dimensions for Gemma 3 270M), where the fit then depended on the penalty's exact
    value; with this step it converges for any penalty.
    """

    ITERATIONS = 300

    def __init__(self, labels: list[str], vectors: np.ndarray, l2: float = 1e-2) -> None:
        self.classes = sorted(set(labels))
        targets = np.eye(len(self.classes))[[self.classes.index(x) for x in labels]]
        self.mean = vectors.mean(axis=0)
        self.scale = vectors.std(axis=0) + 1e-6
        z = np.hstack([(vectors - self.mean) / self.scale, np.ones((len(labels), 1))])
        penalty = np.full((z.shape[1], 1), l2)
        penalty[-1] = 0.0  # the last column is the bias, which is not penalised
        step = 1.0 / (0.5 * _largest_singular_value(z) ** 2 / len(labels) + l2)
        weights = ahead = np.zeros((z.shape[1], len(self.classes)))
        momentum = 1.0
        for _ in range(self.ITERATIONS):
            gradient = z.T @ (self._softmax(z @ ahead) - targets) / len(labels)
            updated = ahead - step * (gradient + penalty * ahead)
            following = (1 + (1 + 4 * momentum**2) ** 0.5) / 2
            ahead = updated + (momentum - 1) / following * (updated - weights)
            weights, momentum = updated, following
        self.weights, self.bias = weights[:-1], weights[-1]

    @staticmethod
    def _softmax(scores: np.ndarray) -> np.ndarray:
        shifted = np.exp(scores - scores.max(axis=-1, keepdims=True))
        return shifted / shifted.sum(axis=-1, keepdims=True)

    def probabilities(self, vector: np.ndarray) -> dict[str, float]:
        """The probability of each class for one vector."""
        scores = ((vector - self.mean) / self.scale) @ self.weights + self.bias
        return dict(zip(self.classes, self._softmax(scores).tolist(), strict=True))


def _largest_singular_value(matrix: np.ndarray, iterations: int = 30) -> float:
    """The largest singular value of ``matrix`` by power iteration, with a 5% margin above."""
    vector = np.ones(matrix.shape[1]) / np.sqrt(matrix.shape[1])
    value = 0.0
    for _ in range(iterations):
        product = matrix.T @ (matrix @ vector)
        value = float(np.linalg.norm(product))
        if value == 0.0:
            return 0.0
        vector = product / value
    return 1.05 * np.sqrt(value)


def nearest(examples: ExampleSet, vector: np.ndarray, count: int = 3) -> list[tuple[str, float]]:
    """The labels and cosine similarities of the ``count`` most similar examples."""
    matrix = examples.cached("examples.matrix", examples.matrix)
    assert isinstance(matrix, np.ndarray)
    similarity = matrix @ vector
    best = np.argsort(-similarity)[:count]
    return [(examples.examples[i].label, float(similarity[i])) for i in best]


@hookimpl
def classify(
    message: Message,
    model: ModelHandle,
    categories: dict[str, Category],
    examples: ExampleSet,
    settings: dict[str, Any],
) -> Vote | None:
    """The category the example embeddings point to, with the regression's probability."""
    usable = [e for e in examples.examples if e.label in categories]
    if len(usable) < int(settings.get("min_examples", 2)) or len({e.label for e in usable}) < 2:
        return None
    if examples.model_sha256 and examples.model_sha256 != model.sha256:
        return None  # embeddings of another model file are not comparable
    regression = examples.cached(
        "examples.regression",
        lambda: SoftmaxRegression(
            examples.labels, examples.matrix(), float(settings.get("l2", 1e-2))
        ),
    )
    assert isinstance(regression, SoftmaxRegression)
    vector = embed_message(message, model)
    probabilities = {c: p for c, p in regression.probabilities(vector).items() if c in categories}
    total = sum(probabilities.values()) or 1.0
    probabilities = {c: p / total for c, p in probabilities.items()}
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
